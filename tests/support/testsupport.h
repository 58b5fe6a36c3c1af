// Shared helpers for tests: where the fixtures are, their expectations, the CLI binary.
#pragma once

#include "types/json.h"

#include <string>
#include <vector>

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

// A `serve` transcript: one JSON value per line (throws when stdout carries anything but protocol lines).
std::vector<Json> jsonLines(const std::string& text);
// The response (result or error) to request `id` in a transcript, nullptr when there is none.
const Json* responseFor(const std::vector<Json>& lines, const Json& id);

} // namespace jitscope::test
