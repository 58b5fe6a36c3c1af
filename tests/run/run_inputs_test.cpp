// Inputs through the engine API: spec parsing, schema-derived argument kinds, generators, .npy (both
// orders), torch.save'd files with one-element lists and dicts by name, and images.
#include "engine/run.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace jitscope;
using namespace jitscope::test;

namespace {

std::shared_ptr<Model> open(const std::string& name)
{
    auto model = Model::open(fixturePath(name + ".pt"));
    if (!model)
        throw std::runtime_error(model.error().message);
    return model.value();
}

std::unique_ptr<Runner> runner(const std::string& fixture, std::vector<std::string> specs,
                               const std::string& inputsFile = {})
{
    Invocation inv;
    inv.inputs_file = inputsFile;
    for (const std::string& spec : specs)
        inv.inputs.push_back(parseInputArg(spec).value());
    auto r = Runner::create(open(fixture), inv);
    if (!r)
        throw std::runtime_error(r.error().message + "\n" + r.error().detail);
    return std::move(r.value());
}

// Writes files with the PyTorch of the fixtures: /usr/bin/python3 can import torch.
void python(const std::string& code)
{
    auto r = runProcess("/usr/bin/python3 -c \"" + code + "\"");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

} // namespace

TEST(RunInputs, ParseInputArg)
{
    auto a = parseInputArg("x=randn:1x3");
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->name, "x");
    EXPECT_EQ(a->value, "randn:1x3");
    a = parseInputArg("randn:2x2:seed=3");
    EXPECT_EQ(a->name, ""); // '=' after ':' belongs to the spec
    a = parseInputArg("ys=json:[\"randn:2x3\", \"ones:4x3\"]");
    EXPECT_EQ(a->name, "ys");
    EXPECT_TRUE(a->value.is_array());
    EXPECT_FALSE(parseInputArg("json:{oops").ok());
}

TEST(RunInputs, ArgumentKindsFromTheSchema)
{
    auto args = methodArguments(*open("dict_list_inputs"), "forward");
    ASSERT_TRUE(args.ok());
    ASSERT_EQ(args->size(), 3u);
    EXPECT_EQ(args.value()[0].kind, "tensor_dict");
    EXPECT_EQ(args.value()[0].type, "Dict[str, Tensor]");
    EXPECT_EQ(args.value()[1].kind, "tensor_list");
    EXPECT_EQ(args.value()[2].kind, "optional_tensor");
    EXPECT_TRUE(args.value()[2].has_default);
    EXPECT_EQ(args.value()[2].default_value, "None");
    args = methodArguments(*open("control_flow"), "forward");
    EXPECT_EQ(args.value()[0].kind, "tensor");
    EXPECT_EQ(args.value()[1].kind, "int");
    EXPECT_EQ(methodArguments(*open("control_flow"), "nosuch").error().code, ErrorCode::NotFound);
}

TEST(RunInputs, GeneratorsShapesDtypesAndSeeds)
{
    auto r = runner("tiny_linear", {"zeros:2x8:int64", "randint:0:100:3x7", "full:2.5:4:float64",
                                    "arange:2x3", "3", "0.5", "true", "none", "str:hi"});
    const std::vector<std::string> want{"Tensor[2, 8] int64",
                                        "Tensor[3, 7] int64",
                                        "Tensor[4] float64",
                                        "Tensor[2, 3] float32",
                                        "int 3",
                                        "double 0.5",
                                        "bool True",
                                        "None",
                                        "string hi"};
    EXPECT_EQ(r->inputDescriptions(), want);
    // the same spec gives the same tensor (seeded by position unless seed= says otherwise)
    auto a = runner("tiny_linear", {"randn:1x3"})->runOnce();
    auto b = runner("tiny_linear", {"randn:1x3"})->runOnce();
    auto c = runner("tiny_linear", {"randn:1x3:seed=7"})->runOnce();
    ASSERT_TRUE(a.ok() && b.ok() && c.ok());
    EXPECT_EQ(a->output.tensor->sum, b->output.tensor->sum);
    EXPECT_NE(a->output.tensor->sum, c->output.tensor->sum);
    EXPECT_EQ(a->output.tensor->preview.size(), 2u);
    EXPECT_EQ(a->output.tensor->topk.size(), 2u); // a 1x2 score row
}

