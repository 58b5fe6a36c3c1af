#include "server.h"

#include "engine/run.h"

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <iostream>
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
    return Json{{"id", id}, {"error", Error{ErrorCode::BadRequest, message, detail, {}}}};
}

} // namespace

Server::Server()
{
    addHandler("ping", [](const Json&, Context&) { return Json::object(); });
}

void Server::addHandler(const std::string& method, Handler handler)
{
    m_handlers[method] = std::move(handler);
}

std::shared_ptr<Model> Server::model(const Json& params) const
{
    const int handle = param<int>(params, "handle", 0);
    std::lock_guard<std::mutex> lock(m_stateMutex);
    auto it = m_models.find(handle);
    if (it == m_models.end())
        throw RequestError({ErrorCode::UnknownHandle,
                            "No model is open with handle " + std::to_string(handle) + ".",
                            {},
                            {}});
    return it->second;
}

int Server::addModel(std::shared_ptr<Model> model)
{
    std::lock_guard<std::mutex> lock(m_stateMutex);
    const int handle = m_nextHandle++;
    m_models[handle] = std::move(model);
    return handle;
}

void Server::removeModel(int handle)
{
    std::lock_guard<std::mutex> lock(m_stateMutex);
    if (m_models.erase(handle) == 0)
        throw RequestError({ErrorCode::UnknownHandle,
                            "No model is open with handle " + std::to_string(handle) + ".",
                            {},
                            {}});
}

void Server::write(const Json& message)
{
    // Invalid UTF-8 (binary extra files, odd debug names) must never kill the worker: replace it.
    const std::string line = message.dump(-1, ' ', false, Json::error_handler_t::replace);
    std::lock_guard<std::mutex> lock(m_writeMutex);
    *m_out << line << '\n';
    m_out->flush();
}

void Server::execute(const Json& request)
{
    const Json id = request.value("id", Json());
    Json response = {{"id", id}};
    try {
        const std::string method = request.value("method", std::string());
        auto it = m_handlers.find(method);
        if (it == m_handlers.end())
            throw RequestError({ErrorCode::BadRequest, "Unknown method '" + method + "'.", {}, {}});
        Context context;
        context.id = id;
        context.cancelled = &m_cancelCurrent;
        context.notify = [this](const std::string& name, Json params) {
            write(Json{{"method", name}, {"params", std::move(params)}});
        };
        response["result"] = it->second(request.value("params", Json::object()), context);
    } catch (const RequestError& e) {
        response["error"] = e.error;
    } catch (const std::exception& e) {
        response["error"] = Error{ErrorCode::Internal, "Internal error in the worker.", e.what(), {}};
    }
    write(response);
}

Json Server::helloParams()
{
    // A window on another machine shows where its worker runs: host, versions and the GPUs it can use.
    char host[256] = {};
    if (gethostname(host, sizeof(host) - 1) != 0)
        host[0] = '\0';
    Json devices = Json::array();
    int cuda = 0;
    for (const std::string& device : availableDevices()) {
        devices.push_back(device);
        cuda += device.rfind("cuda", 0) == 0 ? 1 : 0;
    }
    const char* home = std::getenv("HOME");
    return {{"protocol", kProtocolVersion},
            {"jitscope", jitscopeVersion()},
            {"libtorch", libtorchVersion()},
            {"pid", static_cast<int>(getpid())},
            {"host", std::string(host)},
            {"home", home ? std::string(home) : std::string()},
            {"cuda_devices", cuda},
            {"devices", devices}};
}

int Server::run(std::istream& in, std::ostream& out)
{
    m_out = &out;
    write(Json{{"method", "hello"}, {"params", helloParams()}});

    // The reader runs on this thread and answers `cancel`/`ping` at once; requests run in order on the
    // executor thread so a long benchmark can still be stopped.
    std::mutex queueMutex;
    std::condition_variable queueChanged;
    std::deque<Json> queue;
    bool done = false;
    std::thread executor([&] {
        for (;;) {
            Json request;
            {
                std::unique_lock<std::mutex> lock(queueMutex);
                queueChanged.wait(lock, [&] { return done || !queue.empty(); });
                if (queue.empty())
                    return;
                request = std::move(queue.front());
                queue.pop_front();
            }
            {
                std::lock_guard<std::mutex> lock(m_stateMutex);
                m_currentId = request.value("id", Json());
                m_cancelCurrent = false;
            }
            const bool shutdown = request.value("method", std::string()) == "shutdown";
            if (shutdown) {
                if (!request.value("internal", false))
                    write(Json{{"id", request.value("id", Json())}, {"result", Json::object()}});
                std::lock_guard<std::mutex> lock(queueMutex);
                done = true;
                queue.clear();
                if (!request.value("internal", false)) {
                    // The reader answers later lines with bad_request until stdin closes; a client that
                    // keeps it open does not keep the worker alive for long.
                    std::thread([this] {
                        std::this_thread::sleep_for(std::chrono::seconds(3));
                        std::lock_guard<std::mutex> lock(m_writeMutex);
                        m_out->flush();
                        _exit(0);
                    }).detach();
                }
                return;
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
        Json request = Json::parse(line, nullptr, false);
        if (request.is_discarded() || !request.is_object() || !request.contains("method") ||
            !request["method"].is_string()) {
            write(Json{{"id", request.is_object() ? request.value("id", Json()) : Json()},
                       {"error", Error{ErrorCode::BadRequest,
                                       "Malformed request: expected one JSON object "
                                       "with a \"method\" per line.",
                                       line.substr(0, 200),
                                       {}}}});
            continue;
        }
        const std::string method = request["method"];
        if (shutDown) {
            write(badRequest(request.value("id", Json()),
                             "The worker is shutting down: no requests are taken after shutdown."));
            continue;
        }
        if (method == "cancel") {
            const Json target = request.contains("params") && request["params"].is_object()
                                    ? request["params"].value("target", Json())
                                    : Json();
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
                    if (it->value("id", Json()) == target) {
                        write(Json{
                            {"id", target},
                            {"error", Error{ErrorCode::Cancelled, "Cancelled before it started.", {}, {}}}});
                        queue.erase(it);
                        hit = true;
                        break;
                    }
                }
            }
            write(Json{{"id", request.value("id", Json())}, {"result", {{"cancelled", hit}}}});
            continue;
        }
        if (method == "ping") {
            write(Json{{"id", request.value("id", Json())}, {"result", Json::object()}});
            continue;
        }
        {
            std::lock_guard<std::mutex> lock(queueMutex);
            if (done)
                break;
            queue.push_back(std::move(request));
        }
        queueChanged.notify_one();
        if (method == "shutdown") {
            // Lines after shutdown get bad_request until the client closes stdin; one that keeps it open
            // does not keep the worker alive for long.
            shutDown = true;
        }
    }
    {
        // EOF (or shutdown): the executor finishes what was queued, then stops.
        std::lock_guard<std::mutex> lock(queueMutex);
        queue.push_back(Json{{"method", "shutdown"}, {"internal", true}});
    }
    queueChanged.notify_one();
    executor.join();
    return 0;
}

} // namespace jitscope::cli
