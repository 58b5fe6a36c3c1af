// The base of the worker protocol (docs/protocol.md): message envelopes, the request convention, strict
// decoding of params and the protocol version. Qt-free and LibTorch-free; shared by the worker and the GUI.
//
// A request is a plain struct carrying its wire name and its result type; its fields are the params' keys
// and get their JSON through JITSCOPE_DEFINE_JSON in the area's .cpp:
//
//     struct CloseRequest
//     {
//         static constexpr const char* kMethod = "close";
//         int handle = 0;
//         using Result = Empty;
//     };
//
// The name is `kMethod` because several requests have a `method` param (graph, arguments, run …); a struct
// naming it `method` works too (methodOf() accepts both). A notification is the same without Result.
#pragma once

#include "types/error.h"
#include "types/json.h"

#include <string>
#include <type_traits>
#include <vector>

namespace jitscope::protocol {

// hello.protocol. Bump it for every change a peer of the previous version would misread.
constexpr int kVersion = 4;

using jitscope::Error;
using jitscope::ErrorCode;

// The wire name of each error code ("bad_request" …) is toString(ErrorCode) in model/error.h, the one
// definition of the enum (the engine returns it too).
inline std::string wireName(ErrorCode code)
{
    return toString(code);
}

// Params or a result without fields: `{}` on the wire.
struct Empty
{
};
void to_json(Json& j, const Empty&);
void from_json(const Json& j, Empty&);

// A JSON value under another name, for clients that keep the JSON type out of their own headers.
struct Payload
{
    Json json;
    template<class T> static Payload of(const T& value) { return {Json(value)}; }
};

// The wire name of a request or notification type.
template<class R, class = void> struct MethodOf
{
    static constexpr const char* value = R::method;
};
template<class R> struct MethodOf<R, std::void_t<decltype(R::kMethod)>>
{
    static constexpr const char* value = R::kMethod;
};
template<class R> constexpr const char* methodOf()
{
    return MethodOf<R>::value;
}

// ---- envelopes: the only place the message keys are spelled ----

Json requestMessage(const Json& id, const std::string& method, const Json& params);
Json resultMessage(const Json& id, Json result);
Json errorMessage(const Json& id, const Error& error);
Json notificationMessage(const std::string& method, Json params);
template<class N> Json notificationMessage(const N& notification)
{
    return notificationMessage(methodOf<N>(), Json(notification));
}

// One line read from a peer, classified. `params` is an object (empty when absent).
struct Message
{
    enum class Kind
    {
        Request,      // id and method
        Response,     // id and result or error
        Notification, // method, no id
        Invalid,      // anything else (not an object, no method …)
    };
    Kind kind = Kind::Invalid;
    Json id;
    std::string method;
    Json params;
    Json result;
    bool failed = false; // a response with `error`
    Error error;
};
Message classify(Json&& line);

// ---- strict decoding ----

Error badRequest(std::string message, std::string detail = {});

// Params of a request (or of a notification): unknown keys and values of the wrong type are bad_request
// naming the key, so a peer that drifted fails loudly instead of being half understood.
template<class R> Result<R> decodeParams(const Json& params)
{
    if (params.is_null())
        return R{};
    if (!params.is_object())
        return badRequest(std::string("The params of '") + methodOf<R>() + "' must be an object.");
    const Json known = R{}; // every key the type has, with its default
    for (auto it = params.begin(); it != params.end(); ++it) {
        if (!known.contains(it.key()))
            return badRequest("Unknown parameter '" + it.key() + "' for '" + methodOf<R>() + "'.");
    }
    // A number must fit its field exactly: 2.5 for a whole number, or 2^64 for an int, is a bad request
    // rather than a silently converted value.
    for (auto it = params.begin(); it != params.end(); ++it) {
        if (it.value().is_number_float() && known[it.key()].is_number_integer())
            return badRequest("Parameter '" + it.key() + "' must be a whole number.", it.value().dump());
    }
    try {
        R request = params.get<R>();
        const Json back = request;
        for (auto it = params.begin(); it != params.end(); ++it) {
            if (it.value().is_number_integer() && back.contains(it.key()) &&
                back[it.key()].is_number_integer() && back[it.key()].dump() != it.value().dump())
                return badRequest("Parameter '" + it.key() + "' is out of range.", it.value().dump());
        }
        return request;
    } catch (const std::exception& e) {
        // Which key: decode each alone over the defaults.
        for (auto it = params.begin(); it != params.end(); ++it) {
            try {
                Json one = known;
                one[it.key()] = it.value();
                (void)one.get<R>();
            } catch (const std::exception&) {
                return badRequest("Parameter '" + it.key() + "' has the wrong type.", e.what());
            }
        }
        return badRequest(std::string("Bad params for '") + methodOf<R>() + "'.", e.what());
    }
}

// A result or notification from the worker. Lenient about keys (a newer worker may add some), strict
// about types: a mismatch is an internal error naming the type.
template<class T> Result<T> decodeResult(const Json& result)
{
    try {
        return result.get<T>();
    } catch (const std::exception& e) {
        return Error{ErrorCode::Internal, "Cannot decode the worker's answer.", e.what(), {}};
    }
}

} // namespace jitscope::protocol
