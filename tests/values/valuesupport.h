// Shared by the value tests: the fixtures' expectations (tests/fixtures/fixtures_values.py) and comparing
// recorded statistics with PyTorch's.
#pragma once

#include "types/values.h"
#include "testsupport.h"

#include <string>
#include <vector>

namespace jitscope::test {

Json valuesExpectation(const std::string& name); // <fixtures>/<name>.values.json
// Expects `value`'s shape, dtype, NaN/Inf counts and finite statistics to match PyTorch's `stats`.
void expectStats(const RecordedValue& value, const Json& stats, const std::string& what);
// The last value in execution order computed inside module `path` (or below it): the module's output.
const RecordedValue* moduleOutput(const std::vector<RecordedValue>& values, const std::string& path);
const RecordedValue* firstOfKind(const std::vector<RecordedValue>& values, const std::string& kind);

} // namespace jitscope::test
