// The main() of a fuzz target built without libFuzzer: runs LLVMFuzzerTestOneInput once
// on every file named on the command line (directories are walked), so the seed corpus
// and the saved regression inputs guard every ordinary test build, not only clang's.
// libFuzzer's own flags (arguments starting with '-') are accepted and ignored.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

bool replayFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
        return false;
    }
    std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(in), {}};
    LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
    return true;
}

} // namespace

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    size_t replayed = 0;
    bool ok = true;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.starts_with('-'))
            continue;
        std::error_code ec;
        if (fs::is_directory(arg, ec)) {
            std::vector<fs::path> files;
            for (const auto& entry : fs::recursive_directory_iterator(arg))
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            std::sort(files.begin(), files.end());
            for (const auto& file : files)
                replayed += replayFile(file) ? 1 : (ok = false, 0);
        } else if (fs::exists(arg, ec)) {
            replayed += replayFile(arg) ? 1 : (ok = false, 0);
        } else {
            std::fprintf(stderr, "replay: no such file or directory: %s\n", arg.c_str());
            ok = false;
        }
    }
    std::printf("replay: %zu inputs ran without a crash\n", replayed);
    return ok && replayed > 0 ? 0 : 1;
}
