#include "server.h"

#include "engine/run.h"
#include "protocol/session.h"

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unistd.h>

namespace jitscope::cli {

namespace {

// Limits on one request line: far beyond any real request, low enough that a hostile or broken client
// cannot exhaust the worker's memory or stack.
constexpr size_t kMaxLineBytes = 16u << 20;
constexpr int kMaxNesting = 256;

// Reads one line, keeping at most kMaxLineBytes of it (the rest is skipped); false at EOF with nothing read.
bool readLine(std::istream& in, std::string& line, bool& tooLong)
{
    line.clear();
    tooLong = false;
    std::streambuf* buffer = in.rdbuf();
    bool any = false;
    for (;;) {
        const int c = buffer->sbumpc();
        if (c == std::char_traits<char>::eof())
            return any;
        any = true;
        if (c == '\n')
            return true;
        if (line.size() < kMaxLineBytes)
            line.push_back(static_cast<char>(c));
        else
            tooLong = true;
    }
}

// Bracket depth outside strings: nlohmann parses deep nesting iteratively, but dumping or walking such a
// value recurses.
bool nestedTooDeep(const std::string& text)
{
    int depth = 0;
    bool inString = false, escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxNesting)
                return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

Json badRequest(const Json& id, const std::string& message, const std::string& detail = {})
{
    return protocol::errorMessage(id, protocol::badRequest(message, detail));
}

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

protocol::Hello Server::hello()
{
    // A window on another machine shows where its worker runs: host, versions and the GPUs it can use.
    char host[256] = {};
    if (gethostname(host, sizeof(host) - 1) != 0)
        host[0] = '\0';
    protocol::Hello hello;
    hello.jitscope = jitscopeVersion();
    hello.libtorch = libtorchVersion();
    hello.pid = static_cast<int>(getpid());
    hello.host = host;
    if (const char* home = std::getenv("HOME"))
        hello.home = home;
    hello.devices = availableDevices();
    for (const std::string& device : hello.devices)
        hello.cuda_devices += device.rfind("cuda", 0) == 0 ? 1 : 0;
    return hello;
}

int Server::run(std::istream& in, std::ostream& out)
{
    m_out = &out;
    write(protocol::notificationMessage(hello()));

    // The reader runs on this thread and answers `cancel`/`ping` at once; requests run in order on the
    // executor thread so a long benchmark can still be stopped. EOF or `shutdown` closes the queue: the
    // executor finishes what was queued before it, answers the shutdown, and ends.
    struct ExitTimer
    {
        std::mutex mutex;
        bool finished = false; // run() has returned
    };
    const auto exitTimer = std::make_shared<ExitTimer>();
    std::mutex queueMutex;
    std::condition_variable queueChanged;
    std::deque<protocol::Message> queue;
    bool closed = false;
    std::optional<Json> shutdownId;
    std::thread executor([&, exitTimer] {
        for (;;) {
            protocol::Message request;
            {
                std::unique_lock<std::mutex> lock(queueMutex);
                queueChanged.wait(lock, [&] { return closed || !queue.empty(); });
                if (queue.empty()) {
                    if (shutdownId) {
                        write(protocol::resultMessage(*shutdownId, protocol::Empty{}));
                        // The reader answers later lines with bad_request until stdin closes; a client that
                        // keeps it open does not keep the worker alive for long. The timer outlives this
                        // Server: once run() has returned it must not touch it (under ASan the exit takes
                        // longer than 3 s, and the timer locked a destroyed mutex: an abort).
                        std::thread([this, exitTimer] {
                            std::this_thread::sleep_for(std::chrono::seconds(3));
                            std::lock_guard<std::mutex> guard(exitTimer->mutex);
                            if (exitTimer->finished)
                                return;
                            std::lock_guard<std::mutex> lock(m_writeMutex);
                            m_out->flush();
                            _exit(0);
                        }).detach();
                    }
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
    bool tooLong = false, shutDown = false;
    while (readLine(in, line, tooLong)) {
        if (tooLong) {
            write(badRequest(Json(), "Request line longer than " + std::to_string(kMaxLineBytes >> 20) +
                                         " MiB; ignored."));
            continue;
        }
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        if (nestedTooDeep(line)) {
            write(badRequest(Json(), "Request nested more than " + std::to_string(kMaxNesting) +
                                         " levels deep; ignored."));
            continue;
        }
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
        if (shutDown) {
            write(
                badRequest(request.id, "The worker is shutting down: no requests are taken after shutdown."));
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
            closed = true; // the executor finishes what was queued, answers, and ends
            shutDown = true;
            queueChanged.notify_one();
            continue;
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
    std::lock_guard<std::mutex> guard(exitTimer->mutex);
    exitTimer->finished = true;
    return 0;
}

} // namespace jitscope::cli
