// The session part of the protocol: the worker's hello, progress of a request in flight, ping, cancel and
// shutdown (answered by the worker's reader, not queued behind other requests, except shutdown).
#pragma once

#include "protocol.h"

namespace jitscope::protocol {

// The first line the worker writes.
struct Hello
{
    static constexpr const char* kMethod = "hello";
    int protocol = kVersion;
    std::string jitscope; // the worker's version
    std::string libtorch;
    int pid = 0;
    int cuda_devices = 0;             // CUDA devices LibTorch sees
    std::string host;                 // the worker machine's host name (a remote window shows it)
    std::string home;                 // $HOME there: where the remote file browser starts
    std::vector<std::string> devices; // "cpu", "cuda:0" …
};

// A request in flight got further; fraction in [0, 1] or -1 when unknown.
struct Progress
{
    static constexpr const char* kMethod = "progress";
    Json id; // the request's id
    std::string stage;
    double fraction = -1;
};

struct PingRequest
{
    static constexpr const char* kMethod = "ping";
    using Result = Empty;
};

struct CancelResult
{
    bool cancelled = false;
};

struct CancelRequest
{
    static constexpr const char* kMethod = "cancel";
    Json target; // the id of the request to stop
    using Result = CancelResult;
};

// Answered with {} once every earlier request is done; then the worker exits 0.
struct ShutdownRequest
{
    static constexpr const char* kMethod = "shutdown";
    using Result = Empty;
};

JITSCOPE_DECLARE_JSON(Hello)
JITSCOPE_DECLARE_JSON(Progress)
JITSCOPE_DECLARE_JSON(PingRequest)
JITSCOPE_DECLARE_JSON(CancelResult)
JITSCOPE_DECLARE_JSON(CancelRequest)
JITSCOPE_DECLARE_JSON(ShutdownRequest)

} // namespace jitscope::protocol