TEST(RunInputs, NpyInBothOrders)
{
    python("import numpy as np; a = np.arange(6, dtype=np.float32).reshape(2, 3); "
           "np.save('/tmp/jitscope-c.npy', a); np.save('/tmp/jitscope-f.npy', np.asfortranarray(a)); "
           "np.save('/tmp/jitscope-i.npy', np.arange(4, dtype=np.int32))");
    for (const char* file : {"/tmp/jitscope-c.npy", "/tmp/jitscope-f.npy"}) {
        auto r = runner("tiny_linear", {std::string("file:") + file});
        EXPECT_EQ(r->inputDescriptions()[0], "Tensor[2, 3] float32");
        auto out = r->runOnce(); // Linear(3, 2) on arange(6).reshape(2, 3): both orders agree
        ASSERT_TRUE(out.ok()) << out.error().detail;
        static double first = out->output.tensor->sum;
        EXPECT_DOUBLE_EQ(out->output.tensor->sum, first) << file;
    }
    EXPECT_EQ(runner("tiny_linear", {"file:/tmp/jitscope-i.npy"})->inputDescriptions()[0], "Tensor[4] int32");
}

TEST(RunInputs, PickledFilesAreConvertedToTheSchemaTypes)
{
    // a dict by argument name, holding a one-element list (pickled with APPEND) and a dict
    python("import torch; torch.save({'x': {'a': torch.ones(1, 4)}, 'ys': [torch.ones(2, 3)]}, "
           "'/tmp/jitscope-named.pt'); torch.save([torch.ones(2, 3)], '/tmp/jitscope-one.pt')");
    std::unique_ptr<Runner> r;
    try {
        r = runner("dict_list_inputs", {}, "/tmp/jitscope-named.pt");
    } catch (const std::exception& e) {
        FAIL() << e.what();
    }
    EXPECT_EQ(r->inputDescriptions()[0], "Dict{a: Tensor[1, 4] float32}");
    EXPECT_EQ(r->inputDescriptions()[1], "List[Tensor[2, 3] float32]");
    auto out = r->runOnce();
    ASSERT_TRUE(out.ok()) << out.error().detail;
    EXPECT_EQ(flattenTensors(out->output).size(), 3u);
    // a file as one argument: ys from a pickled one-element list
    r = runner("dict_list_inputs", {"json:{\"a\": \"ones:1x4\"}", "file:/tmp/jitscope-one.pt"});
    EXPECT_TRUE(r->runOnce().ok());
}

TEST(RunInputs, DictsKeepTheOrderWritten)
{
    // DictOrder weights its values by their position in the dict's iteration order: b, a, c gives 80
    // (PyTorch, dict_order.expect.json), a, b, c 26.
    const Json exp = expectation("dict_order");
    for (const char* spec : {R"(json:{"b": "arange:3", "a": "full:10:2", "c": "ones:1"})",
                             R"(json:[["b", "arange:3"], ["a", "full:10:2"], ["c", "ones:1"]])"}) {
        auto r = runner("dict_order", {spec});
        EXPECT_EQ(r->inputDescriptions()[0],
                  "Dict{b: Tensor[3] float32, a: Tensor[2] float32, c: Tensor[1] float32}");
        auto out = r->runOnce();
        ASSERT_TRUE(out.ok()) << out.error().detail;
        EXPECT_EQ(flattenTensors(out->output)[1]->sum, exp["run"]["outputs"][1]["sum"].get<double>()) << spec;
    }
    auto sorted =
        runner("dict_order", {R"(json:{"a": "full:10:2", "b": "arange:3", "c": "ones:1"})"})->runOnce();
    ASSERT_TRUE(sorted.ok());
    EXPECT_EQ(flattenTensors(sorted->output)[1]->sum,
              exp["extra_runs"][0]["outputs"][1]["sum"].get<double>());
}

TEST(RunInputs, Images)
{
    python(
        "import torch, torchvision; torchvision.io.write_png(torch.full((3, 4, 6), 255, dtype=torch.uint8), "
        "'/tmp/jitscope-white.png')");
    auto r = runner("tiny_linear", {"image:/tmp/jitscope-white.png", "image:/tmp/jitscope-white.png:8",
                                    "image:/tmp/jitscope-white.png:2x3:imagenet"});
    EXPECT_EQ(r->inputDescriptions()[0], "Tensor[1, 3, 4, 6] float32");
    EXPECT_EQ(r->inputDescriptions()[1], "Tensor[1, 3, 8, 8] float32");
    EXPECT_EQ(r->inputDescriptions()[2], "Tensor[1, 3, 2, 3] float32");
    Invocation bad;
    bad.inputs.push_back(parseInputArg("image:/tmp/jitscope-c.npy").value());
    auto failed = Runner::create(open("tiny_linear"), bad);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, ErrorCode::BadInput);
}
