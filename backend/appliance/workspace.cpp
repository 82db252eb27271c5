#include "backend/appliance/workspace.h"

#include "backend/appliance/error.h"

#include <fstream>
#include <random>
#include <sstream>

#include <sys/stat.h>

namespace appliance {
namespace fs = std::filesystem;

std::string relativePathProblem(const std::string& relative) {
    if (relative.empty())
        return "is empty";
    if (relative.find('\0') != std::string::npos)
        return "contains a NUL byte";
    fs::path p(relative);
    if (p.is_absolute() || relative[0] == '/')
        return "is absolute";
    for (const auto& part : p)
        if (part == "..")
            return "contains '..'";
    return {};
}

Workspace::Workspace(const fs::path& base, const std::string& prefix) {
    std::error_code ec;
    fs::create_directories(base, ec);
    if (ec)
        throw Error(Code::Internal,
                    "cannot create workspace base " + base.string() + ": " + ec.message());
    std::random_device rd;
    for (int attempt = 0; attempt < 16; ++attempt) {
        std::ostringstream name;
        name << prefix << '-' << std::hex << rd() << rd();
        fs::path candidate = base / name.str();
        if (::mkdir(candidate.c_str(), 0700) == 0) {
            root_ = fs::canonical(candidate);
            return;
        }
    }
    throw Error(Code::Internal, "cannot create a workspace under " + base.string());
}

Workspace::~Workspace() {
    std::error_code ec;
    fs::remove_all(root_, ec);
}

fs::path Workspace::resolve(const std::string& relative, const std::string& argument) const {
    if (auto problem = relativePathProblem(relative); !problem.empty())
        throw Error(problem == "is empty" ? Code::InvalidArgument : Code::PermissionDenied,
                    argument + " '" + relative + "' " + problem +
                        "; paths must stay inside the job workspace");
    fs::path full = root_ / fs::path(relative).lexically_normal();
    // Follow the existing part of the path: a symlink anywhere must still land inside.
    fs::path existing = full;
    while (!existing.empty() && !fs::exists(fs::symlink_status(existing)))
        existing = existing.parent_path();
    std::error_code ec;
    fs::path real = fs::weakly_canonical(existing, ec);
    if (ec)
        throw Error(Code::InvalidArgument, argument + " '" + relative + "': " + ec.message());
    auto [rootEnd, realIt] = std::mismatch(root_.begin(), root_.end(), real.begin(), real.end());
    if (rootEnd != root_.end())
        throw Error(Code::PermissionDenied,
                    argument + " '" + relative +
                        "' leads outside the job workspace through a symlink");
    return full;
}

void Workspace::writeFiles(const std::vector<UploadFile>& files, const std::string& subdir,
                           const std::string& argument) {
    for (const auto& f : files) {
        if (auto problem = relativePathProblem(f.path); !problem.empty())
            throw Error(problem == "is empty" ? Code::InvalidArgument : Code::PermissionDenied,
                        argument + " '" + f.path + "' " + problem +
                            "; paths must stay inside the job workspace");
        const std::string rel = subdir.empty() ? f.path : subdir + "/" + f.path;
        fs::path target = resolve(rel, argument);
        std::error_code ec;
        fs::create_directories(target.parent_path(), ec);
        // The directories just created may not contain symlinks, but a later upload
        // could have planted one: resolve again now that the parents exist.
        target = resolve(rel, argument);
        if (fs::is_symlink(fs::symlink_status(target)))
            throw Error(Code::PermissionDenied,
                        argument + " '" + f.path + "' is a symlink in the workspace");
        std::ofstream out(target, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(Code::Internal, argument + " '" + f.path + "': cannot write");
        out.write(f.data.data(), std::streamsize(f.data.size()));
        out.close();
        fs::permissions(target, f.executable ? fs::perms(0700) : fs::perms(0600), ec);
    }
}

std::string Workspace::readFile(const std::string& relative, const std::string& argument) const {
    fs::path p = resolve(relative, argument);
    if (!fs::is_regular_file(p))
        throw Error(Code::NotFound,
                    argument + " '" + relative + "' does not exist in the job workspace");
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return std::move(s).str();
}

std::vector<UploadFile> Workspace::collect(const std::string& subdir,
                                           const std::string& argument) const {
    fs::path dir = subdir.empty() ? root_ : resolve(subdir, argument);
    if (!fs::is_directory(dir))
        throw Error(Code::NotFound,
                    argument + " '" + subdir + "' is not a directory in the job workspace");
    std::vector<UploadFile> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file() || e.is_symlink())
            continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        auto perms = fs::status(e.path()).permissions();
        out.push_back({fs::relative(e.path(), dir).generic_string(), std::move(s).str(),
                       (perms & fs::perms::owner_exec) != fs::perms::none});
    }
    return out;
}

} // namespace appliance
