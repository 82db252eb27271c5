#include "backend/csl/lex/token.h"

#include "backend/csl/lex/literals.h"

#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace csl {

const char* tokSpelling(Tok t) {
    switch (t) {
    case Tok::Eof:
        return "end of file";
    case Tok::Ident:
        return "identifier";
    case Tok::Builtin:
        return "builtin";
    case Tok::IntLit:
        return "integer literal";
    case Tok::FloatLit:
        return "float literal";
    case Tok::StringLit:
        return "string literal";
    case Tok::CharLit:
        return "character literal";
    case Tok::KwConst:
        return "const";
    case Tok::KwVar:
        return "var";
    case Tok::KwParam:
        return "param";
    case Tok::KwFn:
        return "fn";
    case Tok::KwTask:
        return "task";
    case Tok::KwInline:
        return "inline";
    case Tok::KwExport:
        return "export";
    case Tok::KwExtern:
        return "extern";
    case Tok::KwComptime:
        return "comptime";
    case Tok::KwIf:
        return "if";
    case Tok::KwElse:
        return "else";
    case Tok::KwFor:
        return "for";
    case Tok::KwWhile:
        return "while";
    case Tok::KwSwitch:
        return "switch";
    case Tok::KwReturn:
        return "return";
    case Tok::KwBreak:
        return "break";
    case Tok::KwContinue:
        return "continue";
    case Tok::KwAnd:
        return "and";
    case Tok::KwOr:
        return "or";
    case Tok::KwTrue:
        return "true";
    case Tok::KwFalse:
        return "false";
    case Tok::KwStruct:
        return "struct";
    case Tok::KwEnum:
        return "enum";
    case Tok::KwLayout:
        return "layout";
    case Tok::KwAlign:
        return "align";
    case Tok::KwLinksection:
        return "linksection";
    case Tok::KwLinkname:
        return "linkname";
    case Tok::KwPub:
        return "pub";
    case Tok::KwUndefined:
        return "undefined";
    case Tok::KwUnion:
        return "union";
    case Tok::KwPacked:
        return "packed";
    case Tok::LParen:
        return "(";
    case Tok::RParen:
        return ")";
    case Tok::LBracket:
        return "[";
    case Tok::RBracket:
        return "]";
    case Tok::LBrace:
        return "{";
    case Tok::RBrace:
        return "}";
    case Tok::Comma:
        return ",";
    case Tok::Semi:
        return ";";
    case Tok::Colon:
        return ":";
    case Tok::Dot:
        return ".";
    case Tok::DotDot:
        return "..";
    case Tok::Ellipsis:
        return "...";
    case Tok::DotStar:
        return ".*";
    case Tok::Eq:
        return "=";
    case Tok::EqEq:
        return "==";
    case Tok::BangEq:
        return "!=";
    case Tok::Lt:
        return "<";
    case Tok::LtEq:
        return "<=";
    case Tok::Gt:
        return ">";
    case Tok::GtEq:
        return ">=";
    case Tok::Plus:
        return "+";
    case Tok::Minus:
        return "-";
    case Tok::Star:
        return "*";
    case Tok::Slash:
        return "/";
    case Tok::Percent:
        return "%";
    case Tok::Amp:
        return "&";
    case Tok::Pipe:
        return "|";
    case Tok::Caret:
        return "^";
    case Tok::Tilde:
        return "~";
    case Tok::Bang:
        return "!";
    case Tok::Shl:
        return "<<";
    case Tok::Shr:
        return ">>";
    case Tok::PlusEq:
        return "+=";
    case Tok::MinusEq:
        return "-=";
    case Tok::StarEq:
        return "*=";
    case Tok::SlashEq:
        return "/=";
    case Tok::PercentEq:
        return "%=";
    case Tok::AmpEq:
        return "&=";
    case Tok::PipeEq:
        return "|=";
    case Tok::CaretEq:
        return "^=";
    case Tok::ShlEq:
        return "<<=";
    case Tok::ShrEq:
        return ">>=";
    case Tok::Arrow:
        return "->";
    case Tok::FatArrow:
        return "=>";
    case Tok::Question:
        return "?";
    case Tok::Invalid:
        return "invalid token";
    }
    return "?";
}

