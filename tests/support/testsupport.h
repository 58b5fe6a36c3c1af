// Shared helpers for tests: where the fixtures are, their expectations, the CLI binary.
#pragma once

#include "model/json.h"

#include <string>

namespace jitscope::test {

std::string fixtureDir(); // $JITSCOPE_FIXTURES or the build's fixtures folder
std::string fixturePath(const std::string& file);
Json expectation(const std::string& name); // <fixtures>/<name>.expect.json
Json fixtureIndex();                       // <fixtures>/index.json
std::string cliPath();                     // the jitscope-cli built with the tests
std::string testOpsLibrary();              // a custom-op library defining jitscope_test::scale

struct ProcessResult
{
    int exitCode = -1;
    std::string out, err;
};
// Runs a command line through /bin/sh with `input` on stdin; stdout and stderr are captured apart.
ProcessResult runProcess(const std::string& commandLine, const std::string& input = {});

} // namespace jitscope::test
