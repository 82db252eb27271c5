// Job and session workspaces: one private directory each, removed when the owner
// goes away. Every client-supplied path is resolved with resolve(), which refuses
// absolute paths, '..' components and symlinks that lead outside the workspace.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace appliance {

struct UploadFile {
    std::string path; // relative, '/'-separated
    std::string data;
    bool executable = false;
};

class Workspace {
  public:
    // Creates a fresh 0700 directory under base (created if missing).
    Workspace(const std::filesystem::path& base, const std::string& prefix);
    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    const std::filesystem::path& root() const { return root_; }

    // `argument` names the request field in error messages (e.g. "stage path").
    // Throws Error(PermissionDenied) for escapes, Error(InvalidArgument) for empty paths.
    std::filesystem::path resolve(const std::string& relative, const std::string& argument) const;

    // Writes files below `subdir` (relative, may be empty), creating directories.
    void writeFiles(const std::vector<UploadFile>& files, const std::string& subdir,
                    const std::string& argument);
    // Reads one regular file (resolve() rules apply).
    std::string readFile(const std::string& relative, const std::string& argument) const;
    // Every regular file below `subdir`, paths relative to it.
    std::vector<UploadFile> collect(const std::string& subdir, const std::string& argument) const;

  private:
    std::filesystem::path root_;
};

// Checks a relative path's shape without touching the disk (used by clients too).
// Returns an empty string when fine, else why not.
std::string relativePathProblem(const std::string& relative);

} // namespace appliance