namespace {

const std::array<std::pair<std::string_view, Tok>, 32> kKeywords{{
    {"const", Tok::KwConst},
    {"var", Tok::KwVar},
    {"param", Tok::KwParam},
    {"fn", Tok::KwFn},
    {"task", Tok::KwTask},
    {"inline", Tok::KwInline},
    {"export", Tok::KwExport},
    {"extern", Tok::KwExtern},
    {"comptime", Tok::KwComptime},
    {"if", Tok::KwIf},
    {"else", Tok::KwElse},
    {"for", Tok::KwFor},
    {"while", Tok::KwWhile},
    {"switch", Tok::KwSwitch},
    {"return", Tok::KwReturn},
    {"break", Tok::KwBreak},
    {"continue", Tok::KwContinue},
    {"and", Tok::KwAnd},
    {"or", Tok::KwOr},
    {"true", Tok::KwTrue},
    {"false", Tok::KwFalse},
    {"struct", Tok::KwStruct},
    {"enum", Tok::KwEnum},
    {"layout", Tok::KwLayout},
    {"align", Tok::KwAlign},
    {"linksection", Tok::KwLinksection},
    {"linkname", Tok::KwLinkname},
    {"pub", Tok::KwPub},
    {"undefined", Tok::KwUndefined},
    {"union", Tok::KwUnion},
    {"packed", Tok::KwPacked},
    {"callconv", Tok::Ident},
}};

bool identStart(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool identChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The first character at or after `i` that is not whitespace or in a '//' comment.
size_t skipSpace(const std::string& s, size_t i) {
    while (i < s.size()) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
            ++i;
        } else if (s[i] == '/' && i + 1 < s.size() && s[i + 1] == '/') {
            while (i < s.size() && s[i] != '\n')
                ++i;
        } else {
            break;
        }
    }
    return i;
}

char nextChar(const std::string& s, size_t i) {
    i = skipSpace(s, i);
    return i < s.size() ? s[i] : '\0';
}

// Whether the text at `i` (after the word 'union') is '{' or '(...) {'.
bool startsUnionBody(const std::string& s, size_t i) {
    i = skipSpace(s, i);
    if (i < s.size() && s[i] == '{')
        return true;
    if (i >= s.size() || s[i] != '(')
        return false;
    // The tag is an expression: it ends before any ';', '{' or '}' (which bounds the scan).
    int depth = 0;
    for (; i < s.size() && s[i] != ';' && s[i] != '{' && s[i] != '}'; ++i) {
        if (s[i] == '(')
            ++depth;
        else if (s[i] == ')' && --depth == 0)
            return nextChar(s, i + 1) == '{';
    }
    return false;
}

std::string_view nextWord(const std::string& s, size_t i) {
    i = skipSpace(s, i);
    size_t e = i;
    while (e < s.size() && identChar(s[e]))
        ++e;
    return std::string_view(s.data() + i, e - i);
}

} // namespace

