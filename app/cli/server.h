// `jitscope-cli serve`: the JSON-lines worker the GUI talks to (docs/protocol.md).
#pragma once

#include "engine/engine.h"
#include "engine/run.h"
#include "model/json.h"

#include <atomic>
#include <cmath>
#include <limits>
#include <type_traits>
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
void registerCompareHandlers(Server& server); // server_compare.cpp
void registerValuesHandlers(Server& server); // save_value, graph passes (server_values.cpp)

// The Runner of the last `run` of `handle` (server_run.cpp), nullptr when none.
Runner* lastRunner(int handle);
// The `graph` request with a `pass` param (server_values.cpp).
Json passGraphReply(Server& server, const Json& params);
void registerFileHandlers(Server& server); // list_dir, stat, upload (server_files.cpp)

// A parameter helper: params[key] or `fallback`; throws bad_request when present with the wrong type.
// Numbers must fit T exactly: 1e400, 2^40 for an int or 2.5 for an int are bad requests, not wrapped values.
template<class T> T param(const Json& params, const char* key, T fallback)
{
    if (!params.is_object() || !params.contains(key) || params[key].is_null())
        return fallback;
    const Json& value = params[key];
    auto bad = [&](const std::string& why, const std::string& detail) {
        return RequestError({ErrorCode::BadRequest, std::string("Parameter '") + key + "' " + why, detail, {}});
    };
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        if (value.is_number_float())
            throw bad("must be a whole number.", value.dump());
        if (value.is_number_unsigned() && value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<T>::max()))
            throw bad("is out of range.", value.dump());
        if (value.is_number_integer() && !value.is_number_unsigned() &&
            (value.get<int64_t>() < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
             (std::is_signed_v<T> && value.get<int64_t>() > static_cast<int64_t>(std::numeric_limits<T>::max()))))
            throw bad("is out of range.", value.dump());
    }
    if constexpr (std::is_floating_point_v<T>) {
        if (value.is_number() && !std::isfinite(value.get<double>()))
            throw bad("is not a finite number.", value.dump());
    }
    try {
        return value.get<T>();
    } catch (const std::exception& e) {
        throw bad("has the wrong type.", e.what());
    }
}

} // namespace jitscope::cli
