// Recursive-descent parser. On an error it reports once, skips to a synchronisation
// token (';' or a closing brace at the current depth) and keeps going, so one typo
// does not hide the errors after it.
#include "backend/csl/parse/ast.h"

#include <algorithm>

#include <string>
#include <utility>

namespace csl {

uint32_t Ast::beginOffset(uint32_t n) const {
    return tokens.tokens[nodes[n].first].begin;
}
uint32_t Ast::endOffset(uint32_t n) const {
    return tokens.tokens[nodes[n].last].end;
}

namespace {

struct ParseError {};

class Parser {
  public:
    Parser(DiagnosticEngine& diags, Ast& ast) : diags_(diags), ast_(ast), toks_(ast.tokens) {
        ast_.nodes.push_back({}); // the null node
    }

    uint32_t parseRoot() {
        std::vector<uint32_t> decls;
        while (!at(Tok::Eof)) {
            size_t before = pos_;
            lostDeclName_ = 0;
            lostDeclIsParam_ = false;
            try {
                uint32_t d = parseTopDecl();
                if (d)
                    decls.push_back(d);
            } catch (ParseError&) {
                syncTop();
                // The declaration stays, with an initializer that failed, so its uses are
                // not reported as undeclared on top of the syntax error.
                if (lostDeclName_) {
                    const uint32_t name = lostDeclName_ - 1;
                    uint32_t n = make(NodeKind::VarDecl, name, uint32_t(before));
                    nd(n).b = make(NodeKind::Error, name, name);
                    nd(n).flags = lostDeclIsParam_ ? kVarParam : kVarConst;
                    decls.push_back(n);
                }
            }
            if (pos_ == before)
                ++pos_; // guarantees progress on any input
        }
        uint32_t r = make(NodeKind::Root, 0, 0);
        setList(r, decls);
        return r;
    }

  private:
    DiagnosticEngine& diags_;
    Ast& ast_;
    const TokenBuffer& toks_;
    size_t pos_ = 0;
    bool noTypedInit_ = false; // while parsing a return type: `void {` starts the body
    // The statement parsed next is the body of a switch prong or an `if` branch without
    // braces, where `return x`, `break` and `continue` are expressions: a ',' or '}' may end
    // them instead of ';' (`.a => return 1,`).
    bool jumpAsExpr_ = false;
    // The token at which an unclosed block was reported (once for all enclosing blocks).
    size_t unclosedReportedAt_ = SIZE_MAX;
    // Sets a parser flag for a scope and restores it however the scope ends (a ParseError
    // left it set, and every later `S{ ... }` in the file failed).
    struct FlagScope {
        bool& flag;
        const bool saved;
        FlagScope(bool& f, bool value) : flag(f), saved(f) { f = value; }
        ~FlagScope() { flag = saved; }
    };
    // The name token (plus one; 0: none yet) of the top-level declaration being parsed.
    uint32_t lostDeclName_ = 0;
    bool lostDeclIsParam_ = false;
    // Reading the value of a `.field = value` item: a `.name =` on the next line starts the
    // next item (its ',' missing), not a field access of the value.
    bool readingFieldValue_ = false;
    // Labels of the loops and blocks being parsed: the SDK's Syntax page forbids reusing a
    // label inside the loop or block it names ("redefinition of label 'foo'").
    std::vector<std::string_view> openLabels_;
    // Parses the loop or block labelled by token `label` with `parse`.
    template <typename F> uint32_t withLabel(uint32_t label, F parse) {
        const std::string_view name = toks_.text(label);
        if (std::find(openLabels_.begin(), openLabels_.end(), name) != openLabels_.end()) {
            const Token& t = toks_.tokens[label];
            diags_.error(toks_.file, t.begin, t.end,
                         "redefinition of label '" + std::string(name) + "'");
        }
        openLabels_.push_back(name);
        struct Pop {
            std::vector<std::string_view>& v;
            ~Pop() { v.pop_back(); }
        } pop{openLabels_};
        return parse();
    }
    // 'fn' or 'task' (optionally after 'export'/'inline') as the first token of its line: a
    // new top-level declaration, where a block still open was most likely left unclosed.
    bool startsTopLevelDeclaration() const {
        size_t p = pos_;
        while (p < toks_.tokens.size() &&
               (toks_.tokens[p].kind == Tok::KwExport || toks_.tokens[p].kind == Tok::KwInline))
            ++p;
        if (p >= toks_.tokens.size() ||
            (toks_.tokens[p].kind != Tok::KwFn && toks_.tokens[p].kind != Tok::KwTask))
            return false;
        const SourceFile& f = diags_.file(toks_.file);
        return f.lineCol(toks_.tokens[pos_].begin).second == 1;
    }
    int depth_ = 0;

    // `elif (c)` where an `else if (c)` was meant: one error that says so.
    void rejectElif() {
        if (!at(Tok::Ident) || kind(1) != Tok::LParen)
            return;
        const std::string_view word = toks_.text(uint32_t(pos_));
        if (word == "elif" || word == "elsif" || word == "elseif")
            fail("'" + std::string(word) + "' is not a keyword in CSL; use 'else if'");
    }
    // Token `k` begins on a later line than the token before it ends (or the file ends).
    bool startsLaterLine(size_t k) const {
        if (k >= toks_.tokens.size() || toks_.tokens[k].kind == Tok::Eof || k == 0)
            return true;
        const SourceFile& f = diags_.file(toks_.file);
        return f.lineCol(toks_.tokens[k].begin).first > f.lineCol(toks_.tokens[k - 1].end).first;
    }
    // C's and Python's spellings of what CSL writes otherwise, where a parse would fail on
    // them with a message about something else: one clear error instead.
    void rejectForeignOperator() {
        const auto adjacent = [&](Tok a, Tok b) {
            return kind() == a && kind(1) == b &&
                   toks_.tokens[pos_ + 1].begin == toks_.tokens[pos_].end;
        };
        const auto reject = [&](size_t len, const std::string& msg) {
            diags_.error(toks_.file, toks_.tokens[pos_].begin, toks_.tokens[pos_ + len - 1].end,
                         msg);
            throw ParseError{};
        };
        if (adjacent(Tok::Amp, Tok::Amp))
            reject(2, "'&&' is not an operator in CSL; use 'and'");
        if (adjacent(Tok::Pipe, Tok::Pipe))
            reject(2, "'||' is not an operator in CSL; use 'or'");
        if (adjacent(Tok::Plus, Tok::Plus))
            reject(2, "'++' is not an operator in CSL; use '+= 1'");
        if (adjacent(Tok::Minus, Tok::Minus) && (kind(2) == Tok::Semi || kind(2) == Tok::RParen))
            reject(2, "'--' is not an operator in CSL; use '-= 1'");
        if (at(Tok::Question))
            reject(1, "CSL has no '?:' operator; use 'if (condition) a else b'");
    }

