// Configuration registers (@get_config / @set_config, BuiltinId::ConfigGet / ConfigSet, and
// on WSE-2 raw pointer loads and stores above SRAM) that stand for machine state the
// simulator models. The interpreter keeps every register as a stored word; the registers
// here also act on the machine and read back its state.
//
// Modelled (docs/simulator.md, "Configuration registers"):
//   WSE-3 output queue q (0..7) at word 0x7b80 + q: bits 8..4 are the queue's color, as
//   SDK topic-16-queue-flush writes it (`@set_config(0x7b82, color << 4)` is its
//   alternative to output_queue_config.encode_output_queue(2, color)).
//   WSE-2 router registers of color c (0..23), the layout SDK code that reconfigures a
//   route at run time relies on (spmv-hypersparse's allreduce):
//     word 0x7f20 + c, color config: bits 4..0 the base route's outputs and bits 9..5 its
//       inputs (one bit per direction, WEST EAST SOUTH NORTH RAMP from the low bit),
//       bit 10 color swap for N/S inputs, bit 11 for E/W inputs, bits 13..12 the control
//       wavelet pop mode, bit 14 teardown in progress, bit 15 point to point (stored);
//     word 0x7f40 + c, switch config: positions k = 1..3 in bits 4k-1..4k-4 (the top bit
//       1 = input switch, 0 = output switch; the low 3 bits the direction WEST 0, EAST 1,
//       SOUTH 2, NORTH 3, RAMP 4, 5..7 invalid), bit 12 ring mode, bits 14..13 the current
//       switch position (a write moves it).
#include "sim/fabric_impl.h"

#include <cstdio>
#include <string>

namespace sim {

namespace {

constexpr uint16_t kOutputQueueConfigBase = 0x7b80;
constexpr int kQueueColorShift = 4;
constexpr uint16_t kQueueColorMask = 0x1f << kQueueColorShift;

constexpr uint16_t kColorConfigBase = 0x7f20;
constexpr uint16_t kSwitchConfigBase = 0x7f40;
constexpr int kRouterRegisterColors = 24; // WSE-2 routes colors 0..23

// Color config fields.
constexpr int kRxShift = 5;
constexpr uint16_t kSwapYBit = 1u << 10, kSwapXBit = 1u << 11;
constexpr int kPopModeShift = 12;
constexpr uint16_t kTeardownBit = 1u << 14;
constexpr uint16_t kColorConfigModelled = 0x7fff; // bit 15 (point to point) is only stored

// Switch config fields.
constexpr int kRingModeBit = 12;
constexpr int kCurrentPositionShift = 13;
constexpr uint16_t kSwitchInputSelect = 0x8; // in a position's 4 bits
constexpr uint16_t kSwitchInvalid = 5;
constexpr uint16_t kSwitchConfigModelled = 0x7fff;

// The router registers' direction order, from the low bit / code 0.
constexpr Direction kRegisterDirections[] = {Direction::West, Direction::East, Direction::South,
                                             Direction::North, Direction::Ramp};

uint16_t registerMask(uint8_t dirMask) {
    uint16_t m = 0;
    for (int i = 0; i < 5; ++i)
        if (dirMask & dirBit(kRegisterDirections[i]))
            m |= uint16_t(1u << i);
    return m;
}

uint8_t dirMaskOf(uint16_t registerBits) {
    uint8_t m = 0;
    for (int i = 0; i < 5; ++i)
        if (registerBits >> i & 1)
            m |= dirBit(kRegisterDirections[i]);
    return m;
}

// A switch position's 4-bit field. A position that names several directions (a layout
// may give `.tx = .{EAST, RAMP}`) reads as the first in register order.
uint16_t switchField(const SwitchPosition& sp) {
    const uint8_t mask = sp.rx ? sp.rx : sp.tx;
    if (!mask)
        return kSwitchInvalid;
    uint16_t code = 0;
    while (!(mask & dirBit(kRegisterDirections[code])))
        ++code;
    return uint16_t(code | (sp.rx ? kSwitchInputSelect : 0));
}

SwitchPosition switchPositionOf(uint16_t field) {
    SwitchPosition sp;
    const uint16_t code = field & 0x7;
    if (code >= kSwitchInvalid)
        return sp;
    (field & kSwitchInputSelect ? sp.rx : sp.tx) = dirBit(kRegisterDirections[code]);
    return sp;
}

// The output queue a WSE-3 register word configures, or -1.
int outputQueueOf(Arch arch, uint64_t address) {
    if (arch != Arch::Wse3 || address < kOutputQueueConfigBase ||
        address >= kOutputQueueConfigBase + uint64_t(kNumOutputQueues))
        return -1;
    return int(address - kOutputQueueConfigBase);
}

std::string hexWord(uint64_t word) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%04x", unsigned(word));
    return text;
}

} // namespace

