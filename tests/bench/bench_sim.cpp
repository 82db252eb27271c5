// Simulator throughput. Counters:
//   tile_cycles/s  simulated cycles x busy PEs per wall second (busy PEs run for the
//                  whole simulated time in these kernels, so this is "active tile-cycles/s")
//   cycles/s       simulated cycles per wall second
#include "tests/sim/program_builder.h"

#include <benchmark/benchmark.h>

#include <cstdio>

namespace {

// Every PE of a side x side rectangle runs fmacs over 512 f32 elements, 20 times.
void BM_DsdHeavy(benchmark::State& state) {
    const uint32_t side = uint32_t(state.range(0));
    const unsigned threads = unsigned(state.range(1));
    auto prog =
        simtest::makeDsdKernel(side, side, 512, 20, [](uint32_t, uint32_t) { return true; });
    uint64_t tileCycles = 0, cycles = 0;
    for (auto _ : state) {
        sim::FabricOptions o;
        o.threads = threads;
        sim::Fabric f(prog, o);
        const auto r = f.runUntilIdle();
        if (r.status != sim::RunStatus::Idle)
            state.SkipWithError(r.message.c_str());
        cycles += f.cycle();
        tileCycles += f.cycle() * uint64_t(side) * side;
    }
    state.counters["tile_cycles/s"] =
        benchmark::Counter(double(tileCycles), benchmark::Counter::kIsRate);
    state.counters["cycles/s"] = benchmark::Counter(double(cycles), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DsdHeavy)
    ->Args({8, 1})
    ->Args({32, 1})
    ->Args({32, 2})
    ->Args({64, 1})
    ->Args({64, 2})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// Row pipelines: fabric traffic (fabout/fabin, routers, backpressure) plus DSD work.
void BM_FabricPipeline(benchmark::State& state) {
    const uint32_t side = uint32_t(state.range(0));
    auto prog = simtest::makeRowPipeline(side, side, 256, 4);
    uint64_t tileCycles = 0;
    for (auto _ : state) {
        sim::Fabric f(prog);
        const auto r = f.runUntilIdle();
        if (r.status != sim::RunStatus::Idle)
            state.SkipWithError(r.message.c_str());
        tileCycles += f.cycle() * uint64_t(side) * side;
    }
    state.counters["tile_cycles/s"] =
        benchmark::Counter(double(tileCycles), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FabricPipeline)->Arg(16)->UseRealTime()->Unit(benchmark::kMillisecond);

// Idle PEs cost nothing: 4 busy PEs in a side x side rectangle. The time per simulated
// cycle must not grow with side (construction is excluded from the timing).
void BM_IdlePes(benchmark::State& state) {
    const uint32_t side = uint32_t(state.range(0));
    auto prog = simtest::makeDsdKernel(side, side, 512, 20,
                                       [](uint32_t x, uint32_t y) { return x < 2 && y < 2; });
    uint64_t cycles = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto f = std::make_unique<sim::Fabric>(prog);
        state.ResumeTiming();
        const auto r = f->runUntilIdle();
        if (r.status != sim::RunStatus::Idle)
            state.SkipWithError(r.message.c_str());
        cycles += f->cycle();
        state.PauseTiming();
        f.reset();
        state.ResumeTiming();
    }
    state.counters["cycles/s"] = benchmark::Counter(double(cycles), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IdlePes)->Arg(2)->Arg(200)->UseRealTime()->Unit(benchmark::kMillisecond);

// A full CS-2 rectangle (750 x 994) where every PE has code and initial data in one
// SRAM page: construction time and peak resident memory (SRAM is committed lazily).
uint64_t peakRssKb() {
    FILE* f = std::fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    uint64_t kb = 0;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmHWM: %lu kB", &kb) == 1)
            break;
    std::fclose(f);
    return kb;
}

void BM_FullWaferLoad(benchmark::State& state) {
    auto prog = simtest::makeDsdKernel(750, 994, 16, 1, [](uint32_t, uint32_t) { return true; });
    for (auto _ : state) {
        sim::Fabric f(prog);
        benchmark::DoNotOptimize(f.cycle());
    }
    state.counters["peak_rss_GB"] = double(peakRssKb()) / (1024.0 * 1024.0);
}
BENCHMARK(BM_FullWaferLoad)->Iterations(1)->Unit(benchmark::kSecond);

} // namespace

BENCHMARK_MAIN();
