// Statements, loops and functions.
#include "backend/csl/sema/analyzer_class.h"

#include <algorithm>

namespace csl::sema {

// Whether run-time code from `start` can fall through to the end of `code`, leaving through
// the jumps `exits` (a labelled block's breaks, not yet patched), a return, or a jump before
// `start` (an outer loop's break, an inline call's return). A switch whose prongs all
// return, or an `if` whose two branches do, leaves dead jumps behind that must not count as
// paths to the end.
bool codeEndReachable(const std::vector<sim::Instr>& code, size_t start,
                      const std::vector<size_t>& exits) {
    const size_t end = code.size();
    std::vector<bool> seen(end + 1 - start, false);
    std::vector<size_t> work{start};
    while (!work.empty()) {
        const size_t pc = work.back();
        work.pop_back();
        if (pc < start || pc > end || seen[pc - start])
            continue;
        seen[pc - start] = true;
        if (pc == end)
            return true;
        const sim::Instr& in = code[pc];
        if (in.op == sim::Op::Return || std::find(exits.begin(), exits.end(), pc) != exits.end())
            continue;
        if (in.op == sim::Op::Jump || in.op == sim::Op::JumpIf || in.op == sim::Op::JumpIfNot)
            work.push_back(size_t(in.imm));
        if (in.op != sim::Op::Jump)
            work.push_back(pc + 1);
    }
    return false;
}

static constexpr uint64_t kMaxComptimeIterations = 1'000'000;

// Whether block `block` (an if branch) ends in return/break/continue.
bool Analyzer::endsInJump(uint32_t block) const {
    if (!block || N(block).kind != NK::Block)
        return false;
    const auto stmts = L(block);
    if (stmts.empty())
        return false;
    const NodeKind k = N(stmts.back()).kind;
    return k == NK::Return || k == NK::Break || k == NK::Continue;
}

// Whether run-time statement `stmt`, just lowered, never falls through: a jump, or an `if`
// on a comptime-known condition whose taken branch ends in one. The statements after it
// are unreachable and are not analysed (`if (@is_same_type(T, bool)) return ...;` in a
// generic function, followed by code only valid for other types).
bool Analyzer::divertsUnconditionally(uint32_t stmt) const {
    const Node& n = N(stmt);
    if (n.kind == NK::Return || n.kind == NK::Break || n.kind == NK::Continue)
        return true;
    if (n.kind == NK::ExprStmt && N(n.a).kind == NK::If && comptimeIfNode_ == n.a)
        return endsInJump(comptimeIfBranch_);
    return false;
}

Flow Analyzer::execStmts(std::span<const uint32_t> stmts) {
    for (uint32_t s : stmts) {
        Flow f;
        comptimeIfNode_ = 0;
        try {
            f = execStmt(s);
        } catch (SemaError&) {
            // Reported; keep checking the following statements of a runtime function, unless
            // a @comptime_assert failed: it guards the code after it (the Generics page: the
            // assertion replaces the error that code would give).
            const bool failedAssertion = N(s).kind == NK::ExprStmt &&
                                         N(N(s).a).kind == NK::BuiltinCall &&
                                         ast().tokText(N(N(s).a).tok) == "@comptime_assert";
            if (!runtime() || failedAssertion)
                throw;
            ++abandonedStatements_;
            if (N(s).kind == NK::VarDecl && !fr_->scopes.empty()) {
                Binding b;
                b.poisoned = true;
                bind(tokId(N(s).tok), b);
            }
            continue;
        }
        if (f.k != Flow::K::Normal)
            return f;
        if (runtime() && divertsUnconditionally(s))
            return {};
    }
    return {};
}

Flow Analyzer::execBlock(uint32_t node) {
    pushScope();
    Flow f;
    try {
        f = execStmts(L(node));
    } catch (...) {
        popScope();
        throw;
    }
    popScope();
    return f;
}

static bool isExprStmtKind(NodeKind k) {
    return k == NodeKind::If || k == NodeKind::Switch;
}

Flow Analyzer::execStmt(uint32_t node) {
    const Node& n = N(node);
    if (runtime())
        setLoc(node);
    switch (n.kind) {
    case NK::VarDecl:
        declareLocal(node);
        return {};
    case NK::ExprStmt: {
        pendingFlow_.reset();
        Value v = eval(n.a);
        if (pendingFlow_) {
            Flow f = *pendingFlow_;
            pendingFlow_.reset();
            return f;
        }
        // A call's value may be dropped, with a warning: the Libraries page's <dsd_ops>
        // example calls `dsd_ops.mov(...)`, which returns a bool, as a statement.
        if (v.k != VK::Void && v.type && v.type->k != TK::Void && !isExprStmtKind(N(n.a).kind) &&
            v.k != VK::Undef && N(n.a).kind != NK::BuiltinCall && N(n.a).kind != NK::Block) {
            const std::string msg =
                "value of type '" + typeName(v.type) + "' is ignored; assign it to '_'";
            if (N(n.a).kind == NK::Call)
                warn(n.a, msg);
            else
                fail(n.a, msg);
        }
        return {};
    }
    case NK::Assign:
        return execAssign(node);
    case NK::Return:
        return execReturn(node);
    case NK::Break:
        return execBreak(node, true);
    case NK::Continue:
        return execBreak(node, false);
    case NK::While:
        return execWhile(node);
    case NK::For:
        return execFor(node);
    case NK::Block: {
        if (n.d) {
            pendingFlow_.reset();
            evalBlockExpr(node, nullptr);
            if (pendingFlow_) {
                Flow f = *pendingFlow_;
                pendingFlow_.reset();
                return f;
            }
            return {};
        }
        return execBlock(node);
    }
    case NK::ComptimeBlock: {
        ++fr_->comptimeDepth;
        Flow f;
        try {
            f = execBlock(n.a);
        } catch (...) {
            --fr_->comptimeDepth;
            throw;
        }
        --fr_->comptimeDepth;
        return f;
    }
    case NK::Error: // a statement the parser could not read, already reported
        throw SemaError{};
    default:
        fail(node, "expected a statement");
    }
}

void Analyzer::declareLocal(uint32_t node) {
    const Node& n = N(node);
    const uint32_t id = tokId(n.tok);
    const std::string& name = nameOf(id);
    bool isConst = n.flags & kVarConst;
    if (n.b)
        failIfFifoAllocation(n.b, "the local '" + name + "'");
    if (isPrimitiveTypeName(name))
        fail(node, "'" + name + "' is the name of a primitive type and cannot be redeclared");
    // The Syntax page: "Global variable declarations may also optionally specify the name of
    // the link section" (and a linkname names an ELF symbol): a local's was ignored.
    if (n.d)
        fail(n.d, "linksection is only for global variables; '" + name + "' is a local");
    if (n.listLen)
        fail(node, "linkname is only for global variables; '" + name + "' is a local");
    TypeP t = n.a ? evalType(n.a) : nullptr;
    for (uint32_t bn : fr_->scopes.back().names) {
        if (bn == id)
            fail(node, "redefinition of '" + name + "'");
    }
    if (!runtime() || (n.flags & kVarComptime)) {
        Value init;
        if (n.b)
            init = (n.flags & kVarComptime) ? evalComptime(n.b, t) : eval(n.b, t);
        else if (isConst)
            fail(node, "const '" + name + "' must be initialized");
        else if (!t)
            fail(node, "variable '" + name + "' needs a type or an initializer");
        else {
            init.k = VK::Undef;
            init.type = t;
        }
        if (!init.isComptime())
            fail(n.b, "initializer of comptime variable '" + name + "' must be comptime-known");
        if (t)
            init = coerce(init, t, n.b ? n.b : node);
        Binding b;
        b.k = Binding::K::Val;
        b.type = t ? t : init.type;
        b.val = std::move(init);
        b.mut = !isConst;
        b.controlDepth = fr_->runtimeControlDepth;
        b.anonStructTyped = !t && b.val.k == VK::Agg && b.val.type == types.cstructT;
        bind(id, std::move(b));
        return;
    }
    Value init;
    if (n.b) {
        init = eval(n.b, t);
    } else {
        if (isConst)
            fail(node, "const '" + name + "' must be initialized");
        if (!t)
            fail(node, "variable '" + name + "' needs a type or an initializer");
        init.k = VK::Undef;
        init.type = t;
    }
    if (isConst && init.isComptime() && init.k != VK::Undef) {
        Binding b;
        b.k = Binding::K::Val;
        b.val = t ? coerce(init, t, n.b) : init;
        // (An anonymous struct literal's known fields stay comptime, as Zig's do.)
        if (b.val.k == VK::Agg && (b.val.type->k == TK::Struct || b.val.type->k == TK::Array) &&
            !fullyComptime(b.val))
            b.val = materializeNumbers(b.val, n.b);
        b.type = b.val.type;
        bind(id, std::move(b));
        return;
    }
    TypeP vt = t ? t : init.type;
    if (n.c) // checked wherever the variable ends up (a register needs no alignment)
        (void)declaredAlign(n.c, vt);
    if (vt->k == TK::CInt || vt->k == TK::CFloat)
        fail(node, "variable of type '" + typeName(vt) + "' must be const or comptime");
    if (vt->k == TK::Void || vt->k == TK::TypeT || vt->k == TK::String || vt->k == TK::Module)
        fail(node, "variable of type '" + typeName(vt) + "' must be const or comptime");
    failIfOtherFp16Format(vt, node);
    failIfFunctionTypedVar(vt, node);
    Binding b;
    b.type = vt;
    b.mut = !isConst;
    if (vt->k == TK::Dsd) {
        b.k = Binding::K::DsdReg;
        b.reg = newDsdReg();
        // A var may be given another DSD later; a const keeps what its DSD is over.
        b.val.readOnlyMemory = isConst && init.readOnlyMemory;
        if (init.k != VK::Undef) {
            if (init.type->k != TK::Dsd)
                fail(n.b, "expected a DSD, found '" + typeName(init.type) + "'");
            uint16_t d;
            dsdToOperandReg(init, n.b, d);
            emit(sim::Op::DsdMov, sim::ScalarType::Void, b.reg, d, kNoReg, 0);
        }
        bind(id, std::move(b));
        return;
    }
    if (isRuntimeScalar(vt) && !fr_->addrTaken.count(name)) {
        b.k = Binding::K::Reg;
        b.reg = newReg(node);
        if (init.k != VK::Undef) {
            Value v = coerce(init, vt, n.b);
            emit(sim::Op::Mov, scalarOf(vt), b.reg, toReg(v, n.b), kNoReg, 0);
        } else {
            emit(sim::Op::Imm, scalarOf(vt), b.reg, kNoReg, kNoReg, 0);
        }
        bind(id, std::move(b));
        return;
    }
    if (!isRuntimeScalar(vt) && vt->k != TK::Array && vt->k != TK::Struct)
        fail(node, "variable of type '" + typeName(vt) + "' must be const or comptime");
    if (const std::string part = comptimeOnlyPart(vt); !part.empty())
        fail(node, "variable of type '" + typeName(vt) + "' must be const or comptime: " + part);
    // A snapshot of a large aggregate (`var copy = big;`) is a home nothing else writes.
    // An `align(N)` local gets a home of its own, aligned (h-lang8: it was ignored).
    const bool expansionLocal =
        !fr_->inlines.empty() && tooLargeForRegisters(vt) && !fr_->addrTaken.count(name) && !n.c;
    if (init.k == VK::MemAgg && sameType(init.type, vt) && !n.c) {
        b.k = Binding::K::Mem;
        b.reg = init.reg;
        b.addr = uint32_t(init.i);
        bind(id, std::move(b));
        if (expansionLocal)
            fr_->largeLocals.push_back(init);
        return;
    }
    if (expansionLocal) {
        const MemoryHome home = temporaryHome(vt, name, node);
        b.k = Binding::K::Mem;
        b.reg = home.base;
        b.addr = home.offset;
        bind(id, std::move(b));
        fr_->largeLocals.push_back(memoryAggregateAt(home, vt));
        if (init.k != VK::Undef)
            store(homePlace(home, vt), init, n.b);
        releaseTemporary(init);
        return;
    }
    // Locals that need memory get a static SRAM home, as tasks run to completion, unless
    // the function is recursive (localHome: a stack frame).
    std::string owner = fr_->fn ? fr_->fn->name : std::string("local");
    const MemoryHome home =
        localHome(sizeOf(vt), declaredAlign(n.c, vt), owner + "." + name, vt, node);
    b.k = Binding::K::Mem;
    b.reg = home.base;
    b.addr = home.offset;
    bind(id, std::move(b));
    if (init.k != VK::Undef)
        store(homePlace(home, vt), init, n.b);
}

Flow Analyzer::execAssign(uint32_t node) {
    const Node& n = N(node);
    Tok op = ast().tokens.tokens[n.tok].kind;
    if (N(n.a).kind == NK::Ident && tokStr(N(n.a).tok) == "_") {
        eval(n.b);
        return {};
    }
    Place p = place(n.a);
    // `prev = cur;` of large aggregates copies memory to memory, with no snapshot between.
    if (op == Tok::Eq && p.mut && tooLargeForRegisters(p.type)) {
        if (const std::optional<Place> from = largeVariable(n.b)) {
            copyMemory(p, *from, n.b);
            return {};
        }
    }
    if (!p.mut) {
        // The variable the target is part of (`c` of `c.f[2]`), when it is one.
        uint32_t root = n.a;
        while (N(root).kind == NK::Field || N(root).kind == NK::Index ||
               N(root).kind == NK::Grouped)
            root = N(root).a;
        Binding* b = nullptr;
        Value ignored;
        // (A pointer's target is not part of the pointer: `p.x = 1` with p a `*const S`.)
        const bool named = N(root).kind == NK::Ident && place(root).type &&
                           (root == n.a || place(root).type->k != TK::Ptr);
        const bool local = named && lookup(tokId(N(root).tok), &b, ignored, root) && b;
        const std::string part = root == n.a ? "" : "a part of ";
        // A field or element of a struct or array parameter (read through the address of
        // the caller's copy, but no pointer of the program's).
        if (local && b->parameter)
            fail(n.a, "cannot assign to " + part + "parameter '" + tokStr(N(root).tok) +
                          "' (parameters are constant: copy it into a 'var' to change it)");
        if (named)
            fail(n.a, "cannot assign to " + part + "constant '" + tokStr(N(root).tok) + "'");
        fail(n.a, "cannot assign through a pointer to const");
    }
    TypeP want = p.type && (isNumeric(p.type) || p.type->k != TK::AnyType) ? p.type : nullptr;
    if (op == Tok::Eq) {
        Value v = eval(n.b, want);
        store(p, v, n.b);
        releaseTemporary(v);
        return {};
    }
    Tok bin;
    switch (op) {
    case Tok::PlusEq:
        bin = Tok::Plus;
        break;
    case Tok::MinusEq:
        bin = Tok::Minus;
        break;
    case Tok::StarEq:
        bin = Tok::Star;
        break;
    case Tok::SlashEq:
        bin = Tok::Slash;
        break;
    case Tok::PercentEq:
        bin = Tok::Percent;
        break;
    case Tok::AmpEq:
        bin = Tok::Amp;
        break;
    case Tok::PipeEq:
        bin = Tok::Pipe;
        break;
    case Tok::CaretEq:
        bin = Tok::Caret;
        break;
    case Tok::ShlEq:
        bin = Tok::Shl;
        break;
    default:
        bin = Tok::Shr;
        break;
    }
    Value cur = load(p, n.a);
    Value rhs =
        eval(n.b, want && isNumeric(want) && bin != Tok::Shl && bin != Tok::Shr ? want : nullptr);
    Value res = binop(bin, cur, rhs, node, want);
    store(p, res, node);
    return {};
}

Flow Analyzer::execReturn(uint32_t node) {
    const Node& n = N(node);
    if (!runtime()) {
        Flow f;
        f.k = Flow::K::Return;
        f.value = n.a ? eval(n.a, fr_->retType) : mkVoid();
        return f;
    }
    if (!fr_->inlines.empty()) {
        InlineCtx& ic = fr_->inlines.back();
        TypeP rt = ic.retType;
        if (n.a) {
            if (rt && rt->k == TK::Void)
                fail(n.a, "function with return type 'void' cannot return a value");
            // `return r;` of a large local: its bytes go straight to the result.
            if (const std::optional<Place> r = largeVariable(n.a);
                r && (!rt || rt->k == TK::AnyType || sameType(rt, r->type))) {
                copyMemory(memoryResultPlace(ic.aggregate.memory, r->type, n.a), *r, n.a);
                ++ic.aggregate.count;
                goto jump;
            }
            Value v = eval(n.a, rt);
            if (rt && rt->k != TK::AnyType)
                v = coerce(v, rt, n.a);
            TypeP vt = v.type;
            if (vt->k == TK::Dsd) {
                uint16_t d;
                dsdToOperandReg(v, n.a, d);
                if (ic.resultReg == kNoReg)
                    ic.resultReg = newDsdReg();
                ic.retType = vt;
                emit(sim::Op::DsdMov, sim::ScalarType::Void, ic.resultReg, d, kNoReg, 0);
            } else if (isRuntimeScalar(vt) || vt->k == TK::CInt || vt->k == TK::CFloat) {
                if (vt->k == TK::CInt || vt->k == TK::CFloat) {
                    if (!rt || rt->k == TK::AnyType || rt->k == TK::CInt || rt->k == TK::CFloat) {
                        ic.hasComptimeResult = true;
                        ic.comptimeResult = v;
                        goto jump;
                    }
                }
                if (!v.isComptime() ||
                    (ic.sameComptimeReturn && !sameValue(*ic.sameComptimeReturn, v)))
                    ic.scalarReturnsComptime = false;
                else
                    ic.sameComptimeReturn = v;
                if (ic.resultReg == kNoReg)
                    ic.resultReg = newReg(node);
                ic.retType = vt;
                emit(sim::Op::Mov, scalarOf(vt), ic.resultReg, toReg(v, n.a), kNoReg, 0);
            } else if (!addAggregateResult(ic.aggregate, v, n.a)) {
                ic.hasComptimeResult = true;
                ic.comptimeResult = v;
            }
        } else if (rt && rt->k != TK::Void && rt->k != TK::AnyType) {
            fail(node, "function must return a value of type '" + typeName(rt) + "'");
        }
    jump:
        ic.returns.push_back(emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        return {};
    }
    TypeP rt = fr_->retType;
    if (!n.a) {
        if (rt && rt->k != TK::Void)
            fail(node, "function must return a value of type '" + typeName(rt) + "'");
        emitReturn(sim::ScalarType::Void, kNoReg);
        return {};
    }
    if (rt && rt->k == TK::Void)
        fail(n.a, "function with return type 'void' cannot return a value");
    Value v = coerce(eval(n.a, rt), rt, n.a);
    if (fr_->resultCopyReg != kNoReg) {
        Place copy;
        copy.k = Place::K::Mem;
        copy.type = rt;
        copy.addrReg = fr_->resultCopyReg;
        copy.mut = true;
        store(copy, v, n.a);
        emitReturn(sim::ScalarType::Void, kNoReg);
        return {};
    }
    emitReturn(scalarOf(rt), toReg(v, n.a));
    return {};
}

Flow Analyzer::execBreak(uint32_t node, bool isBreak) {
    const Node& n = N(node);
    std::string label = n.d ? tokStr(n.d - 1) : "";
    if (!runtime()) {
        Flow f;
        f.k = isBreak ? Flow::K::Break : Flow::K::Continue;
        f.label = label;
        if (n.a)
            f.value = eval(n.a);
        return f;
    }
    LoopCtx* ctx = nullptr;
    for (auto it = fr_->loops.rbegin(); it != fr_->loops.rend(); ++it) {
        if (label.empty() ? !it->isBlock : it->label == label) {
            ctx = &*it;
            break;
        }
    }
    if (!ctx) {
        if (!label.empty())
            fail(node, "use of undeclared label '" + label + "'");
        fail(node, isBreak ? "'break' outside of a loop" : "'continue' outside of a loop");
    }
    if (!isBreak && ctx->isBlock)
        fail(node, "cannot continue a labelled block");
    if (!n.a && ctx->isBlock && !ctx->valuelessBreak)
        ctx->valuelessBreak = node;
    if (n.a) {
        if (!ctx->isBlock)
            fail(n.a, "a loop 'break' cannot carry a value");
        // While every break so far carried the same comptime number, the i32/f32 result
        // type is only a default: the next value is looked at before coercing to it.
        const bool defaulted = ctx->untypedLiteralBreaks && ctx->literalBreak.has_value();
        Value v = eval(n.a, defaulted ? nullptr : ctx->resultType);
        const bool literal = v.isComptime() && (v.type->k == TK::CInt || v.type->k == TK::CFloat) &&
                             (!ctx->resultType || defaulted);
        const Value raw = v;
        if (ctx->resultTypeFromLiterals) {
            if (literal && v.k == VK::Int) {
                ctx->intLiterals.push_back(v.i);
            } else if (!v.isComptime() && v.type->k == TK::Int &&
                       std::all_of(ctx->intLiterals.begin(), ctx->intLiterals.end(),
                                   [&](int64_t x) { return fitsInt(x, v.type); })) {
                ctx->resultType = v.type;
                ctx->resultTypeFromLiterals = false;
            } else {
                ctx->resultTypeFromLiterals = false;
            }
        }
        if (ctx->peerResultType && ctx->resultType)
            widenBlockResult(*ctx, v.type);
        if (ctx->resultType)
            v = coerce(v, ctx->resultType, n.a);
        if (addAggregateResult(ctx->aggregate, v, n.a)) {
            ctx->resultType = v.type;
        } else if (v.isComptime() && !isRuntimeScalar(v.type) && v.type->k != TK::CInt &&
                   v.type->k != TK::CFloat) {
            ctx->hasComptimeResult = true;
            ctx->comptimeResult = v;
        } else {
            if (!literal || (ctx->literalBreak &&
                             (ctx->literalBreak->k != raw.k || ctx->literalBreak->i != raw.i ||
                              ctx->literalBreak->f != raw.f)))
                ctx->untypedLiteralBreaks = false;
            else
                ctx->literalBreak = raw;
            if (!ctx->resultType) {
                TypeP t = v.type;
                if (t->k == TK::CInt && v.k == VK::Int) {
                    ctx->resultTypeFromLiterals = true;
                    ctx->intLiterals.push_back(v.i);
                }
                if (t->k == TK::CInt)
                    t = types.i32;
                if (t->k == TK::CFloat)
                    t = types.f32;
                ctx->resultType = t;
            }
            if (ctx->resultReg == kNoReg)
                ctx->resultReg = newReg(node);
            ctx->resultMoves.push_back(emit(sim::Op::Mov, scalarOf(ctx->resultType), ctx->resultReg,
                                            toReg(coerce(v, ctx->resultType, n.a), n.a), kNoReg,
                                            0));
        }
    }
    size_t j = emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0);
    (isBreak ? ctx->breaks : ctx->continues).push_back(j);
    return {};
}

void Analyzer::widenBlockResult(LoopCtx& block, TypeP breakType) {
    const TypeP wider = branchPeerType(block.resultType, breakType);
    if (!wider || sameType(wider, block.resultType) || !isRuntimeScalar(block.resultType))
        return;
    sim::Function& fn = *fr_->fn;
    for (size_t at : block.resultMoves) {
        sim::Instr& move = fn.code[at];
        move.imm = int32_t(move.type);
        move.op = sim::Op::Convert;
        move.type = scalarOf(wider);
    }
    block.resultType = wider;
    block.resultTypeFromLiterals = false;
}

static bool matches(const Flow& f, const std::string& label) {
    return f.label.empty() || f.label == label;
}

Flow Analyzer::execWhile(uint32_t node) {
    const Node& n = N(node);
    std::string label = n.d ? tokStr(n.d - 1) : "";
    auto contExpr = [&]() {
        if (!n.b)
            return;
        if (N(n.b).kind == NK::Assign)
            execAssign(n.b);
        else
            eval(n.b);
    };
    auto body = [&]() -> Flow {
        if (N(n.c).kind == NK::Block)
            return execBlock(n.c);
        pushScope();
        Flow f = execStmt(n.c);
        popScope();
        return f;
    };
    if (!runtime()) {
        ComptimeLoop running(*this, node);
        for (uint64_t it = 0;; ++it) {
            if (it > kMaxComptimeIterations)
                fail(node, "comptime loop exceeded " + std::to_string(kMaxComptimeIterations) +
                               " iterations");
            if (!asBool(eval(n.a), n.a))
                break;
            Flow f = body();
            if (f.k == Flow::K::Break && matches(f, label))
                break;
            if (f.k == Flow::K::Continue && matches(f, label)) {
                contExpr();
                continue;
            }
            if (f.k != Flow::K::Normal)
                return f;
            contExpr();
        }
        return {};
    }
    if (n.flags & 1) { // inline while: unrolled with a comptime condition
        ComptimeLoop running(*this, node);
        std::vector<size_t> breaks;
        for (uint64_t it = 0;; ++it) {
            if (it > 10000)
                fail(node, "inline loop exceeded 10000 iterations");
            if (!asBool(evalComptime(n.a, nullptr, "inline while condition"), n.a))
                break;
            const LoopCtx done = loopBody(label, body);
            breaks.insert(breaks.end(), done.breaks.begin(), done.breaks.end());
            contExpr();
        }
        for (size_t b : breaks)
            patch(b, here());
        return {};
    }
    RuntimeControl loopControl(fr_);
    size_t top = here();
    Value c = eval(n.a);
    if (c.type->k != TK::Bool)
        fail(n.a, "expected type 'bool', found '" + typeName(c.type) + "'");
    failIfUndefined(c, n.a, "the condition");
    size_t jf = SIZE_MAX;
    if (c.isComptime()) {
        if (!c.i)
            return {};
    } else {
        jf = emit(sim::Op::JumpIfNot, sim::ScalarType::Bool, kNoReg, c.reg, kNoReg, 0);
    }
    const LoopCtx done = loopBody(label, body);
    contExpr();
    emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, int32_t(top));
    if (jf != SIZE_MAX)
        patch(jf, here());
    for (size_t j : done.breaks)
        patch(j, here());
    return {};
}

