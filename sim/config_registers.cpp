// Configuration registers (@get_config / @set_config, BuiltinId::ConfigGet / ConfigSet)
// that stand for machine state the simulator models. The interpreter keeps every register
// as a stored word; the registers here also act on the machine and read back its state.
//
// Modelled (docs/simulator.md, "Configuration registers"):
//   WSE-3 output queue q (0..7) at word 0x7b80 + q: bits 8..4 are the queue's color, as
//   SDK topic-16-queue-flush writes it (`@set_config(0x7b82, color << 4)` is its
//   alternative to output_queue_config.encode_output_queue(2, color)).
#include "sim/fabric_impl.h"

#include <cstdio>
#include <string>

namespace sim {

namespace {

constexpr uint16_t kOutputQueueConfigBase = 0x7b80;
constexpr int kQueueColorShift = 4;
constexpr uint16_t kQueueColorMask = 0x1f << kQueueColorShift;

// The output queue a WSE-3 register word configures, or -1.
int outputQueueOf(Arch arch, uint64_t address) {
    if (arch != Arch::Wse3 || address < kOutputQueueConfigBase ||
        address >= kOutputQueueConfigBase + uint64_t(kNumOutputQueues))
        return -1;
    return int(address - kOutputQueueConfigBase);
}

} // namespace

uint16_t Fabric::Impl::modelledConfigRead(const Pe& p, uint64_t address, uint16_t stored) const {
    const int q = outputQueueOf(arch, address);
    if (q < 0)
        return stored;
    const int8_t color = p.outputQueueColor[size_t(q)];
    return uint16_t((stored & ~kQueueColorMask) |
                    (color >= 0 ? uint16_t(color) << kQueueColorShift : 0));
}

void Fabric::Impl::modelledConfigWrite(Pe& p, uint64_t address, uint16_t value,
                                       const SourceLoc& loc) {
    const int q = outputQueueOf(arch, address);
    if (q < 0)
        return;
    const int color = (value & kQueueColorMask) >> kQueueColorShift;
    if (color >= kNumColors) {
        char reg[8];
        std::snprintf(reg, sizeof reg, "%04x", unsigned(address));
        fault(p, &loc,
              "output queue " + std::to_string(q) + " configuration register 0x" + reg +
                  " names color " + std::to_string(color) + " outside 0.." +
                  std::to_string(kNumColors - 1));
    }
    p.outputQueueColor[size_t(q)] = int8_t(color);
}

} // namespace sim
