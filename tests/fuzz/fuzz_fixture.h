// Shared by the reliability fuzzers and fuzz_seeds: the appliance test fixture program
// with a <debug> trace buffer added, so debug_util's trace path has something to read.
#pragma once

#include "fixture_program.h"
#include "sim/program.h"

#include <cstdint>
#include <memory>

namespace fuzzfix {

// Trace key "t": 64 u16 words at 256, its word count (u32) at 384.
inline std::shared_ptr<sim::FabricProgram> program() {
    auto p = fixture::program();
    auto& c = p->classes.at(0);
    c.symbols.push_back({"$$csl_debug.t.buffer", 256, 128, sim::ScalarType::U16, 64});
    c.symbols.push_back({"$$csl_debug.t.buffer_index", 384, 4, sim::ScalarType::U32, 1});
    c.memoryBytes = 388;
    return p;
}

} // namespace fuzzfix

namespace fuzzfix {

// fuzz_appliance input: this selector byte, then the serialized request message.
// Launcher.RunCommand is left out on purpose: it runs shell commands by design.
enum class Request : uint8_t {
    Handshake,
    Compile,
    CreateJob,
    Stage,
    Download,
    CloseJob,
    Open,
    Load,
    Start,
    Stop,
    Close,
    GetId,
    Launch,
    Call,
    Memcpy,
    Task,
    DumpCore,
    ReadSymbol,
    Pause,
    Resume,
    Step,
    SetBreakpoints,
    Frames,
    Count
};

} // namespace fuzzfix