    Tok kind(size_t k = 0) const {
        size_t i = pos_ + k;
        return i < toks_.tokens.size() ? toks_.tokens[i].kind : Tok::Eof;
    }
    bool at(Tok t) const { return kind() == t; }
    bool eat(Tok t) {
        if (at(t)) {
            ++pos_;
            return true;
        }
        return false;
    }
    std::string found() const {
        Tok k = kind();
        if (k == Tok::Eof)
            return "end of file";
        return "'" + std::string(toks_.text(uint32_t(pos_))) + "'";
    }
    [[noreturn]] void fail(const std::string& msg) {
        const Token& t = toks_.tokens[std::min(pos_, toks_.tokens.size() - 1)];
        // The lexer already reported an invalid token; do not pile a second error on it.
        if (t.kind != Tok::Invalid)
            diags_.error(toks_.file, t.begin, t.end, msg);
        throw ParseError{};
    }
    uint32_t expect(Tok t, const char* context) {
        if (!at(t)) {
            std::string m = std::string("expected '") + tokSpelling(t) + "'";
            if (context && *context)
                m += std::string(" ") + context;
            m += ", found " + found();
            if (t == Tok::Semi && pos_ > 0 && kind() != Tok::Invalid) {
                // Like clang: point just past the token the ';' should follow.
                const Token& prev = toks_.tokens[pos_ - 1];
                diags_.error(toks_.file, prev.end, prev.end + 1, m);
                // What follows starts a new line: most likely only the ';' is missing. Going
                // on as if it were there reads the next line as written, so its own errors
                // are reported and its declaration is not lost.
                if (startsLaterLine(pos_))
                    return uint32_t(pos_ - 1);
                throw ParseError{};
            }
            fail(m);
        }
        return uint32_t(pos_++);
    }
    uint32_t make(NodeKind k, uint32_t tok, uint32_t first) {
        Node n;
        n.kind = k;
        n.tok = tok;
        n.first = first;
        n.last = pos_ > 0 ? uint32_t(pos_ - 1) : 0;
        if (n.last < first)
            n.last = first;
        ast_.nodes.push_back(n);
        return uint32_t(ast_.nodes.size() - 1);
    }
    Node& nd(uint32_t i) { return ast_.nodes[i]; }
    void setList(uint32_t n, const std::vector<uint32_t>& l) {
        nd(n).listBegin = uint32_t(ast_.extra.size());
        nd(n).listLen = uint32_t(l.size());
        ast_.extra.insert(ast_.extra.end(), l.begin(), l.end());
    }
    void finish(uint32_t n) {
        nd(n).last = pos_ > 0 ? uint32_t(pos_ - 1) : 0;
        if (nd(n).last < nd(n).first)
            nd(n).last = nd(n).first;
    }

    // Skips to the end of the current top-level declaration.
    void syncTop() {
        int depth = 0;
        while (!at(Tok::Eof)) {
            Tok k = kind();
            if (k == Tok::LBrace || k == Tok::LParen || k == Tok::LBracket)
                ++depth;
            else if (k == Tok::RBrace || k == Tok::RParen || k == Tok::RBracket) {
                --depth;
                if (depth <= 0 && k == Tok::RBrace) {
                    ++pos_;
                    if (depth == 0) {
                        eat(Tok::Semi);
                        return;
                    }
                    depth = 0;
                    continue;
                }
                if (depth < 0)
                    depth = 0;
            } else if (k == Tok::Semi && depth == 0) {
                ++pos_;
                return;
            } else if (depth == 0 && (k == Tok::KwFn || k == Tok::KwTask || k == Tok::KwLayout ||
                                      k == Tok::KwParam)) {
                return;
            } else if (depth == 0 &&
                       (k == Tok::KwConst || k == Tok::KwVar || k == Tok::KwExport ||
                        k == Tok::KwExtern || k == Tok::KwComptime || k == Tok::KwPub) &&
                       startsLaterLine(pos_)) {
                // A declaration on a line of its own: the failed one ended before it.
                return;
            }
            ++pos_;
        }
    }
    // The brackets opened from token `from` up to the current one and still open, outermost
    // first.
    std::vector<Tok> bracketsOpenedSince(size_t from) const {
        std::vector<Tok> open;
        for (size_t t = from; t < pos_ && t < toks_.tokens.size(); ++t) {
            const Tok k = toks_.tokens[t].kind;
            if (k == Tok::LBrace || k == Tok::LParen || k == Tok::LBracket)
                open.push_back(k);
            else if ((k == Tok::RBrace || k == Tok::RParen || k == Tok::RBracket) && !open.empty())
                open.pop_back();
        }
        return open;
    }
    // After an `if` statement that failed: its `else` and `else if` branches belong to it and
    // are skipped rather than read as statements that start with 'else'.
    void skipElseBranches() {
        while (eat(Tok::KwElse)) {
            eat(Tok::KwIf);
            syncStmt(); // the condition, if any, and the branch
        }
    }
    // Skips to the end of the statement that failed (stops before the block's '}').
    // `open` holds the brackets the statement opened before the failing token, outermost
    // first: a `}` closing a struct literal the error was in is not the end of the enclosing
    // block, and a `;` ends the statement unless a `{` is still open (a `(` left unclosed,
    // `add(1, 2;`, swallowed the function's `}`).
    void syncStmt(std::vector<Tok> open = {}) {
        const auto braceOpen = [&] {
            return std::find(open.begin(), open.end(), Tok::LBrace) != open.end();
        };
        while (!at(Tok::Eof)) {
            const Tok k = kind();
            if (k == Tok::LBrace || k == Tok::LParen || k == Tok::LBracket) {
                open.push_back(k);
            } else if (k == Tok::RBrace || k == Tok::RParen || k == Tok::RBracket) {
                const Tok opener = k == Tok::RBrace   ? Tok::LBrace
                                   : k == Tok::RParen ? Tok::LParen
                                                      : Tok::LBracket;
                // Unmatched brackets inside are dropped up to the one this closes.
                const auto match = std::find(open.rbegin(), open.rend(), opener);
                if (match == open.rend()) {
                    if (k == Tok::RBrace)
                        return;
                    ++pos_;
                    continue;
                }
                open.erase(std::prev(match.base()), open.end());
                if (open.empty() && k == Tok::RBrace) {
                    ++pos_;
                    return;
                }
            } else if (k == Tok::Semi && !braceOpen()) {
                ++pos_;
                return;
            }
            ++pos_;
        }
    }

    // One nesting level of source takes up to four guarded calls (a parenthesis: binary,
    // unary, primary; an if: statement, binary, unary, primary), so 1200 calls let
    // generated code nest about 300 levels deep while the parser's and the analyzer's
    // recursion stay far inside an 8 MB stack.
    struct DepthGuard {
        Parser& p;
        explicit DepthGuard(Parser& pp) : p(pp) {
            if (++p.depth_ > 1200)
                p.fail("expressions and blocks nested too deeply (about 300 levels at most)");
        }
        ~DepthGuard() { --p.depth_; }
    };

    uint32_t parseTopDecl() {
        uint32_t first = uint32_t(pos_);
        if (eat(Tok::Semi))
            return 0;
        if (at(Tok::KwComptime) &&
            (kind(1) == Tok::LBrace ||
             (kind(1) != Tok::KwVar && kind(1) != Tok::KwConst && startsLaterLine(pos_ + 1)))) {
            uint32_t t = uint32_t(pos_++);
            uint32_t b = parseBlockOrMissingBrace("'comptime'");
            uint32_t n = make(NodeKind::ComptimeBlock, t, first);
            nd(n).a = b;
            return n;
        }
        if (at(Tok::KwLayout)) {
            uint32_t t = uint32_t(pos_++);
            uint32_t b = parseBlockOrMissingBrace("'layout'");
            uint32_t n = make(NodeKind::LayoutBlock, t, first);
            nd(n).a = b;
            return n;
        }
        uint32_t flags = 0;
        eat(Tok::KwPub);
        for (;;) {
            if (eat(Tok::KwExport))
                flags |= kVarExport;
            else if (eat(Tok::KwExtern))
                flags |= kVarExtern;
            else
                break;
        }
        if (at(Tok::KwInline) || at(Tok::KwFn) || at(Tok::KwTask))
            return parseFn(first, flags);
        if (at(Tok::KwConst) || at(Tok::KwVar) || at(Tok::KwParam))
            return parseVarDecl(first, flags, true);
        // The Builtins page's @set_color_config example declares its colors as `color name;`:
        // a color parameter, as `param name: color;` (bound by --colors or by an importer).
        if (flags == 0 && at(Tok::Ident) && toks_.text(uint32_t(pos_)) == "color" &&
            kind(1) == Tok::Ident && kind(2) == Tok::Semi) {
            const uint32_t colorType = uint32_t(pos_);
            const uint32_t name = colorType + 1;
            pos_ += 3;
            uint32_t n = make(NodeKind::VarDecl, name, first);
            nd(n).a = make(NodeKind::Ident, colorType, colorType);
            nd(n).flags = kVarParam;
            return n;
        }
        rejectElif();
        // `func name(` or `def name(`: another language's keyword for a function.
        if (at(Tok::Ident) && kind(1) == Tok::Ident && kind(2) == Tok::LParen) {
            lostDeclName_ = uint32_t(pos_) + 2;
            fail("expected a declaration, found " + found() + "; a function is declared with 'fn'");
        }
        fail("expected a declaration ('const', 'var', 'param', 'fn', 'task', 'comptime' or "
             "'layout'), found " +
             found());
    }

