// Watches one file for changes that have finished: debounced, and only once the write has settled.
#pragma once

#include <QElapsedTimer>
#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace jitscope::ui {

// `torch.jit.save` and most editors replace a file (write a temp file, rename it over the old one), which
// QFileSystemWatcher reports once and then stops watching the path: the directory is watched too, and the
// file is watched again whenever it reappears. Notifications come in bursts while a file is written, so
// each one only restarts a timer; when it fires, the file's identity (inode, size, modification and change
// times) is compared with the one seen last time and with the one last reported:
//  - missing or still changing: wait another interval (the writer is not done, or is between unlink and
//    rename);
//  - unchanged over a whole interval, or last modified longer than an interval ago: settled. If it
//    differs from what was last reported, changed() is emitted once.
// A slow writer that pauses longer than the interval can still be caught half way: the reader must be
// ready to retry (see AutoReloader).
class FileWatcher : public QObject
{
    Q_OBJECT
public:
    explicit FileWatcher(QObject* parent = nullptr);

    // Starts watching `path` ("" stops), taking its current content as known: only later changes count.
    void watch(const QString& path);
    QString path() const { return m_path; }
    // Takes the file as it is now as known (after it was loaded): changes made so far are not reported.
    void acknowledge();
    void setSettleMs(int ms) { m_settleMs = ms; } // the debounce interval (300 ms)
    int settleMs() const { return m_settleMs; }
    bool isSettling() const { return m_timer.isActive(); }

    // What identifies one version of a file; equal stamps are taken as equal content.
    struct Stamp
    {
        bool exists = false;
        quint64 inode = 0;
        qint64 size = -1;
        qint64 mtimeNs = 0;
        qint64 ctimeNs = 0;
        bool operator==(const Stamp& o) const
        {
            return exists == o.exists && inode == o.inode && size == o.size && mtimeNs == o.mtimeNs &&
                   ctimeNs == o.ctimeNs;
        }
        bool operator!=(const Stamp& o) const { return !(*this == o); }
    };
    static Stamp stampOf(const QString& path);

Q_SIGNALS:
    void changed(const QString& path);  // the file is different from what was known and has settled
    void settling(const QString& path); // a change is being written; changed() follows when it settles

private:
    void onNotified();
    void check();
    void rewatch();

    QFileSystemWatcher m_watcher;
    QTimer m_timer;
    QString m_path;
    Stamp m_known; // what was last reported or acknowledged
    Stamp m_seen;  // what the last check saw
    bool m_announced = false;
    QElapsedTimer m_missingFor; // a file gone for good stops the checks
    int m_settleMs = 300;
};

} // namespace jitscope::ui
