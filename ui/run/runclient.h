// What the Run panel asks of the worker, typed (core/protocol/run.h). The main window implements it over
// its WorkerSession; tests implement it with a script or a live worker.
#pragma once

#include "types/error.h"
#include "protocol/run.h"

#include <functional>

namespace jitscope::ui {

class RunClient
{
public:
    using ErrorFn = std::function<void(const Error& error)>;
    template<class R> using DoneFn = std::function<void(typename R::Result result)>;

    virtual ~RunClient() = default;
    // Each sends its request and returns its id; exactly one of done/fail runs later, on the UI thread.
    virtual int devices(DoneFn<protocol::DevicesRequest> done, ErrorFn fail) = 0;
    virtual int arguments(const protocol::ArgumentsRequest& request, DoneFn<protocol::ArgumentsRequest> done,
                          ErrorFn fail) = 0;
    virtual int run(const protocol::RunRequest& request, DoneFn<protocol::RunRequest> done, ErrorFn fail) = 0;
    virtual int saveOutputs(const protocol::SaveOutputsRequest& request,
                            DoneFn<protocol::SaveOutputsRequest> done, ErrorFn fail) = 0;
    // The bench's samples arrive through RunPanel::handleBenchSample while it runs.
    virtual int bench(const protocol::BenchRequest& request, DoneFn<protocol::BenchRequest> done,
                      ErrorFn fail) = 0;
    virtual void cancel(int id) = 0;
};

} // namespace jitscope::ui
