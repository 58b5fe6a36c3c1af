// Every request and notification type of the protocol, for code that must cover them all (the test that
// docs/protocol.md documents each one). Add a new type to its list here.
#pragma once

#include "compare.h"
#include "files.h"
#include "model.h"
#include "run.h"
#include "session.h"
#include "values.h"

namespace jitscope::protocol {

template<class... T> struct TypeList
{
};

using Requests = TypeList<PingRequest, CancelRequest, ShutdownRequest, OpenRequest, InfoRequest, GraphRequest,
                          CodeRequest, ParamStatsRequest, ExtraFileRequest, LoadLibraryRequest, CloseRequest,
                          DevicesRequest, ArgumentsRequest, RunRequest, SaveOutputsRequest, BenchRequest,
                          CompareRequest, ListDirRequest, StatRequest, UploadRequest, SaveValueRequest>;
using Notifications = TypeList<Hello, Progress, BenchSample>;

template<class... T> std::vector<std::string> methodNames(TypeList<T...>)
{
    return {methodOf<T>()...};
}

} // namespace jitscope::protocol
