#include "sim/trace_run.h"

#include <fstream>
#include <stdexcept>

namespace sim {

RunResult runTraced(const TraceRunRequest& request) {
    if (!request.program)
        throw std::invalid_argument("runTraced: no program");
    {
        // Fail with the path now rather than run a traced fabric that logs nowhere.
        std::ofstream probe(request.logPath, std::ios::trunc);
        if (!probe)
            throw std::runtime_error("cannot write the trace log " + request.logPath);
    }
    FabricOptions options;
    options.simLogPath = request.logPath;
    options.traceLanding = options.traceInstructions = options.traceStalls = true;
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
