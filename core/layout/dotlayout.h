// One Graphviz `dot` run over a LayoutRequest. Graphviz keeps global state and is not thread-safe, so
// every call is serialised by one process-wide mutex; callers run it off the UI thread.
#pragma once

#include "geometry.h"

#include <string>

namespace jitscope::layout {

struct DotOptions
{
    double nodeSep = 18; // points between boxes of one rank
    double rankSep = 26; // points between ranks
    // Above this complexity (boxes + 6 × clusters) the speed options (nslimit, mclimit, searchsize) are used,
    // above twice that simpler splines too: default dot takes minutes on a few thousand boxes.
    int largeThreshold = 150;
};

LayoutResult runDot(const LayoutRequest& request, const DotOptions& options = {});

} // namespace jitscope::layout
