// `jitscope-cli serve`: the JSON-lines worker the GUI talks to (docs/protocol.md).
#pragma once

#include "engine/engine.h"
#include "model/json.h"

#include <atomic>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <stdexcept>

namespace jitscope::cli {

// Thrown by handlers; becomes the `error` object of the response.
struct RequestError : std::runtime_error
{
    explicit RequestError(Error e) : std::runtime_error(e.message), error(std::move(e)) {}
    Error error;
};

// 2: list_dir, stat, upload; hello names the host and its CUDA devices. The window refuses older workers.
constexpr int kProtocolVersion = 2;

class Server
{
public:
    struct Context
    {
        Json id;
        const std::atomic<bool>* cancelled = nullptr; // set by a `cancel` request for this id
        std::function<void(const std::string& method, Json params)> notify;
        bool isCancelled() const { return cancelled && cancelled->load(); }
    };
    using Handler = std::function<Json(const Json& params, Context& context)>;

    Server();
    void addHandler(const std::string& method, Handler handler);
    // The model named by params["handle"]; throws RequestError(unknown_handle).
    std::shared_ptr<Model> model(const Json& params) const;
    int addModel(std::shared_ptr<Model> model);
    void removeModel(int handle);

    static Json helloParams(); // the first line the worker writes

    // Reads requests until EOF or `shutdown`; returns the process exit code.
    int run(std::istream& in, std::ostream& out);

private:
    void write(const Json& message);
    void execute(const Json& request);

    std::map<std::string, Handler> m_handlers;
    std::map<int, std::shared_ptr<Model>> m_models;
    int m_nextHandle = 1;
    std::ostream* m_out = nullptr;
    std::mutex m_writeMutex;
    mutable std::mutex m_stateMutex;
    Json m_currentId; // the request being executed (guarded by m_stateMutex)
    std::atomic<bool> m_cancelCurrent{false};
};

// Handlers for open/info/graph/code/… (server_handlers.cpp) and run/bench (server_run.cpp).
void registerModelHandlers(Server& server);
void registerRunHandlers(Server& server);
void registerFileHandlers(Server& server); // list_dir, stat, upload (server_files.cpp)

// A parameter helper: params[key] or `fallback`; throws bad_request when present with the wrong type.
template<class T> T param(const Json& params, const char* key, T fallback)
{
    if (!params.is_object() || !params.contains(key) || params[key].is_null())
        return fallback;
    try {
        return params[key].get<T>();
    } catch (const std::exception& e) {
        throw RequestError({ErrorCode::BadRequest,
                            std::string("Parameter '") + key + "' has the wrong type.",
                            e.what(),
                            {}});
    }
}

} // namespace jitscope::cli
