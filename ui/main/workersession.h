// Typed calls to the worker: a core/protocol request in, its Result (or an Error) out, on the UI thread.
#pragma once

#include "types/error.h"
#include "protocol/protocol.h"
#include "protocol/session.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace jitscope::ui {

class WorkerClient;

// Sits on a WorkerClient (the process and the JSON lines): encodes a request, decodes its answer into the
// request's Result type on a thread pool (a Faster R-CNN graph takes a while), and calls back on the UI
// thread while the request's generation is current. It checks the worker's hello: a worker of another
// protocol version is refused with a message instead of being half understood.
class WorkerSession : public QObject
{
    Q_OBJECT
public:
    using ErrorFn = std::function<void(const Error& error)>;
    using ProgressFn = std::function<void(const QString& stage, double fraction)>;
    template<class R> using DoneFn = std::function<void(typename R::Result result)>;

    explicit WorkerSession(WorkerClient* client, QObject* parent = nullptr);
    ~WorkerSession() override;
    WorkerClient* client() const { return m_client; }

    // Sends `request`; returns its id (for cancel). At most one of done/fail runs; an answer that does not
    // decode as R::Result reaches `fail` as an internal error. `progress` gets the request's progress.
    template<class R>
    int request(const R& request, DoneFn<R> done, ErrorFn fail = {}, ProgressFn progress = {})
    {
        using T = typename R::Result;
        Decoder decode = [](const protocol::Payload& payload) -> Decoded {
            auto value = protocol::decodeResult<T>(payload.json);
            if (!value)
                return {nullptr, value.error()};
            return {std::make_shared<T>(std::move(value).value()), {}};
        };
        Deliver deliver = [done = std::move(done)](const std::shared_ptr<void>& value) {
            if (done)
                done(std::move(*static_cast<T*>(value.get())));
        };
        return send(protocol::methodOf<R>(), protocol::Payload::of(request), std::move(decode),
                    std::move(deliver), std::move(fail), std::move(progress));
    }
    void cancel(int id);

    // Notifications of type N (bench_sample …), decoded, while `context` lives. Undecodable ones are dropped.
    template<class N> void onNotification(QObject* context, std::function<void(const N&)> handler)
    {
        addNotificationHandler(protocol::methodOf<N>(), context, [handler](const protocol::Payload& payload) {
            auto value = protocol::decodeResult<N>(payload.json);
            if (value)
                handler(value.value());
        });
    }

    // The last hello (default-constructed before the first one).
    const protocol::Hello& hello() const { return m_hello; }

Q_SIGNALS:
    void ready();                             // a compatible worker said hello
    void incompatible(const QString& reason); // a worker of another protocol version said hello

private:
    struct Decoded
    {
        std::shared_ptr<void> value;
        Error error;
    };
    using Decoder = std::function<Decoded(const protocol::Payload&)>;
    using Deliver = std::function<void(const std::shared_ptr<void>&)>;
    struct NotificationHandler
    {
        QPointer<QObject> context;
        std::function<void(const protocol::Payload&)> handle;
    };

    int send(const char* method, protocol::Payload params, Decoder decode, Deliver deliver, ErrorFn fail,
             ProgressFn progress);
    void addNotificationHandler(const char* method, QObject* context,
                                std::function<void(const protocol::Payload&)> handle);
    void onHello();

    WorkerClient* m_client;
    protocol::Hello m_hello;
    std::map<std::string, std::vector<NotificationHandler>> m_notificationHandlers;
    QThreadPool m_pool; // last member: destroyed (and drained) first
};

} // namespace jitscope::ui
