// Named worker commands (Settings › Workers): where models run. "Local" is the jitscope-cli next to the
// window; the others are command lines such as "ssh gpu-box jitscope-cli serve".
#pragma once

#include <QList>
#include <QString>

namespace jitscope::ui {

struct WorkerProfile
{
    QString name;
    QString command; // "" for Local
    bool isLocal() const { return command.isEmpty(); }
    bool operator==(const WorkerProfile& other) const
    {
        return name == other.name && command == other.command;
    }
};

// Stored in QSettings: the list, the chosen one, the last remote folder of each and which worker each
// recently opened path was opened on.
class WorkerProfiles
{
public:
    static QString localName();
    static QList<WorkerProfile> templates(); // examples to start from (ssh, ssh -J, srun, docker, kubectl)

    static QList<WorkerProfile> load();                     // Local first, then the user's
    static void save(const QList<WorkerProfile>& profiles); // Local is implied and not stored
    static QString currentName();
    static void setCurrentName(const QString& name);
    static WorkerProfile find(const QList<WorkerProfile>& profiles, const QString& name); // Local if none

    static QString lastFolder(const QString& workerName);
    static void setLastFolder(const QString& workerName, const QString& folder);
    static QString workerOfPath(const QString& path); // "" when unknown
    static void setWorkerOfPath(const QString& path, const QString& workerName);
};

} // namespace jitscope::ui
