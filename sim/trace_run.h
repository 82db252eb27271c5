// A traced run for the IDE's PE timeline: the program run on a fresh Fabric with sim.log
// tracing on (landings, instructions, stalls), from cycle 0 to a given cycle, then closed
// so the log is complete. The simulator is deterministic, so this retraces exactly what an
// interactive session that launched the same function has done up to that cycle, without
// slowing the session itself (its tracing stays off).
#pragma once

#include "sim/fabric.h"

#include <cstdint>
#include <memory>
#include <string>

namespace sim {

struct TraceRunRequest {
    std::shared_ptr<const FabricProgram> program;
    std::string launchFunction; // an exported function without arguments; empty = none
    uint64_t cycles = 0;        // run cycles [0, cycles); 0 = until idle (at most maxCycles)
    uint64_t maxCycles = 10'000'000;
    std::string logPath; // sim.log to write (replaced)
};

// FabricOptions that trace landings, instructions and stalls into logPath (created empty
// now, so a path that cannot be written fails before any run). Throws std::runtime_error
// naming the path.
FabricOptions tracingOptions(const std::string& logPath);

// Runs the request; the RunResult says where it stopped. Throws std::invalid_argument
// naming the function when it cannot be launched, std::runtime_error when the log cannot
// be written.
RunResult runTraced(const TraceRunRequest& request);

} // namespace sim