TokenBuffer lex(DiagnosticEngine& diags, uint16_t file) {
    TokenBuffer buf;
    buf.file = file;
    buf.source = &diags.file(file);
    const std::string& s = buf.source->text;
    const uint32_t n = uint32_t(s.size());
    uint32_t i = 0;
    auto peek = [&](uint32_t k) -> char { return i + k < n ? s[i + k] : '\0'; };
    auto push = [&](Tok k, uint32_t b) { buf.tokens.push_back({k, b, i}); };
    // A NUL byte: a binary file, not CSL text; one error instead of one per garbage run.
    if (const size_t nul = s.find('\0'); nul != std::string::npos) {
        diags.error(file, uint32_t(nul), uint32_t(nul) + 1,
                    "this is not a text file (it has a NUL byte); a CSL source is text");
        buf.tokens.push_back({Tok::Eof, n, n});
        return buf;
    }
    // A UTF-8 byte order mark, as some Windows editors save: not part of the text.
    if (s.compare(0, 3, "\xEF\xBB\xBF") == 0)
        i = 3;
    while (i < n) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++i;
            continue;
        }
        if (c == '/' && peek(1) == '/') {
            while (i < n && s[i] != '\n')
                ++i;
            continue;
        }
        uint32_t b = i;
        if (identStart(c)) {
            while (i < n && identChar(s[i]))
                ++i;
            std::string_view w(s.data() + b, i - b);
            Tok k = Tok::Ident;
            for (auto& [kw, t] : kKeywords) {
                if (kw == w) {
                    k = t;
                    break;
                }
            }
            // 'packed' and 'union' are not CSL keywords (the SDK's language pages never
            // reserve them), so 'var packed = ...' and 'fn union(...)' must work; they only
            // keep their Zig meaning where the parser takes them: 'packed struct',
            // 'union {' and 'union(tag) {'.
            if ((k == Tok::KwPacked || k == Tok::KwUnion) && !buf.tokens.empty() &&
                (buf.tokens.back().kind == Tok::KwFn || buf.tokens.back().kind == Tok::Dot))
                k = Tok::Ident;
            if (k == Tok::KwPacked && nextWord(s, i) != "struct" && nextWord(s, i) != "union")
                k = Tok::Ident;
            // Likewise 'pub' (no SDK page uses it) only before a declaration.
            if (k == Tok::KwPub) {
                const std::string_view next = nextWord(s, i);
                if (next != "const" && next != "var" && next != "fn" && next != "inline" &&
                    next != "export" && next != "extern" && next != "task" && next != "param")
                    k = Tok::Ident;
            }
            if (k == Tok::KwUnion && !startsUnionBody(s, i))
                k = Tok::Ident;
            push(k, b);
            continue;
        }
        if (c == '@') {
            ++i;
            if (i < n && s[i] == '"') { // @"quoted identifier"
                ++i;
                while (i < n && s[i] != '"' && s[i] != '\n')
                    ++i;
                if (i < n && s[i] == '"')
                    ++i;
                push(Tok::Ident, b);
                continue;
            }
            if (i >= n || !identStart(s[i])) {
                diags.error(file, b, b + 1, "expected a builtin name after '@'");
                push(Tok::Invalid, b);
                continue;
            }
            while (i < n && identChar(s[i]))
                ++i;
            push(Tok::Builtin, b);
            continue;
        }
        if (std::isdigit(static_cast<unsigned char>(c))) {
            bool isFloat = false;
            if (c == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'b' || peek(1) == 'B' ||
                             peek(1) == 'o' || peek(1) == 'O')) {
                i += 2;
                while (i < n && (std::isxdigit(static_cast<unsigned char>(s[i])) || s[i] == '_'))
                    ++i;
            } else {
                while (i < n && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '_'))
                    ++i;
                if (i < n && s[i] == '.' && i + 1 < n &&
                    std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
                    isFloat = true;
                    ++i;
                    while (i < n && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '_'))
                        ++i;
                }
                if (i < n && (s[i] == 'e' || s[i] == 'E')) {
                    uint32_t save = i;
                    ++i;
                    if (i < n && (s[i] == '+' || s[i] == '-'))
                        ++i;
                    if (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) {
                        isFloat = true;
                        while (i < n && std::isdigit(static_cast<unsigned char>(s[i])))
                            ++i;
                    } else {
                        i = save;
                    }
                }
            }
            if (i < n && identChar(s[i])) {
                while (i < n && identChar(s[i]))
                    ++i;
                diags.error(file, b, i, "invalid number literal '" + s.substr(b, i - b) + "'");
                push(Tok::Invalid, b);
                continue;
            }
            if (std::string why = numberLiteralProblem(s.substr(b, i - b)); !why.empty()) {
                diags.error(file, b, i, why);
                push(Tok::Invalid, b);
                continue;
            }
            push(isFloat ? Tok::FloatLit : Tok::IntLit, b);
            continue;
        }
        if (c == '"' || c == '\'') {
            char q = c;
            ++i;
            bool closed = false;
            while (i < n && s[i] != '\n') {
                if (s[i] == '\\' && i + 1 < n) {
                    i += 2;
                    continue;
                }
                if (s[i] == q) {
                    ++i;
                    closed = true;
                    break;
                }
                ++i;
            }
            if (!closed) {
                diags.error(file, b, b + 1,
                            q == '"' ? "unterminated string literal"
                                     : "unterminated character literal");
                push(Tok::Invalid, b);
                continue;
            }
            if (std::string why = quotedLiteralProblem(s.substr(b, i - b)); !why.empty()) {
                diags.error(file, b, i, why);
                push(Tok::Invalid, b);
                continue;
            }
            push(q == '"' ? Tok::StringLit : Tok::CharLit, b);
            continue;
        }
        // Punctuation, longest match first.
        struct P {
            const char* s;
            Tok t;
        };
        static const P kPunct[] = {
            {"<<=", Tok::ShlEq},    {">>=", Tok::ShrEq},  {"...", Tok::Ellipsis},
            {"..", Tok::DotDot},    {".*", Tok::DotStar}, {"==", Tok::EqEq},
            {"!=", Tok::BangEq},    {"<=", Tok::LtEq},    {">=", Tok::GtEq},
            {"<<", Tok::Shl},       {">>", Tok::Shr},     {"+=", Tok::PlusEq},
            {"-=", Tok::MinusEq},   {"*=", Tok::StarEq},  {"/=", Tok::SlashEq},
            {"%=", Tok::PercentEq}, {"&=", Tok::AmpEq},   {"|=", Tok::PipeEq},
            {"^=", Tok::CaretEq},   {"->", Tok::Arrow},   {"=>", Tok::FatArrow},
            {"(", Tok::LParen},     {")", Tok::RParen},   {"[", Tok::LBracket},
            {"]", Tok::RBracket},   {"{", Tok::LBrace},   {"}", Tok::RBrace},
            {",", Tok::Comma},      {";", Tok::Semi},     {":", Tok::Colon},
            {".", Tok::Dot},        {"=", Tok::Eq},       {"<", Tok::Lt},
            {">", Tok::Gt},         {"+", Tok::Plus},     {"-", Tok::Minus},
            {"*", Tok::Star},       {"/", Tok::Slash},    {"%", Tok::Percent},
            {"&", Tok::Amp},        {"|", Tok::Pipe},     {"^", Tok::Caret},
            {"~", Tok::Tilde},      {"!", Tok::Bang},     {"?", Tok::Question},
        };
        bool matched = false;
        for (const P& p : kPunct) {
            std::string_view ps(p.s);
            if (s.compare(i, ps.size(), ps) == 0) {
                i += uint32_t(ps.size());
                push(p.t, b);
                matched = true;
                break;
            }
        }
        if (!matched) {
            // A run of bytes that start no token is one error (a binary file, or UTF-8 text
            // outside comments and strings), shown as printable characters and hex escapes.
            const auto startsNoToken = [&](uint32_t k) {
                const auto u = static_cast<unsigned char>(s[k]);
                return u >= 0x7f || (u < 0x20 && u != '\n' && u != '\r' && u != '\t');
            };
            do
                ++i;
            while (i < n && startsNoToken(i) && startsNoToken(b));
            std::string shown;
            for (uint32_t k = b; k < i && k < b + 16; ++k) {
                const auto u = static_cast<unsigned char>(s[k]);
                static const char* const kHex = "0123456789abcdef";
                shown += (u >= 0x20 && u < 0x7f) ? std::string(1, char(u))
                                                 : std::string("\\x") + kHex[u >> 4] + kHex[u & 15];
            }
            if (i - b > 16)
                shown += "...";
            diags.error(file, b, i,
                        std::string(i - b > 1 ? "invalid characters '" : "invalid character '") +
                            shown + "'");
        }
    }
    buf.tokens.push_back({Tok::Eof, n, n});
    return buf;
}

} // namespace csl
