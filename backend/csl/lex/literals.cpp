#include "backend/csl/lex/literals.h"

#include <cctype>

namespace csl {
namespace {

int digitValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 99;
}

bool isDigitOf(char c, int base) {
    return digitValue(c) < base;
}

// One character of a quoted literal's body from position i: an escape, or one UTF-8
// encoded code point. `byte` is set for a \x escape, whose value is a byte, not a code
// point.
struct Unit {
    uint32_t value = 0;
    bool byte = false;
    std::string problem;
};

Unit nextUnit(std::string_view body, size_t& i) {
    Unit u;
    const auto c = static_cast<unsigned char>(body[i]);
    if (c != '\\') {
        int more = c < 0x80           ? 0
                   : (c >> 5) == 0x6  ? 1
                   : (c >> 4) == 0xe  ? 2
                   : (c >> 3) == 0x1e ? 3
                                      : -1;
        if (more < 0 || i + size_t(more) >= body.size()) {
            ++i;
            u.problem = "invalid UTF-8 byte in literal";
            return u;
        }
        u.value = more == 0 ? c : c & (0x3f >> more);
        ++i;
        for (int k = 0; k < more; ++k, ++i) {
            const auto cont = static_cast<unsigned char>(body[i]);
            if ((cont >> 6) != 0x2) {
                u.problem = "invalid UTF-8 byte in literal";
                return u;
            }
            u.value = (u.value << 6) | (cont & 0x3f);
        }
        return u;
    }
    if (i + 1 >= body.size()) {
        ++i;
        u.problem = "incomplete escape sequence '\\'";
        return u;
    }
    const char e = body[i + 1];
    i += 2;
    switch (e) {
    case 'n':
        u.value = '\n';
        return u;
    case 'r':
        u.value = '\r';
        return u;
    case 't':
        u.value = '\t';
        return u;
    case '0':
        u.value = 0;
        return u;
    case '\\':
    case '\'':
    case '"':
        u.value = uint32_t(e);
        return u;
    case 'x':
        if (i + 2 > body.size() || !isDigitOf(body[i], 16) || !isDigitOf(body[i + 1], 16)) {
            u.problem = "'\\x' takes exactly two hex digits";
            return u;
        }
        u.value = uint32_t(digitValue(body[i]) * 16 + digitValue(body[i + 1]));
        u.byte = true;
        i += 2;
        return u;
    case 'u': {
        const size_t close = body.find('}', i);
        if (i >= body.size() || body[i] != '{' || close == std::string_view::npos ||
            close == i + 1 || close > i + 7) {
            u.problem = "'\\u' takes one to six hex digits in braces: \\u{3b1}";
            return u;
        }
        for (size_t k = i + 1; k < close; ++k) {
            if (!isDigitOf(body[k], 16)) {
                u.problem = "'\\u' takes one to six hex digits in braces: \\u{3b1}";
                return u;
            }
            u.value = u.value * 16 + uint32_t(digitValue(body[k]));
        }
        if (u.value > 0x10ffff || (u.value >= 0xd800 && u.value <= 0xdfff))
            u.problem = "'\\u{...}' is not a Unicode scalar value";
        i = close + 1;
        return u;
    }
    default:
        u.problem = std::string("invalid escape sequence '\\") + e + "'";
        return u;
    }
}

std::string_view bodyOf(std::string_view token) {
    return token.size() >= 2 ? token.substr(1, token.size() - 2) : std::string_view();
}

} // namespace

void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xc0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += char(0xe0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    } else {
        out += char(0xf0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3f));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    }
}

std::string numberLiteralProblem(std::string_view text) {
    const std::string quoted = "'" + std::string(text) + "'";
    int base = 10;
    size_t start = 0;
    const char prefix = text.size() >= 2 && text[0] == '0'
                            ? char(std::tolower(static_cast<unsigned char>(text[1])))
                            : '\0';
    if (prefix == 'x' || prefix == 'b' || prefix == 'o') { // not 0e5, a float
        const char p = prefix;
        base = p == 'x' ? 16 : p == 'b' ? 2 : 8;
        start = 2;
        if (text.find_first_not_of('_', 2) == std::string_view::npos)
            return "expected digits after '" + std::string(text.substr(0, 2)) + "' in " + quoted;
        for (size_t k = 2; k < text.size(); ++k)
            if (text[k] != '_' && !isDigitOf(text[k], base))
                return std::string("invalid digit '") + text[k] + "' in " +
                       (base == 16  ? "hexadecimal"
                        : base == 2 ? "binary"
                                    : "octal") +
                       " literal " + quoted;
    }
    for (size_t k = start; k < text.size(); ++k) {
        if (text[k] != '_')
            continue;
        if (k + 1 < text.size() && text[k + 1] == '_')
            return "repeated digit separator '__' in " + quoted;
        // Right after a base prefix ("0x_ff") is taken too: its value is plain.
        const bool digitBefore = k == start ? start == 2 : isDigitOf(text[k - 1], base);
        const bool digitAfter = k + 1 < text.size() && isDigitOf(text[k + 1], base);
        if (!digitBefore || !digitAfter)
            return "digit separator '_' must stand between two digits in " + quoted;
    }
    return {};
}

std::string quotedLiteralProblem(std::string_view token) {
    const std::string_view body = bodyOf(token);
    const bool isChar = !token.empty() && token[0] == '\'';
    size_t count = 0;
    for (size_t i = 0; i < body.size(); ++count) {
        Unit u = nextUnit(body, i);
        if (!u.problem.empty())
            return u.problem;
    }
    if (isChar && count == 0)
        return "empty character literal";
    if (isChar && count > 1)
        return "character literal " + std::string(token) +
               " holds more than one character (a string is written in double quotes)";
    return {};
}

std::string stringLiteralBytes(std::string_view token) {
    const std::string_view body = bodyOf(token);
    std::string out;
    for (size_t i = 0; i < body.size();) {
        const size_t from = i;
        Unit u = nextUnit(body, i);
        if (u.byte)
            out += char(u.value);
        else if (body[from] == '\\')
            appendUtf8(out, u.value);
        else
            out.append(body.substr(from, i - from)); // the source's own bytes
    }
    return out;
}

uint32_t charLiteralValue(std::string_view token) {
    const std::string_view body = bodyOf(token);
    size_t i = 0;
    return body.empty() ? 0 : nextUnit(body, i).value;
}

} // namespace csl
