#include "capture.h"

#include <torch/csrc/jit/ir/ir.h>
#include <torch/csrc/jit/runtime/custom_operator.h>

namespace jitscope::detail::capture {

namespace {

const char* const kOp = "jitscope::capture";

thread_local const Sink* t_sink = nullptr;

// Registered when the engine library loads: every graph that can hold the op is made by this library.
const torch::jit::RegisterOperators g_op({torch::jit::Operator(
    std::string(kOp) + "(Any value, int slot) -> ()",
    [](torch::jit::Stack& stack) {
        const int64_t slot = stack.back().toInt();
        stack.pop_back();
        if (t_sink)
            (*t_sink)(slot, stack.back());
        stack.pop_back();
    },
    c10::AliasAnalysisKind::CONSERVATIVE)});

} // namespace

ScopedSink::ScopedSink(const Sink& sink) : m_previous(t_sink)
{
    t_sink = &sink;
}

ScopedSink::~ScopedSink()
{
    t_sink = m_previous;
}

torch::jit::Node* insert(torch::jit::Graph& graph, torch::jit::Value* value, torch::jit::Node* after, int64_t slot)
{
    torch::jit::Node* node = graph.create(c10::Symbol::fromQualString(kOp), {value}, /*num_outputs=*/0);
    if (after)
        node->insertAfter(after);
    else
        graph.prependNode(node);
    torch::jit::WithInsertPoint point(node); // the slot constant goes just before the capture
    node->addInput(graph.insertConstant(slot));
    return node;
}

} // namespace jitscope::detail::capture
