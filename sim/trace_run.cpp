#include "sim/trace_run.h"

#include <fstream>
#include <stdexcept>

namespace sim {

FabricOptions tracingOptions(const std::string& logPath) {
    {
        std::ofstream probe(logPath, std::ios::trunc);
        if (!probe)
            throw std::runtime_error("cannot write the trace log " + logPath);
    }
    FabricOptions options;
    options.simLogPath = logPath;
    options.traceLanding = options.traceInstructions = options.traceStalls = true;
    return options;
}

RunResult runTraced(const TraceRunRequest& request) {
    if (!request.program)
        throw std::invalid_argument("runTraced: no program");
    const FabricOptions options = tracingOptions(request.logPath);
    RunResult result;
    {
        Fabric fabric(request.program, options);
        if (!request.launchFunction.empty())
            fabric.launch(request.launchFunction, {});
        result =
            request.cycles ? fabric.step(request.cycles) : fabric.runUntilIdle(request.maxCycles);
    } // the Fabric closes (flushes) the log here
    return result;
}

} // namespace sim
