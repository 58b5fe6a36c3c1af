// How GraphWidget names the graphs it holds and asks for (internal to ui/graph): methods by
// graphKey(module_path, method), free functions by "fn|<qualified name>".
#pragma once

#include "types/graph.h"
#include "view/graphview.h"

#include <string>
#include <utility>

namespace jitscope::ui::graphkeys {

inline const std::string functionPrefix = "fn|";

inline std::pair<std::string, std::string> splitKey(const std::string& key)
{
    const size_t bar = key.find('|');
    return {key.substr(0, bar), key.substr(bar + 1)};
}

// Method names never contain a '.', qualified function names always do ("__torch__.a.f").
inline std::string keyOf(const std::string& modulePath, const std::string& method)
{
    if (modulePath.empty() && method.find('.') != std::string::npos)
        return functionPrefix + method;
    return graphKey(modulePath, method);
}

inline std::string keyOf(const Graph& graph)
{
    return keyOf(graph.module_path, graph.method);
}

} // namespace jitscope::ui::graphkeys
