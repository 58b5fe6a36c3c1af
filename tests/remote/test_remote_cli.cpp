// jitscope-cli serve through a real OpenSSH server on loopback: hello names the host, the file requests
// (list_dir, stat, upload, download), open/run/bench by a remote path, and how ssh failures look to the caller.
#include "protocol/files.h"
#include "sshserver.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace jitscope;
using namespace jitscope::test;
namespace fs = std::filesystem;

namespace {

SshServer* g_server = nullptr;

class Remote : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        static SshServer server;
        static std::string why;
        static const bool started = server.start(&why);
        if (started)
            g_server = &server;
        else
            std::cerr << "sshd could not start: " << why << "\n";
    }
    void SetUp() override
    {
        if (!g_server)
            GTEST_SKIP() << "sshd could not start on a loopback port (see stderr)";
    }
    static std::string serve() { return g_server->sshCommand(cliPath() + " serve"); }
};

// Lenient: blank lines are skipped (the strict test::jsonLines throws on them).
std::vector<Json> serveLines(const std::string& text)
{
    std::vector<Json> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            lines.push_back(Json::parse(line));
    return lines;
}

std::string request(int id, const std::string& method, const Json& params)
{
    return Json{{"id", id}, {"method", method}, {"params", params}}.dump() + "\n";
}

std::string base64(const std::string& bytes)
{
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const uint32_t n = uint8_t(bytes[i]) << 16 | uint8_t(bytes[i + 1]) << 8 | uint8_t(bytes[i + 2]);
        for (int shift : {18, 12, 6, 0})
            out += alphabet[(n >> shift) & 63];
    }
    if (i < bytes.size()) {
        uint32_t n = uint8_t(bytes[i]) << 16;
        if (i + 1 < bytes.size())
            n |= uint8_t(bytes[i + 1]) << 8;
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string unbase64(const std::string& text)
{
    static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    uint32_t accumulator = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=')
            break;
        accumulator = (accumulator << 6) | static_cast<uint32_t>(alphabet.find(c));
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((accumulator >> bits) & 0xff);
        }
    }
    return out;
}

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string sha256Of(const std::string& path)
{
    const auto r = runProcess("sha256sum '" + path + "'");
    return r.out.substr(0, 64);
}

} // namespace

TEST_F(Remote, HelloNamesHostAndDevices)
{
    const auto r = runProcess(serve(), "");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto lines = serveLines(r.out);
    ASSERT_FALSE(lines.empty());
    const Json& hello = lines.front()["params"];
    EXPECT_EQ(hello["protocol"], protocol::kVersion);
    char host[256] = {};
    gethostname(host, sizeof(host) - 1);
    EXPECT_EQ(hello["host"], std::string(host)); // sshd runs the worker on this very machine
    EXPECT_EQ(hello["cuda_devices"], 0);
    EXPECT_EQ(hello["devices"][0], "cpu");
    EXPECT_FALSE(hello["home"].get<std::string>().empty());
}

TEST_F(Remote, ListDirAndStat)
{
    const std::string dir = fixtureDir();
    std::string input = request(1, "list_dir", {{"path", dir}, {"models_only", true}});
    input += request(2, "list_dir", {{"path", dir}});
    input += request(3, "list_dir", {{"path", dir + "/no-such-folder"}});
    input += request(4, "list_dir", {{"path", dir}, {"modles_only", true}});
    input += request(5, "stat", {{"path", fixturePath("resnet18_scripted.pt")}});
    input += request(6, "stat", {{"path", dir + "/missing.pt"}});
    input += request(7, "list_dir", {{"path", dir + "/../fixtures/."}});
    const auto r = runProcess(serve(), input);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto lines = serveLines(r.out);

    const auto models = (*responseFor(lines, 1))["result"].get<protocol::ListDirResult>();
    EXPECT_EQ(models.path, fs::path(dir).lexically_normal().string());
    bool resnet = false;
    for (const auto& entry : models.entries) {
        EXPECT_TRUE(entry.is_dir || protocol::isModelFileName(entry.name)) << entry.name;
        if (entry.name == "resnet18_scripted.pt") {
            resnet = true;
            EXPECT_EQ(entry.size, static_cast<int64_t>(fs::file_size(fixturePath("resnet18_scripted.pt"))));
            EXPECT_GT(entry.mtime, 1600000000);
        }
    }
    EXPECT_TRUE(resnet);
    const auto all = (*responseFor(lines, 2))["result"].get<protocol::ListDirResult>();
    EXPECT_GT(all.entries.size(), models.entries.size()); // index.json, *.expect.json …
    bool index = false;
    for (const auto& entry : all.entries)
        index |= entry.name == "index.json";
    EXPECT_TRUE(index);
    EXPECT_EQ((*responseFor(lines, 3))["error"]["code"], "file_not_found");
    const Json& unknown = (*responseFor(lines, 4))["error"];
    EXPECT_EQ(unknown["code"], "bad_request");
    EXPECT_NE(unknown["message"].get<std::string>().find("modles_only"), std::string::npos) << unknown.dump();
    const auto stat = (*responseFor(lines, 5))["result"].get<protocol::StatResult>();
    EXPECT_TRUE(stat.exists && stat.readable && !stat.is_dir);
    EXPECT_EQ(stat.size, static_cast<int64_t>(fs::file_size(fixturePath("resnet18_scripted.pt"))));
    EXPECT_FALSE((*responseFor(lines, 6))["result"]["exists"].get<bool>());
    EXPECT_EQ((*responseFor(lines, 7))["result"]["path"], fs::path(dir).lexically_normal().string());
}

