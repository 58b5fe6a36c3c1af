#include "server.h"

#include "protocol/session.h"

#include <condition_variable>
#include <deque>
#include <optional>
#include <thread>
#include <unistd.h>

namespace jitscope::cli {

namespace {

Error unknownHandle(int handle)
{
    return {ErrorCode::UnknownHandle, "No model is open with handle " + std::to_string(handle) + ".", {}, {}};
}

} // namespace

void Server::addHandler(const std::string& method, Handler handler)
{
    m_handlers[method] = std::move(handler);
}

std::shared_ptr<Model> Server::model(int handle) const
{
    std::lock_guard<std::mutex> lock(m_stateMutex);
    auto it = m_models.find(handle);
    if (it == m_models.end())
        throw RequestError(unknownHandle(handle));
    return it->second.model;
}

int Server::addModel(std::shared_ptr<Model> model)
{
    std::lock_guard<std::mutex> lock(m_stateMutex);
    const int handle = m_nextHandle++;
    m_models[handle].model = std::move(model);
    return handle;
}

void Server::removeModel(int handle)
{
    std::unique_ptr<Runner> runner; // released outside the lock: it may hold the last model reference
    std::lock_guard<std::mutex> lock(m_stateMutex);
    auto it = m_models.find(handle);
    if (it == m_models.end())
        throw RequestError(unknownHandle(handle));
    runner = std::move(it->second.lastRunner);
    m_models.erase(it);
}

Runner* Server::lastRunner(int handle) const
{
    std::lock_guard<std::mutex> lock(m_stateMutex);
    auto it = m_models.find(handle);
    if (it == m_models.end())
        throw RequestError(unknownHandle(handle));
    return it->second.lastRunner.get();
}

void Server::setLastRunner(int handle, std::unique_ptr<Runner> runner)
{
    std::lock_guard<std::mutex> lock(m_stateMutex);
    auto it = m_models.find(handle);
    if (it != m_models.end())
        it->second.lastRunner = std::move(runner);
}

void Server::write(const Json& message)
{
    // Invalid UTF-8 (binary extra files, odd debug names) must never kill the worker: replace it.
    const std::string line = message.dump(-1, ' ', false, Json::error_handler_t::replace);
    std::lock_guard<std::mutex> lock(m_writeMutex);
    *m_out << line << '\n';
    m_out->flush();
}

void Server::execute(const protocol::Message& request)
{
    try {
        auto it = m_handlers.find(request.method);
        if (it == m_handlers.end())
            throw RequestError(protocol::badRequest("Unknown method '" + request.method + "'."));
        Context context;
        context.id = request.id;
        context.cancelled = &m_cancelCurrent;
        context.write = [this](const Json& message) { write(message); };
        write(protocol::resultMessage(request.id, it->second(request.params, context)));
    } catch (const RequestError& e) {
        write(protocol::errorMessage(request.id, e.error));
    } catch (const std::exception& e) {
        write(protocol::errorMessage(request.id,
                                     {ErrorCode::Internal, "Internal error in the worker.", e.what(), {}}));
    }
}

template<class Queue>
void Server::cancel(const protocol::Message& request, Queue& queue, std::mutex& queueMutex)
{
    auto params = protocol::decodeParams<protocol::CancelRequest>(request.params);
    if (!params) {
        write(protocol::errorMessage(request.id, params.error()));
        return;
    }
    const Json& target = params->target;
    bool hit = false;
    {
        std::lock_guard<std::mutex> lock(m_stateMutex);
        if (!target.is_null() && target == m_currentId) {
            m_cancelCurrent = true;
            hit = true;
        }
    }
    if (!hit) { // maybe still queued: drop it and answer it as cancelled
        std::lock_guard<std::mutex> lock(queueMutex);
        for (auto it = queue.begin(); it != queue.end(); ++it) {
            if (it->id == target) {
                write(protocol::errorMessage(target,
                                             {ErrorCode::Cancelled, "Cancelled before it started.", {}, {}}));
                queue.erase(it);
                hit = true;
                break;
            }
        }
    }
    write(protocol::resultMessage(request.id, protocol::CancelResult{hit}));
}

int Server::run(std::istream& in, std::ostream& out)
{
    m_out = &out;
    protocol::Hello hello;
    hello.jitscope = jitscopeVersion();
    hello.libtorch = libtorchVersion();
    hello.pid = static_cast<int>(getpid());
    hello.cuda_devices = static_cast<int>(availableDevices().size()) - 1; // all but "cpu"
    write(protocol::notificationMessage(hello));

    // The reader runs on this thread and answers `cancel`/`ping` at once; requests run in order on the
    // executor thread so a long benchmark can still be stopped. EOF or `shutdown` closes the queue: the
    // executor finishes what was queued before it, answers the shutdown, and ends.
    std::mutex queueMutex;
    std::condition_variable queueChanged;
    std::deque<protocol::Message> queue;
    bool closed = false;
    std::optional<Json> shutdownId;
    std::thread executor([&] {
        for (;;) {
            protocol::Message request;
            {
                std::unique_lock<std::mutex> lock(queueMutex);
                queueChanged.wait(lock, [&] { return closed || !queue.empty(); });
                if (queue.empty()) {
                    if (shutdownId)
                        write(protocol::resultMessage(*shutdownId, protocol::Empty{}));
                    return;
                }
                request = std::move(queue.front());
                queue.pop_front();
            }
            {
                std::lock_guard<std::mutex> lock(m_stateMutex);
                m_currentId = request.id;
                m_cancelCurrent = false;
            }
            execute(request);
            std::lock_guard<std::mutex> lock(m_stateMutex);
            m_currentId = Json();
        }
    });

    std::string line;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        Json parsed = Json::parse(line, nullptr, false);
        protocol::Message request =
            parsed.is_discarded() ? protocol::Message{} : protocol::classify(std::move(parsed));
        if (request.kind == protocol::Message::Kind::Notification)
            request.kind = protocol::Message::Kind::Request; // a request without id: answered with id null
        if (request.kind != protocol::Message::Kind::Request) {
            write(protocol::errorMessage(request.id,
                                         protocol::badRequest("Malformed request: expected one JSON object "
                                                              "with a \"method\" per line.",
                                                              line.substr(0, 200))));
            continue;
        }
        if (request.method == protocol::methodOf<protocol::CancelRequest>()) {
            cancel(request, queue, queueMutex);
            continue;
        }
        if (request.method == protocol::methodOf<protocol::PingRequest>()) {
            write(protocol::resultMessage(request.id, protocol::Empty{}));
            continue;
        }
        if (request.method == protocol::methodOf<protocol::ShutdownRequest>()) {
            std::lock_guard<std::mutex> lock(queueMutex);
            shutdownId = request.id;
            break;
        }
        {
            std::lock_guard<std::mutex> lock(queueMutex);
            queue.push_back(std::move(request));
        }
        queueChanged.notify_one();
    }
    {
        std::lock_guard<std::mutex> lock(queueMutex);
        closed = true;
    }
    queueChanged.notify_one();
    executor.join();
    return 0;
}

} // namespace jitscope::cli
