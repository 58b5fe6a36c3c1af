// The password dialog ssh shows through SSH_ASKPASS: `jitscope --askpass PROMPT` (or the jitscope-askpass
// link) prints what was typed on stdout and exits 0, or exits 1 when cancelled. ssh's stdin is the
// protocol pipe, so without this a passphrase prompt would have nowhere to go.
#pragma once

#include <QDialog>

class QLineEdit;

namespace jitscope::ui {

class AskpassDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AskpassDialog(const QString& prompt, QWidget* parent = nullptr);
    QString answer() const;
    QLineEdit* edit() const { return m_edit; }
    // A yes/no question (an unknown host key) is answered in clear text; a secret is hidden.
    static bool isQuestion(const QString& prompt);

    // The whole askpass program: shows the dialog, writes the answer to stdout; returns the exit code.
    static int run(const QString& prompt);

private:
    QLineEdit* m_edit;
};

} // namespace jitscope::ui