int Fabric::Impl::routerRegisterColor(uint64_t word, bool& switchConfig) const {
    if (arch != Arch::Wse2)
        return -1;
    switchConfig = word >= kSwitchConfigBase && word < kSwitchConfigBase + kRouterRegisterColors;
    if (switchConfig)
        return int(word - kSwitchConfigBase);
    if (word >= kColorConfigBase && word < kColorConfigBase + kRouterRegisterColors)
        return int(word - kColorConfigBase);
    return -1;
}

uint16_t Fabric::Impl::routerRegisterRead(const Pe& p, int color, bool switchConfig,
                                          uint16_t stored) const {
    // A color without a configuration at this PE routes nothing: all fields are 0, except
    // that its switch positions read as invalid.
    static const ColorConfig unconfigured{};
    const ColorConfig* found = colorConfig(p, color);
    const ColorConfig& cfg = found ? *found : unconfigured;
    if (switchConfig) {
        uint16_t v = uint16_t(stored & ~kSwitchConfigModelled);
        for (int k = 0; k < 3; ++k) {
            // A position reads as last written while it still holds what that write set:
            // an invalid position keeps its select bit, which SDK code that later writes
            // only the direction bits relies on (spmv-hypersparse's allreduce turns
            // `.pos1 = .{ .rx = RAMP }` invalid and back by rewriting bits 2..0).
            const SwitchPosition& sp = cfg.switchPositions[size_t(k)];
            const uint16_t written = uint16_t(stored >> (4 * k) & 0xf);
            const SwitchPosition asWritten = switchPositionOf(written);
            const bool unchanged = asWritten.rx == sp.rx && asWritten.tx == sp.tx;
            v |= uint16_t((unchanged ? written : switchField(sp)) << (4 * k));
        }
        v |= uint16_t(uint16_t(cfg.ringMode) << kRingModeBit);
        v |= uint16_t(cfg.currentSwitchPosition << kCurrentPositionShift);
        return v;
    }
    uint16_t v = uint16_t(stored & ~kColorConfigModelled);
    v |= registerMask(cfg.tx);
    v |= uint16_t(registerMask(cfg.rx) << kRxShift);
    if (cfg.colorSwapY)
        v |= kSwapYBit;
    if (cfg.colorSwapX)
        v |= kSwapXBit;
    v |= uint16_t(uint16_t(cfg.popMode) << kPopModeShift);
    if (cfg.teardown)
        v |= kTeardownBit;
    return v;
}

void Fabric::Impl::routerRegisterWrite(Pe& p, int color, bool switchConfig, uint16_t value) {
    ColorConfig& cfg = colorConfigOf(p, color);
    if (switchConfig) {
        for (int k = 0; k < 3; ++k)
            cfg.switchPositions[size_t(k)] = switchPositionOf(uint16_t(value >> (4 * k) & 0xf));
        cfg.ringMode = value >> kRingModeBit & 1;
        cfg.currentSwitchPosition = uint8_t(value >> kCurrentPositionShift & 0x3);
    } else {
        cfg.tx = dirMaskOf(value & 0x1f);
        cfg.rx = dirMaskOf(value >> kRxShift & 0x1f);
        cfg.colorSwapY = value & kSwapYBit;
        cfg.colorSwapX = value & kSwapXBit;
        cfg.popMode = ColorConfig::PopMode(value >> kPopModeShift & 0x3);
        cfg.teardown = value & kTeardownBit;
    }
    // Wavelets may wait for the new route.
    if (p.routerBusy >> color & 1)
        activateRouter(p);
}

