#include "sim/simprint_format.h"

#include "sim/scalar.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace sim {

namespace {

// The value of type t nearest to v (the rounding a store to that type does).
double roundTo(double v, ScalarType t) {
    switch (t) {
    case ScalarType::F16:
        return halfToDouble(doubleToHalf(v));
    case ScalarType::BF16:
        return bf16ToDouble(doubleToBf16(v));
    default:
        return double(float(v));
    }
}

} // namespace

std::string formatSimprintFloat(double value, ScalarType t) {
    value = roundTo(value, t);
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value < 0 ? "-inf" : "inf";
    char buf[64];
    // 9 significant digits identify every f32 (f16 and bf16 need fewer).
    for (int digits = 1; digits <= 9; ++digits) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, value);
        if (roundTo(std::strtod(buf, nullptr), t) == value)
            break;
    }
    std::string s = buf;
    if (s.find_first_of(".e") == std::string::npos)
        s += ".0";
    return s;
}

std::string formatSimprintValue(uint64_t value, ScalarType t, char format) {
    const uint32_t bytes = byteSize(t);
    const uint64_t mask = bytes >= 8 ? ~0ull : (1ull << (bytes * 8)) - 1;
    switch (format) {
    case 'f':
        return formatSimprintFloat(toDouble(value, t), isFloat(t) ? t : ScalarType::F32);
    case 'x':
    case 'X': {
        char buf[32];
        std::snprintf(buf, sizeof buf, format == 'x' ? "%0*llx" : "%0*llX",
                      int(std::max<uint32_t>(1, bytes) * 2), (unsigned long long)(value & mask));
        return buf;
    }
    case 'b': {
        std::string s;
        const uint32_t bits = std::max<uint32_t>(1, bytes * 8);
        for (int i = int(bits) - 1; i >= 0; --i)
            s += (value >> i & 1) ? '1' : '0';
        return s;
    }
    default:
        return isSigned(t) ? std::to_string(int64_t(value)) : std::to_string(value);
    }
}

} // namespace sim
