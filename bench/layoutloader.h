// Fetches every graph of a TorchScript file from `jitscope-cli serve` in one session: the module tree
// first, then the graph of every method of every module (and the inlined root graph), then the graphs of
// the free functions they call. Used by the layout
// benchmark and the graph tests, which need many callee graphs without a GUI worker.
#pragma once

#include "types/graph.h"
#include "types/modelinfo.h"

#include <map>
#include <optional>
#include <string>

namespace jitscope::bench {

struct ModelGraphs
{
    ModelInfo info;
    std::map<std::string, Graph> graphs; // by graphKey(module_path, method); functions by "fn|<name>"
    std::optional<Graph> inlined;        // the root's forward, inlined
    std::string error;                   // empty when everything loaded
    const Graph* find(const std::string& modulePath, const std::string& method) const;
};

ModelGraphs loadModelGraphs(const std::string& cliPath, const std::string& file, bool withInlined);

} // namespace jitscope::bench
