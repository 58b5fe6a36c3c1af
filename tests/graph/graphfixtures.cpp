#include "graphfixtures.h"

#include "testsupport.h"

#include <map>

namespace jitscope::test {

const bench::ModelGraphs& modelGraphs(const std::string& file, bool withInlined)
{
    static std::map<std::string, bench::ModelGraphs> cache;
    const std::string key = file + (withInlined ? "+inlined" : "");
    auto it = cache.find(key);
    if (it == cache.end())
        it = cache.emplace(key, bench::loadModelGraphs(cliPath(), fixturePath(file), withInlined)).first;
    return it->second;
}

} // namespace jitscope::test
