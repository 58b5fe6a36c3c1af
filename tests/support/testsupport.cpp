#include "testsupport.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace jitscope::test {

std::string fixtureDir()
{
    if (const char* dir = std::getenv("JITSCOPE_FIXTURES"))
        return dir;
    return JITSCOPE_FIXTURE_DIR;
}

std::string fixturePath(const std::string& file)
{
    return fixtureDir() + "/" + file;
}

static Json readJson(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read " + path + " (run the make_fixtures test first)");
    return Json::parse(in);
}

Json expectation(const std::string& name)
{
    return readJson(fixturePath(name + ".expect.json"));
}

Json fixtureIndex()
{
    return readJson(fixturePath("index.json"));
}

std::string cliPath()
{
    if (const char* path = std::getenv("JITSCOPE_CLI"))
        return path;
    return JITSCOPE_CLI_PATH;
}

std::string testOpsLibrary()
{
    return JITSCOPE_TEST_OPS_PATH;
}

ProcessResult runProcess(const std::string& commandLine, const std::string& input)
{
    // stdin from a temp file, stderr to a temp file, stdout through popen: simple and deadlock-free.
    char inName[] = "/tmp/jitscope-test-in-XXXXXX";
    char errName[] = "/tmp/jitscope-test-err-XXXXXX";
    int inFd = mkstemp(inName);
    int errFd = mkstemp(errName);
    if (inFd < 0 || errFd < 0)
        throw std::runtime_error("mkstemp failed");
    if (!input.empty() && write(inFd, input.data(), input.size()) != static_cast<ssize_t>(input.size()))
        throw std::runtime_error("cannot write test input");
    close(inFd);
    close(errFd);

    ProcessResult result;
    const std::string full = commandLine + " <" + inName + " 2>" + errName;
    FILE* pipe = popen(full.c_str(), "r");
    if (!pipe)
        throw std::runtime_error("popen failed");
    std::array<char, 65536> buffer;
    size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.out.append(buffer.data(), n);
    const int status = pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::ifstream err(errName);
    std::stringstream ss;
    ss << err.rdbuf();
    result.err = ss.str();
    unlink(inName);
    unlink(errName);
    return result;
}

std::vector<Json> jsonLines(const std::string& text)
{
    std::vector<Json> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        lines.push_back(Json::parse(line));
    return lines;
}

const Json* responseFor(const std::vector<Json>& lines, const Json& id)
{
    for (const Json& line : lines)
        if (line.contains("id") && line["id"] == id && (line.contains("result") || line.contains("error")))
            return &line;
    return nullptr;
}

} // namespace jitscope::test