    uint32_t parseFn(uint32_t first, uint32_t declFlags) {
        uint32_t flags = 0;
        if (declFlags & kVarExport)
            flags |= kFnExport;
        if (declFlags & kVarExtern)
            flags |= kFnExtern;
        if (eat(Tok::KwInline))
            flags |= kFnInline;
        if (eat(Tok::KwTask))
            flags |= kFnTask;
        else
            expect(Tok::KwFn, "");
        uint32_t name = expect(Tok::Ident, flags & kFnTask ? "after 'task'" : "after 'fn'");
        lostDeclName_ = name + 1;
        expect(Tok::LParen, "after the function name");
        std::vector<uint32_t> params;
        while (!at(Tok::RParen)) {
            uint32_t pf = uint32_t(pos_);
            uint32_t pflags = eat(Tok::KwComptime) ? 1 : 0;
            // The Syntax page's extern declarations name only the types:
            // `extern fn g(f16, f16) f16;`. The type's first token stands in for the name.
            const bool named = at(Tok::Ident) && kind(1) == Tok::Colon;
            uint32_t pname = uint32_t(pos_);
            if (named || !(flags & kFnExtern)) {
                pname = expect(Tok::Ident, "for a parameter name");
                expect(Tok::Colon, "after the parameter name");
            }
            uint32_t ty = parseTypeExpr();
            uint32_t p = make(NodeKind::ParamDecl, pname, pf);
            nd(p).a = ty;
            nd(p).flags = pflags;
            params.push_back(p);
            if (!eat(Tok::Comma))
                break;
        }
        expect(Tok::RParen, "to close the parameter list");
        // `linkname("sym")` names the function's ELF symbol; the SDK's Syntax page shows it
        // before the return type (`fn foo() linkname("bar") void`) and after it (`export fn
        // foo(x: *i16) i16 linkname("alias_for_foo")`).
        uint32_t linkname = 0;
        auto parseLinkname = [&] {
            if (!at(Tok::KwLinkname))
                return;
            if (linkname)
                fail("a function takes one 'linkname'");
            ++pos_;
            expect(Tok::LParen, "after 'linkname'");
            linkname = parseExpr();
            expect(Tok::RParen, "to close 'linkname('");
        };
        // SDK 2.10 (release notes): `linksection("name")` places a function's code in a section,
        // written where linkname is.
        uint32_t linksection = 0;
        auto parseLinksection = [&] {
            if (!at(Tok::KwLinksection))
                return;
            if (linksection)
                fail("a function takes one 'linksection'");
            ++pos_;
            expect(Tok::LParen, "after 'linksection'");
            linksection = parseExpr();
            expect(Tok::RParen, "to close 'linksection('");
        };
        for (int k = 0; k < 2; ++k) {
            parseLinkname();
            parseLinksection();
        }
        uint32_t ret = 0;
        if (at(Tok::LBrace)) {
            // The Syntax page: a function definition has "a return type and a function body".
            // Read as a type, the body swallowed the next declaration.
            const Token& t = toks_.tokens[pos_];
            diags_.error(toks_.file, t.begin, t.end,
                         "function '" + std::string(toks_.text(name)) +
                             "' needs a return type (e.g. 'void') before its body");
            ret = make(NodeKind::Error, uint32_t(pos_), uint32_t(pos_));
        } else {
            const FlagScope returnType(noTypedInit_, true);
            ret = parseTypeExpr();
        }
        for (int k = 0; k < 2; ++k) {
            parseLinkname();
            parseLinksection();
        }
        // The Storage Classes page: an extern function "must not have a body block", every
        // other one (export included) must have one.
        uint32_t body = 0;
        if (at(Tok::LBrace)) {
            if (flags & kFnExtern)
                fail("an extern function must not have a body");
            body = parseBlock(0);
        } else if (!(flags & kFnExtern)) {
            const std::string msg = "expected the body of function '" +
                                    std::string(toks_.text(name)) +
                                    "' (only an extern function has none), found " + found();
            if (!startsLaterLine(pos_) || at(Tok::Eof) || startsTopLevelDeclaration())
                fail(msg);
            // The body's '{' is missing: its statements follow on the next lines.
            const Token& t = toks_.tokens[pos_];
            diags_.error(toks_.file, t.begin, t.end, msg);
            body = parseBlock(0, true);
        } else {
            expect(Tok::Semi, "after an extern function declaration");
        }
        uint32_t n = make(NodeKind::FnDecl, name, first);
        nd(n).a = ret;
        nd(n).b = body;
        nd(n).c = linkname;
        nd(n).d = linksection;
        nd(n).flags = flags;
        setList(n, params);
        return n;
    }

    uint32_t parseVarDecl(uint32_t first, uint32_t flags, bool topLevel) {
        if (eat(Tok::KwConst))
            flags |= kVarConst;
        else if (eat(Tok::KwVar))
            flags |= kVarVar;
        else if (at(Tok::KwParam) && topLevel) {
            ++pos_;
            flags |= kVarParam;
        } else if (at(Tok::KwParam)) {
            fail("'param' declarations are only allowed at file scope");
        } else
            fail("expected 'const' or 'var', found " + found());
        uint32_t name = expect(Tok::Ident, "in a declaration");
        if (topLevel) {
            lostDeclName_ = name + 1;
            lostDeclIsParam_ = flags & kVarParam;
        }
        uint32_t type = 0, init = 0, align = 0, section = 0, linkname = 0;
        if (eat(Tok::Colon))
            type = parseTypeExpr();
        for (;;) {
            if (eat(Tok::KwAlign)) {
                expect(Tok::LParen, "after 'align'");
                align = parseExpr();
                expect(Tok::RParen, "to close 'align('");
            } else if (eat(Tok::KwLinksection)) {
                expect(Tok::LParen, "after 'linksection'");
                section = parseExpr();
                expect(Tok::RParen, "to close 'linksection('");
            } else if (eat(Tok::KwLinkname)) {
                expect(Tok::LParen, "after 'linkname'");
                linkname = parseExpr();
                expect(Tok::RParen, "to close 'linkname('");
            } else
                break;
        }
        bool initFailed = false;
        bool hasInit = eat(Tok::Eq);
        // `var x == 1;` or `const n: i16 : 4;`, typed for '=': one error, and the
        // initializer is read as if the '=' were there.
        if (!hasInit && (at(Tok::EqEq) || at(Tok::Colon)) && !startsLaterLine(pos_)) {
            const Token& t = toks_.tokens[pos_];
            diags_.error(toks_.file, t.begin, t.end,
                         "expected '=' in the declaration of '" + std::string(toks_.text(name)) +
                             "', found " + found());
            ++pos_;
            hasInit = true;
        }
        if (hasInit) {
            // A bad initializer keeps the declaration (with an Error initializer), so its
            // later uses are not reported as undeclared on top of the syntax error.
            const uint32_t initTok = uint32_t(pos_);
            try {
                init = parseExpr();
            } catch (ParseError&) {
                if (topLevel)
                    syncTop();
                else
                    syncStmt(bracketsOpenedSince(initTok));
                init = make(NodeKind::Error, initTok, initTok);
                initFailed = true;
            }
        }
        if (!initFailed)
            expect(Tok::Semi, "after declaration");
        uint32_t n = make(NodeKind::VarDecl, name, first);
        nd(n).a = type;
        nd(n).b = init;
        nd(n).c = align;
        nd(n).d = section;
        nd(n).flags = flags;
        if (linkname)
            setList(n, {linkname});
        return n;
    }