LoopCtx Analyzer::loopBody(const std::string& label, const std::function<void()>& body) {
    LoopCtx lc;
    lc.label = label;
    fr_->loops.push_back(lc);
    try {
        body();
    } catch (...) {
        fr_->loops.pop_back();
        throw;
    }
    LoopCtx done = fr_->loops.back();
    fr_->loops.pop_back();
    for (size_t j : done.continues)
        patch(j, here());
    return done;
}

Flow Analyzer::execFor(uint32_t node) {
    const Node& n = N(node);
    std::string label = n.d ? tokStr(n.d - 1) : "";
    auto caps = L(node);
    const uint32_t discard = nameId("_");
    auto capName = [&](size_t i) { return tokId(caps[i]); };
    for (uint32_t cap : caps)
        if (isPrimitiveTypeName(tokStr(cap)))
            fail(node, "capture '" + tokStr(cap) +
                           "' is the name of a primitive type and cannot be redeclared");
    // The captures in an initializer list: no allocation per iteration.
    auto runBody = [&](std::initializer_list<Value> capVals) -> Flow {
        pushScope();
        for (size_t i = 0; i < caps.size() && i < capVals.size(); ++i) {
            const Value& cap = capVals.begin()[i];
            Binding b;
            if (cap.k == VK::Runtime) {
                b.k = Binding::K::Reg;
                b.reg = cap.reg;
                b.type = cap.type;
            } else if (cap.k == VK::MemAgg) {
                // Read through its home, so that a use of it copies it (releaseTemporary).
                b.k = Binding::K::Mem;
                b.reg = cap.reg;
                b.addr = uint32_t(cap.i);
                b.type = cap.type;
            } else {
                b.k = Binding::K::Val;
                b.type = cap.type;
                b.val = cap;
            }
            if (capName(i) != discard)
                bind(capName(i), std::move(b));
        }
        Flow f;
        try {
            f = N(n.b).kind == NK::Block ? execBlock(n.b) : execStmt(n.b);
        } catch (...) {
            popScope();
            throw;
        }
        popScope();
        return f;
    };
    // An array in memory iterated at runtime.
    auto loopOverMemory = [&](const Place& p) -> Flow {
        uint32_t len = p.type->dims[0];
        TypeP el = p.type->dims.size() > 1
                       ? types.array(p.type->elem, std::vector<uint32_t>(p.type->dims.begin() + 1,
                                                                         p.type->dims.end()))
                       : p.type->elem;
        // Elements that are structs or rows of a multi-dimensional array are read as a
        // whole (load() builds their aggregate), as a struct variable is.
        const bool aggregateElement = el->k == TK::Struct || el->k == TK::Array;
        if (!isRuntimeScalar(el) && !aggregateElement)
            fail(n.a, "iterating over an array of '" + typeName(el) + "' is not supported");
        uint16_t i = newReg(node);
        emit(sim::Op::Imm, sim::ScalarType::I32, i, kNoReg, kNoReg, 0);
        uint16_t lim = newReg(node);
        emit(sim::Op::Imm, sim::ScalarType::I32, lim, kNoReg, kNoReg, int32_t(len));
        size_t top = here();
        uint16_t c = newReg(node);
        emit(sim::Op::CmpLt, sim::ScalarType::I32, c, i, lim, 0);
        size_t jf = emit(sim::Op::JumpIfNot, sim::ScalarType::Bool, kNoReg, c, kNoReg, 0);
        uint16_t sz = newReg(node);
        emit(sim::Op::Imm, sim::ScalarType::I32, sz, kNoReg, kNoReg, int32_t(sizeOf(el)));
        uint16_t off = newReg(node);
        emit(sim::Op::Mul, sim::ScalarType::I32, off, i, sz, 0);
        if (p.addrReg != kNoReg)
            emit(sim::Op::Add, sim::ScalarType::I32, off, off, p.addrReg, 0);
        Value element;
        if (n.flags & kForPointerCapture) {
            // `|*x|`: x points at the element, so the body can change the array.
            const TypeP pt = types.ptr(el, false, !p.mut);
            const uint16_t ptr = newReg(node);
            emit(sim::Op::Imm, sim::ScalarType::I32, ptr, kNoReg, kNoReg, int32_t(p.addrImm));
            emit(sim::Op::Add, sim::ScalarType::I32, ptr, ptr, off, 0);
            element = mkRuntime(newReg(node), pt);
            emit(sim::Op::Convert, scalarOf(pt), element.reg, ptr, kNoReg,
                 int32_t(sim::ScalarType::I32));
        } else if (aggregateElement) {
            Place q = p;
            q.type = el;
            q.addrReg = off;
            element = load(q, n.a);
        } else {
            uint16_t v = newReg(node);
            emit(sim::Op::Load, scalarOf(el), v, off, kNoReg, int32_t(p.addrImm));
            element = mkRuntime(v, el);
        }
        uint16_t idx = newReg(node);
        emit(sim::Op::Convert, sim::ScalarType::U16, idx, i, kNoReg, int32_t(sim::ScalarType::I32));
        const LoopCtx done = loopBody(label, [&] {
            runBody({element, mkRuntime(idx, types.u16)});
        });
        uint16_t one = newReg(node);
        emit(sim::Op::Imm, sim::ScalarType::I32, one, kNoReg, kNoReg, 1);
        emit(sim::Op::Add, sim::ScalarType::I32, i, i, one, 0);
        emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, int32_t(top));
        patch(jf, here());
        for (size_t j : done.breaks)
            patch(j, here());
        return {};
    };
    NodeKind ik = N(n.a).kind;
    if (runtime() && !(n.flags & 1) &&
        (ik == NK::Ident || ik == NK::Field || ik == NK::Index || ik == NK::Deref)) {
        Place p = place(n.a);
        if (p.k == Place::K::Mem && p.type->k == TK::Array)
            return loopOverMemory(p);
    }
    if (n.flags & kForPointerCapture)
        fail(n.a, "a pointer capture '|*x|' needs an array variable in memory to point into, "
                  "iterated at run time");
    Value iter = eval(n.a);
    // An array too large for registers that a call returned (`for (rows()) |r|`).
    if (iter.k == VK::MemAgg && iter.type->k == TK::Array && !(n.flags & 1))
        return loopOverMemory(memoryAggregatePlace(iter, false));
    if (caps.size() > 2)
        fail(node, "a for loop has at most two captures (value and index)");
    if (iter.k == VK::Range) {
        static constexpr const char* kBounds[] = {
            "the start of this @range", "the stop of this @range", "the step of this @range"};
        for (size_t k = 0; k < 3; ++k)
            failIfUndefined((*iter.elems)[k], n.a, kBounds[k]);
    }
    bool comptimeRange = iter.k == VK::Range && (*iter.elems)[0].isComptime() &&
                         (*iter.elems)[1].isComptime() && (*iter.elems)[2].isComptime();
    // Comptime iteration (comptime context, inline for, or a comptime aggregate).
    if (!runtime() || (n.flags & 1) || iter.k == VK::Agg || iter.k == VK::String) {
        std::vector<Value> items;
        if (iter.k == VK::Agg) {
            items = *iter.elems;
        } else if (iter.k == VK::String) {
            for (char ch : iter.s)
                items.push_back(mkInt(static_cast<unsigned char>(ch), types.u8));
        } else if (comptimeRange) {
            // In 128 bits: a u64 from 2^63 up is held as its bit pattern, and a counter near
            // a 64-bit type's end must not wrap (a u64 range across 2^63 ran 0 times).
            const auto bound = [&](size_t k) {
                const Value& v = (*iter.elems)[k];
                return isU64(v.type) ? __int128(uint64_t(v.i)) : __int128(v.i);
            };
            const __int128 a = bound(0), b = bound(1), s = bound(2);
            if (s == 0)
                fail(n.a, "range step must not be zero");
            uint64_t count = 0;
            for (__int128 x = a; s > 0 ? x < b : x > b; x += s) {
                if (++count > kMaxComptimeIterations)
                    fail(node, "comptime loop exceeded " + std::to_string(kMaxComptimeIterations) +
                                   " iterations");
                items.push_back(mkInt(int64_t(x), iter.tv));
            }
        } else if (iter.k == VK::Undef) {
            // (h-randcomptime 1: it said only "cannot iterate over a value of type '[2]i32'".)
            fail(n.a, "cannot iterate at comptime over an undefined value of type '" +
                          typeName(iter.type) + "' (nothing has been stored in it)");
        } else {
            fail(n.a, iter.k == VK::Range
                          ? "range bounds must be comptime-known here"
                          : "cannot iterate over a value of type '" + typeName(iter.type) + "'");
        }
        // The Libraries page (<simprint>): unrolling past the compiler's limit is the error
        // "exceeded the maximum of 50 inlined iterations", which --max-inlined-iterations
        // raises. Our libraries' loops are not the SDK's, so only the program's own count.
        if (runtime() && (n.flags & 1) && !fr_->mod->isLibrary()) {
            const uint32_t limit = opt_.maxInlinedIterations ? opt_.maxInlinedIterations
                                                             : kDefaultMaxInlinedIterations;
            if (items.size() > limit)
                fail(node, "exceeded the maximum of " + std::to_string(limit) +
                               " inlined iterations (this inline for has " +
                               std::to_string(items.size()) +
                               "; --max-inlined-iterations raises the limit)");
        }
        std::vector<size_t> breaks;
        ComptimeLoop running(*this, node);
        for (size_t i = 0; i < items.size(); ++i) {
            if (!runtime()) {
                Flow f = runBody({items[i], mkInt(int64_t(i), types.u16)});
                if (f.k == Flow::K::Break && matches(f, label))
                    break;
                if (f.k == Flow::K::Continue && matches(f, label))
                    continue;
                if (f.k != Flow::K::Normal)
                    return f;
                continue;
            }
            // The body of a run-time loop is analysed once, so a @comptime_print in it prints
            // once (the Builtins page: "printed once"), however many copies we unroll.
            const FlagForScope repeating(repeatingUnrolledBody_,
                                         repeatingUnrolledBody_ || (!(n.flags & 1) && i > 0));
            const LoopCtx done = loopBody(label, [&] {
                // A run-time (not inline) for over an array: its captures are run-time
                // values, as the loop we unroll would give them (the Builtins page,
                // @comptime_print: "error: val is not comptime").
                const bool runtimeCaptures =
                    !(n.flags & 1) && iter.type && iter.type->k == TK::Array;
                if (runtimeCaptures && isRuntimeScalar(items[i].type))
                    runBody({materialize(items[i], n.a),
                             materialize(mkInt(int64_t(i), types.u16), n.a)});
                else if (runtimeCaptures &&
                         (items[i].type->k == TK::Struct || items[i].type->k == TK::Array))
                    runBody({materializeNumbers(items[i], n.a),
                             materialize(mkInt(int64_t(i), types.u16), n.a)});
                else
                    runBody({items[i], mkInt(int64_t(i), types.u16)});
            });
            breaks.insert(breaks.end(), done.breaks.begin(), done.breaks.end());
        }
        for (size_t b : breaks)
            patch(b, here());
        return {};
    }
    if (iter.k != VK::Range)
        fail(n.a, "cannot iterate over a value of type '" + typeName(iter.type) + "'");
    if (caps.size() > 1)
        fail(node, "a range loop has exactly one capture");
    // Runtime range loop.
    RuntimeControl loopControl(fr_);
    TypeP t = iter.tv;
    if (t->k != TK::Int)
        fail(n.a, "a range of '" + typeName(t) + "' can only be iterated at comptime (inline for)");
    Value step = (*iter.elems)[2];
    if (step.isComptime() && step.i == 0)
        fail(n.a, "range step must not be zero");
    const sim::ScalarType st = scalarOf(t);
    // The counter counts in 64 bits, so a range ending next to the type's limit stops
    // (`@range(u16, 65530, 65535, 4)` wrapped from 65534 to 2 and never ended).
    const sim::ScalarType wide = t->bits < 64 ? sim::ScalarType::I64 : st;
    auto widened = [&](const Value& v) {
        const uint16_t r = newReg(node);
        emit(sim::Op::Convert, wide, r, toReg(coerce(v, t, n.a), n.a), kNoReg, int32_t(st));
        return r;
    };
    const uint16_t i = widened((*iter.elems)[0]);
    const uint16_t stop = widened((*iter.elems)[1]);
    const uint16_t stepReg = widened(step);
    // A run-time step's sign picks the loop test once, before the loop.
    uint16_t ascending = kNoReg;
    if (!step.isComptime()) {
        emit(sim::Op::Builtin, sim::ScalarType::Void, kNoReg, stepReg, 1,
             int32_t(sim::BuiltinId::CheckRangeStep));
        const uint16_t zero = newReg(node);
        emit(sim::Op::Imm, wide, zero, kNoReg, kNoReg, 0);
        ascending = newReg(node);
        emit(sim::Op::CmpGt, wide, ascending, stepReg, zero, 0);
    }
    // An unsigned step is never negative (a u64 from 2^63 up is held as its bit pattern).
    const bool ascendingStep = !t->isSigned || step.i > 0;
    // A 64-bit counter cannot be widened: the back edge leaves before a step that would reach
    // the stop or wrap (an i64 range next to its maximum looped for ever), comparing the
    // distance left, stop - i (or i - stop), with the step's magnitude, unsigned.
    uint16_t magnitude = kNoReg;
    if (t->bits >= 64) {
        magnitude = newReg(node);
        if (step.isComptime() && ascendingStep) {
            emit(sim::Op::Mov, sim::ScalarType::U64, magnitude, stepReg, kNoReg, 0);
        } else {
            const uint16_t zero = newReg(node);
            emit(sim::Op::Imm, sim::ScalarType::U64, zero, kNoReg, kNoReg, 0);
            emit(sim::Op::Sub, sim::ScalarType::U64, magnitude, zero, stepReg, 0);
            if (!step.isComptime()) {
                const size_t negative =
                    emit(sim::Op::JumpIfNot, sim::ScalarType::Bool, kNoReg, ascending, kNoReg, 0);
                emit(sim::Op::Mov, sim::ScalarType::U64, magnitude, stepReg, kNoReg, 0);
                patch(negative, here());
            }
        }
    }
    size_t top = here();
    uint16_t c = newReg(node);
    if (step.isComptime()) {
        emit(ascendingStep ? sim::Op::CmpLt : sim::Op::CmpGt, wide, c, i, stop, 0);
    } else {
        const size_t toDescending =
            emit(sim::Op::JumpIfNot, sim::ScalarType::Bool, kNoReg, ascending, kNoReg, 0);
        emit(sim::Op::CmpLt, wide, c, i, stop, 0);
        const size_t toTest = emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0);
        patch(toDescending, here());
        emit(sim::Op::CmpGt, wide, c, i, stop, 0);
        patch(toTest, here());
    }
    size_t jf = emit(sim::Op::JumpIfNot, sim::ScalarType::Bool, kNoReg, c, kNoReg, 0);
    // The body sees a copy in the range's type, so the loop counter stays intact.
    uint16_t cap = newReg(node);
    emit(sim::Op::Convert, st, cap, i, kNoReg, int32_t(wide));
    const LoopCtx done = loopBody(label, [&] { runBody({mkRuntime(cap, t)}); });
    std::optional<size_t> lastStep;
    if (magnitude != kNoReg) {
        const uint16_t left = newReg(node);
        const auto distance = [&](uint16_t from, uint16_t to) {
            emit(sim::Op::Sub, sim::ScalarType::U64, left, to, from, 0);
        };
        if (step.isComptime()) {
            ascendingStep ? distance(i, stop) : distance(stop, i);
        } else {
            const size_t descending =
                emit(sim::Op::JumpIfNot, sim::ScalarType::Bool, kNoReg, ascending, kNoReg, 0);
            distance(i, stop);
            const size_t measured =
                emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0);
            patch(descending, here());
            distance(stop, i);
            patch(measured, here());
        }
        const uint16_t another = newReg(node);
        emit(sim::Op::CmpGt, sim::ScalarType::U64, another, left, magnitude, 0);
        lastStep = emit(sim::Op::JumpIfNot, sim::ScalarType::Bool, kNoReg, another, kNoReg, 0);
    }
    emit(sim::Op::Add, wide, i, i, stepReg, 0);
    emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, int32_t(top));
    patch(jf, here());
    if (lastStep)
        patch(*lastStep, here());
    for (size_t j : done.breaks)
        patch(j, here());
    return {};
}

