// Core dump reading at full-wafer size, without the compiler: a synthetic dump of a
// W x H rectangle (one stored SRAM page per PE, as a game-of-life dump has, plus a
// task-profile chunk per PE) is written once with sim::writeCoreDump, then
//   BM_ReaderOpen         sim::CoreDumpReader on it (map, header, PE table checks)
//   BM_DebugUtilOpen      debug::DebugUtil with the program already in memory (the IDE's
//                         case): the reader plus DebugUtil's own checks
//   BM_DebugUtilOpenFiles debug::DebugUtil(bindir): also parses bin/out_program.pb
//   BM_OnePeCold          open + get_symbol of one PE after the dump was dropped from the
//                         page cache (posix_fadvise DONTNEED): what a script pays to look
//                         at one PE of a dump it has not read before
//   BM_GetSymbolRect      get_symbol_rect<uint32_t> of `cell` over the whole rectangle
//   BM_Details            CoreDumpReader::details of every PE of a 100x100 window
// Arguments are the rectangle's width and height; 750x994 is the WSE-2 wafer.
#include "backend/artifact/program_file.h"
#include "backend/debug/debug_util.h"
#include "sim/coredump.h"
#include "tests/sim/program_builder.h"

#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <map>
#include <memory>

namespace {

namespace fs = std::filesystem;

constexpr uint32_t kCellAddress = 1024; // a u32 per PE: its own index
constexpr uint32_t kSymbolsPerClass = 40;

class SyntheticDump {
  public:
    static const SyntheticDump& get(uint32_t w, uint32_t h) {
        static std::map<std::pair<uint32_t, uint32_t>, std::unique_ptr<SyntheticDump>> dumps;
        auto& d = dumps[{w, h}];
        if (!d)
            d = std::make_unique<SyntheticDump>(w, h);
        return *d;
    }
    SyntheticDump(uint32_t w, uint32_t h);
    ~SyntheticDump() {
        std::error_code ignored;
        fs::remove_all(m_dir, ignored);
    }
    const std::string& dir() const { return m_dir; }
    std::string core() const { return m_dir + "/corefile.cs1"; }
    const std::shared_ptr<const sim::FabricProgram>& program() const { return m_program; }
    double megabytes() const { return double(fs::file_size(core())) / (1024.0 * 1024.0); }

