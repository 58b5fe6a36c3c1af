// The LibTorch-free spec grammar (model/inputspec): specs parse into what the engine builds and print back
// to the same text, scalars, spec lines with ordered dicts, the protocol's dict pairs and .npy headers.
#include "types/inputspec.h"
#include "types/inputvalue.h"

#include <gtest/gtest.h>

using namespace jitscope;
using namespace jitscope::spec;

TEST(InputSpec, SplitShapesAndDtypes)
{
    EXPECT_EQ(split("a:b:", ':'), (std::vector<std::string>{"a", "b", ""}));
    EXPECT_TRUE(split("", ':').empty());
    EXPECT_EQ(parseShape("1x3x224x224").value(), (std::vector<int64_t>{1, 3, 224, 224}));
    EXPECT_TRUE(parseShape("scalar").value().empty());
    EXPECT_NE(parseShape("1xq").error().message.find("Bad shape"), std::string::npos);
    EXPECT_FALSE(parseShape("2x-1").ok());
    EXPECT_NE(parseShape("").error().message.find("Empty shape"), std::string::npos);
    EXPECT_EQ(formatShape({2, 3}), "2x3");
    EXPECT_EQ(formatShape({}), "scalar");
    EXPECT_EQ(canonicalDtype("long"), "int64");
    EXPECT_EQ(canonicalDtype("half"), "float16");
    EXPECT_EQ(canonicalDtype("bfloat16"), "bfloat16");
    EXPECT_EQ(canonicalDtype("complex64"), "");
    EXPECT_EQ(dtypeNames().size(), 10u);
    EXPECT_EQ(formatNumber(0.1), "0.1");
    EXPECT_EQ(formatNumber(1.0 / 3), "0.3333333333333333");
}

TEST(InputSpec, TensorSpecsParseAndPrintBack)
{
    auto t = parseTensorSpec("randint:0:100:3x7:int32:seed=5").value();
    EXPECT_EQ(t.kind, "randint");
    EXPECT_EQ(t.low, 0);
    EXPECT_EQ(t.high, 100);
    EXPECT_EQ(t.shape, (std::vector<int64_t>{3, 7}));
    EXPECT_EQ(t.dtype, "int32");
    EXPECT_EQ(t.seed, 5);
    t = parseTensorSpec("full:2.5:4:double").value();
    EXPECT_EQ(t.fill, 2.5);
    EXPECT_EQ(t.dtype, "float64");
    EXPECT_EQ(formatTensorSpec(t), "full:2.5:4:float64");
    for (const char* text : {"randn:1x3x224x224", "zeros:2x8:int64", "randint:0:100:3x7", "full:0.5:scalar",
                             "rand:2:seed=3", "arange:2x3:bool", "file:/tmp/a:b.pt", "image:/tmp/cat.png",
                             "image:/tmp/c:at.png:224:imagenet", "image:x.jpg:2x3:mean=0.5,0.5,0.5"})
        EXPECT_EQ(formatTensorSpec(parseTensorSpec(text).value()), text);
    // the kind's default dtype is left out
    EXPECT_EQ(formatTensorSpec(parseTensorSpec("randint:0:9:4:int64").value()), "randint:0:9:4");

    auto image = parseTensorSpec("image:/a:b/cat.png:8x6:imagenet").value();
    EXPECT_EQ(image.path, "/a:b/cat.png");
    ASSERT_EQ(image.image.resize.size(), 1u);
    EXPECT_EQ(image.image.resize[0], (std::pair<int64_t, int64_t>{8, 6}));
    EXPECT_EQ(image.image.mean, imagenetMean());
    EXPECT_NE(parseTensorSpec("image:x.png:mean=1,2").error().message.find("three"), std::string::npos);

    EXPECT_NE(parseTensorSpec("nosuch:3").error().message.find("Unknown input spec"), std::string::npos);
    EXPECT_NE(parseTensorSpec("full:0.5").error().message.find("lacks its shape"), std::string::npos);
    EXPECT_NE(parseTensorSpec("randint:0:4").error().message.find("lacks its shape"), std::string::npos);
    EXPECT_NE(parseTensorSpec("randn:2:int64").error().message.find("floating dtype"), std::string::npos);
    EXPECT_NE(parseTensorSpec("randn:2:oops").error().message.find("Unknown option"), std::string::npos);
    EXPECT_EQ(parseTensorSpec("randn:2:oops").error().code, ErrorCode::BadInput);
}

TEST(InputSpec, Scalars)
{
    EXPECT_EQ(parseScalarSpec("none"), Json(nullptr));
    EXPECT_EQ(parseScalarSpec("3"), Json(3));
    EXPECT_TRUE(parseScalarSpec("3")->is_number_integer());
    EXPECT_TRUE(parseScalarSpec("2.0")->is_number_float());
    EXPECT_EQ(parseScalarSpec("float:2"), Json(2.0));
    EXPECT_EQ(parseScalarSpec("bool:0"), Json(false));
    EXPECT_EQ(parseScalarSpec("str:a:b"), Json("a:b"));
    EXPECT_FALSE(parseScalarSpec("randn:3"));
    EXPECT_FALSE(parseScalarSpec("int:x"));
}

