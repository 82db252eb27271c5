// Core dump reading as the debug views and debug_util use it: the game-of-life grid
// (side x side PEs) is compiled, run one generation and dumped; then
//   BM_CoreDumpOpen      opening the artifact's symbols and the dump (DebugUtil)
//   BM_GetSymbolRect     get_symbol_rect of `cell` over the whole grid (PEs/s)
#include "backend/artifact/artifact.h"
#include "backend/debug/debug_util.h"
#include "tests/bench/life_fixture.h"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

// One dumped run per grid side, kept for the whole process and removed at exit.
class DumpedRun {
  public:
    static const DumpedRun& get(uint32_t side) {
        static std::map<uint32_t, std::unique_ptr<DumpedRun>> runs;
        auto& run = runs[side];
        if (!run)
            run = std::make_unique<DumpedRun>(side);
        return *run;
    }
    explicit DumpedRun(uint32_t side);
    ~DumpedRun() {
        std::error_code ignored;
        fs::remove_all(m_dir, ignored);
    }
    const std::string& dir() const { return m_dir; }
    uint32_t offsetX() const { return m_offsetX; }
    uint32_t offsetY() const { return m_offsetY; }

  private:
    std::string m_dir;
    uint32_t m_offsetX = 0, m_offsetY = 0;
};

DumpedRun::DumpedRun(uint32_t side) {
    m_dir = (fs::temp_directory_path() /
             ("tessera-bench-coredump-" + std::to_string(::getpid()) + "-" + std::to_string(side)))
                .string();
    fs::create_directories(m_dir);
    auto program = benchlife::compileLife(side, side);
    m_offsetX = program->offsetX;
    m_offsetY = program->offsetY;
    artifact::BuildInfo info;
    info.params = {{"width", std::to_string(side)}, {"height", std::to_string(side)}};
    artifact::writeArtifact(m_dir, *program, info);
    sim::Fabric fabric(program);
    benchlife::seedCells(fabric, side, side);
    benchlife::runGenerations(fabric, 1);
    fabric.dumpCore(m_dir + "/corefile.cs1");
}

void BM_CoreDumpOpen(benchmark::State& state) {
    const auto& run = DumpedRun::get(uint32_t(state.range(0)));
    for (auto _ : state) {
        debug::DebugUtil util(run.dir());
        benchmark::DoNotOptimize(util.header());
    }
    state.counters["dump_MB"] =
        double(fs::file_size(run.dir() + "/corefile.cs1")) / (1024.0 * 1024.0);
}
BENCHMARK(BM_CoreDumpOpen)->Arg(100)->Arg(300)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_GetSymbolRect(benchmark::State& state) {
    const uint32_t side = uint32_t(state.range(0));
    const auto& run = DumpedRun::get(side);
    debug::DebugUtil util(run.dir());
    uint64_t pes = 0;
    for (auto _ : state) {
        auto cells =
            util.get_symbol_rect<uint32_t>(run.offsetX(), run.offsetY(), side, side, "cell");
        if (cells.size() != size_t(side) * side)
            state.SkipWithError("get_symbol_rect returned the wrong number of cells");
        pes += cells.size();
    }
    state.counters["PEs/s"] = benchmark::Counter(double(pes), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GetSymbolRect)->Arg(100)->Arg(300)->UseRealTime()->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