TEST_F(Remote, UploadChunksVerifiesAndCleansUp)
{
    const std::string local = fixturePath("tiny_linear.pt");
    const std::string bytes = readAll(local);
    ASSERT_GT(bytes.size(), 100u);
    const std::string digest = sha256Of(local);
    const size_t half = bytes.size() / 2;
    const int64_t size = static_cast<int64_t>(bytes.size());
    std::string input = request(1, "upload",
                                {{"name", "/some/where/my model.pt"},
                                 {"size", size},
                                 {"offset", 0},
                                 {"data", base64(bytes.substr(0, half))}});
    input += request(2, "upload",
                     {{"upload", "u1"},
                      {"size", size},
                      {"offset", static_cast<int64_t>(half)},
                      {"data", base64(bytes.substr(half))},
                      {"sha256", digest}});
    // A second upload whose checksum does not match is refused and removed.
    input += request(3, "upload",
                     {{"name", "bad.pt"},
                      {"size", size},
                      {"offset", 0},
                      {"data", base64(bytes)},
                      {"sha256", std::string(64, 'a')}});
    // A chunk at the wrong offset abandons that upload.
    input +=
        request(4, "upload",
                {{"name", "gap.pt"}, {"size", size}, {"offset", 0}, {"data", base64(bytes.substr(0, 10))}});
    input +=
        request(5, "upload",
                {{"upload", "u3"}, {"size", size}, {"offset", 20}, {"data", base64(bytes.substr(20, 10))}});
    input += request(6, "upload", {{"name", "x.pt"}, {"size", 3}, {"offset", 0}, {"data", "!!!!"}});
    const auto r = runProcess(serve(), input);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto lines = serveLines(r.out);
    const auto one = (*responseFor(lines, 1))["result"].get<protocol::UploadResult>();
    EXPECT_EQ(one.upload, "u1");
    EXPECT_EQ(one.received, static_cast<int64_t>(half));
    EXPECT_FALSE(one.complete);
    const auto two = (*responseFor(lines, 2))["result"].get<protocol::UploadResult>();
    ASSERT_TRUE(two.complete) << responseFor(lines, 2)->dump();
    EXPECT_EQ(fs::path(two.path).filename(), "my model.pt"); // the name, never the sender's folders
    EXPECT_EQ((*responseFor(lines, 3))["error"]["code"], "corrupt");
    EXPECT_EQ((*responseFor(lines, 5))["error"]["code"], "bad_request");
    EXPECT_EQ((*responseFor(lines, 6))["error"]["code"], "bad_request"); // not base64
    // The worker has exited (EOF on stdin): its per-session folder is gone.
    EXPECT_FALSE(fs::exists(two.path));
    EXPECT_FALSE(fs::exists(fs::path(two.path).parent_path().parent_path())) << two.path;
}