    // The block after `what`; when its '{' is missing and the statements start on the next
    // line, one error says so and they are read as the block.
    uint32_t parseBlockOrMissingBrace(const std::string& what) {
        if (at(Tok::LBrace) || !startsLaterLine(pos_) || at(Tok::Eof) ||
            startsTopLevelDeclaration())
            return parseBlock(0);
        const Token& t = toks_.tokens[pos_ - 1];
        diags_.error(toks_.file, t.end, t.end + 1, "expected '{' after " + what);
        return parseBlock(0, true);
    }
    // With `openBraceMissing`, an error has said the block's '{' is missing and its
    // statements start here.
    uint32_t parseBlock(uint32_t labelPlusOne, bool openBraceMissing = false) {
        uint32_t first = uint32_t(pos_);
        if (labelPlusOne)
            first = labelPlusOne - 1;
        const uint32_t open = uint32_t(pos_);
        if (!openBraceMissing)
            expect(Tok::LBrace, "to start a block");
        std::vector<uint32_t> stmts;
        while (!at(Tok::RBrace) && !at(Tok::Eof)) {
            if (startsTopLevelDeclaration()) {
                // A 'fn'/'task' at the start of a line: this block was left open. Say so
                // once (enclosing blocks end here too) and let the file's next declarations
                // be parsed as such. A block whose '{' was missing has had its error.
                if (unclosedReportedAt_ != pos_ && !openBraceMissing) {
                    unclosedReportedAt_ = pos_;
                    const Token& t = toks_.tokens[pos_];
                    const auto [line, col] =
                        diags_.file(toks_.file).lineCol(toks_.tokens[open].begin);
                    diags_.error(toks_.file, t.begin, t.end,
                                 "expected '}' to close the block opened at line " +
                                     std::to_string(line) + ", column " + std::to_string(col) +
                                     ", found " + found());
                }
                uint32_t n = make(NodeKind::Block, 0, first);
                nd(n).d = labelPlusOne;
                setList(n, stmts);
                return n;
            }
            size_t before = pos_;
            try {
                uint32_t s = parseStatement();
                if (s)
                    stmts.push_back(s);
            } catch (ParseError&) {
                syncStmt(bracketsOpenedSince(before));
                skipElseBranches();
                // Stands for the statement that failed, so later checks do not take its
                // absence for the program's (a `return` lost this way made a function
                // "not return a value on every path").
                stmts.push_back(make(NodeKind::Error, uint32_t(before), uint32_t(before)));
            }
            if (pos_ == before)
                ++pos_;
        }
        if (at(Tok::Eof) && !openBraceMissing) {
            // Said once, at the innermost open block's '{' (an error at the end of the file
            // has no line to show).
            if (unclosedReportedAt_ != pos_) {
                unclosedReportedAt_ = pos_;
                const Token& o = toks_.tokens[open];
                diags_.error(toks_.file, o.begin, o.end,
                             "this '{' is never closed: expected '}' before the end of the file");
            }
            throw ParseError{};
        }
        expect(Tok::RBrace, "to close the block");
        warnUnreachable(stmts);
        uint32_t n = make(NodeKind::Block, 0, first);
        nd(n).d = labelPlusOne;
        setList(n, stmts);
        return n;
    }

    // Statements after a `return`, `break` or `continue` of the same block never run, and the
    // analyzer does not look at them: a warning says so (Zig makes it an error; a `return`
    // put in while debugging is common enough to leave it a warning).
    void warnUnreachable(const std::vector<uint32_t>& stmts) {
        for (size_t i = 0; i + 1 < stmts.size(); ++i) {
            const Node& jump = ast_.nodes[stmts[i]];
            if (jump.kind != NodeKind::Return && jump.kind != NodeKind::Break &&
                jump.kind != NodeKind::Continue)
                continue;
            const Node& next = ast_.nodes[stmts[i + 1]];
            if (next.kind == NodeKind::Error)
                return;
            diags_.warning(toks_.file, toks_.tokens[next.first].begin, toks_.tokens[next.last].end,
                           "unreachable code: it follows a '" + std::string(toks_.text(jump.tok)) +
                               "' and is neither run nor checked");
            diags_.note(toks_.file, toks_.tokens[jump.first].begin, toks_.tokens[jump.last].end,
                        "control leaves the block here");
            return;
        }
    }

    bool blockLike(uint32_t n) const {
        NodeKind k = ast_.nodes[n].kind;
        if (k == NodeKind::Block || k == NodeKind::While || k == NodeKind::For ||
            k == NodeKind::Switch || k == NodeKind::ComptimeBlock)
            return true;
        if (k == NodeKind::If) {
            const Node& x = ast_.nodes[n];
            uint32_t tail = x.c ? x.c : x.b;
            return blockLike(tail);
        }
        return false;
    }

    uint32_t parseStatement() {
        DepthGuard g(*this);
        uint32_t first = uint32_t(pos_);
        const bool asExpr = std::exchange(jumpAsExpr_, false);
        auto endJump = [&](const char* what) {
            if (!(asExpr && (at(Tok::Comma) || at(Tok::RBrace))))
                expect(Tok::Semi, what);
        };
        switch (kind()) {
        case Tok::Semi:
            ++pos_;
            return 0;
        case Tok::KwConst:
        case Tok::KwVar:
        case Tok::KwParam:
            return parseVarDecl(first, 0, false);
        case Tok::KwComptime:
            if (kind(1) == Tok::LBrace) {
                uint32_t t = uint32_t(pos_++);
                uint32_t b = parseBlock(0);
                uint32_t n = make(NodeKind::ComptimeBlock, t, first);
                nd(n).a = b;
                return n;
            }
            if (kind(1) == Tok::KwVar || kind(1) == Tok::KwConst) {
                ++pos_;
                return parseVarDecl(first, kVarComptime, false);
            }
            break;
        case Tok::KwReturn: {
            uint32_t t = uint32_t(pos_++);
            uint32_t v =
                at(Tok::Semi) || (asExpr && (at(Tok::Comma) || at(Tok::RBrace))) ? 0 : parseExpr();
            endJump("after return statement");
            uint32_t n = make(NodeKind::Return, t, first);
            nd(n).a = v;
            return n;
        }
        case Tok::KwBreak:
        case Tok::KwContinue: {
            bool isBreak = at(Tok::KwBreak);
            uint32_t t = uint32_t(pos_++);
            uint32_t label = 0, v = 0;
            if (eat(Tok::Colon))
                label = expect(Tok::Ident, "for a label") + 1;
            if (isBreak && !at(Tok::Semi) && !(asExpr && (at(Tok::Comma) || at(Tok::RBrace))))
                v = parseExpr();
            endJump(isBreak ? "after break" : "after continue");
            uint32_t n = make(isBreak ? NodeKind::Break : NodeKind::Continue, t, first);
            nd(n).a = v;
            nd(n).d = label;
            return n;
        }
        case Tok::LBrace:
            return parseBlock(0);
        case Tok::Ident:
            if (pos_ > 0 && toks_.tokens[pos_ - 1].kind == Tok::RBrace)
                rejectElif();
            if (kind(1) == Tok::Colon && (kind(2) == Tok::LBrace || kind(2) == Tok::KwWhile ||
                                          kind(2) == Tok::KwFor || kind(2) == Tok::KwInline)) {
                uint32_t label = uint32_t(pos_) + 1;
                pos_ += 2;
                return withLabel(label - 1, [&] {
                    return at(Tok::LBrace) ? parseBlock(label) : parseLoop(label);
                });
            }
            break;
        case Tok::KwWhile:
        case Tok::KwFor:
        case Tok::KwInline:
            return parseLoop(0);
        case Tok::KwFn:
        case Tok::KwTask:
            fail("functions cannot be declared inside a block");
        default:
            break;
        }
        uint32_t e = parseExpr();
        Tok k = kind();
        if (k == Tok::Eq || k == Tok::PlusEq || k == Tok::MinusEq || k == Tok::StarEq ||
            k == Tok::SlashEq || k == Tok::PercentEq || k == Tok::AmpEq || k == Tok::PipeEq ||
            k == Tok::CaretEq || k == Tok::ShlEq || k == Tok::ShrEq) {
            uint32_t op = uint32_t(pos_++);
            uint32_t v = parseExpr();
            expect(Tok::Semi, "after assignment");
            uint32_t n = make(NodeKind::Assign, op, first);
            nd(n).a = e;
            nd(n).b = v;
            return n;
        }
        if (blockLike(e)) {
            eat(Tok::Semi);
            uint32_t n = make(NodeKind::ExprStmt, 0, first);
            nd(n).a = e;
            return n;
        }
        expect(Tok::Semi, "after expression");
        uint32_t n = make(NodeKind::ExprStmt, 0, first);
        nd(n).a = e;
        return n;
    }