// ---- functions ------------------------------------------------------------------------

FnDef* Analyzer::fnDef(Module* m, uint32_t node) {
    auto it = m->fnByNode.find(node);
    if (it != m->fnByNode.end())
        return it->second;
    m->fns.emplace_back();
    FnDef* f = &m->fns.back();
    m->fnByNode[node] = f;
    const Node& n = m->ast->nodes[node];
    f->mod = m;
    f->node = node;
    f->name = std::string(m->ast->tokText(n.tok));
    f->isTask = n.flags & kFnTask;
    f->isInline = n.flags & kFnInline;
    // The SDK's Syntax page: "inline functions cannot have a linkname".
    if (f->isInline && n.c)
        fail(m, n.c, "inline function '" + f->name + "' cannot have a linkname");
    auto expand = [&](const std::string& why) {
        if (!f->generic)
            f->genericBecause = why;
        f->generic = true;
    };
    auto paramName = [&](uint32_t p) {
        return "parameter '" + std::string(m->ast->tokText(m->ast->nodes[p].tok)) + "'";
    };
    // (An extern declaration may give types alone, `extern fn g(f16, f16) f16;`, and `_`
    // may be repeated.)
    std::set<std::string_view> paramNames;
    for (uint32_t p : m->ast->list(node)) {
        const Node& pn = m->ast->nodes[p];
        const std::string_view pname = m->ast->tokText(pn.tok);
        if (n.b && pname != "_" && !paramNames.insert(pname).second)
            fail(m, p,
                 "function '" + f->name + "' has two parameters named '" +
                     std::string(m->ast->tokText(pn.tok)) + "'");
        if (n.b && isPrimitiveTypeName(std::string(pname)))
            fail(m, p,
                 "parameter '" + std::string(pname) +
                     "' is the name of a primitive type and cannot be redeclared");
        if (pn.flags & 1)
            expand("its " + paramName(p) + " is comptime");
        else if (m->ast->nodes[pn.a].kind == NK::AnyType)
            expand("its " + paramName(p) + " is anytype");
    }
    // The Generics page: "anytype can only appear as the type of function parameters".
    if (n.a && m->ast->nodes[n.a].kind == NK::AnyType)
        fail(m, n.a, "'anytype' can only be the type of a function parameter, not a result");
    if (!f->generic) {
        FrameRestore restore{fr_, fr_};
        Frame fr;
        fr.mod = m;
        fr.comptime = true;
        fr.scopes.emplace_back();
        fr_ = &fr;
        {
            // Structs and arrays of plain data are passed and returned through the address
            // of a copy (passedByCopy). Other aggregates do not fit the calling convention:
            // such functions are expanded at their call sites, like inline ones.
            auto expandedAggregate = [&](TypeP t) {
                return (t->k == TK::Struct || t->k == TK::Array) && (f->isTask || !passedByCopy(t));
            };
            const std::string copyRule =
                f->isTask ? " (a task's parameters are its wavelet's scalars)"
                          : " (only structs and arrays of at most " +
                                std::to_string(kMaxWholeValueScalars) +
                                " numbers, bools, enums and pointers are passed as copies)";
            bool comptimeOnly = false;
            for (uint32_t p : m->ast->list(node)) {
                TypeP t = evalType(m->ast->nodes[p].a);
                if (expandedAggregate(t))
                    expand("its " + paramName(p) + " takes a '" + typeName(t) + "' by value" +
                           copyRule);
                else if (isComptimeOnly(t))
                    expand("its " + paramName(p) + " has the comptime-only type '" + typeName(t) +
                           "'");
                comptimeOnly = comptimeOnly || isComptimeOnly(t);
            }
            TypeP r = evalType(n.a);
            if (expandedAggregate(r))
                expand("it returns a '" + typeName(r) + "' by value" + copyRule);
            else if (isComptimeOnly(r))
                expand("it returns the comptime-only type '" + typeName(r) + "'");
            f->expandedAsCall = f->generic && !comptimeOnly && !isComptimeOnly(r);
        }
    }
    if (f->isInline) {
        expand("it is inline");
        f->expandedAsCall = false;
    }
    return f;
}

