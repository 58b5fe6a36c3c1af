// Settings: the custom-op libraries loaded before every model (QSettings "libraries"), whether a file that
// changes on disk is reloaded ("reloadOnChange", on by default), the time limit of Run and Benchmark calls
// ("runTimeLimit", seconds, 0 = none) and the worker's memory limit ("workerMemoryGb", default 80 % of
// RAM; `serve --max-memory`). All but the libraries are stored when the dialog is accepted.
#pragma once

#include <QDialog>

class QCheckBox;
class QDoubleSpinBox;
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
    static double storedRunTimeLimit();
    static void storeRunTimeLimit(double seconds);
    static double storedWorkerMemoryGb();
    static void storeWorkerMemoryGb(double gb);
    static double defaultWorkerMemoryGb(); // 80 % of this machine's RAM
    // What a local worker is started with: {"--max-memory", "12.8"}, or nothing without a limit.
    static QStringList workerArguments();

private:
    QListWidget* m_list;
    QCheckBox* m_reload;
    QDoubleSpinBox* m_timeLimit;
    QDoubleSpinBox* m_memory;
};

} // namespace jitscope::ui
