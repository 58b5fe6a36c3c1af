// A real OpenSSH server on a loopback port for the remote-worker tests: throwaway host key, user keys and
// config in a temp folder; sshd runs in the foreground as a child and is killed by the destructor.
#pragma once

#include <string>
#include <sys/types.h>

namespace jitscope::test {

class SshServer
{
public:
    SshServer() = default;
    ~SshServer();
    SshServer(const SshServer&) = delete;
    SshServer& operator=(const SshServer&) = delete;

    // False (with the reason) when sshd or ssh-keygen is missing or sshd does not listen.
    bool start(std::string* why);

    int port() const { return m_port; }
    const std::string& dir() const { return m_dir; }
    std::string key() const { return m_dir + "/user_key"; }                 // authorized
    std::string wrongKey() const { return m_dir + "/wrong_key"; }           // not authorized
    std::string passphraseKey() const { return m_dir + "/passphrase_key"; } // authorized, passphrase below
    static const char* passphrase() { return "correct horse battery"; }

    // "ssh -p PORT -i KEY -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
    // 127.0.0.1 REMOTE"; batch = false leaves BatchMode out so that ssh may use SSH_ASKPASS.
    std::string sshCommand(const std::string& remote, const std::string& keyPath = {},
                           bool batch = true) const;

private:
    std::string m_dir;
    int m_port = 0;
    pid_t m_pid = 0;
};

} // namespace jitscope::test
