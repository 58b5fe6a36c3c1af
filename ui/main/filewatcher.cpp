#include "filewatcher.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <sys/stat.h>

namespace jitscope::ui {

namespace {
// A file that stays missing this long was deleted, not replaced: stop polling until the next notification.
constexpr qint64 kGiveUpMissingMs = 10000;

qint64 nanoseconds(const timespec& t)
{
    return static_cast<qint64>(t.tv_sec) * 1000000000 + t.tv_nsec;
}
} // namespace

FileWatcher::FileWatcher(QObject* parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    // A coarse timer may fire up to 5 % early; two checks that saw the same stamp must really be settleMs
    // apart, or a burst's end is reported too soon (test_filewatcher failed so under load).
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &FileWatcher::check);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &FileWatcher::onNotified);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &FileWatcher::onNotified);
}

FileWatcher::Stamp FileWatcher::stampOf(const QString& path)
{
    Stamp stamp;
    struct stat st
    {
    };
    if (path.isEmpty() || ::stat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode))
        return stamp;
    stamp.exists = true;
    stamp.inode = st.st_ino;
    stamp.size = st.st_size;
    stamp.mtimeNs = nanoseconds(st.st_mtim);
    stamp.ctimeNs = nanoseconds(st.st_ctim);
    return stamp;
}

void FileWatcher::watch(const QString& path)
{
    const QString absolute = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    if (absolute == m_path) {
        acknowledge();
        return;
    }
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    m_timer.stop();
    m_path = absolute;
    if (m_path.isEmpty())
        return;
    m_watcher.addPath(QFileInfo(m_path).absolutePath());
    rewatch();
    acknowledge();
}

void FileWatcher::acknowledge()
{
    m_known = m_seen = stampOf(m_path);
    m_announced = false;
}

void FileWatcher::rewatch()
{
    if (!m_watcher.files().contains(m_path) && QFileInfo::exists(m_path))
        m_watcher.addPath(m_path);
}

void FileWatcher::onNotified()
{
    if (m_path.isEmpty())
        return;
    rewatch(); // a replaced file is a new inode: the old watch is gone
    m_missingFor.invalidate();
    m_timer.start(m_settleMs); // debounce: restarts on every notification of a burst
}

void FileWatcher::check()
{
    rewatch();
    const Stamp now = stampOf(m_path);
    if (!now.exists) {
        // Between unlink and rename, or deleted: look again for a while.
        if (!m_missingFor.isValid())
            m_missingFor.start();
        if (m_missingFor.elapsed() < kGiveUpMissingMs)
            m_timer.start(m_settleMs);
        m_seen = now;
        return;
    }
    m_missingFor.invalidate();
    if (now == m_known) {
        m_seen = now; // touched and put back, or a neighbour in the directory changed
        return;
    }
    const qint64 ageNs = QDateTime::currentMSecsSinceEpoch() * 1000000 - now.mtimeNs;
    const bool settled = now == m_seen || ageNs >= qint64(m_settleMs) * 1000000;
    m_seen = now;
    if (!settled) {
        if (!m_announced) {
            m_announced = true;
            Q_EMIT settling(m_path);
        }
        m_timer.start(m_settleMs);
        return;
    }
    m_known = now;
    m_announced = false;
    Q_EMIT changed(m_path);
}

} // namespace jitscope::ui
