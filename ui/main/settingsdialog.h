// Settings: the custom-op libraries loaded before every model (QSettings "libraries") and whether a file
// that changes on disk is reloaded ("reloadOnChange", on by default; stored when the dialog is accepted).
#pragma once

#include <QDialog>

class QCheckBox;
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
    static bool storedReloadOnChange();
    static void storeReloadOnChange(bool on);

private:
    QListWidget* m_list;
    QCheckBox* m_reload;
};

} // namespace jitscope::ui
