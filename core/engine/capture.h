// One capture op for the engine's recordings. Value recording (values.cpp) and compare's module outputs
// (compare_capture.cpp) insert `jitscope::capture(Any value, int slot) -> ()` into a copy of a method's
// graph; when that copy runs, each captured value goes to the sink installed on the running thread. The op
// takes `Any` (prim::Uninitialized values in detection models are typed Tensor, which a Tensor schema would
// reject) and is conservative for alias analysis, so no pass moves or drops it.
// Engine-internal: LibTorch types are only declared here; capture.cpp holds the LibTorch code.
#pragma once

#include <cstdint>
#include <functional>

namespace c10 {
struct IValue;
}
namespace torch::jit {
struct Graph;
struct Node;
struct Value;
} // namespace torch::jit

namespace jitscope::detail::capture {

// Receives what the capture op sees, while the instrumented graph runs on this thread. The value is only
// borrowed: a sink that keeps a tensor clones it (a later in-place op would change it).
using Sink = std::function<void(int64_t slot, const c10::IValue& value)>;

// Installs `sink` for the current thread until destroyed (exceptions included); restores the previous one.
class ScopedSink
{
public:
    explicit ScopedSink(const Sink& sink);
    ~ScopedSink();
    ScopedSink(const ScopedSink&) = delete;
    ScopedSink& operator=(const ScopedSink&) = delete;

private:
    const Sink* m_previous;
};

// Inserts the capture of `value` as `slot` right after `after` (nullptr: at the start of the graph), in
// `after`'s block; returns the capture node, after which the next capture of the same node goes.
torch::jit::Node* insert(torch::jit::Graph& graph, torch::jit::Value* value, torch::jit::Node* after, int64_t slot);

} // namespace jitscope::detail::capture