TypeP Analyzer::fnType(FnDef* f) {
    if (f->type)
        return f->type;
    Frame* save = fr_;
    Frame fr;
    fr.mod = f->mod;
    fr.comptime = true;
    fr.scopes.emplace_back();
    fr_ = &fr;
    std::vector<TypeP> ps;
    TypeP r;
    try {
        const auto params = L(f->node);
        for (size_t i = 0; i < params.size(); ++i) {
            if (f->instanceOf && bindInstanceComptime(f, i, params[i]))
                continue;
            ps.push_back(f->instanceOf && f->instanceTypes[i] ? f->instanceTypes[i]
                                                              : evalType(N(params[i]).a));
            // A later type may name it (`fn f(x: anytype) @type_of(x)`).
            if (f->instanceOf) {
                Binding b;
                b.val.k = VK::Undef;
                b.val.type = ps.back();
                b.type = ps.back();
                bind(tokId(N(params[i]).tok), std::move(b));
            }
        }
        r = evalType(N(f->node).a);
        // The task picker starts a task; nothing receives a value it would return.
        if (f->isTask && r->k != TK::Void)
            fail(N(f->node).a, "task '" + f->name + "' returns '" + typeName(r) +
                                   "'; a task's result type must be void");
    } catch (...) {
        fr_ = save;
        throw;
    }
    fr_ = save;
    f->type = types.fn(ps, r, f->isTask);
    return f->type;
}

// The names whose address `&x` (or `&x[i]`, `&x.f`) takes in the subtree of `root`.
void Analyzer::collectAddrTaken(Module* m, uint32_t root, std::set<std::string>& out) {
    const Ast& a = *m->ast;
    forEachNode(a, root, [&](uint32_t node) {
        const Node& n = a.nodes[node];
        if (n.kind != NK::Unary || a.tokens.tokens[n.tok].kind != Tok::Amp)
            return;
        uint32_t t = n.a;
        while (a.nodes[t].kind == NK::Index || a.nodes[t].kind == NK::Field ||
               a.nodes[t].kind == NK::Grouped)
            t = a.nodes[t].a;
        if (a.nodes[t].kind == NK::Ident)
            out.insert(std::string(a.tokText(a.nodes[t].tok)));
    });
}

