#include "error.h"

#include <array>

namespace jitscope {

namespace {
struct CodeName
{
    ErrorCode code;
    const char* name;
};
constexpr std::array<CodeName, 18> kNames{{
    {ErrorCode::FileNotFound, "file_not_found"},
    {ErrorCode::EmptyFile, "empty_file"},
    {ErrorCode::NotZip, "not_zip"},
    {ErrorCode::NotTorchScript, "not_torchscript"},
    {ErrorCode::Checkpoint, "checkpoint"},
    {ErrorCode::VersionTooNew, "version_too_new"},
    {ErrorCode::UnknownOp, "unknown_op"},
    {ErrorCode::Corrupt, "corrupt"},
    {ErrorCode::LoadFailed, "load_failed"},
    {ErrorCode::LibraryFailed, "library_failed"},
    {ErrorCode::BadRequest, "bad_request"},
    {ErrorCode::UnknownHandle, "unknown_handle"},
    {ErrorCode::NotFound, "not_found"},
    {ErrorCode::RunFailed, "run_failed"},
    {ErrorCode::BadInput, "bad_input"},
    {ErrorCode::Cancelled, "cancelled"},
    {ErrorCode::OutOfMemory, "out_of_memory"},
    {ErrorCode::Internal, "internal"},
}};
} // namespace

std::string toString(ErrorCode code)
{
    for (const CodeName& entry : kNames)
        if (entry.code == code)
            return entry.name;
    return "internal";
}

ErrorCode errorCodeFromString(const std::string& text)
{
    for (const CodeName& entry : kNames)
        if (text == entry.name)
            return entry.code;
    return ErrorCode::Internal;
}

} // namespace jitscope
