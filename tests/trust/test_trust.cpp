// Trust through the real jitscope-cli: integrity checks on every open, --strict, --timeout, and odd paths.
#include "testsupport.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace jitscope;
using jitscope::test::cliPath;
using jitscope::test::expectation;
using jitscope::test::fixturePath;
using jitscope::test::runProcess;
namespace fs = std::filesystem;

namespace {

std::string quote(const std::string& path)
{
    std::string out = "'";
    for (char c : path)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

test::ProcessResult cli(const std::string& args)
{
    return runProcess(quote(cliPath()) + " " + args);
}

int lineCount(const std::string& text)
{
    int n = 0;
    for (char c : text)
        n += c == '\n';
    return n;
}

Json trust()
{
    return expectation("trust_fixtures");
}

// A private temp folder, removed afterwards.
struct TempDir
{
    TempDir()
    {
        char name[] = "/tmp/jitscope-trust-XXXXXX";
        path = mkdtemp(name);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string file(const std::string& name) const { return path + "/" + name; }
    std::string path;
};

} // namespace

TEST(Integrity, AnIntactFileIsCheckedAndOk)
{
    auto r = cli("info --json " + quote(fixturePath("small_traced.pt")));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const Json integrity = Json::parse(r.out)["integrity"];
    EXPECT_TRUE(integrity["checked"].get<bool>());
    EXPECT_TRUE(integrity["ok"].get<bool>());
    EXPECT_TRUE(integrity["bad_records"].empty());
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(cli("info --strict " + quote(fixturePath("small_traced.pt"))).exitCode, 0);
}

TEST(Integrity, DamagedWeightsAreNamedAndStrictRefusesThem)
{
    const Json expect = trust()["damaged_weights"];
    const std::string file = quote(fixturePath(expect["file"]));
    auto json = cli("info --json " + file);
    ASSERT_EQ(json.exitCode, 0) << json.err; // LibTorch loads it silently; we open it, loudly
    const Json integrity = Json::parse(json.out)["integrity"];
    EXPECT_FALSE(integrity["ok"].get<bool>());
    EXPECT_EQ(integrity["bad_records"], Json::array({expect["record"]}));
    EXPECT_EQ(integrity["damaged_tensors"], expect["tensors"]);
    EXPECT_EQ(json.err.rfind("warning: the file is damaged", 0), 0u) << json.err;
    EXPECT_EQ(lineCount(json.err), 1) << json.err;

    auto text = cli("info " + file);
    EXPECT_EQ(text.exitCode, 0);
    EXPECT_NE(text.out.find("DAMAGED"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("damaged    " + expect["tensors"][0].get<std::string>()), std::string::npos);

    for (const std::string command : {"info --strict ", "run --strict --input randn:1x3x10x10 ",
                                      "bench --strict -n 1 --warmup 0 --input randn:1x3x10x10 "}) {
        auto strict = cli(command + file);
        EXPECT_EQ(strict.exitCode, 3) << command << strict.err;
        EXPECT_NE(strict.err.find("refused (--strict)"), std::string::npos) << strict.err;
        EXPECT_EQ(lineCount(strict.err), 1) << strict.err;
    }
}

TEST(Integrity, HostileGeometryIsRefusedBeforeLibTorchReadsIt)
{
    // LibTorch 1.13 loads oversized_storage.pt and hands out a 250-element storage backed by 24 bytes.
    auto over = cli("info " + quote(fixturePath(trust()["oversized_storage"])));
    EXPECT_EQ(over.exitCode, 3);
    EXPECT_NE(over.err.find("claims 250"), std::string::npos) << over.err;
    EXPECT_NE(over.err.find("read past the record"), std::string::npos) << over.err;
    auto view = cli("info " + quote(fixturePath(trust()["view_past_storage"])));
    EXPECT_EQ(view.exitCode, 3);
    EXPECT_NE(view.err.find("read past the storage"), std::string::npos) << view.err;
}

TEST(Integrity, DuplicateRecordNamesAreFlagged)
{
    auto r = cli("info --json " + quote(fixturePath(trust()["duplicate_record"])));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const Json integrity = Json::parse(r.out)["integrity"];
    EXPECT_FALSE(integrity["ok"].get<bool>());
    ASSERT_EQ(integrity["problems"].size(), 1u);
    EXPECT_NE(integrity["problems"][0].get<std::string>().find("two records named version"), std::string::npos);
}

// Debug records LibTorch 1.13 would crash on (an empty tuple: SIGSEGV when the graph is printed) or throw
// on (a flipped opcode) are hidden from it: the file opens, the graph is drawn without their source
// locations, and the record is named as a problem.
TEST(Integrity, UnusableDebugRecordsAreHiddenNotFatal)
{
    for (const char* key : {"unusable_debug", "flipped_debug"}) {
        const Json expect = trust()[key];
        const std::string file = quote(fixturePath(expect["file"]));
        auto info = cli("info --json " + file);
        ASSERT_EQ(info.exitCode, 0) << key << info.err;
        const std::string problems = Json::parse(info.out)["integrity"]["problems"].dump();
        EXPECT_NE(problems.find("debug record " + expect["record"].get<std::string>() + " is damaged"),
                  std::string::npos)
            << key << problems;
        EXPECT_EQ(lineCount(info.err), 1) << info.err;
        auto graph = cli("graph --inlined " + file);
        EXPECT_EQ(graph.exitCode, 0) << key << graph.err;
        EXPECT_NE(graph.out.find("aten::"), std::string::npos) << graph.out;
        EXPECT_EQ(cli("info --strict " + file).exitCode, 3) << key;
    }
}

// SIGSEGV in LibTorch's ScriptTypeParser::parseClassConstant (the fuzzer's find, tests/fuzz/known/): a
// class-level assignment without a type. Refused before LibTorch compiles the code.
TEST(Integrity, CodeThatCrashesLibTorchsImporterIsRefused)
{
    auto r = cli("info " + quote(fixturePath(trust()["class_constant_crash"])));
    EXPECT_EQ(r.exitCode, 3) << r.err;
    EXPECT_EQ(r.err.rfind(
                  "jitscope-cli: The archive is damaged: code/__torch__/torch/nn/modules/linear.py, line 2: "
                  "class Linear assigns __paremst_are_ without a type",
                  0),
              0u)
        << r.err;
    EXPECT_EQ(cli("graph --inlined " + quote(fixturePath(trust()["class_constant_crash"]))).exitCode, 3);
}

// Every input the fuzzer found crashing LibTorch (tests/fuzz/known/) is refused with a one-line reason, or
// opens without the part LibTorch would crash on (a damaged debug record).
TEST(Integrity, KnownLibTorchCrashersAreRefused)
{
    int files = 0;
    for (const auto& entry : fs::directory_iterator(JITSCOPE_FUZZ_KNOWN_DIR)) {
        if (entry.path().extension() != ".pt")
            continue;
        ++files;
        auto r = cli("info " + quote(entry.path().string()));
        EXPECT_TRUE(r.exitCode == 3 || r.exitCode == 0) << entry.path() << " exit " << r.exitCode << r.err;
        if (r.exitCode == 3)
            EXPECT_EQ(r.err.rfind("jitscope-cli: ", 0), 0u) << r.err;
        else
            EXPECT_NE(r.err.find("debug record"), std::string::npos) << entry.path() << r.err;
    }
    EXPECT_GT(files, 0);
}

TEST(TimeLimit, RunAndBenchEndAForwardThatNeverReturns)
{
    const std::string file = quote(fixturePath(trust()["forever"]));
    for (const std::string command : {"run --timeout 2 --input randn:4 ", "bench --timeout 2 --input randn:4 "}) {
        const auto start = std::chrono::steady_clock::now();
        auto r = cli(command + file);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        EXPECT_EQ(r.exitCode, 4) << command << r.err;
        EXPECT_EQ(lineCount(r.err), 1) << r.err;
        EXPECT_NE(r.err.find("did not return within 2 s"), std::string::npos) << r.err;
        EXPECT_LT(seconds, 60);
    }
    // A call that returns in time is not disturbed.
    auto ok = cli("run --timeout 30 --input randn:1x3 " + quote(fixturePath("tiny_linear.pt")));
    EXPECT_EQ(ok.exitCode, 0) << ok.err;
}

TEST(OddPaths, NamesWithSpacesNonAsciiAndNonUtf8BytesOpen)
{
    TempDir dir;
    for (const std::string name : {"with space.pt", "ünïcødé модель.pt", "bad\xff\xfe name.pt"}) {
        fs::copy_file(fixturePath("tiny_linear.pt"), dir.file(name));
        auto r = cli("info --json " + quote(dir.file(name)));
        EXPECT_EQ(r.exitCode, 0) << name << r.err;
        EXPECT_NO_THROW(Json::parse(r.out)) << name; // invalid UTF-8 in the path is replaced, not fatal
        EXPECT_EQ(cli("graph --inlined " + quote(dir.file(name))).exitCode, 0) << name;
    }
}

TEST(OddPaths, LinksFoldersPipesDevicesAndEmptyFiles)
{
    TempDir dir;
    fs::copy_file(fixturePath("tiny_linear.pt"), dir.file("model.pt"));
    fs::create_symlink(dir.file("model.pt"), dir.file("link.pt"));
    EXPECT_EQ(cli("info " + quote(dir.file("link.pt"))).exitCode, 0);
    fs::create_symlink(dir.file("missing.pt"), dir.file("dangling.pt"));
    ASSERT_EQ(mkfifo(dir.file("fifo.pt").c_str(), 0600), 0);
    std::ofstream(dir.file("empty.pt")).close();

    chmod(dir.file("model.pt").c_str(), 0444); // read-only opens like any other
    EXPECT_EQ(cli("info " + quote(dir.file("model.pt"))).exitCode, 0);

    const std::vector<std::pair<std::string, std::string>> cases = {
        {dir.file("dangling.pt"), "symbolic link to a file that does not exist"},
        {dir.path, "is a folder"},
        {dir.file("fifo.pt"), "named pipe"},
        {"/dev/zero", "character device"},
        {dir.file("empty.pt"), "empty"},
        {dir.file("nothing-here.pt"), "No such file"}};
    for (const auto& [path, message] : cases) {
        for (const std::string command : {"info ", "graph --inlined "}) {
            auto r = runProcess("timeout 60 " + quote(cliPath()) + " " + command + quote(path));
            EXPECT_EQ(r.exitCode, 3) << path << ": " << r.err; // 124 would mean it hung
            EXPECT_NE(r.err.find(message), std::string::npos) << path << ": " << r.err;
            EXPECT_EQ(r.err.rfind("jitscope-cli: ", 0), 0u) << r.err;
        }
    }
}

TEST(OddPaths, UnreadableFile)
{
    if (geteuid() == 0)
        GTEST_SKIP() << "running as root: permission bits do not stop root from reading";
    TempDir dir;
    fs::copy_file(fixturePath("tiny_linear.pt"), dir.file("secret.pt"));
    chmod(dir.file("secret.pt").c_str(), 0);
    auto r = cli("info " + quote(dir.file("secret.pt")));
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_NE(r.err.find("permission denied"), std::string::npos) << r.err;
}

TEST(OddPaths, LargerThan4GiBSparseFileIsProbedNotRead)
{
    TempDir dir;
    const std::string path = dir.file("huge.pt");
    fs::copy_file(fixturePath("tiny_linear.pt"), path); // starts like a real archive …
    std::error_code error;
    fs::resize_file(path, (5ull << 30), error); // … then 5 GiB of holes: no end-of-archive record
    if (error)
        GTEST_SKIP() << "cannot make a sparse 5 GiB file here: " << error.message();
    const auto start = std::chrono::steady_clock::now();
    auto r = cli("info " + quote(path));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(r.exitCode, 3) << r.err;
    EXPECT_NE(r.err.find("damaged or truncated"), std::string::npos) << r.err;
    EXPECT_LT(seconds, 30) << "the probe must not read the whole file";
}

TEST(OddPaths, FileDeletedOrReplacedWhileOpenInTheWorker)
{
    TempDir dir;
    fs::copy_file(fixturePath("extra_files.pt"), dir.file("model.pt"));
    const std::string path = dir.file("model.pt");
    // The worker keeps the model in memory: graphs still work after the file is gone; reading an extra
    // file again from disk fails with a clear error, not a crash.
    // The feeder waits for the open's answer in the worker's output before it deletes the file.
    const std::string out = dir.file("out.jsonl");
    auto send = [](const std::string& line) { return "printf '%s\\n' " + quote(line) + "; "; };
    auto waitFor = [&out](int id) {
        const std::string n = std::to_string(id);
        return "for i in $(seq 600); do grep -q '\"id\":" + n + ",\"result\"\\|\"id\":" + n + "}$' " + quote(out) +
               " 2>/dev/null && break; sleep 0.2; done; ";
    };
    const std::string script =
        "(" + send("{\"id\": 1, \"method\": \"open\", \"params\": {\"path\": \"" + path + "\"}}") +
        waitFor(1) + "rm -f " + quote(path) + "; " +
        send("{\"id\": 2, \"method\": \"graph\", \"params\": {\"handle\": 1}}") +
        send("{\"id\": 3, \"method\": \"extra_file\", \"params\": {\"handle\": 1, \"name\": \"notes.txt\"}}") +
        waitFor(3) + "cp " + quote(fixturePath("tiny_linear.pt")) + " " + quote(path) + "; " +
        send("{\"id\": 4, \"method\": \"extra_file\", \"params\": {\"handle\": 1, \"name\": \"notes.txt\"}}") +
        ") | " + quote(cliPath()) + " serve > " + quote(out) + "; cat " + quote(out);
    auto r = runProcess(script);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::map<int, Json> answers;
    std::istringstream lines(r.out);
    std::string line;
    while (std::getline(lines, line)) {
        const Json j = Json::parse(line);
        if (j.contains("id") && j["id"].is_number())
            answers[j["id"].get<int>()] = j;
    }
    ASSERT_TRUE(answers[1].contains("result")) << r.out;
    EXPECT_TRUE(answers[2].contains("result")) << answers[2].dump(); // the model is in memory
    ASSERT_TRUE(answers[3].contains("error")) << r.out;                // re-reading the deleted file
    EXPECT_NE(answers[3]["error"]["message"].get<std::string>().find("no longer exists"), std::string::npos)
        << answers[3].dump();
    ASSERT_TRUE(answers[4].contains("error")) << r.out; // the replacement has no such extra file
    EXPECT_EQ(answers[4]["error"]["code"], "not_found") << answers[4].dump();
}

TEST(MemoryLimit, MaxMemoryEndsACallThatNeedsMore)
{
    const std::string file = quote(fixturePath(trust()["memory_hog"]));
    // 250 M float32 values: 1 GB, against a cap of 0.5 GB.
    auto capped = cli("run --max-memory 0.5 --input 250000000 " + file);
    EXPECT_EQ(capped.exitCode, 5) << capped.err;
    EXPECT_EQ(lineCount(capped.err), 1) << capped.err;
    EXPECT_NE(capped.err.find("the model needed more than 0.5 GB"), std::string::npos) << capped.err;
    auto bench = cli("bench --max-memory 0.5 -n 1 --warmup 0 --input 250000000 " + file);
    EXPECT_EQ(bench.exitCode, 5) << bench.err;
    // Below the cap nothing changes; the result is PyTorch's (n ones summed).
    auto small = cli("run --json --max-memory 0.5 --input 1000 " + file);
    ASSERT_EQ(small.exitCode, 0) << small.err;
    EXPECT_EQ(Json::parse(small.out)["outputs"][0]["sum"].get<double>(), 1000.0);
}

// The worker (serve --max-memory, as the window starts it) answers a call over the cap with its own error
// code; bench's `timeout` stops it between calls.
TEST(MemoryLimit, TheWorkerAnswersOutOfMemoryAndBenchHonoursItsTimeout)
{
    const std::string file = fixturePath(trust()["memory_hog"]);
    const std::string lines =
        "{\"id\": 1, \"method\": \"open\", \"params\": {\"path\": " + Json(file).dump() + "}}\n"
        "{\"id\": 2, \"method\": \"run\", \"params\": {\"handle\": 1, \"inputs\": [250000000]}}\n"
        "{\"id\": 3, \"method\": \"run\", \"params\": {\"handle\": 1, \"inputs\": [1000], \"timeout\": 30}}\n"
        "{\"id\": 4, \"method\": \"bench\", \"params\": {\"handle\": 1, \"inputs\": [100000], \"warmup\": 0, "
        "\"iters\": 100000000, \"samples\": false, \"timeout\": 0.5}}\n"
        "{\"id\": 5, \"method\": \"run\", \"params\": {\"handle\": 1, \"inputs\": [1], \"timeout\": -1}}\n";
    TempDir dir;
    std::ofstream(dir.file("in.jsonl")) << lines;
    // stdin stays open until the last answer is out (the worker ends at EOF without running what is queued).
    const std::string out = quote(dir.file("out.jsonl"));
    auto r = runProcess("(cat " + quote(dir.file("in.jsonl")) + "; for i in $(seq 600); do grep -q '\"id\":5,' " + out +
                        " 2>/dev/null && break; sleep 0.2; done) | " + quote(cliPath()) + " serve --max-memory 0.5 > " +
                        out + "; cat " + out);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::vector<Json> answers = test::jsonLines(r.out);
    const Json* over = test::responseFor(answers, 2);
    ASSERT_TRUE(over && over->contains("error")) << r.out;
    EXPECT_EQ((*over)["error"]["code"], "out_of_memory");
    EXPECT_EQ((*over)["error"]["message"], "The model needed more than 0.5 GB (the memory limit).");
    const Json* small = test::responseFor(answers, 3);
    ASSERT_TRUE(small && small->contains("result")) << r.out;
    EXPECT_EQ((*small)["result"]["outputs"][0]["sum"].get<double>(), 1000.0);
    const Json* bench = test::responseFor(answers, 4);
    ASSERT_TRUE(bench && bench->contains("result")) << r.out;
    EXPECT_TRUE((*bench)["result"]["stopped"].get<bool>()) << bench->dump().substr(0, 400);
    const Json* negative = test::responseFor(answers, 5);
    ASSERT_TRUE(negative && negative->contains("error")) << r.out;
    EXPECT_EQ((*negative)["error"]["code"], "bad_request");
}

TEST(MemoryLimit, AnAbsurdAllocationFailsCleanlyWithoutACap)
{
    // 2^38 float32 values = 1 TiB: LibTorch's allocator refuses it; the CLI reports it as a failed call.
    auto r = cli("run --input 274877906944 " + quote(fixturePath(trust()["memory_hog"])));
    EXPECT_EQ(r.exitCode, 1) << r.err;
    // A line of its own: under ASan the sanitizer's allocator warns first ("failed to allocate 0x…").
    EXPECT_TRUE(r.err.rfind("jitscope-cli: ", 0) == 0 || r.err.find("\njitscope-cli: ") != std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("alloc"), std::string::npos) << r.err;
}
