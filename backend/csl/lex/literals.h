#pragma once
// The text of number, string and character literals (Zig's grammar, which CSL's follows):
// what is wrong with a literal's spelling, and the value a quoted literal stands for.

#include <cstdint>
#include <string>
#include <string_view>

namespace csl {

// "" for a well-formed integer or float literal, else the message: a digit outside the
// base ("0b102"), a prefix with no digits ("0x"), a separator '_' doubled or not between
// two digits ("1__0", "1_"; one right after a base prefix, "0x_ff", is allowed).
std::string numberLiteralProblem(std::string_view text);

// token: a string or character literal with its quotes. "" when every escape is one CSL
// knows (\n \r \t \\ \' \" \0 \xHH \u{H...}) and, for a character literal, it holds
// exactly one character (an escape or one UTF-8 encoded code point); else the message.
std::string quotedLiteralProblem(std::string_view token);

// The bytes a well-formed string literal stands for (\u{...} as UTF-8).
std::string stringLiteralBytes(std::string_view token);

// The value of a well-formed character literal: its code point ('é' is 233), or the byte
// of a \x escape.
uint32_t charLiteralValue(std::string_view token);

// Appends code point `cp` (at most 0x10FFFF) encoded as UTF-8.
void appendUtf8(std::string& out, uint32_t cp);

} // namespace csl
