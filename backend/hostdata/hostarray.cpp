#include "backend/hostdata/hostarray.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace hostdata {

std::string_view typeName(ElementType type) {
    switch (type) {
    case ElementType::F32:
        return "f32";
    case ElementType::I32:
        return "i32";
    case ElementType::U32:
        return "u32";
    case ElementType::F16:
        return "f16";
    case ElementType::I16:
        return "i16";
    case ElementType::U16:
        return "u16";
    }
    return "?";
}

std::optional<ElementType> parseType(std::string_view name) {
    if (name.starts_with("[*]"))
        name.remove_prefix(3);
    for (ElementType t : {ElementType::F32, ElementType::I32, ElementType::U32, ElementType::F16,
                          ElementType::I16, ElementType::U16})
        if (typeName(t) == name)
            return t;
    return std::nullopt;
}

int typeBits(ElementType type) {
    switch (type) {
    case ElementType::F16:
    case ElementType::I16:
    case ElementType::U16:
        return 16;
    default:
        return 32;
    }
}

uint16_t halfFromDouble(double value) {
    // Through float, whose bits give sign, exponent and mantissa (rounding to float first
    // differs from rounding the double directly only for rare double-rounding ties).
    const uint32_t f = std::bit_cast<uint32_t>(float(value));
    const uint32_t sign = (f >> 16) & 0x8000u;
    const int32_t exponent = int32_t((f >> 23) & 0xffu);
    uint32_t mantissa = f & 0x7fffffu;
    if (exponent == 0xff) // inf or nan
        return uint16_t(sign | 0x7c00u | (mantissa ? 0x200u : 0u));
    int32_t e = exponent - 127 + 15;
    if (e >= 0x1f)
        return uint16_t(sign | 0x7c00u); // overflow: inf
    if (e <= 0) {
        if (e < -10)
            return uint16_t(sign); // underflows to zero
        mantissa |= 0x800000u;     // the implicit bit
        const uint32_t shift = uint32_t(14 - e);
        uint32_t half = mantissa >> shift;
        const uint32_t rest = mantissa & ((1u << shift) - 1u);
        const uint32_t halfway = 1u << (shift - 1);
        if (rest > halfway || (rest == halfway && (half & 1u)))
            ++half;
        return uint16_t(sign | half);
    }
    uint32_t half = (uint32_t(e) << 10) | (mantissa >> 13);
    const uint32_t rest = mantissa & 0x1fffu;
    if (rest > 0x1000u || (rest == 0x1000u && (half & 1u)))
        ++half; // may carry into the exponent, up to inf: still correct
    return uint16_t(sign | half);
}

double doubleFromHalf(uint16_t bits) {
    const double sign = (bits & 0x8000u) ? -1.0 : 1.0;
    const int exponent = (bits >> 10) & 0x1f;
    const int mantissa = bits & 0x3ff;
    if (exponent == 0)
        return sign * std::ldexp(double(mantissa), -24);
    if (exponent == 0x1f)
        return mantissa ? std::numeric_limits<double>::quiet_NaN()
                        : sign * std::numeric_limits<double>::infinity();
    return sign * std::ldexp(double(mantissa | 0x400), exponent - 25);
}