int32_t Analyzer::lowerFunction(FnDef* f, uint32_t useNode) {
    if (f->index >= 0)
        return f->index;
    if (f->generic && f->isTask)
        fail(useNode, "task '" + f->name + "' cannot be bound to a task ID: " + f->genericBecause);
    if (f->generic)
        fail(useNode, "function '" + f->name +
                          "' cannot be called through a pointer, exported or bound to a task: " +
                          f->genericBecause + ", so it is expanded at each call");
    ClassCtx* c = f->mod->cls;
    if (!c)
        fail(useNode, "function '" + f->name + "' cannot be used in the layout");
    TypeP ft = fnType(f);
    c->funcs.emplace_back();
    f->index = int32_t(c->funcs.size() - 1);
    c->fnOfIndex.push_back(f);
    sim::Function* fn = &c->funcs.back();
    fn->name = f->mod->prefix + f->name;
    // A struct or array result is written to the caller's copy, whose address is one more
    // parameter after the others (callArguments).
    const bool resultByCopy = passedByCopy(ft->ret);
    fn->numParams = uint16_t(ft->params.size() + (resultByCopy ? 1 : 0));
    fn->returnType =
        ft->ret->k == TK::Void || resultByCopy ? sim::ScalarType::Void : scalarOf(ft->ret);
    for (TypeP p : ft->params) {
        if (!isRuntimeScalar(p) && !passedByCopy(p))
            fail(f->mod, f->node,
                 "parameter of type '" + typeName(p) + "' is not allowed in a runtime function");
    }
    if (ft->ret->k != TK::Void && !isRuntimeScalar(ft->ret) && !resultByCopy)
        fail(f->mod, f->node,
             "return type '" + typeName(ft->ret) + "' is not allowed in a runtime function");
    FrameRestore restore{fr_, fr_};
    sim::SourceLoc saveLoc = loc_;
    Frame fr;
    fr.mod = f->mod;
    fr.fn = fn;
    fr.def = f;
    fr.retType = ft->ret;
    if (resultByCopy)
        fr.resultCopyReg = uint16_t(ft->params.size());
    collectAddrTaken(f->mod, N2(f->mod, f->node).b, fr.addrTaken);
    fr.scopes.emplace_back();
    fr_ = &fr;
    fn->numRegs = fn->numParams;
    auto params = L(f->node);
    try {
        setLoc(f->node);
        if (const uint32_t ln = N(f->node).c) {
            const Value name = evalComptime(ln, nullptr, "linkname");
            if (name.k != VK::String || name.s.empty())
                fail(ln, "linkname expects a non-empty comptime string");
            fn->name = name.s;
        }
        // The section only places code, which the simulator does not hold in SRAM: checked.
        if (const uint32_t section = N(f->node).d) {
            const Value name = evalComptime(section, nullptr, "linksection");
            if (name.k != VK::String || name.s.empty())
                fail(section, "linksection expects a non-empty comptime string");
        }
        if (callsItselfByName(f))
            openStackFrame(f, f->node);
        // An instance's comptime parameters are bound to their values and take no register.
        uint16_t next = 0;
        for (size_t p = 0; p < params.size(); ++p) {
            if (f->instanceOf && bindInstanceComptime(f, p, params[p]))
                continue;
            const uint16_t i = next++;
            std::string pname = tokStr(N(params[p]).tok);
            Binding b;
            b.type = ft->params[i];
            if (passedByCopy(b.type)) {
                b.k = Binding::K::Mem;
                b.reg = uint16_t(i);
                b.parameter = true;
            } else if (fr.addrTaken.count(pname)) {
                const MemoryHome home = localHome(sizeOf(b.type), alignOf(b.type),
                                                  fn->name + "." + pname, b.type, params[p]);
                b.k = Binding::K::Mem;
                b.reg = home.base;
                b.addr = home.offset;
                b.parameter = true;
                emit(sim::Op::Store, scalarOf(b.type), kNoReg, home.base, uint16_t(i),
                     int32_t(home.offset));
            } else {
                b.k = Binding::K::Reg;
                b.reg = uint16_t(i);
            }
            bind(pname, b);
        }
        uint32_t body = N(f->node).b;
        if (!body)
            fail(f->node, "extern function '" + f->name + "' has no definition");
        const size_t errorsBefore = diags_.errorCount();
        const size_t abandonedBefore = abandonedStatements_;
        execBlock(body);
        // The body's errors are enough (a syntax error in it was reported by the parser).
        if (diags_.errorCount() != errorsBefore || abandonedStatements_ != abandonedBefore)
            throw SemaError{};
        if (ft->ret->k == TK::Void) {
            emitReturn(sim::ScalarType::Void, kNoReg);
        } else if (codeEndReachable(fn->code, 0, {})) {
            fail(f->node, "function '" + f->name + "' must return a value of type '" +
                              typeName(ft->ret) + "' on every path");
        }
    } catch (SemaError&) {
        // reported
    }
    if (f->stackFrame)
        closeStackFrame(f);
    loc_ = saveLoc;
    return f->index;
}

// The struct type expression a function returns directly (`return struct { ... };` among
// its body's statements), or 0.
uint32_t Analyzer::returnedStruct(const FnDef* f) {
    const Node& fnNode = f->mod->ast->nodes[f->node];
    if (!fnNode.b)
        return 0;
    for (uint32_t stmt : f->mod->ast->list(fnNode.b)) {
        const Node& st = f->mod->ast->nodes[stmt];
        if (st.kind == NK::Return && st.a && f->mod->ast->nodes[st.a].kind == NK::StructType)
            return st.a;
    }
    return 0;
}

// One more nested comptime or inline call (`kind`) of f, or an error past the limit.
void Analyzer::enterCall(const FnDef* f, const char* kind, uint32_t node) {
    if (++callDepth_ > callDepthLimit()) {
        --callDepth_;
        // A function expanded at each call (inline, or taking comptime or anytype
        // parameters) that calls itself expands forever unless a comptime-known condition
        // ends it: run-time recursion needs an ordinary function, which has a stack frame.
        const bool expanded = std::string_view(kind) == "inline";
        fail(node, std::string(kind) + " call of '" + f->name + "' nested too deeply (more than " +
                       std::to_string(callDepthLimit()) + " calls; " +
                       (expanded ? "'" + f->name + "' is expanded at each call (" +
                                       (f->isInline ? std::string("it is inline")
                                        : !f->expandedForRecursionBecause.empty()
                                            ? f->expandedForRecursionBecause
                                            : f->genericBecause) +
                                       "), so a recursion of it must end on a comptime-known "
                                       "condition" +
                                       (f->expandedForRecursionBecause.empty()
                                            ? "; for run-time recursion make it an ordinary "
                                              "function"
                                            : "")
                                 : std::string("recursion? --comptime-func-depth-limit raises "
                                               "the limit")) +
                       ")");
    }
}

Value Analyzer::callComptime(FnDef* f, std::vector<Value> args, uint32_t node) {
    // The Storage Classes page: "Calling extern functions at comptime is not allowed" (one
    // with no body here said nothing, or that it did not return a value).
    if (!f->mod->ast->nodes[f->node].b)
        fail(node, "extern function '" + f->name + "' cannot be called at comptime");
    enterCall(f, "comptime", node);
    const size_t firstDiagnostic = diags_.diagnostics().size();
    f->calledAtComptime = true;
    Frame* save = fr_;
    Frame fr;
    fr.mod = f->mod;
    fr.comptime = true;
    fr.scopes.emplace_back();
    fr_ = &fr;
    Value result;
    try {
        auto params = L(f->node);
        for (size_t i = 0; i < params.size(); ++i) {
            TypeP t = evalType(N(params[i]).a);
            Binding b;
            b.k = Binding::K::Val;
            if (t->k == TK::AnyType) {
                b.val = args[i];
            } else {
                // `node` is the caller's: its errors are reported in the caller's file
                // (looked up in the callee's AST, a read outside it: SIGSEGV).
                FrameRestore callee{fr_, &fr};
                fr_ = save;
                b.val = coerce(args[i], t, node);
            }
            b.type = b.val.type;
            // A type function is memoized on its arguments as its parameters take them:
            // Box(4) and Box(@as(u16, 4)) are one type (the comptime_int 4 made another).
            args[i] = b.val;
            bind(tokId(N(params[i]).tok), std::move(b));
        }
        TypeP rt = evalType(N(f->node).a);
        fr.retType = rt;
        const Value* known = nullptr;
        if (rt->k == TK::TypeT) {
            for (const auto& [prevArgs, prevResult] : typeFnResults_[f]) {
                if (prevArgs.size() == args.size() &&
                    std::equal(args.begin(), args.end(), prevArgs.begin(), sameValue)) {
                    known = &prevResult;
                    break;
                }
            }
        }
        // A type function's struct, referred to inside its own fields (`next: *List(T)`):
        // the call in progress with these arguments already made it (incomplete, so only
        // pointers may name it), as a declared struct may point to itself.
        if (!known && rt->k == TK::TypeT)
            for (const TypeCallInProgress& c : typeCallsInProgress_)
                if (c.f == f && c.type && c.args.size() == args.size() &&
                    std::equal(args.begin(), args.end(), c.args.begin(), sameValue)) {
                    result = mkType(c.type);
                    known = &result;
                    break;
                }
        if (known) {
            result = *known;
        } else {
            if (rt->k == TK::TypeT)
                typeCallsInProgress_.push_back({f, args, returnedStruct(f), nullptr});
            struct PopTypeCall {
                Analyzer& a;
                bool pushed;
                ~PopTypeCall() {
                    if (pushed)
                        a.typeCallsInProgress_.pop_back();
                }
            } popTypeCall{*this, rt->k == TK::TypeT};
            Flow fl = execBlock(N(f->node).b);
            result = fl.k == Flow::K::Return ? fl.value : mkVoid();
            if (rt->k != TK::AnyType && rt->k != TK::Void && fl.k != Flow::K::Return)
                fail(f->node, "function '" + f->name + "' must return a value of type '" +
                                  typeName(rt) + "' on every path");
            if (rt->k != TK::AnyType && rt->k != TK::Void) {
                FrameRestore callee{fr_, &fr};
                fr_ = save;
                result = coerce(result, rt, node);
            }
            // An anonymous struct, union or enum it makes is named by the call, so that
            // messages say 'Box(4)' where they said 'struct'.
            if (rt->k == TK::TypeT && result.k == VK::Type && result.tv &&
                (result.tv->k == TK::Struct || result.tv->k == TK::Enum) &&
                (result.tv->name.empty() || result.tv->name == "struct" ||
                 result.tv->name == "union" || result.tv->name == "enum")) {
                std::string call = f->name + "(";
                for (size_t i = 0; i < args.size(); ++i)
                    call += (i ? ", " : "") + show(args[i]);
                constexpr size_t kMaxShown = 80; // a table argument printed whole was 6 KB
                if (call.size() > kMaxShown)
                    call = call.substr(0, kMaxShown - 3) + "...";
                const_cast<Type*>(result.tv)->name = call + ")";
            }
            if (rt->k == TK::TypeT)
                typeFnResults_[f].emplace_back(args, result);
        }
    } catch (const SemaError&) {
        // An error in the body names the comptime call that ran it (the same body may
        // compile when called at run time).
        fr_ = save;
        --callDepth_;
        // Only the errors the call made: a statement the parser could not read fails it
        // with no new error (the parser reported it), and the note went to another one.
        if (fr_->mod->ast)
            diags_.noteErrorsFrom(firstDiagnostic, fr_->mod->fileId,
                                  fr_->mod->ast->beginOffset(node), fr_->mod->ast->endOffset(node),
                                  "in the comptime evaluation of '" + f->name + "' called here");
        throw;
    } catch (...) {
        fr_ = save;
        --callDepth_;
        throw;
    }
    fr_ = save;
    --callDepth_;
    return result;
}

// The values a site-expanded call makes run-time (FnDef::expandedAsCall): numbers and
// bools; pointers, handles and the like stay comptime-known, as code relies on them.
static bool isNumberOrBool(TypeP t) {
    return t->k == TK::Int || t->k == TK::Float || t->k == TK::Bool;
}

