// Core dump reading as the debug views and debug_util use it: the game-of-life grid
// (side x side PEs) is compiled, run one generation and dumped; then
//   BM_CoreDumpOpen      opening the artifact's symbols and the dump (DebugUtil)
//   BM_GetSymbolRect     get_symbol_rect of `cell` over the whole grid (PEs/s)
// and, without the compiler, the program file of a synthetic w x h program (the row
// pipeline's six classes and per-PE color configs, as bench_dumpread writes it):
//   BM_ProgramFileWrite  artifact::writeProgramFile (bin/out_program.pb)
//   BM_ProgramFileRead   artifact::readProgramFile, what DebugUtil(bindir) and the IDE pay
#include "backend/artifact/artifact.h"
#include "backend/artifact/program_file.h"
#include "backend/debug/debug_util.h"
#include "tests/bench/life_fixture.h"
#include "tests/sim/program_builder.h"

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

// A program file of a w x h row pipeline, written once per size.
class ProgramFile {
  public:
    static const ProgramFile& get(uint32_t w, uint32_t h) {
        static std::map<std::pair<uint32_t, uint32_t>, std::unique_ptr<ProgramFile>> files;
        auto& f = files[{w, h}];
        if (!f)
            f = std::make_unique<ProgramFile>(w, h);
        return *f;
    }
    ProgramFile(uint32_t w, uint32_t h)
        : m_path((fs::temp_directory_path() /
                  ("tessera-bench-program-" + std::to_string(::getpid()) + "-" + std::to_string(w) +
                   "x" + std::to_string(h) + ".pb"))
                     .string()),
          m_program(simtest::makeRowPipeline(w, h, 16, 1)) {
        artifact::writeProgramFile(m_path, *m_program);
    }
    ~ProgramFile() {
        std::error_code ignored;
        fs::remove(m_path, ignored);
    }
    const std::string& path() const { return m_path; }
    const sim::FabricProgram& program() const { return *m_program; }

  private:
    std::string m_path;
    std::shared_ptr<sim::FabricProgram> m_program;
};

void BM_ProgramFileWrite(benchmark::State& state) {
    const auto& file = ProgramFile::get(uint32_t(state.range(0)), uint32_t(state.range(1)));
    const std::string path = file.path() + ".write";
    for (auto _ : state)
        artifact::writeProgramFile(path, file.program());
    state.counters["file_MB"] = double(fs::file_size(path)) / (1024.0 * 1024.0);
    fs::remove(path);
}

void BM_ProgramFileRead(benchmark::State& state) {
    const auto& file = ProgramFile::get(uint32_t(state.range(0)), uint32_t(state.range(1)));
    for (auto _ : state) {
        auto program = artifact::readProgramFile(file.path());
        if (program->pes.size() != file.program().pes.size() ||
            program->pes.back().colors.size() != file.program().pes.back().colors.size())
            state.SkipWithError("readProgramFile returned another program");
    }
    state.counters["file_MB"] = double(fs::file_size(file.path())) / (1024.0 * 1024.0);
}

void programSizes(benchmark::internal::Benchmark* b) {
    b->Args({300, 300})->Args({750, 994})->UseRealTime()->Unit(benchmark::kMillisecond);
}
BENCHMARK(BM_ProgramFileWrite)->Apply(programSizes);
BENCHMARK(BM_ProgramFileRead)->Apply(programSizes);

} // namespace

BENCHMARK_MAIN();
