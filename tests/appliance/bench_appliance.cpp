// Appliance throughput and latency over a real unix socket: memcpy H2D and D2H of a
// 64x64 rectangle with 4096 f32 per PE (64 MiB per copy), and the round trip of a
// blocking launch of an empty function. Numbers: docs/benchmarks.md, "Appliance".
#include "backend/appliance/appliance.h"
#include "backend/artifact/artifact.h"
#include "backend/client/client.h"
#include "fixture_program.h"
#include "sim/fabric.h"

#include <benchmark/benchmark.h>

#include <ctime>
#include <filesystem>
#include <malloc.h>
#include <unistd.h>

namespace {

struct Setup {
    std::filesystem::path dir;
    std::unique_ptr<appliance::Appliance> daemon;
    std::shared_ptr<tessera::client::Connection> connection;
    std::unique_ptr<tessera::client::SdkRuntime> runtime;
    uint32_t buf = 0;

    Setup(uint32_t w, uint32_t h, uint32_t n, bool inProcess = false) {
        dir = std::filesystem::temp_directory_path() /
              ("tessera-bench-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        artifact::writeArtifact((dir / "out").string(), *fixture::program(w, h, n), {});
        if (inProcess) {
            daemon = appliance::Appliance::startEmbedded({});
            connection = tessera::client::Connection::fromChannel(daemon->inProcessChannel());
        } else {
            daemon = appliance::Appliance::startListening({}, "unix:" + (dir / "a.sock").string());
            connection = tessera::client::Connection::connect("unix:" + (dir / "a.sock").string());
        }
        runtime = std::make_unique<tessera::client::SdkRuntime>((dir / "out").string(), connection);
        runtime->load();
        runtime->run();
        buf = runtime->get_id("buf");
    }
    ~Setup() {
        runtime.reset();
        connection.reset();
        daemon.reset();
        std::filesystem::remove_all(dir);
    }
};

constexpr uint32_t kSide = 64, kPerPe = 4096;

// CPU time of the whole process (client, gRPC and appliance threads): on the shared,
// loaded build machine wall time mostly measures the other jobs, so the benchmarks also
// report the CPU cost per copy ("process_cpu_ms") and what it allows ("cpu_bound_MBps":
// 64 MiB over that cost; the copy's steps run one after another, so this is what an idle
// machine reaches).
double processCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}
void reportCpu(benchmark::State& state, double cpuSeconds, size_t bytes) {
    const double perCopy = cpuSeconds / double(state.iterations());
    state.counters["process_cpu_ms"] = perCopy * 1e3;
    state.counters["cpu_bound_MBps"] = double(bytes) / perCopy / 1e6;
}

void BM_MemcpyH2D(benchmark::State& state) {
    Setup s(kSide, kSide, kPerPe);
    std::vector<float> data(size_t(kSide) * kSide * kPerPe, 1.0f);
    const double cpu0 = processCpuSeconds();
    for (auto _ : state)
        s.runtime->memcpy_h2d(s.buf, std::span<const float>(data), 0, 0, kSide, kSide, kPerPe);
    reportCpu(state, processCpuSeconds() - cpu0, data.size() * 4);
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(data.size() * 4));
}
BENCHMARK(BM_MemcpyH2D)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MemcpyD2H(benchmark::State& state) {
    Setup s(kSide, kSide, kPerPe);
    std::vector<float> data(size_t(kSide) * kSide * kPerPe);
    const double cpu0 = processCpuSeconds();
    for (auto _ : state)
        s.runtime->memcpy_d2h(std::span<float>(data), s.buf, 0, 0, kSide, kSide, kPerPe);
    reportCpu(state, processCpuSeconds() - cpu0, data.size() * 4);
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(data.size() * 4));
}
BENCHMARK(BM_MemcpyD2H)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same copy without the socket: what the transport costs.
void BM_MemcpyH2DInProcess(benchmark::State& state) {
    Setup s(kSide, kSide, kPerPe, true);
    std::vector<float> data(size_t(kSide) * kSide * kPerPe, 1.0f);
    const double cpu0 = processCpuSeconds();
    for (auto _ : state)
        s.runtime->memcpy_h2d(s.buf, std::span<const float>(data), 0, 0, kSide, kSide, kPerPe);
    reportCpu(state, processCpuSeconds() - cpu0, data.size() * 4);
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(data.size() * 4));
}
BENCHMARK(BM_MemcpyH2DInProcess)->Unit(benchmark::kMillisecond)->UseRealTime();

// The simulator alone (no gRPC, no copies between processes): the floor under the above.
void BM_SimMemcpyOnly(benchmark::State& state) {
    sim::Fabric fabric(fixture::program(kSide, kSide, kPerPe));
    const bool toDevice = state.range(0) != 0;
    std::vector<uint32_t> words(size_t(kSide) * kSide * kPerPe, 0x3f800000u);
    sim::MemcpyRequest r;
    r.toDevice = toDevice;
    r.symbol = "buf";
    r.w = r.h = kSide;
    r.elementsPerPe = kPerPe;
    const double cpu0 = processCpuSeconds();
    for (auto _ : state) {
        auto id = fabric.memcpy(r, toDevice ? words : std::vector<uint32_t>{});
        fabric.runUntilDone(id);
        if (!toDevice)
            benchmark::DoNotOptimize(fabric.takeResult(id));
    }
    reportCpu(state, processCpuSeconds() - cpu0, words.size() * 4);
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(words.size() * 4));
}
BENCHMARK(BM_SimMemcpyOnly)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LaunchRoundTrip(benchmark::State& state) {
    Setup s(2, 1, 16);
    for (auto _ : state)
        s.runtime->launch("noop");
}
BENCHMARK(BM_LaunchRoundTrip)->Unit(benchmark::kMicrosecond)->UseRealTime();

} // namespace

int main(int argc, char** argv) {
    // As tessera-appliance's main does: reuse large freed buffers (see there).
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
