#include "worker.h"

#include "testsupport.h"

#include <gtest/gtest.h>

#include <csignal>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace jitscope::test {

Worker::Worker()
{
    int toChild[2], fromChild[2];
    if (pipe(toChild) != 0 || pipe(fromChild) != 0)
        throw std::runtime_error("pipe failed");
    m_pid = fork();
    if (m_pid == 0) {
        dup2(toChild[0], 0);
        dup2(fromChild[1], 1);
        close(toChild[1]);
        close(fromChild[0]);
        const std::string cli = cliPath();
        execl(cli.c_str(), cli.c_str(), "serve", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(toChild[0]);
    close(fromChild[1]);
    m_in = toChild[1];
    m_out = fromChild[0];
    signal(SIGPIPE, SIG_IGN); // a killed worker must fail a write, not the test
    m_hello = readMessage(std::chrono::seconds(30));
    if (m_hello.value("method", "") != "hello")
        throw std::runtime_error("the worker sent no hello: " + m_hello.dump());
}

Worker::~Worker()
{
    if (m_in >= 0)
        close(m_in); // EOF: the worker finishes and exits
    if (m_pid > 0) {
        for (int i = 0; i < 50 && alive(); ++i)
            usleep(20000);
        if (alive())
            kill();
        waitpid(m_pid, nullptr, 0);
    }
    if (m_out >= 0)
        close(m_out);
}

int Worker::send(const std::string& method, const Json& params)
{
    const int id = m_nextId++;
    const std::string line = Json{{"id", id}, {"method", method}, {"params", params}}.dump() + "\n";
    if (write(m_in, line.data(), line.size()) != static_cast<ssize_t>(line.size()))
        return -1;
    return id;
}

Json Worker::readMessage(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const size_t nl = m_buffer.find('\n');
        if (nl != std::string::npos) {
            const std::string line = m_buffer.substr(0, nl);
            m_buffer.erase(0, nl + 1);
            return Json::parse(line);
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return Json();
        pollfd fd{m_out, POLLIN, 0};
        if (poll(&fd, 1, static_cast<int>(left.count())) <= 0)
            continue;
        char chunk[65536];
        const ssize_t n = read(m_out, chunk, sizeof chunk);
        if (n <= 0)
            return Json(); // EOF: the worker is gone
        m_buffer.append(chunk, static_cast<size_t>(n));
    }
}

Json Worker::waitFor(int id, std::chrono::milliseconds timeout,
                     const std::function<void(const Json&)>& onNotification)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return Json();
        Json message = readMessage(left);
        if (message.is_null())
            return message;
        if (message.contains("id") && message["id"] == id)
            return message;
        if (!message.contains("id") && onNotification)
            onNotification(message);
    }
}

Json Worker::request(const std::string& method, const Json& params, std::chrono::milliseconds timeout)
{
    return waitFor(send(method, params), timeout);
}

int Worker::open(const std::string& path)
{
    Json response = request("open", Json{{"path", path}});
    EXPECT_TRUE(response.contains("result")) << response.dump();
    return response.contains("result") ? response["result"]["handle"].get<int>() : -1;
}

void Worker::kill()
{
    if (m_pid > 0)
        ::kill(m_pid, SIGKILL);
}

bool Worker::alive() const
{
    return m_pid > 0 && waitpid(m_pid, nullptr, WNOHANG) == 0;
}

} // namespace jitscope::test
