#include "sim/dsd_math.h"

#include "sim/costs.h"
#include "sim/scalar.h"

#include <bit>
#include <cmath>
#include <cstring>

namespace sim {

namespace {

constexpr DsdOpShape shapeOf(DsdOpKind op) {
    using K = DsdOpKind;
    switch (op) {
    case K::Mov32:
    case K::Fadds:
    case K::Fsubs:
    case K::Fmuls:
    case K::Fmaxs:
        return {4, {4, 4, 4}, 2};
    case K::Fmacs:
        return {4, {4, 4, 4}, 3};
    case K::Fnegs:
    case K::Fabss:
    case K::Fmovs:
    case K::Fnorms:
        return {4, {4, 4, 4}, 1};
    case K::Fscales:
        return {4, {4, 2, 2}, 2};
    case K::Faddhs:
        return {4, {4, 2, 2}, 2};
    case K::Fmachs:
        return {4, {4, 2, 2}, 3};
    case K::Fh2s:
        return {4, {2, 2, 2}, 1};
    case K::Fs2h:
        return {2, {4, 4, 4}, 1};
    case K::Fs2xp16:
        return {2, {4, 4, 4}, 1};
    case K::Xp162fs:
        return {4, {2, 2, 2}, 1};
    case K::Fh2xp16:
    case K::Xp162fh:
    case K::Mov16:
    case K::Popcnt:
    case K::Clz:
    case K::Ctz:
    case K::Fnegh:
    case K::Fabsh:
    case K::Fmovh:
    case K::Fnormh:
        return {2, {2, 2, 2}, 1};
    case K::Fmach:
        return {2, {2, 2, 2}, 3};
    case K::Dfilt:
        return {4, {4, 4, 4}, 0};
    default:
        return {2, {2, 2, 2}, 2};
    }
}

} // namespace

DsdOpShape dsdOpShape(DsdOpKind op) {
    return shapeOf(op);
}

namespace {

// The 16-bit float operands of the fp16 operations: IEEE binary16, or bfloat16 in a program
// compiled with --fp16-format=bf16 (the builtins take `@fp16()` values).
template <bool Bf16> double h(uint32_t v) {
    return Bf16 ? bf16ToDouble(uint16_t(v)) : halfToDouble(uint16_t(v));
}
template <bool Bf16> uint32_t toH(double d) {
    return Bf16 ? doubleToBf16(d) : doubleToHalf(d);
}
float f(uint32_t v) {
    return bitsToFloat(v);
}
uint32_t toF(float x) {
    return floatToBits(x);
}

// a + p in double rounded to odd rather than to nearest: the truncated sum with its last
// bit set when inexact (from Knuth's two-sum error), so rounding it on to a 16-bit format
// rounds the exact sum once. Rounding to nearest lost an addend far below a product that
// was a tie of the 16-bit format, which then rounded to even instead of away from it
// (@fmach of bf16: -2^-100 + 1.5 x 1.0078125 gave 0x3fc2, not 0x3fc1).
double sumRoundedToOdd(double a, double p) {
    const double s = a + p;
    const double bb = s - a;
    const double err = (a - (s - bb)) + (p - bb);
    if (err == 0 || !std::isfinite(s))
        return s;
    uint64_t bits;
    std::memcpy(&bits, &s, sizeof bits);
    if (bits & 1)
        return s;
    return std::nextafter(s, err > 0 ? INFINITY : -INFINITY);
}

double maxNum(double a, double b) {
    if (std::isnan(a))
        return b;
    if (std::isnan(b))
        return a;
    if (a == 0 && b == 0)
        return std::signbit(a) ? b : a;
    return a > b ? a : b;
}

// Mantissa of x scaled into [1,2) with x's sign; zero, inf and NaN unchanged.
double normalised(double x) {
    if (x == 0 || std::isinf(x) || std::isnan(x))
        return x;
    return std::ldexp(x, -std::ilogb(x));
}

uint32_t toXp16(double v) {
    if (std::isnan(v))
        return 0;
    double r = std::nearbyint(v);
    if (r > 32767)
        r = 32767;
    if (r < -32768)
        r = -32768;
    return uint32_t(uint16_t(int16_t(r)));
}

} // namespace

namespace {

template <bool Bf16>
[[gnu::always_inline]] inline uint32_t element(DsdOpKind op, uint32_t a, uint32_t b, uint32_t c,
                                               uint32_t& carry) {
    using K = DsdOpKind;
    switch (op) {
    case K::Add16:
        return (a + b) & 0xffff;
    case K::Addc16: {
        const uint32_t sum = (a & 0xffff) + (b & 0xffff) + carry;
        carry = sum >> 16;
        return sum & 0xffff;
    }
    case K::Sub16:
        return (a - b) & 0xffff;
    case K::And16:
        return (a & b) & 0xffff;
    case K::Or16:
        return (a | b) & 0xffff;
    case K::Xor16:
        return (a ^ b) & 0xffff;
    case K::Sll16:
        return ((a & 0xffff) << (b & 15)) & 0xffff;
    case K::Slr16:
        return (a & 0xffff) >> (b & 15);
    case K::Sar16:
        return uint32_t(uint16_t(int16_t(a) >> (b & 15)));
    case K::Mov16:
        return a & 0xffff;
    case K::Mov32:
        return a;
    case K::Popcnt:
        return uint32_t(std::popcount(uint16_t(a)));
    case K::Clz:
        return uint32_t(std::countl_zero(uint16_t(a)));
    case K::Ctz:
        return uint32_t(std::countr_zero(uint16_t(a)));
    case K::Faddh:
        return toH<Bf16>(h<Bf16>(a) + h<Bf16>(b));
    case K::Fsubh:
        return toH<Bf16>(h<Bf16>(a) - h<Bf16>(b));
    case K::Fmulh:
        return toH<Bf16>(h<Bf16>(a) * h<Bf16>(b));
    case K::Fmach:
        // The product is exact in double; the sum rounds once (fused).
        return toH<Bf16>(sumRoundedToOdd(h<Bf16>(a), h<Bf16>(b) * h<Bf16>(c)));
    case K::Fnegh:
        return (a ^ 0x8000) & 0xffff;
    case K::Fabsh:
        return a & 0x7fff;
    case K::Fmovh:
        return a & 0xffff;
    case K::Fnormh:
        return toH<Bf16>(normalised(h<Bf16>(a)));
    case K::Fscaleh:
        return toH<Bf16>(std::ldexp(h<Bf16>(a), int16_t(b)));
    case K::Fmaxh:
        return toH<Bf16>(maxNum(h<Bf16>(a), h<Bf16>(b)));
    case K::Fadds:
        return toF(f(a) + f(b));
    case K::Fsubs:
        return toF(f(a) - f(b));
    case K::Fmuls:
        return toF(f(a) * f(b));
    case K::Fmacs:
        return toF(std::fma(f(b), f(c), f(a)));
    case K::Fnegs:
        return a ^ 0x80000000u;
    case K::Fabss:
        return a & 0x7fffffffu;
    case K::Fmovs:
        return a;
    case K::Fnorms:
        return toF(float(normalised(f(a))));
    case K::Fscales:
        return toF(float(std::ldexp(double(f(a)), int16_t(b))));
    case K::Fmaxs:
        return toF(float(maxNum(f(a), f(b))));
    case K::Faddhs:
        return toF(float(double(f(a)) + h<Bf16>(b)));
    case K::Fmachs:
        return toF(float(double(f(a)) + h<Bf16>(b) * h<Bf16>(c)));
    case K::Fh2s:
        return toF(float(h<Bf16>(a)));
    case K::Fs2h:
        return toH<Bf16>(f(a));
    case K::Fs2xp16:
        return toXp16(f(a));
    case K::Xp162fs:
        return toF(float(int16_t(a)));
    case K::Fh2xp16:
        return toXp16(h<Bf16>(a));
    case K::Xp162fh:
        return toH<Bf16>(double(int16_t(a)));
    case K::Dfilt:
        return a;
    }
    return a;
}

// The element loop of one op over linear operands; with K a constant, element() and the
// operand sizes fold into straight-line code.
template <DsdOpKind K>
void linearLoopOf(uint8_t* mem, const LinearOperand& dst, const LinearOperand* src, uint32_t n,
                  uint32_t& carry) {
    constexpr DsdOpShape shape = shapeOf(K);
    auto read = [&](const LinearOperand& o, uint32_t bytes, uint32_t i) -> uint32_t {
        if (!o.memory)
            return o.scalar;
        uint32_t v = 0;
        std::memcpy(&v, mem + o.base + int64_t(i) * o.stride, bytes);
        return v;
    };
    for (uint32_t i = 0; i < n; ++i) {
        const uint32_t a = shape.numSources > 0 ? read(src[0], shape.srcBytes[0], i) : 0;
        const uint32_t b = shape.numSources > 1 ? read(src[1], shape.srcBytes[1], i) : 0;
        const uint32_t c = shape.numSources > 2 ? read(src[2], shape.srcBytes[2], i) : 0;
        const uint32_t v = element<false>(K, a, b, c, carry);
        std::memcpy(mem + dst.base + int64_t(i) * dst.stride, &v, shape.dstBytes);
    }
}

} // namespace

uint32_t dsdElement(DsdOpKind op, uint32_t a, uint32_t b, uint32_t c, uint32_t& carry, bool bf16) {
    return bf16 ? element<true>(op, a, b, c, carry) : element<false>(op, a, b, c, carry);
}

void linearLoop(DsdOpKind op, uint8_t* mem, const LinearOperand& dst, const LinearOperand* src,
                uint32_t n, uint32_t& carry, bool bf16) {
    using K = DsdOpKind;
    switch (bf16 ? K::Dfilt : op) { // bf16 programs take the generic loop
    // The ops of the SDK's compute kernels; the others take the generic loop below.
    case K::Fmacs:
        return linearLoopOf<K::Fmacs>(mem, dst, src, n, carry);
    case K::Fadds:
        return linearLoopOf<K::Fadds>(mem, dst, src, n, carry);
    case K::Fsubs:
        return linearLoopOf<K::Fsubs>(mem, dst, src, n, carry);
    case K::Fmuls:
        return linearLoopOf<K::Fmuls>(mem, dst, src, n, carry);
    case K::Fmovs:
        return linearLoopOf<K::Fmovs>(mem, dst, src, n, carry);
    case K::Mov32:
        return linearLoopOf<K::Mov32>(mem, dst, src, n, carry);
    case K::Mov16:
        return linearLoopOf<K::Mov16>(mem, dst, src, n, carry);
    case K::Add16:
        return linearLoopOf<K::Add16>(mem, dst, src, n, carry);
    case K::Fmach:
        return linearLoopOf<K::Fmach>(mem, dst, src, n, carry);
    case K::Faddh:
        return linearLoopOf<K::Faddh>(mem, dst, src, n, carry);
    case K::Fmovh:
        return linearLoopOf<K::Fmovh>(mem, dst, src, n, carry);
    default:
        break;
    }
    const DsdOpShape shape = shapeOf(op);
    for (uint32_t i = 0; i < n; ++i) {
        auto read = [&](const LinearOperand& o, uint32_t bytes) -> uint32_t {
            if (!o.memory)
                return o.scalar;
            uint32_t v = 0;
            std::memcpy(&v, mem + o.base + int64_t(i) * o.stride, bytes);
            return v;
        };
        const uint32_t a = shape.numSources > 0 ? read(src[0], shape.srcBytes[0]) : 0;
        const uint32_t b = shape.numSources > 1 ? read(src[1], shape.srcBytes[1]) : 0;
        const uint32_t c = shape.numSources > 2 ? read(src[2], shape.srcBytes[2]) : 0;
        const uint32_t v = dsdElement(op, a, b, c, carry, bf16);
        std::memcpy(mem + dst.base + int64_t(i) * dst.stride, &v, shape.dstBytes);
    }
}

namespace costs {

uint32_t simdWidth(DsdOpKind op, Arch arch) {
    using K = DsdOpKind;
    const bool w3 = arch == Arch::Wse3;
    switch (op) {
    case K::Add16:
    case K::Sub16:
    case K::And16:
    case K::Or16:
    case K::Xor16:
    case K::Mov16:
    case K::Faddh:
    case K::Fsubh:
    case K::Fmulh:
    case K::Fmach:
    case K::Fnegh:
    case K::Fabsh:
    case K::Fmovh:
    case K::Fnormh:
    case K::Fscaleh:
        return w3 ? 8 : 4;
    case K::Addc16:
    case K::Fmaxh:
    case K::Fh2xp16:
    case K::Xp162fh:
        return w3 ? 8 : 1;
    case K::Sll16:
    case K::Slr16:
    case K::Sar16:
    case K::Fmaxs:
    case K::Fh2s:
    case K::Fs2h:
    case K::Fs2xp16:
    case K::Xp162fs:
        return w3 ? 4 : 1;
    case K::Mov32:
    case K::Fadds:
    case K::Fsubs:
    case K::Fnegs:
    case K::Fabss:
    case K::Fmovs:
    case K::Fnorms:
    case K::Fscales:
    case K::Faddhs:
    case K::Fmachs:
        return w3 ? 4 : 2;
    default:
        return 1;
    }
}

} // namespace costs
} // namespace sim
