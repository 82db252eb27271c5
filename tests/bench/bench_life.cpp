// Simulator throughput on a compiled CSL program: the bundled game-of-life at 100x100
// and at the full CS-2 wafer rectangle (750x994). Every PE takes part in every
// generation (sends, receives, adds), so tile_cycles/s counts all width x height PEs.
// Counters:
//   tile_cycles/s  simulated cycles of run_generations x PEs per wall second
//   cycles/s       simulated cycles per wall second
//   peak_rss_MB    the process's peak resident set after the run (VmHWM)
// Construction, compilation and the first memcpy are outside the timing.
#include "tests/bench/life_fixture.h"

#include <benchmark/benchmark.h>

namespace {

void BM_LifeGrid(benchmark::State& state) {
    const uint32_t width = uint32_t(state.range(0));
    const uint32_t height = uint32_t(state.range(1));
    const unsigned threads = unsigned(state.range(2));
    const uint32_t generations = uint32_t(state.range(3));
    std::shared_ptr<sim::FabricProgram> program;
    try {
        program = benchlife::compileLife(width, height);
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
        return;
    }
    uint64_t cycles = 0;
    for (auto _ : state) {
        state.PauseTiming();
        sim::FabricOptions o;
        o.threads = threads;
        auto fabric = std::make_unique<sim::Fabric>(program, o);
        benchlife::seedCells(*fabric, width, height);
        state.ResumeTiming();
        try {
            cycles += benchlife::runGenerations(*fabric, generations);
        } catch (const std::exception& e) {
            state.SkipWithError(e.what());
            break;
        }
        state.PauseTiming();
        fabric.reset();
        state.ResumeTiming();
    }
    state.counters["tile_cycles/s"] = benchmark::Counter(
        double(cycles) * double(width) * double(height), benchmark::Counter::kIsRate);
    state.counters["cycles/s"] = benchmark::Counter(double(cycles), benchmark::Counter::kIsRate);
    state.counters["peak_rss_MB"] = double(benchlife::peakRssKb()) / 1024.0;
}
// Args: width, height, threads, generations. The full wafer's one generation (328 cycles)
// includes every PE's first-use costs (queue buffers, register and frame stacks, the task
// profile); the 3-generation row shows the steady state next to it. 300x300 sits between
// them for the 2-thread / 1-thread ratio (its PEs no longer fit the caches).
BENCHMARK(BM_LifeGrid)
    ->Args({100, 100, 1, 10})
    ->Args({100, 100, 2, 10})
    ->Args({300, 300, 1, 3})
    ->Args({300, 300, 2, 3})
    ->Args({750, 994, 1, 1})
    ->Args({750, 994, 1, 3})
    ->Args({750, 994, 2, 1})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
