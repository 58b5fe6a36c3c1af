// Fetches every graph of a TorchScript file from `jitscope-cli serve` in one session: the module tree
// first, then the graph of every method of every module (and the inlined root graph), then the graphs of
// the free functions they call. Used by the layout
// benchmark and the graph tests, which need many callee graphs without a GUI worker.
#pragma once

#include "types/graph.h"
#include "types/modelinfo.h"

#include "types/graphref.h"

#include <map>
#include <optional>
#include <string>

namespace jitscope::bench {

struct ModelGraphs
{
    ModelInfo info;
    std::map<GraphRef, Graph> graphs; // methods and free functions, as saved (by the answers' `ref`)
    std::optional<Graph> inlined;        // the root's forward, inlined
    std::string error;                   // empty when everything loaded
    const Graph* find(const std::string& modulePath, const std::string& method) const;
};

ModelGraphs loadModelGraphs(const std::string& cliPath, const std::string& file, bool withInlined);

} // namespace jitscope::bench
