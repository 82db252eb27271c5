// The bundled game-of-life example compiled for any grid size, as the benchmarks run it:
// one cell per PE, a random first generation copied in with memcpy, run_generations
// launched. Shared by bench_life (simulator throughput) and bench_coredump.
#pragma once

#include "backend/csl/compiler.h"
#include "sim/fabric.h"

#include <cstdio>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace benchlife {

inline std::shared_ptr<sim::FabricProgram> compileLife(uint32_t width, uint32_t height) {
    csl::CompileOptions o;
    o.layoutFile = std::string(TESSERA_SOURCE_DIR) + "/resources/examples/game-of-life/layout.csl";
    o.arch = sim::Arch::Wse2;
    // The memcpy halo: 4 columns west, 3 east, one row above and below (commands_wse2.sh).
    o.fabricWidth = width + 7;
    o.fabricHeight = height + 2;
    o.offsetX = 4;
    o.offsetY = 1;
    o.fabricOffsetsGiven = true;
    o.params = {{"width", std::to_string(width)}, {"height", std::to_string(height)}};
    o.memcpy = true;
    o.channels = 1;
    csl::CompileResult r = csl::compile(o);
    if (!r.ok) {
        std::string text;
        for (const auto& d : r.diagnostics)
            text += csl::formatDiagnostic(d) + "\n";
        throw std::runtime_error("game-of-life does not compile:\n" + text);
    }
    return r.program;
}

// Copies a random first generation (30% alive, fixed seed) into every PE's `cell`.
inline void seedCells(sim::Fabric& fabric, uint32_t width, uint32_t height) {
    std::mt19937 rng(2026);
    std::vector<uint32_t> cells(size_t(width) * height);
    for (uint32_t& c : cells)
        c = rng() % 10 < 3 ? 1 : 0;
    sim::MemcpyRequest copy;
    copy.toDevice = true;
    copy.symbol = "cell";
    copy.w = width;
    copy.h = height;
    const auto id = fabric.memcpy(copy, std::move(cells));
    const auto r = fabric.runUntilDone(id);
    if (r.status != sim::RunStatus::CommandDone)
        throw std::runtime_error("memcpy of the first generation: " + r.message);
}

// Runs `generations` generations; returns the simulated cycles they took.
inline uint64_t runGenerations(sim::Fabric& fabric, uint32_t generations) {
    const uint64_t before = fabric.cycle();
    const auto id = fabric.launch("run_generations", {generations});
    const auto r = fabric.runUntilDone(id);
    if (r.status != sim::RunStatus::CommandDone)
        throw std::runtime_error("run_generations: " + r.message);
    return fabric.cycle() - before;
}

// Peak resident set of this process in KiB (VmHWM).
inline uint64_t peakRssKb() {
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

} // namespace benchlife
