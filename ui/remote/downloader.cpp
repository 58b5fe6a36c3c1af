#include "downloader.h"

#include "format.h"

namespace jitscope::ui {

Downloader::Downloader(WorkerClient* worker, QObject* parent) : QObject(parent), m_files(worker) {}

void Downloader::start(const QString& remotePath, const QString& localPath)
{
    cancel();
    m_out = std::make_unique<QSaveFile>(localPath);
    if (!m_out->open(QIODevice::WriteOnly)) {
        fail(tr("Cannot write %1: %2").arg(localPath, m_out->errorString()));
        return;
    }
    ++m_run;
    m_running = true;
    m_remote = remotePath;
    m_hash.reset();
    m_expected.clear();
    m_early.clear();
    m_size = -1;
    m_requested = m_written = 0;
    m_inFlight = 0;
    request(0); // its answer says how much there is to ask for
}

void Downloader::cancel()
{
    ++m_run;
    m_running = false;
    if (m_out)
        m_out->cancelWriting();
    m_out.reset();
    m_early.clear();
}

void Downloader::request(qint64 offset)
{
    protocol::DownloadRequest request;
    request.path = m_remote.toStdString();
    request.offset = offset;
    request.length = protocol::DownloadRequest::kChunkBytes;
    m_requested = offset + request.length;
    ++m_inFlight;
    const int run = m_run;
    m_files.download(
        request,
        [this, run](const protocol::DownloadResult& result) {
            if (run == m_run)
                onAnswer(result);
        },
        [this, run](const Error& error) {
            if (run == m_run)
                fail(qs(error.message));
        });
}

void Downloader::requestMore()
{
    while (m_running && m_inFlight < kInFlight && m_requested < m_size)
        request(m_requested);
}

void Downloader::onAnswer(const protocol::DownloadResult& result)
{
    --m_inFlight;
    if (m_size < 0) {
        m_size = result.size;
        m_expected = QByteArray::fromStdString(result.sha256);
    } else if (result.size != m_size) {
        fail(tr("%1 changed on the worker while it was being fetched.").arg(m_remote));
        return;
    }
    const QByteArray bytes = QByteArray::fromBase64(QByteArray::fromStdString(result.data));
    const qint64 expected = std::min<qint64>(protocol::DownloadRequest::kChunkBytes, m_size - result.offset);
    if (bytes.size() != expected) {
        fail(tr("%1: the worker sent %2 bytes at offset %3, expected %4.")
                 .arg(m_remote)
                 .arg(bytes.size())
                 .arg(result.offset)
                 .arg(expected));
        return;
    }
    m_early.insert(result.offset, bytes);
    writeReady();
    if (!m_running)
        return;
    Q_EMIT progress(m_written, m_size);
    if (m_written == m_size)
        finish();
    else
        requestMore();
}

void Downloader::writeReady()
{
    for (auto it = m_early.find(m_written); it != m_early.end(); it = m_early.find(m_written)) {
        const QByteArray bytes = it.value();
        m_early.erase(it);
        if (m_out->write(bytes) != bytes.size()) {
            fail(tr("Cannot write %1: %2").arg(m_out->fileName(), m_out->errorString()));
            return;
        }
        m_hash.addData(bytes);
        m_written += bytes.size();
    }
}

void Downloader::finish()
{
    const QByteArray digest = m_hash.result().toHex();
    if (digest != m_expected.toLower()) {
        fail(tr("%1 arrived damaged: its SHA-256 differs from the worker's (%2, expected %3).")
                 .arg(m_remote, QString::fromLatin1(digest.left(12)), QString::fromLatin1(m_expected.left(12))));
        return;
    }
    const QString path = m_out->fileName();
    if (!m_out->commit()) {
        fail(tr("Cannot write %1: %2").arg(path, m_out->errorString()));
        return;
    }
    m_out.reset();
    m_running = false;
    Q_EMIT finished(path);
}

void Downloader::fail(const QString& message)
{
    cancel();
    Q_EMIT failed(message);
}

} // namespace jitscope::ui
