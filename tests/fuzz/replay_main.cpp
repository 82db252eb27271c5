// The main() of a fuzz target built without libFuzzer: runs LLVMFuzzerTestOneInput once
// on every file named on the command line (directories are walked), so the seed corpus
// and the saved regression inputs guard every ordinary test build, not only clang's.
// With -max_total_time=N (libFuzzer's flag, so one ctest line serves both builds) it then
// mutates those inputs for N seconds: random byte edits, inserts, deletes, copies and
// splices, from a fixed seed. There is no coverage guidance, but every ordinary build (the
// CI's among them) fuzzes for a bounded time. An input that crashes is written to
// fuzz-crash.bin in the working directory before the signal ends the process. libFuzzer's
// other flags (arguments starting with '-') are accepted and ignored.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

constexpr size_t kMaxInputBytes = 8192;

// The input under test, for the crash handler (plain globals: read in a signal handler).
const uint8_t* g_current = nullptr;
size_t g_currentSize = 0;

void saveCrashingInput(int sig) {
    const int fd = ::open("fuzz-crash.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        if (g_current && ::write(fd, g_current, g_currentSize) < 0) {
            // nothing more can be done inside a signal handler
        }
        ::close(fd);
    }
    const char msg[] = "replay: crashed on a mutated input, saved to fuzz-crash.bin\n";
    if (::write(2, msg, sizeof msg - 1) < 0) {
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void runOne(const std::vector<uint8_t>& bytes) {
    g_current = bytes.data();
    g_currentSize = bytes.size();
    LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
}

std::vector<uint8_t> readFile(const std::filesystem::path& path, bool* ok) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
        *ok = false;
        return {};
    }
    return {std::istreambuf_iterator<char>(in), {}};
}

// One random edit of `input`, sometimes with a piece of another corpus input.
void mutate(std::vector<uint8_t>& input, const std::vector<std::vector<uint8_t>>& corpus,
            std::mt19937_64& rng) {
    const auto pick = [&](size_t n) { return size_t(rng() % std::max<size_t>(n, 1)); };
    switch (rng() % 7) {
    case 0: // flip a bit
        if (!input.empty())
            input[pick(input.size())] ^= uint8_t(1u << (rng() % 8));
        break;
    case 1: { // an interesting byte
        static constexpr uint8_t kBytes[] = {0, 1, 0x7f, 0x80, 0xff, '\n', '{', '}', '"', '0'};
        if (!input.empty())
            input[pick(input.size())] = kBytes[pick(std::size(kBytes))];
        break;
    }
    case 2: // insert a byte
        input.insert(input.begin() + std::ptrdiff_t(pick(input.size() + 1)), uint8_t(rng()));
        break;
    case 3: { // delete a run
        if (input.empty())
            break;
        const size_t at = pick(input.size());
        const size_t n = 1 + pick(std::min<size_t>(16, input.size() - at));
        input.erase(input.begin() + std::ptrdiff_t(at), input.begin() + std::ptrdiff_t(at + n));
        break;
    }
    case 4: { // copy a run within the input
        if (input.size() < 2)
            break;
        const size_t from = pick(input.size());
        const size_t n = 1 + pick(std::min<size_t>(64, input.size() - from));
        const std::vector<uint8_t> run(input.begin() + std::ptrdiff_t(from),
                                       input.begin() + std::ptrdiff_t(from + n));
        input.insert(input.begin() + std::ptrdiff_t(pick(input.size() + 1)), run.begin(),
                     run.end());
        break;
    }
    case 5: { // splice: this input's head, another's tail
        const std::vector<uint8_t>& other = corpus[pick(corpus.size())];
        const size_t head = pick(input.size() + 1);
        const size_t tail = pick(other.size() + 1);
        input.resize(head);
        input.insert(input.end(), other.begin() + std::ptrdiff_t(tail), other.end());
        break;
    }
    default: // truncate
        input.resize(pick(input.size() + 1));
        break;
    }
    if (input.size() > kMaxInputBytes)
        input.resize(kMaxInputBytes);
}

} // namespace

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::vector<std::vector<uint8_t>> corpus;
    bool ok = true;
    long maxTotalSeconds = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.starts_with("-max_total_time=")) {
            maxTotalSeconds = std::strtol(arg.c_str() + 16, nullptr, 10);
            continue;
        }
        if (arg.starts_with('-'))
            continue;
        std::error_code ec;
        std::vector<fs::path> files;
        if (fs::is_directory(arg, ec)) {
            for (const auto& entry : fs::recursive_directory_iterator(arg))
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            std::sort(files.begin(), files.end());
        } else if (fs::exists(arg, ec)) {
            files.push_back(arg);
        } else {
            std::fprintf(stderr, "replay: no such file or directory: %s\n", arg.c_str());
            ok = false;
        }
        for (const auto& file : files) {
            bool read = true;
            std::vector<uint8_t> bytes = readFile(file, &read);
            if (!read) {
                ok = false;
                continue;
            }
            runOne(bytes);
            corpus.push_back(std::move(bytes));
        }
    }
    std::printf("replay: %zu inputs ran without a crash\n", corpus.size());
    if (!ok || corpus.empty())
        return 1;
    if (maxTotalSeconds <= 0)
        return 0;

    std::signal(SIGSEGV, saveCrashingInput);
    std::signal(SIGABRT, saveCrashingInput);
    std::signal(SIGFPE, saveCrashingInput);
    std::signal(SIGBUS, saveCrashingInput);
    std::mt19937_64 rng(20261126); // fixed: a run's first inputs are the same every time
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(maxTotalSeconds);
    size_t runs = 0;
    while (std::chrono::steady_clock::now() < end) {
        std::vector<uint8_t> input = corpus[rng() % corpus.size()];
        const unsigned edits = 1 + unsigned(rng() % 4);
        for (unsigned e = 0; e < edits; ++e)
            mutate(input, corpus, rng);
        runOne(input);
        ++runs;
    }
    std::printf("replay: %zu mutated inputs in %ld s ran without a crash\n", runs, maxTotalSeconds);
    return 0;
}
