#include "workerclient.h"

#include "format.h"
#include "protocol/session.h"

#include <QThread>

namespace jitscope::ui {

WorkerClient::WorkerClient(QObject* parent) : QObject(parent)
{
    m_parserThread = new QThread(this);
    m_parserThread->setObjectName(QStringLiteral("jitscope-protocol"));
    m_parserContext = new QObject;
    m_parserContext->moveToThread(m_parserThread);
    connect(m_parserThread, &QThread::finished, m_parserContext, &QObject::deleteLater);
    m_parserThread->start();
}

WorkerClient::~WorkerClient()
{
    stop();
    m_parserThread->quit();
    m_parserThread->wait();
}

void WorkerClient::start()
{
    if (m_process) {
        m_stopping = true; // the old process's end is not a crash
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
        m_process->deleteLater();
        m_process = nullptr;
    }
    m_stopping = false;
    m_ready = false;
    m_hello = {};
    m_buffer.clear();
    ++m_serial;
    failAll();

    m_failures.reset();
    m_process = new QProcess(this);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &WorkerClient::onStdout);
    connect(m_process, &QProcess::readyReadStandardError, this, &WorkerClient::onStderr);
    connect(m_process, &QProcess::finished, this, &WorkerClient::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &WorkerClient::onProcessError);
    connect(m_process, &QProcess::started, this, [this] { m_pid = m_process->processId(); });
    m_command.start(m_process);
}

void WorkerClient::stop()
{
    if (!m_process)
        return;
    m_stopping = true;
    failAll();
    if (m_process->state() != QProcess::NotRunning) {
        // EOF on stdin ends the serve loop; a worker stuck in a long request is killed.
        m_process->closeWriteChannel();
        if (!m_process->waitForFinished(1500)) {
            m_process->kill();
            m_process->waitForFinished(1000);
        }
    }
    delete m_process;
    m_process = nullptr;
    m_ready = false;
}

bool WorkerClient::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 WorkerClient::processId() const
{
    return isRunning() ? m_process->processId() : 0;
}

int WorkerClient::request(const QString& method, const protocol::Payload& params, Callbacks callbacks)
{
    const int id = m_nextId++;
    sendReserved(id, method, params, std::move(callbacks));
    return id;
}

void WorkerClient::sendReserved(int id, const QString& method, const protocol::Payload& params,
                                Callbacks callbacks)
{
    const QString description = describe(method, params);
    m_lastRequest = description;
    if (!isRunning()) {
        // Answer asynchronously, like the worker would, so callers need no special case.
        const int generation = m_generation;
        QMetaObject::invokeMethod(
            this,
            [this, generation, onError = callbacks.onError, description] {
                if (onError && generation == m_generation)
                    onError({ErrorCode::Internal,
                             QStringLiteral("The worker is not running (%1).").arg(description).toStdString(),
                             {},
                             {}});
            },
            Qt::QueuedConnection);
        return;
    }
    m_pending.insert(id, {description, m_generation, std::move(callbacks)});
    const Json message = protocol::requestMessage(id, method.toStdString(),
                                                  params.json.is_null() ? Json::object() : params.json);
    m_process->write(QByteArray::fromStdString(message.dump() + "\n"));
    Q_EMIT pendingCountChanged(m_pending.size());
}

void WorkerClient::cancel(int id)
{
    if (isRunning() && m_pending.contains(id))
        request(QString::fromLatin1(protocol::methodOf<protocol::CancelRequest>()),
                protocol::Payload::of(protocol::CancelRequest{id}));
}

int WorkerClient::nextGeneration()
{
    ++m_generation;
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it)
        it->callbacks = {}; // keep the entry: its answer is still expected, but nobody listens
    return m_generation;
}

QString WorkerClient::currentRequestDescription() const
{
    // The worker answers in order, so the oldest unanswered request is the one it was busy with; one of
    // the current generation says more to the user than a leftover of the previous model.
    int oldest = -1;
    bool current = false;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        const bool isCurrent = it->generation == m_generation;
        if (oldest < 0 || (isCurrent && !current) || (isCurrent == current && it.key() < oldest)) {
            oldest = it.key();
            current = isCurrent;
        }
    }
    return oldest < 0 ? m_lastRequest : m_pending.value(oldest).description;
}

void WorkerClient::onStdout()
{
    // What is buffered holds no newline (it was scanned before): look only at the new bytes, or a
    // 50 MB line arriving in 64 KiB pieces would be rescanned from its start every time.
    qsizetype search = m_buffer.size();
    m_buffer.append(m_process->readAllStandardOutput());
    qsizetype start = 0;
    for (qsizetype newline; (newline = m_buffer.indexOf('\n', search)) >= 0; start = search = newline + 1) {
        QByteArray line = m_buffer.mid(start, newline - start);
        if (line.trimmed().isEmpty())
            continue;
        // Parse on the helper thread, hand the result back in order (both hops are queued FIFO).
        const int serial = m_serial;
        QMetaObject::invokeMethod(m_parserContext, [this, serial, line = std::move(line)] {
            auto message = std::make_shared<protocol::Payload>();
            QString error;
            try {
                message->json = Json::parse(line.constData(), line.constData() + line.size());
            } catch (const std::exception& e) {
                error = QString::fromUtf8(e.what());
            }
            QMetaObject::invokeMethod(
                this, [this, serial, message, error] { handleLine(serial, message, error); },
                Qt::QueuedConnection);
        });
    }
    m_buffer.remove(0, start);
}