    uint32_t parseLoop(uint32_t labelPlusOne) {
        uint32_t first = labelPlusOne ? labelPlusOne - 1 : uint32_t(pos_);
        uint32_t flags = eat(Tok::KwInline) ? 1 : 0;
        if (eat(Tok::KwWhile)) {
            uint32_t t = uint32_t(pos_ - 1);
            expect(Tok::LParen, "after 'while'");
            uint32_t cond = parseExpr();
            expect(Tok::RParen, "after the while condition");
            uint32_t cont = 0;
            if (eat(Tok::Colon)) {
                expect(Tok::LParen, "to start the continue expression");
                cont = parseAssignOrExpr();
                expect(Tok::RParen, "after the continue expression");
            }
            uint32_t body = parseBlockOrStmtBody();
            uint32_t n = make(NodeKind::While, t, first);
            nd(n).a = cond;
            nd(n).b = cont;
            nd(n).c = body;
            nd(n).d = labelPlusOne;
            nd(n).flags = flags;
            return n;
        }
        uint32_t t = expect(Tok::KwFor, "after 'inline'");
        expect(Tok::LParen, "after 'for'");
        if (at(Tok::KwVar) || at(Tok::KwConst) || cStyleForHeader())
            return skipCStyleFor(first);
        uint32_t iter = parseExpr();
        expect(Tok::RParen, "after the for operand");
        std::vector<uint32_t> caps;
        if (eat(Tok::Pipe)) {
            do {
                // `|*x|`: the element by pointer (kForPointerCapture), as in Zig.
                if (eat(Tok::Star)) {
                    if (!caps.empty())
                        fail("only the element capture of a for loop can be a pointer ('*')");
                    flags |= kForPointerCapture;
                }
                if (caps.size() == 2)
                    fail("a for loop has at most two captures, the element and its index");
                caps.push_back(expect(Tok::Ident, "in the loop capture"));
            } while (eat(Tok::Comma));
            expect(Tok::Pipe, "to close the loop capture");
        }
        uint32_t body = parseBlockOrStmtBody();
        uint32_t n = make(NodeKind::For, t, first);
        nd(n).a = iter;
        nd(n).b = body;
        nd(n).d = labelPlusOne;
        nd(n).flags = flags;
        setList(n, caps);
        return n;
    }

    // `for (k = 0; k < n; k += 1)` after its '(': a ';' before the matching ')'.
    bool cStyleForHeader() const {
        int depth = 0;
        for (size_t p = pos_; p < toks_.tokens.size(); ++p) {
            const Tok k = toks_.tokens[p].kind;
            if (k == Tok::LParen || k == Tok::LBracket || k == Tok::LBrace)
                ++depth;
            else if (k == Tok::RParen || k == Tok::RBracket || k == Tok::RBrace) {
                if (depth-- == 0)
                    return false;
            } else if (k == Tok::Semi || k == Tok::Eof)
                return k == Tok::Semi && depth == 0;
        }
        return false;
    }
    // One error for a C-style for loop; its header and body are skipped (the loop variable
    // it declares would make every use in the body a second error).
    uint32_t skipCStyleFor(uint32_t first) {
        const Token& t = toks_.tokens[pos_];
        diags_.error(toks_.file, t.begin, t.end,
                     "a C-style 'for' loop is not CSL; write 'for (@range(i16, n)) |k| { ... }' "
                     "or 'while (k < n) : (k += 1) { ... }'");
        for (int depth = 1; !at(Tok::Eof) && depth > 0; ++pos_)
            depth += at(Tok::LParen) ? 1 : at(Tok::RParen) ? -1 : 0;
        syncStmt();
        return make(NodeKind::Error, first, first);
    }

    // The continue expression of a while loop: an assignment or a call.
    uint32_t parseAssignOrExpr() {
        uint32_t first = uint32_t(pos_);
        uint32_t e = parseExpr();
        Tok k = kind();
        if (k == Tok::Eq || k == Tok::PlusEq || k == Tok::MinusEq || k == Tok::StarEq ||
            k == Tok::SlashEq || k == Tok::PercentEq || k == Tok::AmpEq || k == Tok::PipeEq ||
            k == Tok::CaretEq || k == Tok::ShlEq || k == Tok::ShrEq) {
            uint32_t op = uint32_t(pos_++);
            uint32_t v = parseExpr();
            uint32_t n = make(NodeKind::Assign, op, first);
            nd(n).a = e;
            nd(n).b = v;
            return n;
        }
        return e;
    }

    uint32_t parseBlockOrStmtBody() {
        if (at(Tok::LBrace))
            return parseBlock(0);
        // `while (c);` parsed as an empty statement, node 0, whose error had no location.
        if (at(Tok::Semi))
            fail("expected a statement or a block as the loop's body, found ';' (write {} for "
                 "an empty body)");
        return parseStatement();
    }

    uint32_t parseTypeExpr() {
        if (at(Tok::Ident) && toks_.text(uint32_t(pos_)) == "anytype") {
            uint32_t t = uint32_t(pos_++);
            return make(NodeKind::AnyType, t, t);
        }
        // No comparison or 'and'/'or' makes a type: `const n: i16 == 4;` is a declaration
        // whose '=' was typed '==', not the type `i16 == 4`.
        return parseBinary(4);
    }

    int precedence(Tok t) const {
        switch (t) {
        case Tok::KwOr:
            return 1;
        case Tok::KwAnd:
            return 2;
        case Tok::EqEq:
        case Tok::BangEq:
        case Tok::Lt:
        case Tok::LtEq:
        case Tok::Gt:
        case Tok::GtEq:
            return 3;
        case Tok::Pipe:
            return 4;
        case Tok::Caret:
            return 5;
        case Tok::Amp:
            return 6;
        case Tok::Shl:
        case Tok::Shr:
            return 7;
        case Tok::Plus:
        case Tok::Minus:
            return 8;
        case Tok::Star:
        case Tok::Slash:
        case Tok::Percent:
            return 9;
        default:
            return 0;
        }
    }

  public:
    uint32_t parseExpr() { return parseBinary(1); }

  private:
    // Zig's wrapping operators `+%`, `-%`, `*%` (and `+%=` ...) are not CSL's: the SDK's
    // operator table has none. Operator token `op` directly followed by '%' is one.
    void rejectWrappingOperator(uint32_t op) {
        const Tok k = toks_.tokens[op].kind;
        if ((k != Tok::Plus && k != Tok::Minus && k != Tok::Star) || op + 1 >= toks_.tokens.size())
            return;
        const Token& next = toks_.tokens[op + 1];
        if ((next.kind != Tok::Percent && next.kind != Tok::PercentEq) ||
            next.begin != toks_.tokens[op].end)
            return;
        const std::string spelled = std::string(toks_.text(op)) + std::string(toks_.text(op + 1));
        diags_.error(toks_.file, toks_.tokens[op].begin, next.end,
                     "wrapping operator '" + spelled +
                         "' is not part of CSL (the SDK's operators are + - * / % and the bit "
                         "operators); use '" +
                         std::string(toks_.text(op)) + "'");
        throw ParseError{};
    }

