// libFuzzer target for core dump reading: sim::CoreDumpReader on arbitrary file bytes
// (records, SRAM, the per-PE chunks that details() decodes), then debug_util (symbols,
// rectangles, <debug> traces) and the IDE's per-PE decoders (dump_inspect) on top of it
// with the fuzz fixture program. Any input must end in a result or a clear exception,
// never a crash.
#include "backend/artifact/program_file.h"
#include "backend/debug/debug_util.h"
#include "backend/debug/dump_inspect.h"
#include "fuzz_fixture.h"
#include "sim/coredump.h"

#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

// A private artifact directory holding the fixture's program file; the dump is
// written next to it for each input.
const fs::path& workDir() {
    static const fs::path dir = [] {
        fs::path d =
            fs::temp_directory_path() / ("tessera-fuzz-coredump-" + std::to_string(getpid()));
        fs::create_directories(d / "bin");
        artifact::writeProgramFile((d / "bin" / "out_program.pb").string(), *fuzzfix::program());
        return d;
    }();
    return dir;
}

struct RemoveAtExit {
    ~RemoveAtExit() {
        std::error_code ec;
        fs::remove_all(workDir(), ec);
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static RemoveAtExit cleanup;
    const fs::path core = workDir() / "corefile.cs1";
    {
        std::ofstream out(core, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    }
    try {
        sim::CoreDumpReader reader(core.string());
        const auto& h = reader.header();
        // Every PE of a small rectangle, and the corners of a large one.
        for (uint32_t y = 0; y < std::min<uint32_t>(h.height, 4); ++y)
            for (uint32_t x = 0; x < std::min<uint32_t>(h.width, 4); ++x) {
                try {
                    const auto& rec = reader.pe(x, y);
                    (void)reader.codeClass(x, y);
                    (void)reader.readSram(x, y, 0, 64);
                    (void)reader.readSram(x, y, rec.pc % (48 * 1024), 128);
                    (void)reader.readSram(x, y, 48 * 1024 - 8, 8);
                    uint8_t page[sim::kCorePageBytes + 16];
                    reader.readSramInto(x, y, rec.pc % (44 * 1024), sizeof page, page);
                } catch (const std::exception&) {
                }
                // The per-PE chunks (task profile, queues, frames, DSD registers and
                // operations, simprint): decoded only when a PE is looked at.
                try {
                    const sim::CorePeDetails d = reader.details(x, y);
                    for (const sim::CoreDsdRegister& reg : d.dsdRegisters)
                        (void)sim::decodeCoreDsd(reg);
                } catch (const std::exception&) {
                }
            }
        try {
            (void)reader.pe(h.width, h.height);
        } catch (const std::out_of_range&) {
        }
    } catch (const std::exception&) {
    }
    try {
        debug::DebugUtil util(workDir().string());
        const auto& h = util.header();
        for (uint32_t dy = 0; dy < 2; ++dy)
            for (uint32_t dx = 0; dx < 2; ++dx) {
                const uint32_t px = h.offsetX + dx, py = h.offsetY + dy;
                try {
                    (void)util.get_symbol<float>(px, py, "buf");
                } catch (const std::exception&) {
                }
                try {
                    (void)util.read_trace(px, py, "t");
                } catch (const std::exception&) {
                }
            }
        try {
            (void)util.get_symbol_rect<uint32_t>(h.offsetX, h.offsetY, 2, 1, "ro");
        } catch (const std::exception&) {
        }
        try { // the whole rectangle and one column beyond it
            (void)util.get_symbol_rect<float>(h.offsetX, h.offsetY, std::min(h.width, 8u) + 1,
                                              std::min(h.height, 8u), "buf");
        } catch (const std::exception&) {
        }
        // What the IDE's PE inspector and dump views decode per PE.
        for (uint32_t y = 0; y < std::min<uint32_t>(h.height, 2); ++y)
            for (uint32_t x = 0; x < std::min<uint32_t>(h.width, 2); ++x) {
                try {
                    (void)debug::taskRows(util, x, y);
                    (void)debug::frameRows(util, x, y);
                    (void)debug::compareSymbols(util, util, x, y);
                } catch (const std::exception&) {
                }
            }
        try {
            if (uint64_t(h.width) * h.height <= 64)
                (void)debug::symbolGrid(util, "buf", 3);
        } catch (const std::exception&) {
        }
    } catch (const std::exception&) {
    }
    // The trace decoder on the raw words as well (the dump path bounds them by the
    // buffer symbol; this reaches every tag and length).
    std::vector<uint16_t> words(size / 2);
    if (!words.empty())
        std::memcpy(words.data(), data, words.size() * 2);
    try {
        (void)debug::decodeTrace(words, "fuzz");
    } catch (const std::exception&) {
    }
    return 0;
}
