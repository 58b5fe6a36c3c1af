// Typed errors shared by the engine, the CLI, the worker protocol and the GUI.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace jitscope {

// Stable, machine-readable error kinds. Their string form (toString) is part of the worker protocol
// and of the fixtures' expectations: never rename one.
enum class ErrorCode
{
    FileNotFound,   // "file_not_found"
    EmptyFile,      // "empty_file"
    NotZip,         // "not_zip": neither a zip archive nor a pickle
    NotTorchScript, // "not_torchscript": a zip, but not a PyTorch archive
    Checkpoint,     // "checkpoint": a torch.save() state_dict or eagerly pickled nn.Module
    VersionTooNew,  // "version_too_new": archive format newer than this LibTorch reads
    UnknownOp,      // "unknown_op": an operator whose library is not loaded
    Corrupt,        // "corrupt": truncated or damaged archive
    LoadFailed,     // "load_failed": anything else LibTorch threw while loading
    LibraryFailed,  // "library_failed": an extension library could not be loaded
    BadRequest,     // "bad_request": malformed request or arguments
    UnknownHandle,  // "unknown_handle"
    NotFound,       // "not_found": unknown module path, method, type, parameter or extra file
    RunFailed,      // "run_failed": TorchScript raised while running
    BadInput,       // "bad_input": an input spec could not be turned into a value
    Cancelled,      // "cancelled"
    OutOfMemory,    // "out_of_memory": a call needed more tensor memory than the worker's --max-memory
    Internal,       // "internal"
};

std::string toString(ErrorCode code);
ErrorCode errorCodeFromString(const std::string& text); // unknown text maps to Internal

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    std::string message; // one line a person understands
    std::string detail;  // the full text (LibTorch's message, backtrace …)
    std::string op;      // for UnknownOp: the qualified operator name, e.g. "torchvision::nms"
};

// A value or an Error. Core functions return this instead of throwing across module boundaries.
template<class T> class Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<0>(m_data); }
    T& value() & { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    const Error& error() const { return std::get<1>(m_data); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

private:
    std::variant<T, Error> m_data;
};

} // namespace jitscope
