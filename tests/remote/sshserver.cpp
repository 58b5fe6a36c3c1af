#include "sshserver.h"

#include <arpa/inet.h>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <sstream>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace jitscope::test {

namespace {

int freeLoopbackPort()
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    int port = 0;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    close(fd);
    return port;
}

bool listening(int port)
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    close(fd);
    return ok;
}

bool run(const std::string& command)
{
    return std::system(command.c_str()) == 0;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

SshServer::~SshServer()
{
    if (m_pid > 0) {
        kill(m_pid, SIGTERM);
        waitpid(m_pid, nullptr, 0);
    }
    if (!m_dir.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(m_dir, ignored);
    }
}

bool SshServer::start(std::string* why)
{
    const char* sshd = "/usr/sbin/sshd";
    if (access(sshd, X_OK) != 0 || !run("command -v ssh-keygen >/dev/null && command -v ssh >/dev/null")) {
        *why = "OpenSSH is not installed (apt-get install openssh-server openssh-client)";
        return false;
    }
    char pattern[] = "/tmp/jitscope-sshd-XXXXXX";
    if (!mkdtemp(pattern)) {
        *why = "cannot create a temp folder";
        return false;
    }
    m_dir = pattern;
    const std::string keygen = "ssh-keygen -q -t ed25519 -C jitscope-test ";
    if (!run(keygen + "-N '' -f " + m_dir + "/host_key") || !run(keygen + "-N '' -f " + key()) ||
        !run(keygen + "-N '' -f " + wrongKey()) ||
        !run(keygen + "-N '" + passphrase() + "' -f " + passphraseKey()) ||
        !run("cat " + key() + ".pub " + passphraseKey() + ".pub > " + m_dir + "/authorized_keys")) {
        *why = "ssh-keygen failed";
        return false;
    }
    // sshd insists on its privilege separation folder even when it will never use it.
    if (geteuid() == 0)
        std::filesystem::create_directories("/run/sshd");
    m_port = freeLoopbackPort();
    std::ofstream config(m_dir + "/sshd_config");
    config << "Port " << m_port << "\nListenAddress 127.0.0.1\n"
           << "HostKey " << m_dir << "/host_key\nPidFile " << m_dir << "/sshd.pid\n"
           << "AuthorizedKeysFile " << m_dir << "/authorized_keys\n"
           << "PermitRootLogin prohibit-password\nStrictModes no\nUsePAM no\n"
           << "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
           << "PrintMotd no\nLogLevel VERBOSE\n";
    config.close();

    m_pid = fork();
    if (m_pid == 0) {
        const std::string configPath = m_dir + "/sshd_config", log = m_dir + "/sshd.log";
        execl(sshd, sshd, "-D", "-f", configPath.c_str(), "-E", log.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    for (int i = 0; i < 100; ++i) {
        if (listening(m_port))
            return true;
        if (waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
            m_pid = 0;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    *why = "sshd did not start: " + readFile(m_dir + "/sshd.log");
    return false;
}

std::string SshServer::sshCommand(const std::string& remote, const std::string& keyPath, bool batch) const
{
    std::string command = "ssh -p " + std::to_string(m_port) + " -i " + (keyPath.empty() ? key() : keyPath) +
                          " -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
                          " -o LogLevel=ERROR";
    if (batch)
        command += " -o BatchMode=yes";
    return command + " 127.0.0.1 " + remote;
}

} // namespace jitscope::test
