// Element semantics of DSD operations (exact integer and IEEE f16/f32 arithmetic, or
// bfloat16 for the fp16 operations of a --fp16-format=bf16 program).
// Internal to sim/.
#pragma once

#include "sim/program.h"

#include <cstdint>

namespace sim {

struct DsdOpShape {
    uint8_t dstBytes = 4;
    uint8_t srcBytes[3] = {4, 4, 4};
    uint8_t numSources = 2;
};

DsdOpShape dsdOpShape(DsdOpKind op);

// One element: dst = op(a, b, c). `carry` is the running carry of @addc16. `bf16`: the
// 16-bit float operands are bfloat16 (FabricProgram::fp16Format).
uint32_t dsdElement(DsdOpKind op, uint32_t a, uint32_t b, uint32_t c, uint32_t& carry, bool bf16);

// An operand of a memory-only op's fast path: a mem1d DSD whose whole range is inside SRAM
// (element i at base + i * stride), or a scalar.
struct LinearOperand {
    bool memory = false;
    int64_t base = 0, stride = 0;
    uint32_t scalar = 0;
};

// Runs n elements of op, in order, reading src[0..numSources) and writing dst in `mem`
// (the PE's SRAM); the ranges must have been checked.
void linearLoop(DsdOpKind op, uint8_t* mem, const LinearOperand& dst, const LinearOperand* src,
                uint32_t n, uint32_t& carry, bool bf16);

} // namespace sim
