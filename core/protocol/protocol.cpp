#include "protocol.h"

namespace jitscope::protocol {

namespace {
// The envelope keys (docs/protocol.md, "Messages").
constexpr const char* kId = "id";
constexpr const char* kMethodKey = "method";
constexpr const char* kParams = "params";
constexpr const char* kResult = "result";
constexpr const char* kError = "error";
} // namespace

void to_json(Json& j, const Empty&)
{
    j = Json::object();
}

void from_json(const Json&, Empty&) {}

Json requestMessage(const Json& id, const std::string& method, const Json& params)
{
    Json message{{kId, id}, {kMethodKey, method}};
    if (!params.is_null() && !params.empty())
        message[kParams] = params;
    return message;
}

Json resultMessage(const Json& id, Json result)
{
    return Json{{kId, id}, {kResult, std::move(result)}};
}

Json errorMessage(const Json& id, const Error& error)
{
    return Json{{kId, id}, {kError, error}};
}

Json notificationMessage(const std::string& method, Json params)
{
    return Json{{kMethodKey, method}, {kParams, std::move(params)}};
}

Message classify(Json&& line)
{
    Message message;
    if (!line.is_object())
        return message;
    const auto id = line.find(kId);
    const auto method = line.find(kMethodKey);
    const auto params = line.find(kParams);
    if (id != line.end())
        message.id = *id;
    if (method != line.end() && method->is_string())
        message.method = method->get<std::string>();
    message.params = params != line.end() && !params->is_null() ? std::move(*params) : Json::object();
    if (!message.method.empty()) {
        message.kind = id != line.end() ? Message::Kind::Request : Message::Kind::Notification;
        return message;
    }
    if (method != line.end() || id == line.end())
        return message; // a method that is not a string, or neither id nor method
    if (const auto error = line.find(kError); error != line.end()) {
        message.kind = Message::Kind::Response;
        message.failed = true;
        try {
            message.error = error->get<Error>();
        } catch (const std::exception& e) {
            message.error = {ErrorCode::Internal, "Unreadable error from the worker.", e.what(), {}};
        }
        return message;
    }
    message.kind = Message::Kind::Response; // a missing result reads as null: the caller's decoding fails
    if (const auto result = line.find(kResult); result != line.end())
        message.result = std::move(*result);
    return message;
}

Error badRequest(std::string message, std::string detail)
{
    return {ErrorCode::BadRequest, std::move(message), std::move(detail), {}};
}

} // namespace jitscope::protocol
