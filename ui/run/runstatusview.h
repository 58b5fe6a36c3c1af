// What the Run panel says about the last call: a status line ("forward on cpu: 3.2 ms", "Benchmarking…"),
// and for a failed call its message in red, the worker's detail (the TorchScript traceback) and a link to
// the failing line of the archived code.
#pragma once

#include "types/error.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace jitscope::ui {

class RunStatusView : public QWidget
{
    Q_OBJECT
public:
    explicit RunStatusView(QWidget* parent = nullptr);

    // A plain status (rich text allowed); hides an earlier error's detail and link.
    void showStatus(const QString& text);
    void appendStatus(const QString& text); // " · text" after what is shown
    void showWarning(const QString& text);  // in amber: the window gave up on a call
    void showError(const Error& error);
    QString text() const;
    QLabel* errorLink() const { return m_errorLink; }

Q_SIGNALS:
    // The innermost line of the archived code where a call failed ("code/__torch__/…py", 1-based line).
    void errorLocation(const QString& file, int line);
    // The user followed the "Show line N in Code" link.
    void codeLineRequested(const QString& file, int line);

private:
    void hideError();

    QLabel* m_status;
    QLabel* m_errorLink;
    QPlainTextEdit* m_errorDetail;
};

} // namespace jitscope::ui
