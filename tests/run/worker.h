// A live `jitscope-cli serve` child for tests that need to talk while a request runs (cancel, kill).
#pragma once

#include "types/json.h"

#include <chrono>
#include <functional>
#include <string>
#include <sys/types.h>

namespace jitscope::test {

class Worker
{
public:
    Worker(); // starts testsupport's cliPath() serve and reads its hello
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    const Json& hello() const { return m_hello; }
    pid_t pid() const { return m_pid; }

    int send(const std::string& method, const Json& params); // returns the request id
    // The next line within `timeout` (a parsed JSON message), or null on timeout/EOF.
    Json readMessage(std::chrono::milliseconds timeout);
    // Reads until the response to `id`; notifications go to `onNotification`. Null on timeout.
    Json waitFor(int id, std::chrono::milliseconds timeout,
                 const std::function<void(const Json&)>& onNotification = {});
    Json request(const std::string& method, const Json& params,
                 std::chrono::milliseconds timeout = std::chrono::seconds(120));
    int open(const std::string& path); // the handle; fails the test when it cannot open

    void kill(); // SIGKILL, as the GUI does with a hung worker
    bool alive() const;

private:
    pid_t m_pid = -1;
    int m_in = -1, m_out = -1;
    std::string m_buffer;
    int m_nextId = 1;
    Json m_hello;
};

} // namespace jitscope::test
