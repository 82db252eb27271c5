#include "backend/appliance/command_runner.h"

#include "backend/appliance/error.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace appliance {

CommandResult runShellCommand(const std::string& command, const std::filesystem::path& cwd,
                              const std::vector<std::pair<std::string, std::string>>& env,
                              std::chrono::milliseconds timeout, const std::atomic<bool>& cancel,
                              size_t maxOutputBytes) {
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0)
        throw Error(Code::Internal, std::string("run: pipe failed: ") + std::strerror(errno));
    // Everything the child needs is prepared before fork: only async-signal-safe calls after.
    const std::string cwdString = cwd.string();
    std::vector<std::string> envStrings;
    for (char** e = environ; *e; ++e) {
        std::string entry(*e);
        bool overridden = false;
        for (const auto& [k, v] : env)
            overridden = overridden || entry.rfind(k + "=", 0) == 0;
        if (!overridden)
            envStrings.push_back(std::move(entry));
    }
    for (const auto& [k, v] : env)
        envStrings.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : envStrings)
        envp.push_back(s.data());
    envp.push_back(nullptr);
    const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};

    pid_t pid = ::fork();
    if (pid < 0)
        throw Error(Code::Internal, std::string("run: fork failed: ") + std::strerror(errno));
    if (pid == 0) {
        ::setpgid(0, 0);
        ::dup2(pipeFds[1], 1);
        ::dup2(pipeFds[1], 2);
        int devNull = ::open("/dev/null", O_RDONLY);
        if (devNull >= 0)
            ::dup2(devNull, 0);
        if (::chdir(cwdString.c_str()) != 0)
            ::_exit(126);
        ::execve("/bin/sh", const_cast<char* const*>(argv), envp.data());
        ::_exit(127);
    }
    ::setpgid(pid, pid); // also from the parent, so the group exists before any kill
    ::close(pipeFds[1]);

    CommandResult result;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    bool open = true;
    bool killed = false;
    char buffer[65536];
    while (open) {
        pollfd p{pipeFds[0], POLLIN, 0};
        int ready = ::poll(&p, 1, 100);
        if (ready > 0) {
            ssize_t n = ::read(pipeFds[0], buffer, sizeof buffer);
            if (n > 0) {
                if (result.output.size() < maxOutputBytes)
                    result.output.append(buffer,
                                         size_t(std::min<ssize_t>(
                                             n, ssize_t(maxOutputBytes - result.output.size()))));
            } else if (n == 0 || errno != EINTR) {
                open = false;
            }
        }
        if (!killed && (cancel.load() || std::chrono::steady_clock::now() > deadline)) {
            result.cancelled = cancel.load();
            result.timedOut = !result.cancelled;
            ::kill(-pid, SIGKILL);
            killed = true;
        }
    }
    ::close(pipeFds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (killed)
        ::kill(-pid, SIGKILL); // grandchildren that outlived the shell
    if (WIFEXITED(status))
        result.exitCode = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        result.exitCode = 128 + WTERMSIG(status);
    return result;
}

} // namespace appliance
