// Gives the worker a private stdout: protocol lines go to a duplicate of fd 1, and fd 1 itself is pointed
// at stderr, so that prints from LibTorch, a model or a custom-op library can never corrupt the stream.
#include "cli.h"
#include "server.h"

#include <ext/stdio_filebuf.h>

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace jitscope::cli {

int protocolMain(Server& server)
{
    std::fflush(stdout);
    std::cout.flush();
    const int protocolFd = dup(STDOUT_FILENO);
    if (protocolFd < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        std::perror("jitscope-cli serve: cannot set up the protocol stream");
        return ExitFailure;
    }
    __gnu_cxx::stdio_filebuf<char> buffer(protocolFd, std::ios::out);
    std::ostream out(&buffer);
    std::ios::sync_with_stdio(false);
    return server.run(std::cin, out);
}

} // namespace jitscope::cli