    // `a | b & c`: C groups it `a | (b & c)`, Zig's grammar, which CSL's follows elsewhere,
    // `(a | b) & c`. Which one the SDK's compiler takes is not documented, so such a mix of
    // '&', '^' and '|' without parentheses is an error rather than a silent guess.
    void rejectMixedBitwise(uint32_t n) {
        const auto isBitwise = [](Tok k) {
            return k == Tok::Amp || k == Tok::Caret || k == Tok::Pipe;
        };
        const Tok op = toks_.tokens[nd(n).tok].kind;
        // The parse groups them as C does: a tighter operator on the left (`a & b | c`) is
        // grouped alike in Zig, one on the right (`a | b & c`) is not. A parenthesized
        // operand is a Grouped node, not a Binary one.
        const Node& right = nd(nd(n).b);
        if (!isBitwise(op) || right.kind != NodeKind::Binary)
            return;
        const Tok inner = toks_.tokens[right.tok].kind;
        if (!isBitwise(inner) || inner == op)
            return;
        const Token& t = toks_.tokens[nd(n).tok];
        diags_.error(toks_.file, t.begin, t.end,
                     std::string("'") + tokSpelling(inner) + "' and '" + tokSpelling(op) +
                         "' need parentheses when mixed: C and Zig group them differently");
        throw ParseError{};
    }

    uint32_t parseBinary(int minPrec) {
        DepthGuard g(*this);
        uint32_t first = uint32_t(pos_);
        uint32_t lhs = parseUnary();
        for (;;) {
            rejectForeignOperator();
            int p = precedence(kind());
            if (p == 0 || p < minPrec)
                return lhs;
            uint32_t op = uint32_t(pos_++);
            rejectWrappingOperator(op);
            uint32_t rhs = parseBinary(p + 1);
            uint32_t n = make(NodeKind::Binary, op, first);
            nd(n).a = lhs;
            nd(n).b = rhs;
            rejectMixedBitwise(n);
            lhs = n;
            if (p == 3 && precedence(kind()) == 3)
                fail("comparison operators cannot be chained");
        }
    }

    uint32_t parseUnary() {
        DepthGuard g(*this);
        uint32_t first = uint32_t(pos_);
        Tok k = kind();
        if (k == Tok::Minus || k == Tok::Bang || k == Tok::Tilde || k == Tok::Amp) {
            uint32_t op = uint32_t(pos_++);
            uint32_t a = parseUnary();
            uint32_t n = make(NodeKind::Unary, op, first);
            nd(n).a = a;
            return n;
        }
        if (k == Tok::KwComptime) {
            uint32_t t = uint32_t(pos_++);
            uint32_t a = parseUnary();
            uint32_t n = make(NodeKind::ComptimeExpr, t, first);
            nd(n).a = a;
            return n;
        }
        return parsePostfix(parsePrimary());
    }

    uint32_t parseArgs(std::vector<uint32_t>& out, Tok close) {
        while (!at(close)) {
            out.push_back(parseExpr());
            if (!eat(Tok::Comma))
                break;
        }
        return expect(close,
                      close == Tok::RParen ? "to close the argument list" : "to close the list");
    }

    bool typedInitAllowed(uint32_t n) const {
        NodeKind k = ast_.nodes[n].kind;
        // A call may return a type: `PairOf(u16){ .a = 1, .b = 2 }`.
        return k == NodeKind::Ident || k == NodeKind::Field || k == NodeKind::ArrayType ||
               k == NodeKind::BuiltinCall || k == NodeKind::Call;
    }

    // `e[i, ...]`, at the '['.
    uint32_t parseIndexSuffix(uint32_t e, uint32_t first) {
        uint32_t t = uint32_t(pos_++);
        std::vector<uint32_t> idx;
        parseArgs(idx, Tok::RBracket);
        if (idx.empty())
            fail("expected an index expression");
        uint32_t n = make(NodeKind::Index, t, first);
        nd(n).a = e;
        setList(n, idx);
        return n;
    }

    uint32_t parsePostfix(uint32_t e) {
        for (;;) {
            uint32_t first = ast_.nodes[e].first;
            if (at(Tok::DotStar)) {
                ++pos_;
                uint32_t n = make(NodeKind::Deref, uint32_t(pos_ - 1), first);
                nd(n).a = e;
                e = n;
            } else if (at(Tok::Dot) && kind(1) == Tok::Ident &&
                       !(readingFieldValue_ && kind(2) == Tok::Eq && startsLaterLine(pos_))) {
                ++pos_;
                uint32_t name = uint32_t(pos_++);
                uint32_t n = make(NodeKind::Field, name, first);
                nd(n).a = e;
                e = n;
            } else if (at(Tok::Dot) && kind(1) == Tok::Star) {
                pos_ += 2;
                uint32_t n = make(NodeKind::Deref, uint32_t(pos_ - 1), first);
                nd(n).a = e;
                e = n;
            } else if (at(Tok::LBracket)) {
                e = parseIndexSuffix(e, first);
            } else if (at(Tok::LParen)) {
                uint32_t t = uint32_t(pos_++);
                std::vector<uint32_t> args;
                parseArgs(args, Tok::RParen);
                uint32_t n = make(NodeKind::Call, t, first);
                nd(n).a = e;
                setList(n, args);
                e = n;
            } else if (at(Tok::LBrace) && !noTypedInit_ && typedInitAllowed(e)) {
                uint32_t t = uint32_t(pos_);
                uint32_t init = parseInitList(first);
                nd(init).kind = NodeKind::TypedInit;
                nd(init).tok = t;
                nd(init).a = e;
                e = init;
            } else {
                return e;
            }
        }
    }

    // `{ .a = x, .b = y }` or `{ x, y }`; the caller sets the node kind.
    uint32_t parseInitList(uint32_t first) {
        expect(Tok::LBrace, "");
        std::vector<uint32_t> items;
        bool named = false;
        const FlagScope initializerItems(noTypedInit_, false);
        while (!at(Tok::RBrace)) {
            // Slips in a field item, each one error and read as meant: `.a == 1` for `.a = 1`,
            // `a = 1` for `.a = 1` (after a first named item, or as the first item).
            const bool dotted = at(Tok::Dot) && kind(1) == Tok::Ident;
            if (dotted && kind(2) == Tok::EqEq) {
                const Token& t = toks_.tokens[pos_ + 2];
                diags_.error(toks_.file, t.begin, t.end,
                             "expected '=' after '." + std::string(toks_.text(uint32_t(pos_) + 1)) +
                                 "' in a struct initializer, found '=='");
            } else if (at(Tok::Ident) && kind(1) == Tok::Eq && (named || items.empty())) {
                const Token& t = toks_.tokens[pos_];
                diags_.error(toks_.file, t.begin, t.end,
                             "a field name in a struct initializer starts with '.': write '." +
                                 std::string(toks_.text(uint32_t(pos_))) + " ='");
            }
            if ((dotted && (kind(2) == Tok::Eq || kind(2) == Tok::EqEq)) ||
                (at(Tok::Ident) && kind(1) == Tok::Eq && (named || items.empty()))) {
                // `.{ .a == 1, .b = 2 }` (a slip for `=`) made a tuple element of `.a == 1`.
                if (!items.empty() && !named)
                    fail("a struct initializer mixes values and '.field = value' items, found '." +
                         std::string(toks_.text(uint32_t(pos_) + 1)) + " ='");
                uint32_t f = uint32_t(pos_);
                eat(Tok::Dot);
                uint32_t name = uint32_t(pos_++);
                ++pos_;
                uint32_t v = 0;
                {
                    const FlagScope fieldValue(readingFieldValue_, true);
                    v = parseExpr();
                }
                uint32_t fi = make(NodeKind::FieldInit, name, f);
                nd(fi).a = v;
                items.push_back(fi);
                named = true;
            } else {
                if (named)
                    fail("expected '.field = value' in a struct initializer, found " + found());
                items.push_back(parseExpr());
            }
            if (!eat(Tok::Comma)) {
                // A ',' missing at a line end before the next `.field =`: said, and read on.
                if (named && at(Tok::Dot) && kind(1) == Tok::Ident && kind(2) == Tok::Eq &&
                    startsLaterLine(pos_)) {
                    const Token& prev = toks_.tokens[pos_ - 1];
                    diags_.error(toks_.file, prev.end, prev.end + 1,
                                 "expected ',' between the fields of a struct initializer, found " +
                                     found());
                    continue;
                }
                break;
            }
        }
        expect(Tok::RBrace, "to close the initializer");
        uint32_t n = make(NodeKind::AnonInit, 0, first);
        nd(n).flags = named ? 1 : 0;
        setList(n, items);
        return n;
    }

