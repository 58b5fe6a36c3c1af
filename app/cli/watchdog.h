// Ends the one-shot CLI when a call overruns its time limit (run/bench --timeout). The TorchScript
// interpreter cannot be interrupted from outside, so the only clean way out is to end the process: the
// watchdog prints one line and calls _exit(ExitTimeout) from its own thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace jitscope::cli {

class Watchdog
{
public:
    // seconds <= 0: no limit, the watchdog does nothing. `what` names the call in the message.
    Watchdog(double seconds, std::string what);
    ~Watchdog();
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

    void arm();    // starts (or restarts) the clock
    void disarm(); // the call returned in time

private:
    void watch();

    double m_seconds;
    std::string m_what;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_armed = false, m_quit = false;
    std::chrono::steady_clock::time_point m_deadline;
    std::thread m_thread;
};

} // namespace jitscope::cli