uint64_t Fabric::Impl::loadMapped(const Pe& p, uint64_t address, uint32_t size,
                                  const SourceLoc* loc) const {
    bool switchConfig = false;
    const int color = routerRegisterColor(address / 2, switchConfig);
    if (color < 0 || size != 2 || address % 2) {
        checkMappedAccess(p, address, size, "load", loc);
        checkRange(p, address, size, "load", loc);
    }
    uint16_t stored = 0;
    if (p.configRegs) {
        const auto it = p.configRegs->find(uint16_t(address / 2));
        if (it != p.configRegs->end())
            stored = it->second;
    }
    return routerRegisterRead(p, color, switchConfig, stored);
}

void Fabric::Impl::storeMapped(Pe& p, uint64_t address, uint32_t size, uint64_t value,
                               const SourceLoc* loc) {
    bool switchConfig = false;
    const int color = routerRegisterColor(address / 2, switchConfig);
    if (color < 0 || size != 2 || address % 2) {
        checkMappedAccess(p, address, size, "store", loc);
        checkRange(p, address, size, "store", loc);
    }
    if (!p.configRegs)
        p.configRegs = std::make_unique<std::unordered_map<uint16_t, uint16_t>>();
    (*p.configRegs)[uint16_t(address / 2)] = uint16_t(value);
    routerRegisterWrite(p, color, switchConfig, uint16_t(value));
}

void Fabric::Impl::checkMappedAccess(const Pe& p, uint64_t address, uint32_t size, const char* what,
                                     const SourceLoc* loc) const {
    bool switchConfig = false;
    const int color = routerRegisterColor(address / 2, switchConfig);
    const int lastColor = routerRegisterColor((address + size - 1) / 2, switchConfig);
    if (color < 0 && lastColor < 0)
        return;
    fault(p, loc,
          std::string(what) + " of " + std::to_string(size) + " bytes at address " +
              std::to_string(address) + " (16-bit word " + hexWord(address / 2) +
              ") touches the WSE-2 router registers, which are 16-bit words: use a *u16 at an "
              "even address");
}

uint16_t Fabric::Impl::modelledConfigRead(const Pe& p, uint64_t address, uint16_t stored) const {
    bool switchConfig = false;
    const int color = routerRegisterColor(address, switchConfig);
    if (color >= 0)
        return routerRegisterRead(p, color, switchConfig, stored);
    const int q = outputQueueOf(arch, address);
    if (q < 0)
        return stored;
    const int8_t queueColor = p.outputQueueColor[size_t(q)];
    return uint16_t((stored & ~kQueueColorMask) |
                    (queueColor >= 0 ? uint16_t(queueColor) << kQueueColorShift : 0));
}

void Fabric::Impl::modelledConfigWrite(Pe& p, uint64_t address, uint16_t value,
                                       const SourceLoc& loc) {
    bool switchConfig = false;
    const int routerColor = routerRegisterColor(address, switchConfig);
    if (routerColor >= 0) {
        routerRegisterWrite(p, routerColor, switchConfig, value);
        return;
    }
    const int q = outputQueueOf(arch, address);
    if (q < 0)
        return;
    const int color = (value & kQueueColorMask) >> kQueueColorShift;
    if (color >= kNumColors) {
        fault(p, &loc,
              "output queue " + std::to_string(q) + " configuration register " + hexWord(address) +
                  " names color " + std::to_string(color) + " outside 0.." +
                  std::to_string(kNumColors - 1));
    }
    p.outputQueueColor[size_t(q)] = int8_t(color);
}

} // namespace sim