TEST(InputSpec, SpecTextKeepsDictOrderAndTheProtocolSendsPairs)
{
    auto value = parseSpecText(R"(json:{"b": "randn:2", "a": ["ones:1", 2.5]})").value();
    EXPECT_EQ(value.begin().key(), "b"); // as written
    EXPECT_EQ(specText(value), R"(json:{"b":"randn:2","a":["ones:1",2.5]})");
    EXPECT_EQ(toProtocolValue(value), Json::parse(R"([["b", "randn:2"], ["a", ["ones:1", 2.5]]])"));
    EXPECT_EQ(specText(OrderedJson(2.0)), "2.0");
    EXPECT_EQ(specText(OrderedJson(-3)), "-3");
    EXPECT_EQ(specText(OrderedJson(nullptr)), "none");
    EXPECT_EQ(specText(OrderedJson("randn:3")), "randn:3");
    EXPECT_FALSE(parseSpecText("json:{oops").ok());

    auto arg = parseInputArg(R"(x=json:{"z": "ones:1", "a": "ones:2"})").value();
    EXPECT_EQ(arg.name, "x");
    EXPECT_EQ(arg.value.begin().key(), "z");
}

// The editors' typed value (types/inputvalue.h) says what the spec line says, dict order and int/float kept.
TEST(InputSpec, TypedValuesRoundTripThroughTheSpecLine)
{
    const std::string line = R"(json:{"b": ["randn:2", 3, 2.5, true, null], "a": [[1, "ones:1"]]})";
    const InputValue v = parseInputValue(line).value();
    ASSERT_EQ(v.kind, InputValue::Kind::Dict);
    ASSERT_EQ(v.entries.size(), 2u);
    EXPECT_EQ(v.entries[0].first, "b");
    const InputValue& b = v.entries[0].second;
    ASSERT_EQ(b.items.size(), 5u);
    EXPECT_EQ(b.items[0], InputValue::ofSpec("randn:2"));
    EXPECT_EQ(b.items[1], InputValue::ofInt(3));
    EXPECT_EQ(b.items[2], InputValue::ofFloat(2.5));
    EXPECT_EQ(b.items[3], InputValue::ofBool(true));
    EXPECT_TRUE(b.items[4].isNone());
    EXPECT_EQ(v.entries[1].second.items[0].items[0], InputValue::ofInt(1));
    EXPECT_EQ(specText(v), specText(parseSpecText(line).value()));
    EXPECT_EQ(toOrderedJson(v), parseSpecText(line).value());
    EXPECT_EQ(specText(InputValue::ofFloat(2.0)), "2.0");
    EXPECT_EQ(specText(InputValue()), "none");
    EXPECT_EQ(parseInputValue("randn:3").value(), InputValue::ofSpec("randn:3"));
    EXPECT_FALSE(parseInputValue("json:{").ok());
}

TEST(InputSpec, NpyHeaders)
{
    auto npy = [](int major, const std::string& dict) {
        std::string data = "\x93NUMPY";
        data += static_cast<char>(major);
        data += '\0';
        const size_t len = dict.size();
        data += static_cast<char>(len & 0xff);
        data += static_cast<char>((len >> 8) & 0xff);
        if (major > 1)
            data += std::string(2, '\0');
        return data + dict;
    };
    std::string v1 = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }   \n");
    auto h = parseNpyHeader(v1.data(), v1.size(), "a.npy").value();
    EXPECT_EQ(h.dtype, "float32");
    EXPECT_FALSE(h.fortran_order);
    EXPECT_EQ(h.shape, (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(h.data_offset, v1.size());
    std::string v2 = npy(2, "{'descr': '>i8', 'fortran_order': True, 'shape': (4,), }\n");
    h = parseNpyHeader(v2.data(), v2.size(), "b.npy").value();
    EXPECT_EQ(h.descr, ">i8");
    EXPECT_EQ(h.dtype, ""); // big-endian: unsupported, the engine says so
    EXPECT_TRUE(h.fortran_order);
    EXPECT_EQ(h.shape, std::vector<int64_t>{4});
    EXPECT_EQ(h.data_offset, v2.size());
    std::string scalar = npy(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (), }\n");
    EXPECT_TRUE(parseNpyHeader(scalar.data(), scalar.size(), "c.npy").value().shape.empty());
    EXPECT_FALSE(parseNpyHeader("PK\3\4", 4, "d.npy").ok());
    std::string noShape = npy(1, "{'descr': '<f4', 'fortran_order': False}\n");
    EXPECT_NE(parseNpyHeader(noShape.data(), noShape.size(), "e.npy").error().message.find("'shape'"),
              std::string::npos);
}

TEST(InputSpec, TypeAnnotations)
{
    auto t = parseType("Dict[str, List[Tuple[Tensor, int]]]").value();
    EXPECT_EQ(t.name, "Dict");
    ASSERT_EQ(t.args.size(), 2u);
    EXPECT_EQ(t.args[0].name, "str");
    EXPECT_EQ(t.args[1].name, "List");
    EXPECT_EQ(t.args[1].args[0].name, "Tuple");
    EXPECT_EQ(t.args[1].args[0].args[1].name, "int");
    EXPECT_EQ(parseType("Optional[Tensor]")->args[0].name, "Tensor");
    EXPECT_EQ(parseType("__torch__.MyClass")->name, "__torch__.MyClass");
    EXPECT_FALSE(parseType("List[Tensor"));
    EXPECT_FALSE(parseType("List[Tensor]]"));
    EXPECT_FALSE(parseType(""));
}
