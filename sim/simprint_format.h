// How <simprint> values look in sim.log, shared by the simulator (runtime values,
// BuiltinId::SimprintValue) and the compiler (comptime values folded into strings), so a
// value prints the same whether or not the compiler knew it.
#pragma once

#include "sim/program.h"

#include <cstdint>
#include <string>

namespace sim {

// A normalised register value of type t in one of the formats SimprintValue takes:
// 'd' decimal, 'x'/'X' hexadecimal zero-padded to the type's width (4 digits for 16-bit,
// 8 for 32-bit), 'b' binary of the type's width, 'f' a float (formatSimprintFloat).
std::string formatSimprintValue(uint64_t value, ScalarType t, char format);

// A float as the SDK's simulator prints it: the shortest decimal that reads back as the
// same value of type t (f16, bf16 or f32; value is first rounded to t), with ".0" when it would
// otherwise look like an integer ("42.0", "0.1", "1e+20", "inf", "nan").
std::string formatSimprintFloat(double value, ScalarType t);

} // namespace sim
