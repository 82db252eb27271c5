// Prints a digest of what the simulator computes for a fixed set of workloads: cycle
// counts, a hash of the core dump (SRAM, stats, task profiles, queues), of the simprint
// lines and of sim.log with every trace on. Speed work on the stepping loop must not
// change any line: run it from the build before and after and diff the outputs
// (docs/benchmarks.md, "Simulator hot loop").
//   sim_digest [scratch-dir]   (default /tmp; writes and removes sim_digest.* files there)
#include "tests/bench/life_fixture.h"
#include "tests/sim/program_builder.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

namespace {

std::string scratch = "/tmp";

uint64_t fnv(const std::string& bytes, uint64_t h = 1469598103934665603ull) {
    for (unsigned char c : bytes)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void report(const char* name, sim::Fabric& fabric, const std::string& log) {
    const std::string dump = scratch + "/sim_digest.core";
    fabric.dumpCore(dump);
    uint64_t printed = 1469598103934665603ull;
    for (const std::string& line : fabric.simprintLines())
        printed = fnv(line + "\n", printed);
    std::printf("%-34s cycle %8llu  core %016llx  simprint %016llx  log %016llx\n", name,
                static_cast<unsigned long long>(fabric.cycle()),
                static_cast<unsigned long long>(fnv(readFile(dump))),
                static_cast<unsigned long long>(printed),
                static_cast<unsigned long long>(log.empty() ? 0 : fnv(readFile(log))));
    std::remove(dump.c_str());
}

sim::FabricOptions options(unsigned threads, bool traced, const std::string& log) {
    sim::FabricOptions o;
    o.threads = threads;
    if (traced) {
        o.simLogPath = log;
        o.traceLanding = o.traceInstructions = o.traceRouter = o.traceStalls = true;
    }
    return o;
}

std::shared_ptr<sim::FabricProgram> compileLife(uint32_t w, uint32_t h, sim::Arch arch) {
    csl::CompileOptions o;
    o.layoutFile = std::string(TESSERA_SOURCE_DIR) + "/resources/examples/game-of-life/layout.csl";
    o.arch = arch;
    o.fabricWidth = w + 7;
    o.fabricHeight = h + 2;
    o.offsetX = 4;
    o.offsetY = 1;
    o.fabricOffsetsGiven = true;
    o.params = {{"width", std::to_string(w)}, {"height", std::to_string(h)}};
    o.memcpy = true;
    o.channels = 1;
    csl::CompileResult r = csl::compile(o);
    if (!r.ok)
        throw std::runtime_error("game-of-life does not compile");
    return r.program;
}

// Game of life: seed, run `generations`, read the cells back. chunk > 0 runs in pieces.
void life(const char* name, const std::shared_ptr<sim::FabricProgram>& program, uint32_t w,
          uint32_t h, unsigned threads, bool traced, uint64_t chunk) {
    const std::string log = traced ? scratch + "/sim_digest.log" : "";
    sim::Fabric fabric(program, options(threads, traced, log));
    benchlife::seedCells(fabric, w, h);
    const auto id = fabric.launch("run_generations", {10});
    sim::RunResult r;
    do
        r = chunk ? fabric.runUntilDone(id, chunk) : fabric.runUntilDone(id);
    while (r.status == sim::RunStatus::CycleLimit);
    if (r.status != sim::RunStatus::CommandDone)
        throw std::runtime_error(std::string(name) + ": " + r.message);
    sim::MemcpyRequest back;
    back.toDevice = false;
    back.symbol = "cell";
    back.w = w;
    back.h = h;
    const auto d2h = fabric.memcpy(back, {});
    if (fabric.runUntilDone(d2h).status != sim::RunStatus::CommandDone)
        throw std::runtime_error(std::string(name) + ": reading the cells back");
    const auto cells = fabric.takeResult(d2h);
    std::string bytes(reinterpret_cast<const char*>(cells.data()), cells.size() * 4);
    std::printf("%-34s cells %016llx\n", name, static_cast<unsigned long long>(fnv(bytes)));
    report(name, fabric, log);
    if (!log.empty())
        std::remove(log.c_str());
}

void kernel(const char* name, const std::shared_ptr<sim::FabricProgram>& program, unsigned threads,
            bool traced, uint64_t chunk) {
    const std::string log = traced ? scratch + "/sim_digest.log" : "";
    sim::Fabric fabric(program, options(threads, traced, log));
    sim::RunResult r;
    do
        r = chunk ? fabric.runUntilIdle(chunk) : fabric.runUntilIdle();
    while (r.status == sim::RunStatus::CycleLimit);
    if (r.status != sim::RunStatus::Idle)
        throw std::runtime_error(std::string(name) + ": " + r.message);
    report(name, fabric, log);
    if (!log.empty())
        std::remove(log.c_str());
}

} // namespace

int main(int argc, char** argv) {
    if (argc > 1)
        scratch = argv[1];
    try {
        const auto life2 = compileLife(100, 100, sim::Arch::Wse2);
        const auto life3 = compileLife(100, 100, sim::Arch::Wse3);
        const auto small = compileLife(12, 9, sim::Arch::Wse2);
        life("life 100x100 wse2", life2, 100, 100, 1, false, 0);
        life("life 100x100 wse2 2 threads", life2, 100, 100, 2, false, 0);
        life("life 100x100 wse3", life3, 100, 100, 1, false, 0);
        life("life 100x100 wse2 in 7-cycle steps", life2, 100, 100, 1, false, 7);
        life("life 12x9 wse2 traced", small, 12, 9, 1, true, 0);
        life("life 12x9 wse2 traced, 5-cycle steps", small, 12, 9, 1, true, 5);
        const auto dsd =
            simtest::makeDsdKernel(8, 8, 512, 20, [](uint32_t, uint32_t) { return true; });
        const auto pipeline = simtest::makeRowPipeline(16, 16, 256, 4);
        kernel("dsd-heavy 8x8", dsd, 1, false, 0);
        kernel("row pipeline 16x16", pipeline, 1, false, 0);
        kernel("row pipeline 16x16 2 threads", pipeline, 2, false, 0);
        kernel("row pipeline 16x16 in 3-cycle steps", pipeline, 1, false, 3);
        kernel("row pipeline 16x16 traced", pipeline, 1, true, 0);
        kernel("row pipeline 16x16 traced, steps 3", pipeline, 1, true, 3);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sim_digest: %s\n", e.what());
        return 1;
    }
    return 0;
}
