// Runs one shell command for the Launcher service: /bin/sh -c in a job workspace,
// in its own process group, stdout and stderr captured together. A timeout or a
// cancel kills the whole group.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace appliance {

struct CommandResult {
    int exitCode = -1; // the shell's status; 128+N when killed by signal N
    std::string output;
    bool timedOut = false;
    bool cancelled = false;
};

CommandResult runShellCommand(const std::string& command, const std::filesystem::path& cwd,
                              const std::vector<std::pair<std::string, std::string>>& env,
                              std::chrono::milliseconds timeout, const std::atomic<bool>& cancel,
                              size_t maxOutputBytes = 16u << 20);

} // namespace appliance