Value Analyzer::callInline(FnDef* f, std::vector<Value> args, std::vector<uint32_t> argNodes,
                           uint32_t node) {
    enterCall(f, "inline", node);
    Frame* caller = fr_;
    // Errors in a generic function's body name the call that instantiated it, with its
    // comptime arguments and anytype types: with several call sites the body's line alone
    // did not say which one was wrong (the Generics page's invalid-type errors).
    const size_t firstDiagnostic = diags_.diagnostics().size();
    struct InstanceNote {
        Analyzer& a;
        FnDef* f;
        const std::vector<Value>& args;
        Module* mod;
        uint32_t node;
        size_t first;
        ~InstanceNote() {
            // A library's errors already name the user's call ("called from here").
            if (!f->generic || f->mod->isLibrary() || a.diags_.errorCount() == 0 || !mod ||
                !mod->ast)
                return;
            std::string given;
            const auto params = f->mod->ast->list(f->node);
            for (size_t i = 0; i < params.size() && i < args.size(); ++i) {
                const Node& pn = a.N2(f->mod, params[i]);
                const bool anyType = pn.a && a.N2(f->mod, pn.a).kind == NK::AnyType;
                if (!(pn.flags & 1) && !anyType)
                    continue;
                given += (given.empty() ? " (" : ", ") + std::string(f->mod->ast->tokText(pn.tok)) +
                         (anyType ? ": " + typeName(args[i].type) : " = " + a.show(args[i]));
            }
            a.diags_.noteErrorsFrom(first, mod->fileId, mod->ast->beginOffset(node),
                                    mod->ast->endOffset(node),
                                    "in the instance of '" + f->name + "'" +
                                        (given.empty() ? "" : given + ")") + " called here");
        }
    } instanceNote{*this, f, args, caller->mod, node, firstDiagnostic};
    Frame fr;
    fr.mod = f->mod;
    fr.fn = caller->fn;
    fr.def = caller->def;
    collectAddrTaken(f->mod, N2(f->mod, f->node).b, fr.addrTaken);
    fr.scopes.emplace_back();
    Value result;
    fr_ = &fr;
    try {
        auto params = L(f->node);
        for (size_t i = 0; i < params.size(); ++i) {
            TypeP t = evalType(N(params[i]).a);
            Value a = args[i];
            if (t->k != TK::AnyType) {
                fr_ = caller;
                try {
                    a = coerce(a, t, argNodes[i]);
                } catch (...) {
                    fr_ = &fr;
                    throw;
                }
                fr_ = &fr;
            }
            if ((N(params[i]).flags & 1) && !a.isComptime()) {
                fr_ = caller;
                fail(argNodes[i], "argument to comptime parameter '" + tokStr(N(params[i]).tok) +
                                      "' must be comptime-known");
            }
            if (f->expandedAsCall && a.isComptime() && isNumberOrBool(a.type)) {
                fr_ = caller;
                a = mkRuntime(toReg(a, argNodes[i]), a.type);
                fr_ = &fr;
            }
            Binding b;
            b.type = a.type;
            if (a.k == VK::Runtime) {
                b.k = Binding::K::Reg;
                b.reg = a.reg;
            } else if (a.k == VK::RuntimeDsd) {
                b.k = Binding::K::DsdReg;
                b.reg = a.reg;
            } else if (a.k == VK::MemAgg) {
                b.k = Binding::K::Mem;
                b.reg = a.reg;
                b.addr = uint32_t(a.i);
                b.parameter = true;
            } else {
                b.k = Binding::K::Val;
                b.val = a;
            }
            bind(tokId(N(params[i]).tok), std::move(b));
        }
        TypeP rt = evalType(N(f->node).a);
        InlineCtx ic;
        ic.retType = rt;
        fr.inlines.push_back(ic);
        const size_t abandonedBefore = abandonedStatements_;
        const size_t errorsBefore = diags_.errorCount();
        const size_t bodyStart = here();
        execBlock(N(f->node).b);
        InlineCtx done = fr.inlines.back();
        fr.inlines.pop_back();
        for (const Value& local : fr.largeLocals)
            releaseTemporary(local);
        // As for a function of its own (lowerFunction): an expansion must not run off its end.
        if (rt->k != TK::Void && abandonedStatements_ == abandonedBefore &&
            diags_.errorCount() == errorsBefore && blockEndReachable(bodyStart, done.returns))
            fail(f->node, "function '" + f->name + "' must return a value of type '" +
                              typeName(rt) + "' on every path");
        for (size_t r : done.returns)
            patch(r, here());
        if (done.hasComptimeResult)
            result = done.comptimeResult;
        else if (const std::optional<Value> aggregate = aggregateResultValue(done.aggregate))
            result = *aggregate;
        else if (done.resultReg != kNoReg && done.scalarReturnsComptime && done.sameComptimeReturn)
            result = *done.sameComptimeReturn; // the register the returns set goes unused
        else if (done.resultReg != kNoReg && done.retType->k == TK::Dsd) {
            result.k = VK::RuntimeDsd;
            result.reg = done.resultReg;
            result.type = done.retType;
        } else if (done.resultReg != kNoReg)
            result = mkRuntime(done.resultReg, done.retType);
        else if (rt->k != TK::Void && abandonedStatements_ > abandonedBefore)
            throw SemaError{}; // a failed statement kept it from returning; already reported
        else
            result = mkVoid();
        if (f->expandedAsCall && result.isComptime() && isNumberOrBool(result.type)) {
            fr_ = caller;
            result = mkRuntime(toReg(result, node), result.type);
        }
    } catch (...) {
        fr_ = caller;
        --callDepth_;
        throw;
    }
    fr_ = caller;
    --callDepth_;
    return result;
}

Value Analyzer::evalCall(uint32_t node, TypeP expected) {
    const Node& n = N(node);
    (void)expected;
    Value callee = eval(n.a);
    auto argNodes = L(node);
    std::vector<uint32_t> an(argNodes.begin(), argNodes.end());
    if (callee.k == VK::Fn && !callee.fn) {
        std::vector<Value> args;
        for (uint32_t a : argNodes)
            args.push_back(eval(a));
        return libCall(callee.mod, callee.s, args, an, node);
    }
    if (callee.k == VK::Fn) {
        FnDef* f = callee.fn;
        auto params = f->mod->ast->list(f->node);
        if (params.size() != argNodes.size())
            fail(node, "function '" + f->name + "' expects " + std::to_string(params.size()) +
                           " argument" + (params.size() == 1 ? "" : "s") + ", found " +
                           std::to_string(argNodes.size()));
        if (f->isTask)
            fail(node, "task '" + f->name + "' cannot be called; activate it with @activate");
        std::vector<TypeP> pts;
        if (!f->generic) {
            TypeP ft = fnType(f);
            pts = ft->params;
        }
        std::vector<Value> args;
        for (size_t i = 0; i < argNodes.size(); ++i)
            args.push_back(eval(argNodes[i], i < pts.size() ? pts[i] : nullptr));
        CallSiteScope site(*this, fr_->mod, node);
        // A function returning `type` runs at comptime also from run-time code, so that
        // `pair(u16, u16){ ... }` there names the same type as everywhere else.
        const Node& ret = N2(f->mod, f->node);
        const bool returnsType = ret.a && N2(f->mod, ret.a).kind == NK::Ident &&
                                 f->mod->ast->tokText(N2(f->mod, ret.a).tok) == "type";
        if (!runtime() || (returnsType && std::all_of(args.begin(), args.end(), [](const Value& v) {
                               return v.isComptime();
                           })))
            return callComptime(f, args, node);
        return callRuntime(f, args, an, node);
    }
    return evalCallIndirect(callee, an, node);
}

Value Analyzer::callRuntime(FnDef* f, std::vector<Value> args, std::vector<uint32_t> argNodes,
                            uint32_t node) {
    if (f->generic) {
        if (FnDef* instance = genericInstance(f, args))
            return callInstance(instance, args, argNodes, node);
        Value result = callInline(f, args, argNodes, node);
        for (const Value& a : args)
            releaseTemporary(a);
        return result;
    }
    return callLowered(f, args, argNodes, node);
}

Value Analyzer::callLowered(FnDef* f, std::span<const Value> args,
                            std::span<const uint32_t> argNodes, uint32_t node) {
    const TypeP ft = fnType(f);
    int32_t idx = lowerFunction(f, node);
    if (fr_->def)
        fr_->def->callees.push_back(idx);
    const CallRegisters regs = callArguments(ft, args, argNodes, node);
    setLoc(node);
    const uint16_t dst = callResultRegister(ft, regs, node);
    emit(sim::Op::Call, dst == kNoReg ? sim::ScalarType::Void : scalarOf(ft->ret), dst, regs.first,
         regs.count, idx);
    return callResult(ft, dst, regs, node);
}

Analyzer::CallRegisters Analyzer::callArguments(TypeP ft, std::span<const Value> args,
                                                std::span<const uint32_t> argNodes, uint32_t node) {
    // Copies are shared by the calling function's call sites (FnDef::argumentCopies), in its
    // stack frame if it has one, else static; code outside a function gets copies of its own.
    FnDef outsideFunctions;
    FnDef& pools = fr_->def ? *fr_->def : outsideFunctions;
    const std::string owner = fr_->def ? pools.mod->prefix + pools.name : std::string("$call");
    auto copyOf = [&](TypeP t, std::optional<MemoryHome>& slot, const std::string& what) {
        if (!slot)
            slot = localHome(sizeOf(t), alignOf(t), owner + ".$" + what + " (" + typeName(t) + ")",
                             t, node);
        return *slot;
    };
    CallRegisters regs;
    if (passedByCopy(ft->ret))
        regs.resultCopy = copyOf(ft->ret, pools.resultCopies[ft->ret], "result");
    regs.count = uint16_t(args.size() + (regs.resultCopy ? 1 : 0));
    regs.first = newRegs(regs.count);
    auto address = [&](uint16_t reg, const MemoryHome& home) {
        emit(sim::Op::Imm, sim::ScalarType::U32, reg, kNoReg, kNoReg, int32_t(home.offset));
        if (home.base != kNoReg)
            emit(sim::Op::Add, sim::ScalarType::U32, reg, home.base, reg, 0);
    };
    for (size_t i = 0; i < args.size(); ++i) {
        const TypeP pt = ft->params[i];
        const Value a = coerce(args[i], pt, argNodes[i]);
        const uint16_t reg = uint16_t(regs.first + i);
        if (passedByCopy(pt)) {
            const MemoryHome copy = copyOf(pt, pools.argumentCopies[std::pair(pt, i)],
                                           "argument " + std::to_string(i + 1));
            store(homePlace(copy, pt), a, argNodes[i]);
            address(reg, copy);
        } else {
            emit(sim::Op::Mov, scalarOf(pt), reg, toReg(a, argNodes[i]), kNoReg, 0);
        }
    }
    if (regs.resultCopy)
        address(uint16_t(regs.first + args.size()), *regs.resultCopy);
    return regs;
}

uint16_t Analyzer::callResultRegister(TypeP ft, const CallRegisters& regs, uint32_t node) {
    return ft->ret->k == TK::Void || regs.resultCopy ? kNoReg : newReg(node);
}

Value Analyzer::callResult(TypeP ft, uint16_t dst, const CallRegisters& regs, uint32_t node) {
    if (regs.resultCopy)
        return load(homePlace(*regs.resultCopy, ft->ret), node);
    return dst == kNoReg ? mkVoid() : mkRuntime(dst, ft->ret);
}

