// Sends a local file to the worker in chunks (upload requests), several in flight so a slow link stays
// busy; the last one carries the SHA-256 the worker checks. Reading and hashing happen chunk by chunk.
#pragma once

#include "remotefiles.h"

#include <QCryptographicHash>
#include <QFile>
#include <QObject>

namespace jitscope::ui {

class Uploader : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kChunkBytes = 1 << 20;
    static constexpr int kInFlight = 4;

    explicit Uploader(WorkerClient* worker, QObject* parent = nullptr);
    void start(const QString& localPath);
    void cancel(); // stops sending; the worker drops the partial file when it exits
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(qint64 acknowledged, qint64 total);
    void finished(const QString& remotePath);
    void failed(const QString& message);

private:
    void sendMore();
    void sendChunk();
    void onAnswer(const jitscope::protocol::UploadResult& result);
    void fail(const QString& message);

    RemoteFiles m_files;
    QFile m_file;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    QString m_token;
    qint64 m_size = 0;
    qint64 m_sent = 0; // bytes put on the wire
    int m_inFlight = 0;
    int m_run = 0; // answers of a cancelled or earlier run are ignored
    bool m_running = false;
};

} // namespace jitscope::ui
