// A compact, index-based syntax tree for one CSL file. Node 0 is the null node, so a
// child field of 0 means "absent". Lists of children live in Ast::extra.
#pragma once

#include "backend/csl/lex/token.h"

#include <cstdint>
#include <span>
#include <vector>

namespace csl {

enum class NodeKind : uint8_t {
    Null,
    Root,          // list: top-level declarations
    VarDecl,       // tok: name; a: type; b: init; c: align; d: linksection; flags: VarFlags;
                   // list: the linkname expression, if any
    FnDecl,        // tok: name; list: ParamDecl; a: return type; b: body (0 = extern); flags;
                   // c: the linkname expression (0 = none); d: the linksection expression
    ParamDecl,     // tok: name; a: type (AnyType node for anytype); flags: comptime
    ComptimeBlock, // a: Block (top level or statement)
    LayoutBlock,   // a: Block
    Block,         // list: statements; d: label token + 1 (0 = unlabelled)
    ExprStmt,      // a: expression
    Assign,        // tok: operator; a: target; b: value
    Return,        // a: value (0 = none)
    Break,         // a: value; d: label token + 1
    Continue,      // d: label token + 1
    If,            // a: condition; b: then; c: else (0 = none)
    While,         // a: condition; b: continue expression; c: body; d: label + 1; flags: inline
    For,           // a: iterable; b: body; list: capture tokens; d: label + 1; flags: inline,
                   // kForPointerCapture
    Switch,        // a: subject; list: SwitchProng
    SwitchProng,   // list: items (empty for else); a: body; flags: 1 = else
    Ident,         // tok
    IntLit,
    FloatLit,
    StringLit,
    CharLit,
    BoolLit,
    Undefined,
    EnumLit,      // .NAME; tok: NAME
    Binary,       // tok: operator; a, b
    Unary,        // tok: operator (- ! ~ &); a
    Deref,        // a.*; a
    Field,        // a.tok; a
    Index,        // a[list]
    Call,         // a(list)
    BuiltinCall,  // tok: @name; list: args
    AnonInit,     // .{ list }; flags: 1 = named (list holds FieldInit)
    TypedInit,    // a{ list }; flags: 1 = named
    FieldInit,    // .tok = a
    ArrayType,    // [list]a
    PtrType,      // *a / *const a; flags: 1 const, 2 many ([*])
    FnType,       // fn(list) a
    StructType,   // list: FieldDecl and declarations; flags: StructFlags
    FieldDecl,    // tok: name; a: type; b: default
    EnumType,     // a: tag type; list: EnumMember
    EnumMember,   // tok: name; a: value
    Grouped,      // (a)
    TensorAccess, // |list captures| { b: ExprList extents } -> a
    ExprList,     // list
    ComptimeExpr, // comptime a
    AnyType,      // anytype
    Error,        // a parse error was reported here
};

enum VarFlags : uint32_t {
    kVarConst = 1,
    kVarVar = 2,
    kVarParam = 4,
    kVarExport = 8,
    kVarExtern = 16,
    kVarComptime = 32,
};
enum StructFlags : uint32_t { kStructUnion = 1, kStructPacked = 2, kStructExtern = 4 };
// For: bit 0 is `inline`; this one marks `|*x|`, the element captured by pointer.
constexpr uint32_t kForPointerCapture = 2;
enum FnFlags : uint32_t { kFnInline = 1, kFnExport = 2, kFnExtern = 4, kFnTask = 8 };

struct Node {
    NodeKind kind = NodeKind::Null;
    uint32_t tok = 0;
    uint32_t a = 0, b = 0, c = 0, d = 0;
    uint32_t listBegin = 0, listLen = 0;
    uint32_t flags = 0;
    uint32_t first = 0, last = 0; // token span, for diagnostics
};

struct Ast {
    TokenBuffer tokens;
    std::vector<Node> nodes;
    std::vector<uint32_t> extra;
    uint32_t root = 0;

    const Node& node(uint32_t i) const { return nodes[i]; }
    std::span<const uint32_t> list(uint32_t i) const {
        const Node& n = nodes[i];
        return std::span<const uint32_t>(extra.data() + n.listBegin, n.listLen);
    }
    std::string_view tokText(uint32_t t) const { return tokens.text(t); }
    // First and one-past-last byte offsets the node covers (used for diagnostics).
    uint32_t beginOffset(uint32_t n) const;
    uint32_t endOffset(uint32_t n) const;
};

Ast parse(DiagnosticEngine& diags, uint16_t file);

// Calls visit(node) for every node of the subtree at root (children through a, b, c and the
// list; a `for`'s and a tensor access's list holds capture tokens, not nodes). With an
// explicit stack: a generated 20,000-term expression is that deep.
template <typename Visit> void forEachNode(const Ast& a, uint32_t root, Visit&& visit) {
    std::vector<uint32_t> pending{root};
    while (!pending.empty()) {
        const uint32_t node = pending.back();
        pending.pop_back();
        if (!node)
            continue;
        const Node& n = a.nodes[node];
        visit(node);
        pending.insert(pending.end(), {n.a, n.b, n.c});
        if (n.kind != NodeKind::For && n.kind != NodeKind::TensorAccess) {
            const auto children = a.list(node);
            pending.insert(pending.end(), children.begin(), children.end());
        }
    }
}

} // namespace csl