  private:
    std::string m_dir;
    std::shared_ptr<const sim::FabricProgram> m_program;
};

SyntheticDump::SyntheticDump(uint32_t w, uint32_t h) {
    m_dir = (fs::temp_directory_path() / ("tessera-bench-dumpread-" + std::to_string(::getpid()) +
                                          "-" + std::to_string(w) + "x" + std::to_string(h)))
                .string();
    fs::create_directories(m_dir + "/bin");
    // The row pipeline's classes and per-PE color configuration, with a symbol table
    // of realistic length in every class (`cell` last, so lookups scan them all).
    auto program = simtest::makeRowPipeline(w, h, 16, 1);
    for (sim::CodeClass& cls : program->classes) {
        for (uint32_t s = 0; s + 1 < kSymbolsPerClass; ++s)
            cls.symbols.push_back({"module.symbol_" + std::to_string(s), 2048 + 64 * s, 64,
                                   sim::ScalarType::F32, 16});
        cls.symbols.push_back({"cell", kCellAddress, 4, sim::ScalarType::U32, 1});
    }
    artifact::writeProgramFile(m_dir + "/bin/out_program.pb", *program);

    sim::CoreHeader header;
    header.fabricWidth = program->fabricWidth;
    header.fabricHeight = program->fabricHeight;
    header.offsetX = program->offsetX;
    header.offsetY = program->offsetY;
    header.width = w;
    header.height = h;
    header.cycle = 1000;
    std::vector<sim::CorePeRecord> pes(size_t(w) * h);
    for (uint32_t i = 0; i < pes.size(); ++i) {
        pes[i].x = i % w;
        pes[i].y = i / w;
        pes[i].codeClass = program->pes[i].codeClass;
        pes[i].instructions = i;
    }
    std::vector<uint8_t> sram(sim::kCorePagesPerPe * sim::kCorePageBytes, 0);
    sim::CorePeDetails details;
    details.tasks = {{10, 0, 3, 300, 90, 120}, {-3, 0, 1, 50, 50, 50}};
    const std::vector<uint8_t> chunks = sim::encodeCoreChunks(details);
    sim::writeCoreDump(
        core(), header, pes,
        [&](uint32_t i) -> const uint8_t* {
            std::memcpy(sram.data() + kCellAddress, &i, sizeof i);
            return sram.data();
        },
        [&](uint32_t) { return chunks; });
    m_program = std::move(program);
}

// Drops the dump's pages from the page cache (clean pages of a file nobody maps).
void evict(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fdatasync(fd);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

const SyntheticDump& dumpOf(const benchmark::State& state) {
    return SyntheticDump::get(uint32_t(state.range(0)), uint32_t(state.range(1)));
}

void BM_ReaderOpen(benchmark::State& state) {
    const SyntheticDump& dump = dumpOf(state);
    for (auto _ : state) {
        sim::CoreDumpReader reader(dump.core());
        benchmark::DoNotOptimize(reader.header());
    }
    state.counters["dump_MB"] = dump.megabytes();
}

void BM_DebugUtilOpen(benchmark::State& state) {
    const SyntheticDump& dump = dumpOf(state);
    for (auto _ : state) {
        debug::DebugUtil util(dump.program(), dump.core());
        benchmark::DoNotOptimize(util.header());
    }
    state.counters["dump_MB"] = dump.megabytes();
}

void BM_DebugUtilOpenFiles(benchmark::State& state) {
    const SyntheticDump& dump = dumpOf(state);
    for (auto _ : state) {
        debug::DebugUtil util(dump.dir());
        benchmark::DoNotOptimize(util.header());
    }
    state.counters["program_MB"] =
        double(fs::file_size(dump.dir() + "/bin/out_program.pb")) / (1024.0 * 1024.0);
}

void BM_OnePeCold(benchmark::State& state) {
    const SyntheticDump& dump = dumpOf(state);
    const uint32_t x = uint32_t(state.range(0)) / 2, y = uint32_t(state.range(1)) / 2;
    for (auto _ : state) {
        state.PauseTiming();
        evict(dump.core());
        state.ResumeTiming();
        debug::DebugUtil util(dump.program(), dump.core());
        const auto cell =
            util.get_symbol<uint32_t>(util.header().offsetX + x, util.header().offsetY + y, "cell");
        if (cell.size() != 1 || cell[0] != y * uint32_t(state.range(0)) + x)
            state.SkipWithError("get_symbol read the wrong cell");
    }
}

void BM_GetSymbolRect(benchmark::State& state) {
    const SyntheticDump& dump = dumpOf(state);
    const uint32_t w = uint32_t(state.range(0)), h = uint32_t(state.range(1));
    debug::DebugUtil util(dump.program(), dump.core());
    uint64_t pes = 0;
    for (auto _ : state) {
        const auto cells = util.get_symbol_rect<uint32_t>(util.header().offsetX,
                                                          util.header().offsetY, w, h, "cell");
        // [col][row]: the last column's first row is PE (w-1, 0).
        if (cells.size() != size_t(w) * h || cells[size_t(w - 1) * h] != w - 1)
            state.SkipWithError("get_symbol_rect returned the wrong cells");
        pes += cells.size();
    }
    state.counters["PEs/s"] = benchmark::Counter(double(pes), benchmark::Counter::kIsRate);
    state.counters["ns/PE"] =
        benchmark::Counter(double(pes), benchmark::Counter::kIsRate | benchmark::Counter::kInvert,
                           benchmark::Counter::kIs1000);
}

void BM_Details(benchmark::State& state) {
    const SyntheticDump& dump = dumpOf(state);
    sim::CoreDumpReader reader(dump.core());
    const uint32_t side =
        std::min<uint32_t>({100, uint32_t(state.range(0)), uint32_t(state.range(1))});
    uint64_t pes = 0;
    for (auto _ : state) {
        for (uint32_t y = 0; y < side; ++y)
            for (uint32_t x = 0; x < side; ++x)
                benchmark::DoNotOptimize(reader.details(x, y).tasks.size());
        pes += uint64_t(side) * side;
    }
    state.counters["PEs/s"] = benchmark::Counter(double(pes), benchmark::Counter::kIsRate);
}

void sizes(benchmark::internal::Benchmark* b) {
    b->Args({300, 300})->Args({750, 994})->UseRealTime()->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_ReaderOpen)->Apply(sizes);
BENCHMARK(BM_DebugUtilOpen)->Apply(sizes);
BENCHMARK(BM_DebugUtilOpenFiles)->Apply(sizes)->Iterations(3);
BENCHMARK(BM_GetSymbolRect)->Apply(sizes);
BENCHMARK(BM_Details)->Args({750, 994})->UseRealTime()->Unit(benchmark::kMillisecond);
// Last: it drops the dumps from the page cache, which the others read warm.
BENCHMARK(BM_OnePeCold)->Apply(sizes)->Iterations(5);

} // namespace

BENCHMARK_MAIN();
