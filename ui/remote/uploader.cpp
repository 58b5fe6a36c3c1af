#include "uploader.h"

#include "format.h"

#include <QFileInfo>

namespace jitscope::ui {

Uploader::Uploader(WorkerClient* worker, QObject* parent) : QObject(parent), m_files(worker) {}

void Uploader::start(const QString& localPath)
{
    cancel();
    m_file.setFileName(localPath);
    if (!m_file.open(QIODevice::ReadOnly)) {
        fail(tr("Cannot read %1: %2").arg(localPath, m_file.errorString()));
        return;
    }
    ++m_run;
    m_running = true;
    m_hash.reset();
    m_token.clear();
    m_size = m_file.size();
    m_sent = 0;
    m_inFlight = 0;
    Q_EMIT progress(0, m_size);
    sendChunk(); // the first answer brings the token the others name
}

void Uploader::cancel()
{
    ++m_run;
    m_running = false;
    m_file.close();
}

void Uploader::sendMore()
{
    while (m_running && !m_token.isEmpty() && m_inFlight < kInFlight && m_sent < m_size)
        sendChunk();
}

void Uploader::sendChunk()
{
    const QByteArray bytes = m_file.read(std::min(kChunkBytes, m_size - m_sent));
    if (bytes.size() != std::min(kChunkBytes, m_size - m_sent)) {
        fail(tr("Cannot read %1: %2").arg(m_file.fileName(), m_file.errorString()));
        return;
    }
    m_hash.addData(bytes);
    protocol::UploadRequest request;
    request.upload = m_token.toStdString();
    request.name = QFileInfo(m_file.fileName()).fileName().toStdString();
    request.size = m_size;
    request.offset = m_sent;
    request.data = bytes.toBase64().toStdString();
    m_sent += bytes.size();
    if (m_sent == m_size)
        request.sha256 = m_hash.result().toHex().toStdString();
    ++m_inFlight;
    const int run = m_run;
    m_files.upload(
        request,
        [this, run](const protocol::UploadResult& result) {
            if (run == m_run)
                onAnswer(result);
        },
        [this, run](const Error& error) {
            if (run == m_run)
                fail(qs(error.message));
        });
}

void Uploader::onAnswer(const protocol::UploadResult& result)
{
    --m_inFlight;
    m_token = qs(result.upload);
    Q_EMIT progress(result.received, m_size);
    if (result.complete) {
        m_running = false;
        m_file.close();
        Q_EMIT finished(qs(result.path));
        return;
    }
    sendMore();
}

void Uploader::fail(const QString& message)
{
    cancel();
    Q_EMIT failed(message);
}

} // namespace jitscope::ui
