// Tokens of CSL and the lexer that produces a flat token buffer for one file.
#pragma once

#include "backend/csl/diag/diagnostics.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace csl {

enum class Tok : uint8_t {
    Eof,
    Ident,
    Builtin, // @name
    IntLit,
    FloatLit,
    StringLit,
    CharLit,
    // keywords
    KwConst,
    KwVar,
    KwParam,
    KwFn,
    KwTask,
    KwInline,
    KwExport,
    KwExtern,
    KwComptime,
    KwIf,
    KwElse,
    KwFor,
    KwWhile,
    KwSwitch,
    KwReturn,
    KwBreak,
    KwContinue,
    KwAnd,
    KwOr,
    KwTrue,
    KwFalse,
    KwStruct,
    KwEnum,
    KwLayout,
    KwAlign,
    KwLinksection,
    KwLinkname,
    KwPub,
    KwUndefined,
    KwUnion,
    KwPacked,
    // punctuation
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Comma,
    Semi,
    Colon,
    Dot,
    DotDot,
    Ellipsis,
    DotStar,
    Eq,
    EqEq,
    BangEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Amp,
    Pipe,
    Caret,
    Tilde,
    Bang,
    Shl,
    Shr,
    PlusEq,
    MinusEq,
    StarEq,
    SlashEq,
    PercentEq,
    AmpEq,
    PipeEq,
    CaretEq,
    ShlEq,
    ShrEq,
    Arrow,
    FatArrow,
    Question,
    Invalid,
};

const char* tokSpelling(Tok t);

struct Token {
    Tok kind = Tok::Eof;
    uint32_t begin = 0; // byte offset in the file
    uint32_t end = 0;
};

struct TokenBuffer {
    uint16_t file = 0;
    const SourceFile* source = nullptr;
    std::vector<Token> tokens;
    std::string_view text(uint32_t i) const {
        const Token& t = tokens[i];
        return std::string_view(source->text).substr(t.begin, t.end - t.begin);
    }
};

TokenBuffer lex(DiagnosticEngine& diags, uint16_t file);

} // namespace csl
