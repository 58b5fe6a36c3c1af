#include "workerprofiles.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStringList>
#include <QVariantMap>

namespace jitscope::ui {

namespace {
const QString kList = QStringLiteral("workers/list");
const QString kCurrent = QStringLiteral("workers/current");
const QString kFolders = QStringLiteral("workers/lastFolders");
const QString kPaths = QStringLiteral("workers/recentPaths"); // path → worker name
constexpr int kMaxRememberedPaths = 50;

QString tr(const char* text)
{
    return QCoreApplication::translate("WorkerProfiles", text);
}
} // namespace

QString WorkerProfiles::localName()
{
    return tr("Local");
}

QList<WorkerProfile> WorkerProfiles::templates()
{
    return {{tr("GPU box over ssh"), QStringLiteral("ssh -C gpu-box jitscope-cli serve")},
            {tr("Through a bastion"), QStringLiteral("ssh -C -J bastion gpu-box jitscope-cli serve")},
            {tr("Slurm GPU node"), QStringLiteral("srun --gres=gpu:1 --pty jitscope-cli serve")},
            {tr("Docker container"), QStringLiteral("docker exec -i CONTAINER jitscope-cli serve")},
            {tr("Kubernetes pod"), QStringLiteral("kubectl exec -i POD -- jitscope-cli serve")}};
}

QList<WorkerProfile> WorkerProfiles::load()
{
    QList<WorkerProfile> profiles{{localName(), QString()}};
    QSettings settings;
    const int count = settings.beginReadArray(kList);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        WorkerProfile profile{settings.value(QStringLiteral("name")).toString(),
                              settings.value(QStringLiteral("command")).toString()};
        if (!profile.name.isEmpty() && !profile.command.trimmed().isEmpty())
            profiles << profile;
    }
    settings.endArray();
    return profiles;
}

void WorkerProfiles::save(const QList<WorkerProfile>& profiles)
{
    QSettings settings;
    settings.remove(kList);
    settings.beginWriteArray(kList);
    int index = 0;
    for (const WorkerProfile& profile : profiles) {
        if (profile.isLocal())
            continue;
        settings.setArrayIndex(index++);
        settings.setValue(QStringLiteral("name"), profile.name);
        settings.setValue(QStringLiteral("command"), profile.command);
    }
    settings.endArray();
}

QString WorkerProfiles::currentName()
{
    return QSettings().value(kCurrent, localName()).toString();
}

void WorkerProfiles::setCurrentName(const QString& name)
{
    QSettings().setValue(kCurrent, name);
}

WorkerProfile WorkerProfiles::find(const QList<WorkerProfile>& profiles, const QString& name)
{
    for (const WorkerProfile& profile : profiles)
        if (profile.name == name)
            return profile;
    return {localName(), QString()};
}

QString WorkerProfiles::lastFolder(const QString& workerName)
{
    return QSettings().value(kFolders).toMap().value(workerName).toString();
}

void WorkerProfiles::setLastFolder(const QString& workerName, const QString& folder)
{
    QSettings settings;
    QVariantMap folders = settings.value(kFolders).toMap();
    folders.insert(workerName, folder);
    settings.setValue(kFolders, folders);
}

// Kept as "worker<TAB>path" lines, most recent first, so the oldest are the ones dropped.
QString WorkerProfiles::workerOfPath(const QString& path)
{
    const QStringList entries = QSettings().value(kPaths).toStringList();
    for (const QString& entry : entries)
        if (entry.section(QLatin1Char('\t'), 1) == path)
            return entry.section(QLatin1Char('\t'), 0, 0);
    return {};
}

void WorkerProfiles::setWorkerOfPath(const QString& path, const QString& workerName)
{
    QSettings settings;
    QStringList entries = settings.value(kPaths).toStringList();
    entries.removeIf([&path](const QString& entry) { return entry.section(QLatin1Char('\t'), 1) == path; });
    entries.prepend(workerName + QLatin1Char('\t') + path);
    while (entries.size() > kMaxRememberedPaths)
        entries.removeLast();
    settings.setValue(kPaths, entries);
}

} // namespace jitscope::ui
