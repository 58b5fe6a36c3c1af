// Graphviz DOT text for a Graph, for `jitscope-cli graph --format dot` (render with `dot -Tsvg`).
#pragma once

#include "types/graph.h"

#include <string>

namespace jitscope {

// Every node is drawn, nested blocks as labelled clusters; edges follow SSA values.
std::string toDot(const Graph& graph);

// Escapes a string for a double-quoted DOT label.
std::string dotEscape(const std::string& text);

} // namespace jitscope