// @map(fn, args..., [out]): a loop over the DSD length calling fn on one element of every
// DSD argument; scalars and pointers are passed unchanged; the result goes to the last
// argument (a DSD element or a pointer) when fn returns a value. The DSDs must be
// memory DSDs (run-time ones one-dimensional), or fabric DSDs (SDK topic-10: "a mix of
// input DSDs of various kinds (mem1d_dsd and fabin_dsd)"): an element of a fabin input is
// the next wavelet, received by a one-element move into a scratch word, and an element of
// a fabout output is sent from there the same way. Comptime-known DSDs are addressed with
// immediates; runtime DSDs (variables, DSDs changed with @set_dsd_*) are read with DsdGet
// before the loop, and the loop runs over the length of the first DSD argument.
// A DSD's stride counts elements, whichever array type the DSD was built over: element i
// of a DSD argument lies i * stride elements of the callback's parameter type (or return
// type, for the output) from the base, as when an i16 DSD is rebound to an f32 array.
Value Analyzer::mapBuiltin(uint32_t node) {
    auto args = L(node);
    if (args.size() < 2)
        fail(node, "@map expects a function and at least one argument");
    if (!runtime())
        fail(node, "@map is a runtime operation");
    Value fv = eval(args[0]);
    if (fv.k != VK::Fn || !fv.fn)
        fail(args[0], "@map expects a function, found '" + typeName(fv.type) + "'");
    FnDef* f = fv.fn;
    if (f->generic)
        fail(args[0], "@map calls '" + f->name +
                          "' for each element and cannot expand it in place: " + f->genericBecause);
    TypeP ft = fnType(f);
    // Each call takes one element of each DSD argument and gives one result element.
    std::vector<TypeP> elementTypes = ft->params;
    elementTypes.push_back(ft->ret);
    for (TypeP t : elementTypes)
        if (t->k != TK::Void && !isRuntimeScalar(t))
            fail(args[0], "@map calls '" + f->name +
                              "' on elements: its parameters and result must "
                              "be scalars, not '" +
                              typeName(t) + "'");
    size_t nIn = ft->params.size();
    bool hasOut = ft->ret->k != TK::Void;
    if (args.size() - 1 != nIn + (hasOut ? 1 : 0))
        fail(node, "@map with '" + f->name + "' expects " + std::to_string(nIn + (hasOut ? 1 : 0)) +
                       " arguments after the function, found " + std::to_string(args.size() - 1));
    // Where element i of a DSD argument lives: base (a register, or an immediate when the
    // DSD is comptime-known) plus i * stride.
    struct Walk {
        uint16_t baseReg = kNoReg;
        int32_t baseImm = 0;
        uint16_t strideReg = kNoReg;
        uint16_t fabricDsd = kNoReg; // a fabin or fabout argument: its DSD of length 1
        // A mem4d argument: per dimension (the first fastest, as the DSD walks), the number
        // of elements one step of it passes, its extent and its stride in bytes.
        struct Dimension {
            int32_t below = 1, extent = 1, strideBytes = 0;
        };
        std::vector<Dimension> dimensions;
        // Whether the argument is a DSD or DSR whose elements the calls take or give.
        bool walked() const {
            return fabricDsd != kNoReg || strideReg != kNoReg || !dimensions.empty();
        }
    };
    auto elementType = [&](size_t argIndex) {
        return argIndex - 1 < nIn ? ft->params[argIndex - 1] : ft->ret;
    };
    std::vector<Value> vals;
    std::vector<Walk> walks;
    // The Builtins page, @map: the loop "terminates" at the first read or write of an
    // exhausted DSD, so DSDs of different lengths are allowed: the inputs' shortest length
    // bounds the calls, and an output that runs out ends the loop before its write.
    std::vector<uint16_t> inputLengths;
    uint16_t outputLength = kNoReg;
    auto noteLength = [&](size_t argIndex, uint16_t length) {
        if (argIndex - 1 < nIn)
            inputLengths.push_back(length);
        else
            outputLength = length;
    };
    auto dsdField = [&](uint16_t dreg, sim::DsdField field) {
        uint16_t r = newReg(node);
        emit(sim::Op::DsdGet, sim::ScalarType::U32, r, dreg, kNoReg, int32_t(field));
        return r;
    };
    // A fabin input or fabout output: its elements move one wavelet at a time through a
    // copy of its DSD of length 1.
    auto walkFabric = [&](size_t argIndex, uint16_t whole) {
        noteLength(argIndex, dsdField(whole, sim::DsdField::Length));
        const uint16_t one = newReg(node);
        emit(sim::Op::Imm, sim::ScalarType::I32, one, kNoReg, kNoReg, 1);
        walks[argIndex - 1].fabricDsd = newDsdReg();
        emit(sim::Op::DsdSet, sim::ScalarType::Void, walks[argIndex - 1].fabricDsd, whole, one,
             int32_t(sim::DsdField::Length));
    };
    // A mem1d DSD known at run time only: its fields are read before the loop.
    auto walkRuntimeMem1d = [&](size_t argIndex, uint16_t dsd) {
        Walk& w = walks[argIndex - 1];
        w.baseReg = dsdField(dsd, sim::DsdField::BaseAddress);
        const uint16_t elementStride = dsdField(dsd, sim::DsdField::ElementStride);
        const uint16_t elementBytes = newReg(node);
        emit(sim::Op::Imm, sim::ScalarType::I32, elementBytes, kNoReg, kNoReg,
             int32_t(sizeOf(elementType(argIndex))));
        w.strideReg = newReg(node);
        emit(sim::Op::Mul, sim::ScalarType::I32, w.strideReg, elementStride, elementBytes, 0);
        noteLength(argIndex, dsdField(dsd, sim::DsdField::Length));
    };
    auto failIfWrongFabricSide = [&](size_t argIndex, sim::DsdKind kind) {
        const bool input = argIndex - 1 < nIn;
        if (kind == sim::DsdKind::FabIn && !input)
            fail(args[argIndex], "a fabin_dsd cannot be the output of @map");
        if (kind == sim::DsdKind::FabOut && input)
            fail(args[argIndex], "a fabout_dsd can only be the output of @map");
    };
    // DSR arguments (slot, the DSD read from it, element bytes): after the loop each one
    // moves on as a DSD operation moves it when it was loaded with `.save_address`.
    struct DsrArgument {
        uint32_t slot;
        uint16_t dsd;
        TypeP element;
    };
    std::vector<DsrArgument> dsrArguments;
    for (size_t i = 1; i < args.size(); ++i) {
        vals.push_back(eval(args[i]));
        const Value& v = vals.back();
        walks.emplace_back();
        // The Builtins page: the Output is "a DSD, DSR of type dsr_dest, or a non-const
        // pointer value whose base-type must match the return type of callback" (a u32
        // result stored through a *u16 overwrote the next element).
        if (i - 1 >= nIn && v.type->k == TK::Ptr && v.type->isConst)
            fail(args[i], "the output of @map must be a non-const pointer, found '" +
                              typeName(v.type) + "'");
        if (i - 1 >= nIn && v.type->k == TK::Ptr && v.type->many)
            fail(args[i], "the output of @map points to one '" + typeName(ft->ret) + "', found '" +
                              typeName(v.type) + "'");
        if (i - 1 >= nIn && v.type->k == TK::Ptr && v.type->elem != ft->ret)
            fail(args[i], "the output of @map points to '" + typeName(v.type->elem) + "', but '" +
                              f->name + "' returns '" + typeName(ft->ret) + "'");
        if (v.k == VK::Handle && isDsrHandle(v.type->hk)) {
            const sim::DsdKind kind = mapDsrContents(v, i - 1 < nIn, args[i]);
            failIfWrongFabricSide(i, kind);
            const uint32_t slot = dsrSlot(v, args[i]);
            const uint16_t held = newDsdReg();
            emit(sim::Op::DsrRead, sim::ScalarType::Void, held, kNoReg, kNoReg, int32_t(slot));
            if (kind == sim::DsdKind::Mem1d) {
                walkRuntimeMem1d(i, held);
                dsrArguments.push_back({slot, held, elementType(i)});
            } else {
                walkFabric(i, held);
            }
            continue;
        }
        if (v.type->k != TK::Dsd)
            continue;
        if (i - 1 >= nIn)
            failIfReadOnlyDestination(v, "the output of @map", args[i]);
        Walk& w = walks.back();
        const sim::DsdKind kind = v.type->dk;
        if (kind == sim::DsdKind::FabIn || kind == sim::DsdKind::FabOut) {
            failIfWrongFabricSide(i, kind);
            noteFabricQueueUse(v, args[i]);
            uint16_t whole;
            dsdToOperandReg(v, args[i], whole);
            walkFabric(i, whole);
            continue;
        }
        if (v.k == VK::RuntimeDsd) {
            if (v.type->dk != sim::DsdKind::Mem1d)
                fail(args[i], "@map takes a run-time DSD (a DSD variable, or one changed with "
                              "@set_dsd_*) only if it is a mem1d_dsd, found '" +
                                  typeName(v.type) + "'; a comptime-known mem4d_dsd may be mapped");
            walkRuntimeMem1d(i, v.reg);
            continue;
        }
        // The DSDs page: "A FIFO cannot be used as an operand to the @map builtin".
        if (v.k == VK::Dsd && v.dsd.kind == sim::DsdKind::Fifo)
            fail(args[i], "a FIFO cannot be an operand of @map");
        if (v.k != VK::Dsd ||
            (v.dsd.kind != sim::DsdKind::Mem1d && v.dsd.kind != sim::DsdKind::Mem4d))
            fail(args[i], "@map supports memory DSDs only, found '" + typeName(v.type) + "'");
        // The element the callback takes or gives is read or written at its own size: a
        // u8 parameter read a u16 array byte by byte, an f32 one an i16 array in pairs.
        const TypeP et = elementType(i);
        if (et->k == TK::Bool || !(isAbiSizedInt(et) || et->k == TK::Float))
            fail(args[i], "@map: '" + f->name + "' " + (i - 1 < nIn ? "takes" : "returns") + " '" +
                              typeName(et) + "' for this DSD, which is not a 16- or 32-bit number");
        failIfElementWidthDiffers(v.dsd, sizeOf(et),
                                  "argument " + std::to_string(i + 1) + " of @map ('" + f->name +
                                      "' " + (i - 1 < nIn ? "takes" : "returns") + " '" +
                                      typeName(et) + "')",
                                  args[i]);
        w.baseImm = int32_t(v.dsd.baseAddress);
        const auto strideOf = [&](size_t k) {
            return v.dsd.strideBytes[k] / int32_t(sim::dsdElementBytes(v.dsd)) *
                   int32_t(sizeOf(elementType(i)));
        };
        const uint16_t length = newReg(node);
        if (v.dsd.kind == sim::DsdKind::Mem4d && v.dsd.rank > 1) {
            int32_t below = 1;
            for (size_t k = 0; k < size_t(std::clamp<int>(v.dsd.rank, 1, 4)); ++k) {
                const int32_t extent = int32_t(std::max<uint32_t>(1, v.dsd.extent[k]));
                w.dimensions.push_back({below, extent, strideOf(k)});
                below *= extent;
            }
            emit(sim::Op::Imm, sim::ScalarType::I32, length, kNoReg, kNoReg, below);
        } else {
            w.strideReg = newReg(node);
            emit(sim::Op::Imm, sim::ScalarType::I32, w.strideReg, kNoReg, kNoReg, strideOf(0));
            emit(sim::Op::Imm, sim::ScalarType::I32, length, kNoReg, kNoReg,
                 int32_t(v.dsd.extent[0]));
        }
        noteLength(i, length);
    }
    if (inputLengths.empty() && outputLength == kNoReg)
        fail(node, "@map needs at least one DSD argument");
    uint16_t lim = newReg(node);
    emit(sim::Op::Mov, sim::ScalarType::I32, lim,
         inputLengths.empty() ? outputLength : inputLengths[0], kNoReg, 0);
    for (size_t k = 1; k < inputLengths.size(); ++k) {
        const uint16_t shorter = newReg(node);
        emit(sim::Op::CmpLt, sim::ScalarType::I32, shorter, inputLengths[k], lim, 0);
        const size_t skip =
            emit(sim::Op::JumpIfNot, sim::ScalarType::Bool, kNoReg, shorter, kNoReg, 0);
        emit(sim::Op::Mov, sim::ScalarType::I32, lim, inputLengths[k], kNoReg, 0);
        patch(skip, here());
    }
    uint16_t i = newReg(node);
    emit(sim::Op::Imm, sim::ScalarType::I32, i, kNoReg, kNoReg, 0);
    size_t top = here();
    uint16_t c = newReg(node);
    emit(sim::Op::CmpLt, sim::ScalarType::I32, c, i, lim, 0);
    size_t jf = emit(sim::Op::JumpIfNot, sim::ScalarType::Bool, kNoReg, c, kNoReg, 0);
    // Returns the address register; the Load/Store immediate is w.baseImm.
    auto elementAddr = [&](const Walk& w) {
        uint16_t off = newReg(node);
        if (!w.dimensions.empty()) {
            // Element i of a mem4d DSD: its index in dimension k is (i / below) % extent.
            const auto constant = [&](int32_t x) {
                const uint16_t r = newReg(node);
                emit(sim::Op::Imm, sim::ScalarType::I32, r, kNoReg, kNoReg, x);
                return r;
            };
            emit(sim::Op::Imm, sim::ScalarType::I32, off, kNoReg, kNoReg, 0);
            for (const Walk::Dimension& dim : w.dimensions) {
                const uint16_t index = newReg(node);
                emit(sim::Op::Div, sim::ScalarType::I32, index, i, constant(dim.below), 0);
                emit(sim::Op::Rem, sim::ScalarType::I32, index, index, constant(dim.extent), 0);
                emit(sim::Op::Mul, sim::ScalarType::I32, index, index, constant(dim.strideBytes),
                     0);
                emit(sim::Op::Add, sim::ScalarType::I32, off, off, index, 0);
            }
            return off;
        }
        emit(sim::Op::Mul, sim::ScalarType::I32, off, i, w.strideReg, 0);
        if (w.baseReg != kNoReg)
            emit(sim::Op::Add, sim::ScalarType::I32, off, off, w.baseReg, 0);
        return off;
    };
    std::vector<Value> callArgs;
    std::vector<uint32_t> callNodes;
    for (size_t k = 0; k < nIn; ++k) {
        const Value& v = vals[k];
        TypeP pt = ft->params[k];
        if (walks[k].walked()) {
            if (!isRuntimeScalar(pt))
                fail(args[k + 1],
                     "@map parameter of type '" + typeName(pt) + "' cannot take a DSD element");
            uint16_t r = newReg(node);
            if (walks[k].fabricDsd != kNoReg) {
                const uint32_t scratch = mapScratchWord(pt, node);
                moveOneWavelet(pt, scratch, walks[k].fabricDsd, true, args[k + 1]);
                emit(sim::Op::Load, scalarOf(pt), r, kNoReg, kNoReg, int32_t(scratch));
            } else {
                uint16_t off = elementAddr(walks[k]);
                emit(sim::Op::Load, scalarOf(pt), r, off, kNoReg, walks[k].baseImm);
            }
            callArgs.push_back(mkRuntime(r, pt));
        } else {
            callArgs.push_back(v);
        }
        callNodes.push_back(args[k + 1]);
    }
    Value res = callRuntime(f, callArgs, callNodes, node);
    size_t outputExhausted = SIZE_MAX;
    if (hasOut && outputLength != kNoReg && !inputLengths.empty()) {
        const uint16_t room = newReg(node);
        emit(sim::Op::CmpLt, sim::ScalarType::I32, room, i, outputLength, 0);
        outputExhausted = emit(sim::Op::JumpIfNot, sim::ScalarType::Bool, kNoReg, room, kNoReg, 0);
    }
    if (hasOut) {
        const Value& out = vals.back();
        TypeP rt = ft->ret;
        uint16_t rr = toReg(res, node);
        if (walks.back().fabricDsd != kNoReg) {
            const uint32_t scratch = mapScratchWord(rt, node);
            emit(sim::Op::Store, scalarOf(rt), kNoReg, kNoReg, rr, int32_t(scratch));
            moveOneWavelet(rt, scratch, walks.back().fabricDsd, false, args.back());
        } else if (walks.back().walked()) {
            uint16_t off = elementAddr(walks.back());
            emit(sim::Op::Store, scalarOf(rt), kNoReg, off, rr, walks.back().baseImm);
        } else if (out.type->k == TK::Ptr) {
            if (out.isComptime())
                emit(sim::Op::Store, scalarOf(rt), kNoReg, kNoReg, rr, int32_t(out.i));
            else
                emit(sim::Op::Store, scalarOf(rt), kNoReg, out.reg, rr, 0);
        } else {
            fail(args.back(), "the output of @map must be a DSD or a pointer");
        }
    }
    uint16_t one = newReg(node);
    emit(sim::Op::Imm, sim::ScalarType::I32, one, kNoReg, kNoReg, 1);
    emit(sim::Op::Add, sim::ScalarType::I32, i, i, one, 0);
    emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, int32_t(top));
    patch(jf, here());
    if (outputExhausted != SIZE_MAX)
        patch(outputExhausted, here());
    for (const auto& [slot, dsd, element] : dsrArguments)
        emit(sim::Op::DsrAdvance, scalarOf(types.intType(int(sizeOf(element) * 8), false)), kNoReg,
             dsd, kNoReg, int32_t(slot));
    return mkVoid();
}