    uint32_t parsePrimary() {
        DepthGuard g(*this);
        uint32_t first = uint32_t(pos_);
        Tok k = kind();
        switch (k) {
        case Tok::Ident:
            // The Syntax page's inline assembly expressions (`asm (...)`) need the machine's
            // instruction set, which the simulator does not execute: named, not misparsed.
            if (kind(1) == Tok::LParen && toks_.text(uint32_t(pos_)) == "asm")
                fail("inline assembly ('asm') is not supported by this compiler");
            if (kind(1) == Tok::Colon && kind(2) == Tok::LBrace) {
                uint32_t label = uint32_t(pos_) + 1;
                pos_ += 2;
                return withLabel(label - 1, [&] { return parseBlock(label); });
            }
            ++pos_;
            return make(NodeKind::Ident, first, first);
        case Tok::IntLit:
            ++pos_;
            return make(NodeKind::IntLit, first, first);
        case Tok::FloatLit:
            ++pos_;
            return make(NodeKind::FloatLit, first, first);
        case Tok::StringLit:
            ++pos_;
            return make(NodeKind::StringLit, first, first);
        case Tok::CharLit:
            ++pos_;
            return make(NodeKind::CharLit, first, first);
        case Tok::KwTrue:
        case Tok::KwFalse:
            ++pos_;
            return make(NodeKind::BoolLit, first, first);
        case Tok::KwUndefined:
            ++pos_;
            return make(NodeKind::Undefined, first, first);
        case Tok::Builtin: {
            ++pos_;
            expect(Tok::LParen, "after builtin name");
            std::vector<uint32_t> args;
            {
                const FlagScope arguments(noTypedInit_, false);
                parseArgs(args, Tok::RParen);
            }
            uint32_t n = make(NodeKind::BuiltinCall, first, first);
            setList(n, args);
            return n;
        }
        case Tok::LParen: {
            ++pos_;
            uint32_t e = 0;
            {
                const FlagScope grouped(noTypedInit_, false);
                e = parseExpr();
            }
            expect(Tok::RParen, "to close the parenthesized expression");
            uint32_t n = make(NodeKind::Grouped, first, first);
            nd(n).a = e;
            return n;
        }
        case Tok::Dot:
            if (kind(1) == Tok::LBrace) {
                ++pos_;
                return parseInitList(first);
            }
            if (kind(1) == Tok::Ident) {
                pos_ += 2;
                return make(NodeKind::EnumLit, first + 1, first);
            }
            break;
        case Tok::LBracket: {
            ++pos_;
            if (at(Tok::Star) && kind(1) == Tok::RBracket) {
                pos_ += 2;
                uint32_t flags = 2;
                if (eat(Tok::KwConst))
                    flags |= 1;
                uint32_t elem = parseUnaryType();
                uint32_t n = make(NodeKind::PtrType, first, first);
                nd(n).a = elem;
                nd(n).flags = flags;
                return n;
            }
            std::vector<uint32_t> dims;
            parseArgs(dims, Tok::RBracket);
            if (dims.empty())
                fail("slices are not supported; expected an array length");
            uint32_t elem = parseUnaryType();
            uint32_t n = make(NodeKind::ArrayType, first, first);
            nd(n).a = elem;
            setList(n, dims);
            return n;
        }
        case Tok::Star: {
            ++pos_;
            uint32_t flags = eat(Tok::KwConst) ? 1 : 0;
            uint32_t elem = parseUnaryType();
            uint32_t n = make(NodeKind::PtrType, first, first);
            nd(n).a = elem;
            nd(n).flags = flags;
            return n;
        }
        case Tok::KwTask:
        case Tok::KwFn: {
            if (k == Tok::KwTask && kind(1) != Tok::LParen)
                break;
            ++pos_;
            expect(Tok::LParen, "after 'fn'");
            std::vector<uint32_t> params;
            while (!at(Tok::RParen)) {
                if (at(Tok::Ident) && kind(1) == Tok::Colon)
                    pos_ += 2;
                params.push_back(parseTypeExpr());
                if (!eat(Tok::Comma))
                    break;
            }
            expect(Tok::RParen, "to close the parameter list");
            uint32_t ret = 0;
            {
                const FlagScope returnType(noTypedInit_, true);
                ret = parseUnaryType();
            }
            uint32_t n = make(NodeKind::FnType, first, first);
            nd(n).a = ret;
            nd(n).flags = k == Tok::KwTask ? uint32_t(kFnTask) : 0u;
            setList(n, params);
            return n;
        }
        case Tok::KwPacked:
        case Tok::KwExtern:
            if (kind(1) == Tok::KwStruct || kind(1) == Tok::KwUnion) {
                ++pos_;
                const uint32_t n = parsePrimary();
                nd(n).flags |= k == Tok::KwPacked ? kStructPacked : kStructExtern;
                return n;
            }
            break;
        case Tok::KwStruct:
        case Tok::KwUnion:
            return parseStruct();
        case Tok::KwEnum:
            return parseEnum();
        case Tok::KwIf: {
            ++pos_;
            expect(Tok::LParen, "after 'if'");
            uint32_t cond = 0, then = 0, els = 0;
            {
                const FlagScope branches(noTypedInit_, false);
                cond = parseExpr();
                expect(Tok::RParen, "after the if condition");
                then = at(Tok::LBrace) ? parseBlock(0) : parseIfBranch();
                rejectElif();
                if (eat(Tok::KwElse))
                    els = at(Tok::LBrace) ? parseBlock(0) : parseIfBranch();
            }
            uint32_t n = make(NodeKind::If, first, first);
            nd(n).a = cond;
            nd(n).b = then;
            nd(n).c = els;
            return n;
        }
        case Tok::KwSwitch:
            return parseSwitch();
        case Tok::Pipe:
            return parseTensorAccess();
        case Tok::LBrace:
            return parseBlock(0);
        default:
            break;
        }
        fail("expected an expression, found " + found());
    }

    // The branch of an `if` without braces: an expression, or a statement
    // (return/break/continue/assignment) when `if` is used as a statement.
    uint32_t parseIfBranch() {
        Tok k = kind();
        if (k == Tok::KwReturn || k == Tok::KwBreak || k == Tok::KwContinue) {
            uint32_t first = uint32_t(pos_);
            jumpAsExpr_ = true;
            uint32_t s = parseStatement();
            uint32_t b = make(NodeKind::Block, 0, first);
            setList(b, {s});
            return b;
        }
        if (k == Tok::KwIf)
            return parsePrimaryThenPostfix();
        uint32_t first = uint32_t(pos_);
        uint32_t e = parseExpr();
        Tok op = kind();
        if (op == Tok::Eq || op == Tok::PlusEq || op == Tok::MinusEq || op == Tok::StarEq ||
            op == Tok::SlashEq || op == Tok::PercentEq || op == Tok::AmpEq || op == Tok::PipeEq ||
            op == Tok::CaretEq || op == Tok::ShlEq || op == Tok::ShrEq) {
            uint32_t opTok = uint32_t(pos_++);
            uint32_t v = parseExpr();
            uint32_t a = make(NodeKind::Assign, opTok, first);
            nd(a).a = e;
            nd(a).b = v;
            eat(Tok::Semi);
            uint32_t b = make(NodeKind::Block, 0, first);
            setList(b, {a});
            return b;
        }
        return e;
    }
    uint32_t parsePrimaryThenPostfix() { return parsePostfix(parsePrimary()); }