void WorkerClient::onStderr()
{
    m_failures.addStderr(m_process->readAllStandardError());
}

void WorkerClient::handleLine(int serial, const std::shared_ptr<protocol::Payload>& message,
                              const QString& parseError)
{
    if (serial != m_serial)
        return; // from a process that has since been replaced
    if (!parseError.isEmpty() || !message->json.is_object()) {
        qWarning("jitscope: unreadable line from the worker: %s", qPrintable(parseError));
        return;
    }
    protocol::Message line = protocol::classify(std::move(message->json));
    if (line.kind == protocol::Message::Kind::Notification) {
        const QString method = qs(line.method);
        if (line.method == protocol::methodOf<protocol::Hello>()) {
            m_hello = {line.params};
            m_failures.helloSeen();
            if (!checkHello(m_hello))
                return;
            m_ready = true;
            Q_EMIT ready();
        } else if (line.method == protocol::methodOf<protocol::Progress>()) {
            handleProgress({line.params});
        }
        Q_EMIT notificationReceived(method, {std::move(line.params)});
        return;
    }
    if (line.kind != protocol::Message::Kind::Response || !line.id.is_number_integer()) {
        if (line.failed)
            qWarning("jitscope: worker error without id: %s", line.error.message.c_str());
        return;
    }
    const int id = line.id.get<int>();
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const Pending pending = std::move(it.value());
    m_pending.erase(it);
    Q_EMIT pendingCountChanged(m_pending.size());
    if (pending.generation != m_generation)
        return;
    // An answer of an unexpected shape must not throw through the event loop (that would end the
    // window): it becomes an error of the request instead.
    try {
        if (line.failed) {
            if (pending.callbacks.onError)
                pending.callbacks.onError(line.error);
        } else if (pending.callbacks.onResult) {
            pending.callbacks.onResult({std::move(line.result)});
        }
    } catch (const std::exception& e) {
        qWarning("jitscope: unexpected answer to “%s”: %s", qPrintable(pending.description), e.what());
        if (pending.callbacks.onError)
            pending.callbacks.onError(
                {ErrorCode::Internal,
                 tr("The worker's answer to “%1” could not be read.").arg(pending.description).toStdString(),
                 e.what(),
                 {}});
    }
}

void WorkerClient::handleProgress(const protocol::Payload& params)
{
    auto progress = protocol::decodeResult<protocol::Progress>(params.json);
    if (!progress || !progress->id.is_number_integer())
        return;
    const auto it = m_pending.constFind(progress->id.get<int>());
    if (it == m_pending.cend() || it->generation != m_generation || !it->callbacks.onProgress)
        return;
    it->callbacks.onProgress(qs(progress->stage), progress->fraction);
}

void WorkerClient::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_stopping)
        return;
    onStderr(); // ssh's last words arrive with its exit
    m_ready = false;
    // Names the request in flight: before failAll().
    const QString description =
        m_failures.exited(exitCode, status, m_pid, currentRequestDescription(), m_hello);
    failAll();
    Q_EMIT crashed(description);
}

void WorkerClient::onProcessError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || m_stopping)
        return; // crashes are reported by onFinished
    m_ready = false;
    failAll();
    Q_EMIT crashed(m_failures.couldNotStart(m_process->errorString()));
}

bool WorkerClient::checkHello(const protocol::Payload& hello)
{
    const QString refusal = m_failures.refusal(hello, kMinProtocol, kMaxProtocol);
    if (refusal.isEmpty())
        return true;
    m_stopping = true; // its end is not a crash: it was refused
    m_ready = false;
    failAll();
    m_process->kill();
    m_process->waitForFinished(2000); // isRunning() is false once the refusal is reported
    Q_EMIT crashed(refusal);
    return false;
}

void WorkerClient::failAll()
{
    // The process that owed these answers is gone; the owner learns it from crashed() once.
    if (m_pending.isEmpty())
        return;
    m_pending.clear();
    Q_EMIT pendingCountChanged(0);
}

QString WorkerClient::describe(const QString& method, const protocol::Payload& payload)
{
    const Json& params = payload.json;
    QString text = method;
    for (const char* key : {"path", "module_path", "method", "name", "type"}) {
        const auto it = params.find(key);
        if (it != params.end() && it->is_string() && !it->get<std::string>().empty())
            text += QLatin1Char(' ') + qs(it->get<std::string>());
    }
    return text;
}

} // namespace jitscope::ui
