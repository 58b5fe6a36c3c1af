// Settings: the custom-op libraries loaded before every model (QSettings "libraries").
#pragma once

#include <QDialog>

class QListWidget;

namespace jitscope::ui {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const QStringList& libraries, QWidget* parent = nullptr);
    QStringList libraries() const;

    static QStringList storedLibraries();
    static void storeLibraries(const QStringList& libraries);

private:
    QListWidget* m_list;
};

} // namespace jitscope::ui
