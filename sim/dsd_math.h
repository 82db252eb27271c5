// Element semantics of DSD operations (exact integer and IEEE f16/f32 arithmetic).
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

// One element: dst = op(a, b, c). `carry` is the running carry of @addc16.
uint32_t dsdElement(DsdOpKind op, uint32_t a, uint32_t b, uint32_t c, uint32_t& carry);

} // namespace sim
