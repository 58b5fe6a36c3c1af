#include "valuesupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

namespace jitscope::test {

Json valuesExpectation(const std::string& name)
{
    std::ifstream in(fixturePath(name + ".values.json"));
    if (!in)
        throw std::runtime_error("missing fixture expectation " + name + ".values.json");
    return Json::parse(in);
}

namespace {
void expectClose(double actual, const Json& expected, const std::string& what)
{
    if (expected.is_null()) {
        EXPECT_TRUE(std::isnan(actual)) << what << ": " << actual;
        return;
    }
    const double e = expected.get<double>();
    // Both sides read the same float32 tensors; kernels may round differently in the last bits.
    EXPECT_NEAR(actual, e, 1e-4 * std::max(1.0, std::fabs(e))) << what;
}
} // namespace

void expectStats(const RecordedValue& value, const Json& stats, const std::string& what)
{
    EXPECT_EQ(Json(value.shape), stats["shape"]) << what;
    EXPECT_EQ(value.dtype, stats["dtype"].get<std::string>()) << what;
    EXPECT_EQ(value.nans, stats["nans"].get<int64_t>()) << what;
    EXPECT_EQ(value.infs, stats["infs"].get<int64_t>()) << what;
    expectClose(value.min, stats["min"], what + " min");
    expectClose(value.max, stats["max"], what + " max");
    expectClose(value.mean, stats["mean"], what + " mean");
    // std over a float32 tensor: allow a little more.
    if (!stats["std"].is_null()) {
        EXPECT_NEAR(value.std, stats["std"].get<double>(), 1e-3 * std::max(1.0, stats["std"].get<double>()))
            << what << " std";
    }
}

const RecordedValue* moduleOutput(const std::vector<RecordedValue>& values, const std::string& path)
{
    const RecordedValue* last = nullptr;
    for (const RecordedValue& v : values)
        if (v.element.empty() && (v.module_path == path || v.module_path.rfind(path + ".", 0) == 0))
            last = &v;
    return last;
}

const RecordedValue* firstOfKind(const std::vector<RecordedValue>& values, const std::string& kind)
{
    for (const RecordedValue& v : values)
        if (v.kind == kind)
            return &v;
    return nullptr;
}

} // namespace jitscope::test