    uint32_t parseUnaryType() {
        DepthGuard g(*this);
        return parsePostfixNoCall(parsePrimary());
    }
    // Type operands of [N]T and *T: field access, calls (e.g. @type_of(x)) and indexing
    // (`[*]types[1]`: as in Zig, a prefix type operator applies to the whole suffix
    // expression) bind first, but a following '{' is left to the caller's typed init.
    uint32_t parsePostfixNoCall(uint32_t e) {
        for (;;) {
            uint32_t first = ast_.nodes[e].first;
            if (at(Tok::LBracket)) {
                e = parseIndexSuffix(e, first);
            } else if (at(Tok::Dot) && kind(1) == Tok::Ident) {
                ++pos_;
                uint32_t name = uint32_t(pos_++);
                uint32_t n = make(NodeKind::Field, name, first);
                nd(n).a = e;
                e = n;
            } else if (at(Tok::LParen)) {
                uint32_t t = uint32_t(pos_++);
                std::vector<uint32_t> args;
                parseArgs(args, Tok::RParen);
                uint32_t n = make(NodeKind::Call, t, first);
                nd(n).a = e;
                setList(n, args);
                e = n;
            } else {
                return e;
            }
        }
    }

    uint32_t parseStruct() {
        uint32_t first = uint32_t(pos_);
        ++pos_;
        if (eat(Tok::LParen)) { // union(enum) or struct(...) modifiers
            parseExpr();
            expect(Tok::RParen, "");
        }
        expect(Tok::LBrace, "after 'struct'");
        std::vector<uint32_t> items;
        while (!at(Tok::RBrace) && !at(Tok::Eof)) {
            uint32_t f = uint32_t(pos_);
            if (at(Tok::KwConst) || at(Tok::KwVar) || at(Tok::KwPub)) {
                eat(Tok::KwPub);
                items.push_back(parseVarDecl(f, 0, false));
                continue;
            }
            if (at(Tok::KwFn) || at(Tok::KwInline)) {
                items.push_back(parseFn(f, 0));
                continue;
            }
            uint32_t name = expect(Tok::Ident, "for a struct field name");
            expect(Tok::Colon, "after the field name");
            uint32_t ty = parseTypeExpr();
            uint32_t def = 0;
            if (eat(Tok::Eq))
                def = parseExpr();
            uint32_t fd = make(NodeKind::FieldDecl, name, f);
            nd(fd).a = ty;
            nd(fd).b = def;
            items.push_back(fd);
            if (!eat(Tok::Comma))
                break;
        }
        expect(Tok::RBrace, "to close the struct");
        uint32_t n = make(NodeKind::StructType, first, first);
        setList(n, items);
        if (toks_.tokens[first].kind == Tok::KwUnion)
            nd(n).flags |= kStructUnion;
        return n;
    }

    uint32_t parseEnum() {
        uint32_t first = uint32_t(pos_);
        ++pos_;
        uint32_t tag = 0;
        if (eat(Tok::LParen)) {
            tag = parseExpr();
            expect(Tok::RParen, "after the enum tag type");
        }
        expect(Tok::LBrace, "after 'enum'");
        std::vector<uint32_t> members;
        while (!at(Tok::RBrace) && !at(Tok::Eof)) {
            uint32_t f = uint32_t(pos_);
            uint32_t name = expect(Tok::Ident, "for an enum member");
            uint32_t v = 0;
            if (eat(Tok::Eq))
                v = parseExpr();
            uint32_t m = make(NodeKind::EnumMember, name, f);
            nd(m).a = v;
            members.push_back(m);
            if (!eat(Tok::Comma))
                break;
        }
        expect(Tok::RBrace, "to close the enum");
        uint32_t n = make(NodeKind::EnumType, first, first);
        nd(n).a = tag;
        setList(n, members);
        return n;
    }

    uint32_t parseSwitch() {
        uint32_t first = uint32_t(pos_);
        ++pos_;
        expect(Tok::LParen, "after 'switch'");
        uint32_t subj = parseExpr();
        expect(Tok::RParen, "after the switch operand");
        expect(Tok::LBrace, "to start the switch body");
        std::vector<uint32_t> prongs;
        while (!at(Tok::RBrace) && !at(Tok::Eof)) {
            try {
                parseProng(prongs);
            } catch (ParseError&) {
                // Skip to the next prong: a ',' or the closing '}' at this depth.
                int depth = 0;
                while (!at(Tok::Eof)) {
                    Tok k = kind();
                    if (depth == 0 && (k == Tok::Comma || k == Tok::RBrace)) {
                        eat(Tok::Comma);
                        break;
                    }
                    if (k == Tok::LBrace || k == Tok::LParen || k == Tok::LBracket)
                        ++depth;
                    if (k == Tok::RBrace || k == Tok::RParen || k == Tok::RBracket)
                        --depth;
                    ++pos_;
                }
            }
        }
        expect(Tok::RBrace, "to close the switch");
        uint32_t n = make(NodeKind::Switch, first, first);
        nd(n).a = subj;
        setList(n, prongs);
        return n;
    }

    void parseProng(std::vector<uint32_t>& prongs) {
        {
            uint32_t f = uint32_t(pos_);
            std::vector<uint32_t> items;
            uint32_t flags = 0;
            if (eat(Tok::KwElse)) {
                flags = 1;
            } else {
                do {
                    if (at(Tok::FatArrow))
                        break;
                    uint32_t item = parseExpr();
                    if (at(Tok::Ellipsis)) { // a range of values, both ends included: 4...9
                        uint32_t op = uint32_t(pos_++);
                        uint32_t range = make(NodeKind::Binary, op, ast_.nodes[item].first);
                        nd(range).a = item;
                        nd(range).b = parseExpr();
                        nd(range).last = ast_.nodes[nd(range).b].last;
                        item = range;
                    }
                    items.push_back(item);
                } while (eat(Tok::Comma));
            }
            expect(Tok::FatArrow, "after the switch case");
            uint32_t body = at(Tok::LBrace) ? parseBlock(0) : parseIfBranch();
            uint32_t p = make(NodeKind::SwitchProng, f, f);
            nd(p).a = body;
            nd(p).flags = flags;
            setList(p, items);
            prongs.push_back(p);
            if (!eat(Tok::Comma) && !at(Tok::RBrace) && ast_.nodes[body].kind != NodeKind::Block)
                fail("expected ',' after a switch case, found " + found());
        }
    }

    // |i, j| { n, m } -> A[i, j]
    uint32_t parseTensorAccess() {
        uint32_t first = uint32_t(pos_);
        ++pos_;
        std::vector<uint32_t> caps;
        do {
            caps.push_back(expect(Tok::Ident, "in the tensor access index list"));
        } while (eat(Tok::Comma));
        expect(Tok::Pipe, "to close the tensor access index list");
        uint32_t lf = uint32_t(pos_);
        expect(Tok::LBrace, "to start the tensor access extents");
        std::vector<uint32_t> ext;
        parseArgs(ext, Tok::RBrace);
        uint32_t el = make(NodeKind::ExprList, lf, lf);
        setList(el, ext);
        expect(Tok::Arrow, "after the tensor access extents");
        uint32_t body = parseExpr();
        uint32_t n = make(NodeKind::TensorAccess, first, first);
        nd(n).a = body;
        nd(n).b = el;
        setList(n, caps);
        return n;
    }
};

} // namespace

Ast parse(DiagnosticEngine& diags, uint16_t file) {
    Ast ast;
    ast.tokens = lex(diags, file);
    Parser p(diags, ast);
    ast.root = p.parseRoot();
    return ast;
}

} // namespace csl
