// `jitscope-cli serve`: the JSON-lines worker the GUI talks to (docs/protocol.md; the messages are the
// typed structs of core/protocol).
#pragma once

#include "engine/engine.h"
#include "engine/run.h"
#include "protocol/model.h"
#include "protocol/protocol.h"
#include "protocol/session.h"

#include <atomic>
#include <cmath>
#include <functional>
#include <istream>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <stdexcept>
#include <type_traits>

namespace jitscope::cli {

// Thrown by handlers; becomes the `error` object of the response.
struct RequestError : std::runtime_error
{
    explicit RequestError(Error e) : std::runtime_error(e.message), error(std::move(e)) {}
    Error error;
};

// The value of a core Result, or its Error thrown as the request's error.
template<class T> T unwrap(Result<T> result)
{
    if (!result)
        throw RequestError(result.error());
    return std::move(result).value();
}

class Server
{
public:
    struct Context
    {
        Json id;
        const std::atomic<bool>* cancelled = nullptr; // set by a `cancel` request for this id
        std::function<void(const Json& message)> write;
        bool isCancelled() const { return cancelled && cancelled->load(); }
        template<class N> void notify(const N& notification) const
        {
            write(protocol::notificationMessage(notification));
        }
    };
    using Handler = std::function<Json(const Json& params, Context& context)>;

    // A typed handler: `Result(const R& request, Context&)`, R a request of core/protocol. Params are
    // decoded strictly (unknown keys and wrong types are bad_request naming the key).
    template<class R, class F> void on(F handler)
    {
        addHandler(protocol::methodOf<R>(),
                   [handler = std::move(handler)](const Json& params, Context& context) {
                       R request = unwrap(protocol::decodeParams<R>(params));
                       typename R::Result result = handler(request, context);
                       return Json(std::move(result));
                   });
    }
    void addHandler(const std::string& method, Handler handler); // the untyped form on() builds on

    // The model open under `handle`; throws RequestError(unknown_handle).
    std::shared_ptr<Model> model(int handle) const;
    int addModel(std::shared_ptr<Model> model);
    void removeModel(int handle); // and its state (its last Runner)
    // The Runner of the handle's last `run`, kept for save_outputs; nullptr when none.
    Runner* lastRunner(int handle) const;
    void setLastRunner(int handle, std::unique_ptr<Runner> runner);

    static protocol::Hello hello(); // the first line the worker writes

    // Reads requests until EOF or `shutdown`; returns the process exit code.
    int run(std::istream& in, std::ostream& out);

private:
    // What the worker holds for one handle.
    struct OpenModel
    {
        std::shared_ptr<Model> model;
        std::unique_ptr<Runner> lastRunner;
    };

    void write(const Json& message);
    void execute(const protocol::Message& request);
    // Answers a `cancel` at once: the running request's stop flag, or a queued one dropped.
    template<class Queue> void cancel(const protocol::Message& request, Queue& queue, std::mutex& queueMutex);

    std::map<std::string, Handler> m_handlers;
    std::map<int, OpenModel> m_models;
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
void registerValuesHandlers(Server& server);  // save_value, graph passes (server_values.cpp)

// The `graph` request with a `pass` (server_values.cpp).
Graph passGraph(Server& server, const protocol::GraphRequest& request);
void registerFileHandlers(Server& server); // list_dir, stat, upload (server_files.cpp)

} // namespace jitscope::cli
