// Graphs of the fixtures, fetched once per test binary from the real jitscope-cli (`serve`).
#pragma once

#include "layoutloader.h"

#include <string>

namespace jitscope::test {

// Loads (and caches) every method graph of every module of <fixtures>/<file>.
const bench::ModelGraphs& modelGraphs(const std::string& file, bool withInlined = false);

} // namespace jitscope::test
