// The simulator's one cost table. Every number here is a simulated cycle count or a
// capacity; docs/simulator.md ("Cost table") explains where each comes from. Change a
// value here and in the doc together.
#pragma once

#include "sim/program.h"

#include <cstddef>
#include <cstdint>

namespace sim::costs {

// Scalar code on the main thread.
constexpr uint32_t kScalarOp = 1;    // Imm, Mov, integer and float ALU ops, compares
constexpr uint32_t kDivide = 8;      // Div and Rem (integer and float)
constexpr uint32_t kLoadStore = 1;   // Load, Store
constexpr uint32_t kBranchTaken = 3; // Jump, and JumpIf/JumpIfNot when taken
constexpr uint32_t kCall = 4;        // Call, CallIndirect
constexpr uint32_t kReturn = 3;      // Return
constexpr uint32_t kBuiltin = 2;     // Builtin (activate, block, simprint, ...)
constexpr uint32_t kDsdRegOp = 1;    // DsdConst, DsdMov, DsdSet
constexpr uint32_t kDsdMemOp = 2;    // DsdLoad, DsdStore (32 bytes)
// DsrRead, DsrAdvance: a DSD operation reads its DSR operands, and moves a save_address
// DSR on, itself; only the simulator keeps DSRs in SRAM.
constexpr uint32_t kDsrOperand = 0;

// Tasks.
constexpr uint32_t kTaskStart = 5; // picker choice to first instruction
constexpr uint32_t kTaskEnd = 2;   // return from the task's function to the picker

// DSD operations: setup (decode, operand fetch) then elements at the op's SIMD width.
constexpr uint32_t kDsdSetup = 15;
constexpr uint32_t kFabricElementCycles = 1; // one wavelet per cycle on a fabric operand

// Elements per cycle of a memory-only DSD op (the SIMD widths of the SDK's
// "Appendix: SIMD mode"; ops without a published width run at 1).
uint32_t simdWidth(DsdOpKind op, Arch arch);

// Fabric SIMD mode (the DSDs page, "SIMD Mode"; Dsd::simdMode): a step of a fabric DSD
// moves one wavelet (simd_32: two 16-bit values in it) or two (simd_64), a WSE-2 FIFO 32 or
// 64 bits of elements. A step takes kFabricElementCycles, or more when it holds more values
// than the op's simdWidth: ceil(values / width) cycles.
constexpr uint32_t kSimdStepCycles = kFabricElementCycles;

// Priorities of the threads that share a PE's datapath (docs/simulator.md "Datapath"), as
// ranks: a higher rank goes first. Microthreads (DsdOpDesc::priority 0 high, 1 medium,
// 2 low, the default) and the main thread's four levels, which the Libraries page places
// relative to them: MEDIUM_LOW (the default: "By default, synchronous operations have a
// priority between medium and low microthreads"), MEDIUM, MEDIUM_HIGH, HIGH.
constexpr uint8_t microthreadRank(int priority) {
    return priority == 0 ? 6 : priority == 1 ? 4 : 2;
}
constexpr uint8_t mainThreadRank(uint32_t level) {
    return uint8_t(3 + (level > 3 ? 0 : level)); // MEDIUM_LOW 3, MEDIUM 4, MEDIUM_HIGH 5, HIGH 6
}
constexpr uint8_t kDefaultMainThreadRank = mainThreadRank(0);
// While the main thread's memory DSD op runs its element cycles, the microthreads it
// outranks share the datapath with it instead of pausing: together they take one cycle in
// every kLowDatapathShare, the op the others, and each cycle they take ends the op a cycle
// later (docs/simulator.md "Datapath": calibrated against SDK cycle counts).
constexpr uint32_t kLowDatapathShare = 4;

// SRAM banks (the same appendix): 48 KB in 8 banks of 6 KB, successive 16-bit words in
// successive banks; per cycle two 32-bit reads and one 32-bit write, and the two reads
// need banks b1 % 4 != b2 % 4. A memory DSD op whose two source reads of an element fall
// in conflicting banks spends kBankConflictCycles more per group of `width` such elements.
constexpr uint32_t kSramBanks = 8;
constexpr uint32_t kBankWordBytes = 2;
constexpr uint32_t kBankConflictCycles = 1;
constexpr bool readBanksConflict(uint32_t addressA, uint32_t addressB) {
    return (addressA / kBankWordBytes) % (kSramBanks / 2) ==
           (addressB / kBankWordBytes) % (kSramBanks / 2);
}

// A PE's simprint buffer: text without a newline is flushed as a line of this many bytes
// (**choice**: the Libraries page gives no size).
constexpr size_t kSimprintBufferBytes = 4096;

// Fabric.
constexpr uint32_t kHopLatency = 2;         // router to neighbouring router
constexpr uint32_t kRampLatency = 1;        // router to CE input queue, output queue to router
constexpr uint32_t kRouterBufferDepth = 4;  // wavelets buffered per color per input link
constexpr uint32_t kImplicitQueueDepth = 4; // CE queue of a color with no input queue bound

// Input/output queue depths in wavelets (SDK-NOTES section 3).
inline uint32_t inputQueueDepth(Arch arch, int iq) {
    static constexpr uint32_t wse2[8] = {6, 6, 4, 4, 2, 2, 2, 2};
    static constexpr uint32_t wse3[8] = {8, 8, 4, 4, 4, 4, 4, 4};
    return (arch == Arch::Wse2 ? wse2 : wse3)[iq & 7];
}
inline uint32_t outputQueueDepth(Arch arch, int oq) {
    static constexpr uint32_t wse2[8] = {2, 2, 6, 6, 2, 2, 2, 2};
    return arch == Arch::Wse2 ? wse2[oq & 7] : 8;
}

// memcpy infrastructure.
constexpr uint32_t kMemcpyCommandSetup = 40; // per command per PE before its data moves
// A copy-mode command's trip from the host through the memcpy infrastructure to the PE:
// the PE keeps running tasks until it arrives (wavelets already in flight land first).
constexpr uint32_t kMemcpyCopyLatency = 1000;
constexpr uint32_t kMemcpyCyclesPerWavelet = 1; // per host element per I/O channel
constexpr uint32_t kLaunchSetup = 20;           // RPC decode before the exported function runs

} // namespace sim::costs