TEST_F(Remote, DownloadChunksAndErrors)
{
    const std::string local = fixturePath("tiny_linear.pt");
    const std::string bytes = readAll(local);
    const int64_t chunk = 1000;
    const int64_t size = static_cast<int64_t>(bytes.size());
    ASSERT_GT(size, 2 * chunk);
    std::string input;
    int id = 0;
    for (int64_t offset = 0; offset < size; offset += chunk)
        input += request(++id, "download", {{"path", local}, {"offset", offset}, {"length", chunk}});
    const int chunks = id;
    input += request(101, "download", {{"path", local}, {"length", 0}});
    input += request(102, "download", {{"path", local}, {"length", 9 << 20}});
    input += request(103, "download", {{"path", local}, {"offset", size + 1}});
    input += request(104, "download", {{"path", fixtureDir() + "/missing.pt"}});
    input += request(105, "download", {{"path", fixtureDir()}});
    input += request(106, "download", {{"path", local}, {"lenght", 10}});
    input += request(107, "download", {{"path", local}, {"offset", size}}); // the end: empty, no error
    const auto r = runProcess(serve(), input);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto lines = serveLines(r.out);
    std::string joined;
    std::string digest;
    for (int i = 1; i <= chunks; ++i) {
        const auto part = (*responseFor(lines, i))["result"].get<protocol::DownloadResult>();
        EXPECT_EQ(part.size, size);
        EXPECT_EQ(part.offset, (i - 1) * chunk);
        EXPECT_EQ(part.path, local);
        EXPECT_EQ(part.sha256.empty(), i != 1); // the digest comes with the first chunk only
        if (i == 1)
            digest = part.sha256;
        joined += unbase64(part.data);
    }
    EXPECT_EQ(joined, bytes);
    EXPECT_EQ(digest, sha256Of(local));
    for (int bad : {101, 102, 103, 105, 106})
        EXPECT_EQ((*responseFor(lines, bad))["error"]["code"], "bad_request") << bad;
    EXPECT_NE((*responseFor(lines, 106))["error"]["message"].get<std::string>().find("lenght"), std::string::npos);
    EXPECT_EQ((*responseFor(lines, 104))["error"]["code"], "file_not_found");
    EXPECT_EQ((*responseFor(lines, 107))["result"]["data"], "");
}

TEST_F(Remote, SaveOutputsWithoutPathWritesInTheSessionFolder)
{
    // What Save outputs does on a remote worker first: save_outputs without a path (then download).
    const Json exp = expectation("tiny_linear");
    std::string input = request(1, "open", {{"path", fixturePath("tiny_linear.pt")}});
    input +=
        request(2, "run",
                {{"handle", 1}, {"inputs_file", fixturePath(exp["run"]["inputs_file"].get<std::string>())}});
    input += request(3, "save_outputs", {{"handle", 1}, {"path", ""}});
    const auto r = runProcess(serve(), input);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto lines = serveLines(r.out);
    const std::string saved = (*responseFor(lines, 3))["result"]["path"].get<std::string>();
    EXPECT_NE(saved.find("/jitscope-upload-"), std::string::npos) << saved;
    EXPECT_EQ(fs::path(saved).filename(), "outputs.pt");
    EXPECT_FALSE(fs::exists(saved)); // the worker has exited: its session folder went with it
    // Fetching it while the worker lives is test_remote_window's saveOutputsDownloads.
}

TEST_F(Remote, OpenRunAndBenchByRemotePath)
{
    const Json exp = expectation("tiny_linear");
    std::string input = request(1, "open", {{"path", fixturePath("tiny_linear.pt")}});
    input +=
        request(2, "run",
                {{"handle", 1}, {"inputs_file", fixturePath(exp["run"]["inputs_file"].get<std::string>())}});
    input += request(3, "bench",
                     {{"handle", 1},
                      {"inputs_file", fixturePath(exp["run"]["inputs_file"].get<std::string>())},
                      {"warmup", 2},
                      {"iters", 20}});
    const auto r = runProcess(serve(), input);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto lines = serveLines(r.out);
    ASSERT_TRUE((*responseFor(lines, 1)).contains("result")) << responseFor(lines, 1)->dump();
    const Json& run = (*responseFor(lines, 2))["result"];
    ASSERT_EQ(run["outputs"].size(), exp["run"]["outputs"].size());
    EXPECT_NEAR(run["outputs"][0]["sum"].get<double>(), exp["run"]["outputs"][0]["sum"].get<double>(), 1e-4);
    const Json& bench = (*responseFor(lines, 3))["result"];
    EXPECT_EQ(bench["iters"], 20);
    EXPECT_GT(bench["median_ms"].get<double>(), 0.0);
}

TEST_F(Remote, WrongKeyGivesSshMessage)
{
    const auto r = runProcess(g_server->sshCommand(cliPath() + " serve", g_server->wrongKey()), "");
    EXPECT_EQ(r.exitCode, 255);
    EXPECT_NE(r.err.find("Permission denied"), std::string::npos) << r.err;
}

TEST_F(Remote, MissingCommandExits127)
{
    const auto r = runProcess(g_server->sshCommand("/nonexistent/jitscope-cli serve"), "");
    EXPECT_EQ(r.exitCode, 127) << r.err;
}
