#include "sim/scalar.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace sim {

namespace {

// Rounds a finite, non-zero |v| to a binary format with `mantBits` stored fraction
// bits and minimum normal exponent `emin`, returning the encoding without sign.
// Overflow gives infinity. Uses nearbyint, i.e. the default round-to-nearest-even.
uint32_t encodeMagnitude(double mag, int mantBits, int emin, int expBits) {
    const int maxExp = (1 << (expBits - 1)) - 1;
    int e = std::ilogb(mag);
    if (e < emin)
        e = emin;
    const double quantum = std::ldexp(1.0, e - mantBits);
    double rounded = std::nearbyint(mag / quantum) * quantum;
    const uint32_t infBits = uint32_t((1u << expBits) - 1) << mantBits;
    if (rounded == 0)
        return 0;
    int re = std::ilogb(rounded);
    if (re > maxExp)
        return infBits;
    if (re < emin) { // subnormal
        return uint32_t(std::ldexp(rounded, mantBits - emin));
    }
    const double frac = std::ldexp(rounded, -re) - 1.0;
    const uint32_t mant = uint32_t(std::ldexp(frac, mantBits));
    return (uint32_t(re + maxExp) << mantBits) | mant;
}

uint16_t encodeSmall(double v, int mantBits, int expBits, uint16_t quietNan) {
    if (std::isnan(v))
        return quietNan;
    const uint16_t sign = std::signbit(v) ? 0x8000 : 0;
    const double mag = std::fabs(v);
    const uint32_t infBits = uint32_t((1u << expBits) - 1) << mantBits;
    if (std::isinf(mag))
        return uint16_t(sign | infBits);
    if (mag == 0)
        return sign;
    const int emin = 2 - (1 << (expBits - 1));
    return uint16_t(sign | encodeMagnitude(mag, mantBits, emin, expBits));
}

double decodeSmall(uint16_t bits, int mantBits, int expBits) {
    const bool neg = bits & 0x8000;
    const uint32_t expField = (bits >> mantBits) & ((1u << expBits) - 1);
    const uint32_t mant = bits & ((1u << mantBits) - 1);
    const int bias = (1 << (expBits - 1)) - 1;
    double v;
    if (expField == 0)
        v = std::ldexp(double(mant), 1 - bias - mantBits);
    else if (expField == (1u << expBits) - 1)
        v = mant ? std::numeric_limits<double>::quiet_NaN()
                 : std::numeric_limits<double>::infinity();
    else
        v = std::ldexp(double(mant | (1u << mantBits)), int(expField) - bias - mantBits);
    return neg ? -v : v;
}

// The bits of a float format: stored fraction bits and exponent bits.
struct FloatFormat {
    int mantBits;
    int expBits;
};

FloatFormat formatOf(ScalarType t) {
    switch (t) {
    case ScalarType::F16:
        return {10, 5};
    case ScalarType::BF16:
        return {7, 8};
    default:
        return {23, 8};
    }
}

// A NaN converted between float formats keeps its sign and the top bits of its payload, and
// is quiet (IEEE 754 6.2.3, as the comptime conversions do); through double every NaN
// became the default one. Returns false when `raw` is not a NaN.
bool convertNaN(uint64_t raw, ScalarType from, ScalarType to, uint64_t& out) {
    const FloatFormat src = formatOf(from), dst = formatOf(to);
    const int srcBits = 1 + src.expBits + src.mantBits, dstBits = 1 + dst.expBits + dst.mantBits;
    const uint64_t srcExp = (raw >> src.mantBits) & ((uint64_t(1) << src.expBits) - 1);
    const uint64_t payload = raw & ((uint64_t(1) << src.mantBits) - 1);
    if (srcExp != (uint64_t(1) << src.expBits) - 1 || payload == 0)
        return false;
    const uint64_t sign = (raw >> (srcBits - 1)) & 1;
    const uint64_t moved = dst.mantBits >= src.mantBits ? payload << (dst.mantBits - src.mantBits)
                                                        : payload >> (src.mantBits - dst.mantBits);
    const uint64_t quiet = uint64_t(1) << (dst.mantBits - 1);
    out = (sign << (dstBits - 1)) | (((uint64_t(1) << dst.expBits) - 1) << dst.mantBits) | quiet |
          moved;
    return true;
}

} // namespace

double halfToDouble(uint16_t h) {
    return decodeSmall(h, 10, 5);
}
uint16_t doubleToHalf(double v) {
    return encodeSmall(v, 10, 5, 0x7e00);
}
double bf16ToDouble(uint16_t b) {
    return decodeSmall(b, 7, 8);
}
uint16_t doubleToBf16(double v) {
    return encodeSmall(v, 7, 8, 0x7fc0);
}

double toDouble(uint64_t raw, ScalarType t) {
    switch (t) {
    case ScalarType::F16:
        return halfToDouble(uint16_t(raw));
    case ScalarType::BF16:
        return bf16ToDouble(uint16_t(raw));
    case ScalarType::F32:
        return double(bitsToFloat(uint32_t(raw)));
    case ScalarType::Bool:
    case ScalarType::U8:
    case ScalarType::U16:
    case ScalarType::U32:
    case ScalarType::U64:
        return double(raw);
    default:
        return double(int64_t(raw));
    }
}

uint64_t fromDouble(double v, ScalarType t) {
    switch (t) {
    case ScalarType::F16:
        return doubleToHalf(v);
    case ScalarType::BF16:
        return doubleToBf16(v);
    case ScalarType::F32: {
        // double -> float rounds to nearest even; values that came from f32/f16/int
        // arithmetic in double are exact or correctly rounded once.
        return floatToBits(float(v));
    }
    case ScalarType::Bool:
        return (v != 0 || std::isnan(v)) ? 1 : 0;
    case ScalarType::Void:
        return 0;
    default:
        break;
    }
    if (std::isnan(v))
        return 0;
    const double tv = std::trunc(v);
    const uint32_t bits = byteSize(t) * 8;
    if (isSigned(t)) {
        const double lo = -std::ldexp(1.0, int(bits) - 1);
        const double hi = std::ldexp(1.0, int(bits) - 1);
        if (tv < lo)
            return normalise(uint64_t(1) << (bits - 1), t);
        if (tv >= hi)
            return normalise((uint64_t(1) << (bits - 1)) - 1, t);
        return normalise(uint64_t(int64_t(tv)), t);
    }
    if (tv <= 0)
        return 0;
    const double hi = std::ldexp(1.0, int(bits));
    if (tv >= hi)
        return bits == 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
    return uint64_t(tv);
}

uint64_t convertScalar(uint64_t raw, ScalarType from, ScalarType to) {
    raw = normalise(raw, from);
    if (to == ScalarType::Bool) {
        if (isFloat(from)) {
            const double d = toDouble(raw, from);
            return (d != 0 || std::isnan(d)) ? 1 : 0;
        }
        return raw != 0 ? 1 : 0;
    }
    if (!isFloat(from) && !isFloat(to))
        return normalise(raw, to); // integer conversions wrap like @as on integers
    if (!isFloat(from) && to == ScalarType::F32) {
        // int -> f32 directly so 64-bit integers round once.
        return isSigned(from) ? floatToBits(float(int64_t(raw))) : floatToBits(float(raw));
    }
    uint64_t nan = 0;
    if (isFloat(from) && isFloat(to) && convertNaN(raw, from, to, nan))
        return nan;
    return fromDouble(toDouble(raw, from), to);
}

} // namespace sim
