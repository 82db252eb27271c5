#include "widgets/CslLexer.h"

#include <QRegularExpression>

#include <Qsci/qsciscintilla.h>

#include <QFontDatabase>

#include <algorithm>
#include <cstring>

namespace tessera {

namespace {

bool isIdentStart(unsigned char c) {
    // Bytes >= 0x80 belong to UTF-8 sequences; treating them as identifier bytes keeps a
    // multi-byte character inside one token, so styling never splits it.
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

bool isDigit(unsigned char c) {
    return c >= '0' && c <= '9';
}

bool isIdentChar(unsigned char c) {
    return isIdentStart(c) || isDigit(c);
}

bool isHexDigit(unsigned char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Length of the number literal at text[0..length): decimal, 0x/0o/0b integers, decimal
// and hexadecimal floats, with `_` digit separators as in Zig.
int numberLength(const char* text, int length) {
    auto at = [&](int i) -> unsigned char { return i < length ? text[i] : '\0'; };
    int i = 0;
    auto skipWhile = [&](auto isDigitChar) {
        while (isDigitChar(at(i)) || at(i) == '_')
            ++i;
    };
    // The fraction after '.', then an exponent marked by e/E (decimal) or p/P (hex).
    auto skipFractionAndExponent = [&](auto isDigitChar, char lower, char upper) {
        if (at(i) == '.' && isDigitChar(at(i + 1))) {
            ++i;
            skipWhile(isDigitChar);
        }
        if (at(i) == lower || at(i) == upper) {
            int j = i + 1;
            if (at(j) == '+' || at(j) == '-')
                ++j;
            if (isDigit(at(j))) {
                i = j;
                while (isDigit(at(i)))
                    ++i;
            }
        }
    };
    if (at(0) == '0' && (at(1) == 'x' || at(1) == 'X')) {
        i = 2;
        skipWhile(isHexDigit);
        skipFractionAndExponent(isHexDigit, 'p', 'P');
        return i;
    }
    if (at(0) == '0' && (at(1) == 'b' || at(1) == 'B' || at(1) == 'o' || at(1) == 'O')) {
        i = 2;
        skipWhile(isDigit);
        return i;
    }
    skipWhile(isDigit);
    skipFractionAndExponent(isDigit, 'e', 'E');
    return i;
}

// Length of a quoted literal starting at text[0] (the quote), up to and including the
// closing quote or, when unterminated, the end of the line.
int quotedLength(const char* text, int length) {
    const char quote = text[0];
    int i = 1;
    while (i < length) {
        if (text[i] == '\\' && i + 1 < length) {
            i += 2;
            continue;
        }
        if (text[i] == quote)
            return i + 1;
        ++i;
    }
    return length;
}

} // namespace

CslLexer::CslLexer(QObject* parent) : QsciLexerCustom(parent) {
    m_font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

const QStringList& CslLexer::keywords() {
    static const QStringList list{
        "align",    "and",         "break", "comptime", "const",  "continue", "else",   "enum",
        "export",   "extern",      "false", "fn",       "for",    "if",       "inline", "layout",
        "linkname", "linksection", "or",    "param",    "return", "struct",   "switch", "task",
        "true",     "undefined",   "union", "var",      "while"};
    return list;
}

const QStringList& CslLexer::types() {
    static const QStringList list{"anytype",
                                  "bf16",
                                  "bool",
                                  "cb16",
                                  "color",
                                  "comptime_float",
                                  "comptime_int",
                                  "comptime_string",
                                  "comptime_struct",
                                  "control_task_id",
                                  "data_task_id",
                                  "direction",
                                  "dsr_dest",
                                  "dsr_src0",
                                  "dsr_src1",
                                  "f16",
                                  "f32",
                                  "fabin_dsd",
                                  "fabout_dsd",
                                  "i16",
                                  "i32",
                                  "i64",
                                  "i8",
                                  "input_queue",
                                  "local_task_id",
                                  "mem1d_dsd",
                                  "mem4d_dsd",
                                  "output_queue",
                                  "type",
                                  "u16",
                                  "u32",
                                  "u64",
                                  "u8",
                                  "ut_id",
                                  "void"};
    return list;
}

// `u3`, `i24`: the Types page's integer types of any width 0..16777215 (no leading zeros).
static bool isArbitraryWidthIntName(const QString& word) {
    static const QRegularExpression pattern(QStringLiteral("^[iu](0|[1-9][0-9]{0,7})$"));
    return pattern.match(word).hasMatch() && word.mid(1).toLongLong() <= 16777215;
}

const char* CslLexer::language() const {
    return "CSL";
}

QString CslLexer::description(int style) const {
    switch (style) {
    case Default:
        return tr("Default");
    case Comment:
        return tr("Comment");
    case Keyword:
        return tr("Keyword");
    case Type:
        return tr("Type");
    case Builtin:
        return tr("Builtin");
    case Number:
        return tr("Number");
    case String:
        return tr("String");
    case MultilineString:
        return tr("Multiline string");
    case Operator:
        return tr("Operator");
    default:
        return {};
    }
}

const char* CslLexer::wordCharacters() const {
    // '@' makes a builtin such as @get_color a single word for completion and call tips.
    return "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@";
}

QStringList CslLexer::autoCompletionWordSeparators() const {
    return {QStringLiteral(".")};
}

int CslLexer::braceStyle() const {
    return Operator;
}

QColor CslLexer::colorFor(int style, bool dark) const {
    if (dark) {
        switch (style) {
        case Comment:
            return QColor(0x7f, 0x8c, 0x8d);
        case Keyword:
            return QColor(0xc6, 0x78, 0xdd);
        case Type:
            return QColor(0x56, 0xb6, 0xc2);
        case Builtin:
            return QColor(0x61, 0xaf, 0xef);
        case Number:
            return QColor(0xd1, 0x9a, 0x66);
        case String:
        case MultilineString:
            return QColor(0x98, 0xc3, 0x79);
        case Operator:
            return QColor(0xab, 0xb2, 0xbf);
        default:
            return QColor(0xdc, 0xdf, 0xe4);
        }
    }
    switch (style) {
    case Comment:
        return QColor(0x6a, 0x73, 0x7d);
    case Keyword:
        return QColor(0x8b, 0x1e, 0x9b);
    case Type:
        return QColor(0x00, 0x6b, 0x75);
    case Builtin:
        return QColor(0x1a, 0x4f, 0xc4);
    case Number:
        return QColor(0xa8, 0x4b, 0x00);
    case String:
    case MultilineString:
        return QColor(0x2e, 0x7d, 0x32);
    case Operator:
        return QColor(0x44, 0x44, 0x44);
    default:
        return QColor(0x1f, 0x23, 0x28);
    }
}

QColor CslLexer::defaultColor(int style) const {
    return colorFor(style, m_dark);
}

QColor CslLexer::defaultPaper(int style) const {
    if (style == MultilineString)
        return m_dark ? QColor(0x2c, 0x31, 0x3a) : QColor(0xf3, 0xf8, 0xf3);
    return m_dark ? QColor(0x28, 0x2c, 0x34) : QColor(Qt::white);
}

QFont CslLexer::defaultFont(int style) const {
    QFont font = m_font;
    font.setBold(style == Keyword);
    font.setItalic(style == Comment);
    return font;
}

void CslLexer::setAppearance(const QFont& font, bool dark) {
    m_font = font;
    m_dark = dark;
    setDefaultFont(font);
    setDefaultColor(colorFor(Default, dark));
    setDefaultPaper(defaultPaper(Default));
    for (int style = 0; style < StyleCount; ++style) {
        setFont(defaultFont(style), style);
        setColor(defaultColor(style), style);
        setPaper(defaultPaper(style), style);
    }
}

void CslLexer::styleLine(const char* line, int length, int& depth, int& minDepthAtOpen) {
    int i = 0;
    while (i < length) {
        const unsigned char c = line[i];
        int tokenLength = 1;
        int style = Default;
        if (c == '/' && i + 1 < length && line[i + 1] == '/') {
            tokenLength = length - i;
            style = Comment;
        } else if (c == '\\' && i + 1 < length && line[i + 1] == '\\') {
            tokenLength = length - i;
            style = MultilineString;
        } else if (c == '"' || c == '\'') {
            tokenLength = quotedLength(line + i, length - i);
            style = String;
        } else if (c == '@' && i + 1 < length && isIdentStart(line[i + 1])) {
            tokenLength = 2;
            while (i + tokenLength < length && isIdentChar(line[i + tokenLength]))
                ++tokenLength;
            style = Builtin;
        } else if (isDigit(c)) {
            tokenLength = numberLength(line + i, length - i);
            style = Number;
        } else if (isIdentStart(c)) {
            while (i + tokenLength < length && isIdentChar(line[i + tokenLength]))
                ++tokenLength;
            const QString word = QString::fromUtf8(line + i, tokenLength);
            if (keywords().contains(word))
                style = Keyword;
            else if (types().contains(word) || isArbitraryWidthIntName(word))
                style = Type;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            while (i + tokenLength < length && std::strchr(" \t\r\n", line[i + tokenLength]) &&
                   line[i + tokenLength] != '\0')
                ++tokenLength;
        } else {
            style = Operator;
            if (c == '{') {
                minDepthAtOpen = std::min(minDepthAtOpen, depth);
                ++depth;
            } else if (c == '}') {
                depth = std::max(0, depth - 1);
            }
        }
        setStyling(tokenLength, style);
        i += tokenLength;
    }
}

void CslLexer::styleText(int start, int end) {
    QsciScintilla* ed = editor();
    if (!ed || end <= start)
        return;
    // Scintilla may ask from mid-line; lines lex independently, so restart at the line.
    const int firstLine = int(ed->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION, start));
    const int lastLine = int(ed->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION, end - 1));
    const int lineCount = int(ed->SendScintilla(QsciScintillaBase::SCI_GETLINECOUNT));
    const int from = int(ed->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, firstLine));
    const int to =
        lastLine + 1 < lineCount
            ? int(ed->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, lastLine + 1))
            : int(ed->SendScintilla(QsciScintillaBase::SCI_GETTEXTLENGTH));
    // Positions are UTF-8 byte offsets. bytes() appends a NUL that is not part of the
    // document; styling it would run past the end of the buffer.
    QByteArray text = ed->bytes(from, to);
    text.chop(1);

    int depth = firstLine > 0
                    ? int(ed->SendScintilla(QsciScintillaBase::SCI_GETLINESTATE, firstLine - 1))
                    : 0;
    startStyling(from);
    int offset = 0;
    for (int line = firstLine; line <= lastLine && offset < text.size(); ++line) {
        int lineEnd = text.indexOf('\n', offset);
        lineEnd = lineEnd < 0 ? int(text.size()) : lineEnd + 1;
        const int depthAtStart = depth;
        int minDepthAtOpen = depth;
        styleLine(text.constData() + offset, lineEnd - offset, depth, minDepthAtOpen);
        // As Scintilla's C++ lexer does with fold.at.else: "} else {" heads a new fold.
        const int level = std::min(depthAtStart, minDepthAtOpen);
        int foldLevel = QsciScintillaBase::SC_FOLDLEVELBASE + level;
        if (depth > level)
            foldLevel |= QsciScintillaBase::SC_FOLDLEVELHEADERFLAG;
        ed->SendScintilla(QsciScintillaBase::SCI_SETFOLDLEVEL, line, foldLevel);
        ed->SendScintilla(QsciScintillaBase::SCI_SETLINESTATE, line, depth);
        offset = lineEnd;
    }
}

} // namespace tessera
