#include "workersession.h"

#include "format.h"
#include "workerclient.h"

namespace jitscope::ui {

WorkerSession::WorkerSession(WorkerClient* client, QObject* parent) : QObject(parent), m_client(client)
{
    m_pool.setMaxThreadCount(2);
    connect(m_client, &WorkerClient::ready, this, &WorkerSession::onHello);
    connect(m_client, &WorkerClient::notificationReceived, this,
            [this](const QString& method, const protocol::Payload& payload) {
                const auto it = m_notificationHandlers.find(method.toStdString());
                if (it == m_notificationHandlers.end())
                    return;
                for (const NotificationHandler& handler : it->second)
                    if (handler.context)
                        handler.handle(payload);
            });
}

WorkerSession::~WorkerSession()
{
    m_pool.waitForDone();
}

static_assert(WorkerClient::kMaxProtocol == protocol::kVersion, "the client refuses what the session cannot read");

void WorkerSession::onHello()
{
    auto hello = protocol::decodeResult<protocol::Hello>(m_client->hello().json);
    m_hello = hello ? hello.value() : protocol::Hello{};
    if (!hello || m_hello.protocol != protocol::kVersion) {
        Q_EMIT incompatible(m_client->incompatibleMessage(hello ? m_hello.protocol : 0, protocol::kVersion));
        return;
    }
    Q_EMIT ready();
}

int WorkerSession::send(const char* method, protocol::Payload params, Decoder decode, Deliver deliver,
                        ErrorFn fail, ProgressFn progress)
{
    const int generation = m_client->generation();
    auto failed = std::make_shared<ErrorFn>(std::move(fail));
    WorkerClient::Callbacks callbacks;
    callbacks.onError = [failed](const Error& error) {
        if (*failed)
            (*failed)(error);
    };
    callbacks.onProgress = std::move(progress);
    callbacks.onResult = [this, generation, failed, decode = std::move(decode),
                          deliver = std::move(deliver)](protocol::Payload result) {
        // Decode on the pool; deliver on the UI thread unless another model was opened meanwhile.
        auto input = std::make_shared<protocol::Payload>(std::move(result));
        m_pool.start([this, generation, failed, decode, deliver, input] {
            auto decoded = std::make_shared<Decoded>(decode(*input));
            QMetaObject::invokeMethod(
                this,
                [this, generation, failed, deliver, decoded] {
                    if (generation != m_client->generation())
                        return;
                    if (!decoded->value) {
                        if (*failed)
                            (*failed)(decoded->error);
                        return;
                    }
                    deliver(decoded->value);
                },
                Qt::QueuedConnection);
        });
    };
    return m_client->request(QString::fromLatin1(method), params, std::move(callbacks));
}

void WorkerSession::cancel(int id)
{
    m_client->cancel(id);
}

void WorkerSession::addNotificationHandler(const char* method, QObject* context,
                                           std::function<void(const protocol::Payload&)> handle)
{
    m_notificationHandlers[method].push_back({context, std::move(handle)});
}

} // namespace jitscope::ui