// The kind of DSD that DSR argument `dsr` of @map holds, from the @load_to_dsr calls of it
// compiled so far: the elements are addressed by the DSD's kind, which the loop's code must
// know.
sim::DsdKind Analyzer::mapDsrContents(const Value& dsr, bool input, uint32_t node) {
    const HandleKind hk = dsr.type->hk;
    if (hk == HandleKind::DsrFifoDest || hk == HandleKind::DsrFifoSrc1)
        fail(node, "a FIFO cannot be an operand of @map, found '" + typeName(dsr.type) + "'");
    // The DSRs page: a dsr_dest holds destination operands only, a dsr_src1 sources only.
    if (input && hk == HandleKind::DsrDest)
        fail(node, "a dsr_dest holds a destination operand; it cannot be an input of @map");
    if (!input && hk == HandleKind::DsrSrc1)
        fail(node, "a dsr_src1 holds a source operand; it cannot be the output of @map");
    const auto loads = cls()->dsrLoads.find(dsrKey(dsr));
    // Code nothing calls is checked, not run, and its loads are not recorded.
    if (loads == cls()->dsrLoads.end() && checkingUnusedCode_)
        return sim::DsdKind::Mem1d;
    if (loads == cls()->dsrLoads.end())
        fail(node, "@map walks the DSD this " + typeName(dsr.type) +
                       " holds, and no @load_to_dsr of it comes before: load it earlier in "
                       "this function, or in a comptime block above");
    const sim::DsdKind kind = loads->second.front().kind;
    for (const ClassCtx::DsrLoad& load : loads->second)
        if (load.kind != kind)
            fail(node, "@map walks the DSD this " + typeName(dsr.type) +
                           " holds, and its loads give it DSDs of different kinds (" +
                           typeName(types.dsd(kind)) + " and " + typeName(types.dsd(load.kind)) +
                           ")");
    if (kind != sim::DsdKind::Mem1d && kind != sim::DsdKind::FabIn && kind != sim::DsdKind::FabOut)
        fail(node, "@map takes a DSR holding a mem1d_dsd, fabin_dsd or fabout_dsd, found one "
                   "holding a " +
                       typeName(types.dsd(kind)));
    return kind;
}

// The scratch word of the class through which @map moves fabric elements.
uint32_t Analyzer::mapScratchWord(TypeP elem, uint32_t node) {
    if (sizeOf(elem) > 4)
        fail(node, "@map moves elements of at most 32 bits through the fabric, found '" +
                       typeName(elem) + "'");
    ClassCtx* c = cls();
    if (c->mapScratchAddr == UINT32_MAX)
        c->mapScratchAddr = allocate(4, 4, "$map.fabric_element", types.u32, node);
    return c->mapScratchAddr;
}

// A synchronous one-element move between the scratch word and fabric DSD register `fabric`
// (received from a fabin when `receive`, else sent to a fabout), 16 or 32 bits as `elem`.
void Analyzer::moveOneWavelet(TypeP elem, uint32_t scratch, uint16_t fabric, bool receive,
                              uint32_t node) {
    Value word;
    word.k = VK::Dsd;
    word.type = types.dsd(sim::DsdKind::Mem1d);
    word.dsd.baseAddress = scratch;
    word.dsd.extent[0] = 1;
    word.dsd.strideBytes[0] = int32_t(sizeOf(elem));
    word.dsd.elementBytes = uint8_t(sizeOf(elem));
    uint16_t wordReg;
    dsdToOperandReg(word, node, wordReg);
    sim::DsdOpDesc op;
    op.op = sizeOf(elem) == 4 ? sim::DsdOpKind::Mov32 : sim::DsdOpKind::Mov16;
    op.dst = {sim::DsdOperand::Kind::Dsd, receive ? wordReg : fabric};
    op.src0 = {sim::DsdOperand::Kind::Dsd, receive ? fabric : wordReg};
    cls()->cc.dsdOps.push_back(op);
    setLoc(node);
    emit(sim::Op::DsdExec, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg,
         int32_t(cls()->cc.dsdOps.size() - 1));
}

Value Analyzer::evalCallIndirect(const Value& callee, std::span<const uint32_t> argNodes,
                                 uint32_t node) {
    const Node& n = N(node);
    TypeP ft = callee.type;
    if (ft && ft->k == TK::Ptr && ft->elem->k == TK::Fn)
        ft = ft->elem;
    if (ft && ft->k == TK::Fn && !callee.isComptime()) {
        if (ft->params.size() != argNodes.size())
            fail(node, "function pointer expects " + std::to_string(ft->params.size()) +
                           " arguments, found " + std::to_string(argNodes.size()));
        std::vector<Value> args;
        for (size_t i = 0; i < argNodes.size(); ++i)
            args.push_back(eval(argNodes[i], ft->params[i]));
        if (fr_->def)
            fr_->def->pointerCallTypes.push_back(ft);
        const CallRegisters regs = callArguments(ft, args, argNodes, node);
        const uint16_t dst = callResultRegister(ft, regs, node);
        emit(sim::Op::CallIndirect, dst == kNoReg ? sim::ScalarType::Void : scalarOf(ft->ret), dst,
             callee.reg, regs.first, int32_t(regs.count));
        return callResult(ft, dst, regs, node);
    }
    fail(n.a, "expression of type '" + typeName(callee.type) + "' is not callable");
}

std::vector<bool> Analyzer::reachableFunctions(const ClassCtx& c) const {
    std::vector<bool> reachable(c.fnOfIndex.size(), false);
    std::vector<size_t> pending;
    for (size_t i = 0; i < c.fnOfIndex.size(); ++i) {
        if (c.fnOfIndex[i] && !c.fnOfIndex[i]->loweredForChecking) {
            reachable[i] = true;
            pending.push_back(i);
        }
    }
    while (!pending.empty()) {
        const FnDef* f = c.fnOfIndex[pending.back()];
        pending.pop_back();
        for (int32_t j : f->callees) {
            if (!reachable[size_t(j)] && c.fnOfIndex[size_t(j)]) {
                reachable[size_t(j)] = true;
                pending.push_back(size_t(j));
            }
        }
    }
    return reachable;
}

void Analyzer::checkRecursion(ClassCtx& c) {
    // Recursion is legal CSL. A function on a call cycle is right as long as each activation
    // has its own locals: registers always, memory when the function has a stack frame
    // (functions of one file calling each other by name, stack_frames.cpp). One that keeps a
    // local at a fixed address (FnDef::staticHomes) on a cycle would have it overwritten by
    // the nested call: such a cycle is refused. Calls through pointers
    // (FnDef::pointerCallTypes) may reach every function of their type used as a value.
    std::vector<std::vector<int32_t>> viaPointers(c.fnOfIndex.size());
    for (size_t i = 0; i < c.fnOfIndex.size(); ++i) {
        const FnDef* f = c.fnOfIndex[i];
        if (!f)
            continue;
        viaPointers[i] = f->callees;
        for (TypeP called : f->pointerCallTypes)
            for (size_t j = 0; j < c.fnOfIndex.size(); ++j)
                if (const FnDef* g = c.fnOfIndex[j];
                    g && g->usedAsValue && g->type && sameType(g->type, called))
                    viaPointers[i].push_back(int32_t(j));
    }
    auto arrow = [&](int from, int to) {
        const std::vector<int32_t>& direct = c.fnOfIndex[size_t(from)]->callees;
        if (std::find(direct.begin(), direct.end(), to) != direct.end())
            return std::string(" -> ");
        return " -> (through a pointer of type '" + typeName(c.fnOfIndex[size_t(to)]->type) +
               "', which may point to) ";
    };
    auto describe = [&](const std::vector<int>& cycle) {
        std::string text = c.fnOfIndex[size_t(cycle.front())]->name;
        for (size_t k = 1; k < cycle.size(); ++k)
            text += arrow(cycle[k - 1], cycle[k]) + c.fnOfIndex[size_t(cycle[k])]->name;
        return text;
    };
    // From what run-time code reaches: a function only lowered to check the tile file (a
    // recursive helper that only comptime code calls) is no run-time recursion.
    auto runtimeReached = [&](size_t i) {
        return c.fnOfIndex[i] && !c.fnOfIndex[i]->loweredForChecking;
    };
    // The shortest cycle (breadth first over calls and pointer calls) back to each function
    // with static homes.
    for (size_t start = 0; start < c.fnOfIndex.size(); ++start) {
        const FnDef* f = c.fnOfIndex[start];
        if (!runtimeReached(start) || f->staticHomes == 0)
            continue;
        std::vector<int> from(c.fnOfIndex.size(), -1);
        std::deque<int> pending{int(start)};
        while (!pending.empty()) {
            const int at = pending.front();
            pending.pop_front();
            for (int32_t next : viaPointers[size_t(at)]) {
                if (next == int32_t(start)) {
                    std::vector<int> cycle{int(start)};
                    for (int k = at; k != int(start); k = from[size_t(k)])
                        cycle.insert(cycle.begin() + 1, k);
                    cycle.push_back(int(start));
                    try {
                        fail(f->mod, f->node,
                             "recursion is not supported here: " + describe(cycle) + " ('" +
                                 f->name +
                                 "' keeps variables or call copies in memory at fixed addresses, "
                                 "which the nested call would overwrite; functions that call "
                                 "each other by name within one file get stack frames)");
                    } catch (SemaError&) {
                        return;
                    }
                }
                if (from[size_t(next)] < 0 && next != int32_t(start)) {
                    from[size_t(next)] = at;
                    pending.push_back(next);
                }
            }
        }
    }
}

} // namespace csl::sema
