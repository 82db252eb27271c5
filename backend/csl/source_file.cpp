#include "backend/csl/source_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace csl {

std::optional<std::string> readSourceFile(const std::string& path, std::string* why) {
    namespace fs = std::filesystem;
    constexpr uintmax_t kMaxSourceBytes = uintmax_t(64) << 20;
    const auto refuse = [&](std::string reason) -> std::optional<std::string> {
        if (why)
            *why = std::move(reason);
        return std::nullopt;
    };
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st))
        return refuse("it does not exist");
    if (fs::is_directory(st))
        return refuse("it is a directory, not a CSL file");
    if (!fs::is_regular_file(st))
        return refuse("it is not a regular file");
    if (const uintmax_t size = fs::file_size(path, ec); !ec && size > kMaxSourceBytes)
        return refuse("it has " + std::to_string(size) + " bytes; source files are limited to " +
                      std::to_string(kMaxSourceBytes >> 20) + " MB");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return refuse("it cannot be opened");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace csl
