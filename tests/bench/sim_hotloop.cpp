// A fixed, single-threaded simulator workload for callgrind: the instruction count of
// sim::Fabric::runUntilIdle over these kernels is a regression figure that does not
// depend on machine load (scripts/bench runs it under valgrind --tool=callgrind with
// collection toggled on runUntilIdle only). Prints the simulated cycles, which must not
// change unless the cost model does.
#include "tests/sim/program_builder.h"

#include <cstdio>

int main() {
    const auto dsd = simtest::makeDsdKernel(8, 8, 512, 20, [](uint32_t, uint32_t) { return true; });
    const auto pipeline = simtest::makeRowPipeline(16, 16, 256, 4);
    for (const auto& [name, program] :
         {std::pair{"dsd-heavy 8x8", dsd}, std::pair{"row pipeline 16x16", pipeline}}) {
        sim::Fabric fabric(program);
        const auto r = fabric.runUntilIdle();
        if (r.status != sim::RunStatus::Idle) {
            std::fprintf(stderr, "sim_hotloop: %s did not finish: %s\n", name, r.message.c_str());
            return 1;
        }
        std::printf("%s: %llu cycles\n", name, static_cast<unsigned long long>(fabric.cycle()));
    }
    return 0;
}
