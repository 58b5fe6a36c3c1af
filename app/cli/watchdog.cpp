#include "watchdog.h"
#include "cli.h"

#include <cstdio>
#include <unistd.h>

namespace jitscope::cli {

Watchdog::Watchdog(double seconds, std::string what) : m_seconds(seconds), m_what(std::move(what))
{
    if (m_seconds > 0)
        m_thread = std::thread([this] { watch(); });
}

Watchdog::~Watchdog()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_quit = true;
    }
    m_changed.notify_one();
    m_thread.join();
}

void Watchdog::arm()
{
    if (m_seconds <= 0)
        return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_armed = true;
        m_deadline = std::chrono::steady_clock::now() +
                     std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                         std::chrono::duration<double>(m_seconds));
    }
    m_changed.notify_one();
}

void Watchdog::disarm()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_armed = false;
}

void Watchdog::watch()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        if (m_quit)
            return;
        if (!m_armed) {
            m_changed.wait(lock);
            continue;
        }
        if (m_changed.wait_until(lock, m_deadline) == std::cv_status::timeout && m_armed && !m_quit &&
            std::chrono::steady_clock::now() >= m_deadline) {
            // stdout may hold a partial report: flush nothing of it, say why on stderr, and leave.
            std::fprintf(stderr, "jitscope-cli: %s did not return within %g s (--timeout); stopped.\n",
                         m_what.c_str(), m_seconds);
            std::fflush(stderr);
            _exit(ExitTimeout);
        }
    }
}

} // namespace jitscope::cli