namespace {

// The shortest text that reads back as `value` ("70000", "0.5").
std::string numberText(double value) {
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

[[noreturn]] void unrepresentable(std::string_view what, size_t index, double value,
                                  ElementType type, const char* why) {
    throw Error(std::string(what) + ": value " + numberText(value) + " at index " +
                std::to_string(index) + " " + why + " for " + std::string(typeName(type)));
}

int64_t integerIn(std::string_view what, size_t index, double value, ElementType type, double lo,
                  double hi) {
    if (std::isnan(value) || std::trunc(value) != value)
        unrepresentable(what, index, value, type, "is not an integer");
    if (value < lo || value > hi)
        unrepresentable(what, index, value, type, "is out of range");
    return int64_t(value);
}

} // namespace

std::vector<uint32_t> toWords(const std::vector<double>& values, ElementType type,
                              std::string_view what) {
    std::vector<uint32_t> words(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
        const double v = values[i];
        switch (type) {
        case ElementType::F32:
            words[i] = std::bit_cast<uint32_t>(float(v));
            break;
        case ElementType::F16:
            words[i] = halfFromDouble(v);
            break;
        case ElementType::I32:
            words[i] = uint32_t(integerIn(what, i, v, type, -2147483648.0, 2147483647.0));
            break;
        case ElementType::U32:
            words[i] = uint32_t(integerIn(what, i, v, type, 0.0, 4294967295.0));
            break;
        case ElementType::I16:
            words[i] = uint32_t(integerIn(what, i, v, type, -32768.0, 32767.0)) & 0xffffu;
            break;
        case ElementType::U16:
            words[i] = uint32_t(integerIn(what, i, v, type, 0.0, 65535.0));
            break;
        }
    }
    return words;
}

std::vector<double> fromWords(const std::vector<uint32_t>& words, ElementType type) {
    std::vector<double> values(words.size());
    for (size_t i = 0; i < words.size(); ++i) {
        const uint32_t w = words[i];
        switch (type) {
        case ElementType::F32:
            values[i] = double(std::bit_cast<float>(w));
            break;
        case ElementType::F16:
            values[i] = doubleFromHalf(uint16_t(w));
            break;
        case ElementType::I32:
            values[i] = double(int32_t(w));
            break;
        case ElementType::U32:
            values[i] = double(w);
            break;
        case ElementType::I16:
            values[i] = double(int16_t(uint16_t(w)));
            break;
        case ElementType::U16:
            values[i] = double(uint16_t(w));
            break;
        }
    }
    return values;
}

namespace {
void checkBlock(size_t size, Block b) {
    if (size != b.size())
        throw Error("an array of " + std::to_string(size) +
                    " values cannot be a block of h=" + std::to_string(b.h) +
                    ", w=" + std::to_string(b.w) + ", elements=" + std::to_string(b.elements));
}
} // namespace

std::vector<double> logicalToColMajor(const std::vector<double>& logical, Block b) {
    checkBlock(logical.size(), b);
    std::vector<double> wire(logical.size());
    for (int y = 0; y < b.h; ++y)
        for (int x = 0; x < b.w; ++x)
            for (int k = 0; k < b.elements; ++k)
                wire[size_t(y) + size_t(x) * b.h + size_t(k) * b.h * b.w] =
                    logical[(size_t(y) * b.w + x) * b.elements + k];
    return wire;
}

std::vector<double> colMajorToLogical(const std::vector<double>& wire, Block b) {
    checkBlock(wire.size(), b);
    std::vector<double> logical(wire.size());
    for (int y = 0; y < b.h; ++y)
        for (int x = 0; x < b.w; ++x)
            for (int k = 0; k < b.elements; ++k)
                logical[(size_t(y) * b.w + x) * b.elements + k] =
                    wire[size_t(y) + size_t(x) * b.h + size_t(k) * b.h * b.w];
    return logical;
}

Block hostBlock(const CopyGeometry& g) {
    auto positive = [](int value, const char* name) {
        if (value <= 0)
            throw Error(std::string("memcpy: ") + name + " must be positive, got " +
                        std::to_string(value));
    };
    positive(g.w, "w");
    positive(g.h, "h");
    positive(g.elements, "elements");
    switch (g.shape) {
    case CopyShape::Box:
        return {g.w, g.h, g.elements};
    case CopyShape::RowBroadcast:
        return {1, g.h, g.elements};
    case CopyShape::ColBroadcast:
        return {g.w, 1, g.elements};
    case CopyShape::Strided:
        positive(g.rowStride, "row_stride");
        positive(g.colStride, "col_stride");
        return {1 + (g.w - 1) / g.colStride, 1 + (g.h - 1) / g.rowStride, g.elements};
    }
    throw Error("memcpy: unknown copy shape");
}

} // namespace hostdata
