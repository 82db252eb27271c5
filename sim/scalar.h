// Scalar semantics shared by the interpreter and the DSD engine: register
// normalisation, IEEE binary16 / bfloat16 conversion with round-to-nearest-even,
// and typed conversions. The host side uses the same conversions for launch arguments.
#pragma once

#include "sim/program.h"

#include <bit>
#include <cstdint>

namespace sim {

// Brings a raw 64-bit register value into the canonical form for `t`
// (sign- or zero-extended integers, bool 0/1, float bits in the low bits). Inline: the
// interpreter calls it for most instructions.
inline uint64_t normalise(uint64_t raw, ScalarType t) {
    switch (t) {
    case ScalarType::Void:
        return 0;
    case ScalarType::Bool:
        return raw != 0 ? 1 : 0;
    case ScalarType::I8:
        return uint64_t(int64_t(int8_t(raw)));
    case ScalarType::I16:
        return uint64_t(int64_t(int16_t(raw)));
    case ScalarType::I32:
        return uint64_t(int64_t(int32_t(raw)));
    case ScalarType::I64:
    case ScalarType::U64:
        return raw;
    case ScalarType::U8:
        return raw & 0xff;
    case ScalarType::U16:
    case ScalarType::F16:
    case ScalarType::BF16:
        return raw & 0xffff;
    case ScalarType::U32:
    case ScalarType::F32:
        return raw & 0xffffffffu;
    }
    return raw;
}

// IEEE binary16 and bfloat16 from/to double. Every f16/bf16/f32 value is exact in a
// double, so arithmetic done in double and rounded once is correctly rounded for
// + - * / (53 >= 2*11+2).
double halfToDouble(uint16_t h);
uint16_t doubleToHalf(double v);
double bf16ToDouble(uint16_t b);
uint16_t doubleToBf16(double v);
inline float bitsToFloat(uint32_t bits) {
    return std::bit_cast<float>(bits);
}
inline uint32_t floatToBits(float f) {
    return std::bit_cast<uint32_t>(f);
}

// The value of a normalised register of type t as a double (integers exact up to 2^53).
double toDouble(uint64_t raw, ScalarType t);
// A double as a normalised register of type t: floats round to nearest even,
// integers truncate toward zero and saturate (NaN -> 0), bool is (v != 0 or NaN).
uint64_t fromDouble(double v, ScalarType t);
// @as(to, value of type from): the conversion Op::Convert performs.
uint64_t convertScalar(uint64_t raw, ScalarType from, ScalarType to);

} // namespace sim
