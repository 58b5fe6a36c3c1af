// Brings a file of the worker's machine here (download requests): offset 0 first, whose answer says the size
// and the SHA-256, then the rest in chunks, several in flight; written in order through a QSaveFile, so the
// local file appears only whole and checked.
#pragma once

#include "remotefiles.h"

#include <QCryptographicHash>
#include <QMap>
#include <QObject>
#include <QSaveFile>

#include <memory>

namespace jitscope::ui {

class Downloader : public QObject
{
    Q_OBJECT
public:
    static constexpr int kInFlight = 4;

    explicit Downloader(WorkerClient* worker, QObject* parent = nullptr);
    void start(const QString& remotePath, const QString& localPath);
    void cancel(); // the local file is left as it was
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(qint64 received, qint64 total);
    void finished(const QString& localPath);
    void failed(const QString& message);

private:
    void request(qint64 offset);
    void requestMore();
    void onAnswer(const jitscope::protocol::DownloadResult& result);
    void writeReady(); // the chunks that continue what is written, in order
    void finish();
    void fail(const QString& message);

    RemoteFiles m_files;
    QString m_remote;
    std::unique_ptr<QSaveFile> m_out;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    QByteArray m_expected; // hex digest from the first answer
    QMap<qint64, QByteArray> m_early; // chunks that arrived before the ones in front of them
    qint64 m_size = -1;     // -1 until the first answer
    qint64 m_requested = 0; // bytes asked for
    qint64 m_written = 0;
    int m_inFlight = 0;
    int m_run = 0; // answers of a cancelled or earlier run are ignored
    bool m_running = false;
};

} // namespace jitscope::ui
