// Expression evaluation: comptime folding and runtime code emission.
#include "backend/csl/sema/analyzer_class.h"

#include "backend/csl/diag/spelling.h"
#include "backend/csl/lex/literals.h"

#include <cmath>

namespace csl::sema {

Value Analyzer::evalComptime(uint32_t node, TypeP expected, const char* why) {
    ++fr_->comptimeDepth;
    Value v;
    try {
        v = eval(node, expected);
    } catch (...) {
        --fr_->comptimeDepth;
        throw;
    }
    --fr_->comptimeDepth;
    if (!v.isComptime())
        fail(node, std::string(why ? why : "expression") + " must be comptime-known");
    return v;
}

TypeP Analyzer::evalType(uint32_t node) {
    if (N(node).kind == NK::AnyType)
        return types.anyT;
    Value v = evalComptime(node, types.typeT, "type");
    return asType(v, node);
}

// The field (or enum member) names of a struct type or an aggregate value, for "did you mean".
static std::vector<std::string_view> fieldNames(TypeP t) {
    std::vector<std::string_view> names;
    if (t && (t->k == TK::Struct || t->k == TK::Enum))
        for (const FieldInfo& f : t->fields)
            names.push_back(f.name);
    return names;
}
static std::vector<std::string_view> fieldNames(const Value& aggregate) {
    if (!aggregate.names)
        return fieldNames(aggregate.type);
    return {aggregate.names->begin(), aggregate.names->end()};
}

// An identifier that names nothing. `u100` and the like are integer types of the SDK's
// Types page ("any bit width from 0 to 16777215") wider than this compiler has: named as such.
void Analyzer::failUndeclared(uint32_t node, const std::string& name) {
    if (arbitraryIntWidth(name) > kMaxIntBits)
        fail(node, "integer type '" + name + "' is wider than " + std::to_string(kMaxIntBits) +
                       " bits, which this compiler does not support yet");
    // Other languages' number types (h-diag8: `f64` was only "undeclared").
    for (const char* foreign : {"f64", "f80", "f128", "double", "float", "int", "usize", "isize"})
        if (name == foreign)
            fail(node, "CSL has no type '" + name +
                           "': its floats are f16, bf16, cb16 and f32, its integers i8-i64 "
                           "and u8-u64");
    fail(node, "use of undeclared identifier '" + name + "'" + didYouMean(name, namesInScope()));
}

Value Analyzer::identValue(uint32_t node) {
    std::string name = tokStr(N(node).tok);
    if (name.size() > 2 && name[0] == '@' && name[1] == '"')
        name = name.substr(2, name.size() - 3);
    Binding* b = nullptr;
    Value v;
    if (!lookup(nameId(name), &b, v, node))
        failUndeclared(node, name);
    if (!b)
        return v;
    switch (b->k) {
    case Binding::K::Val:
        return b->val;
    case Binding::K::Reg:
        if (!runtime())
            fail(node, "cannot use runtime value '" + name + "' in a comptime context");
        return mkRuntime(b->reg, b->type);
    case Binding::K::Mem: {
        Place p;
        p.k = Place::K::Mem;
        p.type = b->type;
        p.addrImm = b->addr;
        p.addrReg = b->reg;
        p.mut = b->mut;
        return load(p, node);
    }
    case Binding::K::DsdReg: {
        if (!runtime())
            fail(node, "cannot use runtime value '" + name + "' in a comptime context");
        Value d;
        d.k = VK::RuntimeDsd;
        d.reg = b->reg;
        d.type = b->type;
        d.readOnlyMemory = b->val.readOnlyMemory;
        return d;
    }
    case Binding::K::DsdMem:
        break;
    }
    fail(node, "internal: bad binding");
}

void Analyzer::stepLimitExceeded(uint32_t node) {
    if (!opt_.maxComptimeSteps)
        fail(node, "comptime evaluation exceeded its step limit (" +
                       std::to_string(comptimeStepBudget()) +
                       " steps: " + std::to_string(kComptimeStepBase) + " plus " +
                       std::to_string(kComptimeStepsPerPe) +
                       " per PE of the rectangle, for the layout and for each tile file "
                       "instance); does a loop never end?");
    const std::string budget = "comptime evaluation exceeded the step budget of " +
                               std::to_string(opt_.maxComptimeSteps) +
                               " steps given to the compiler";
    if (comptimeLoops_.empty())
        fail(node, budget);
    auto [loopModule, loopNode] = comptimeLoops_.back();
    fail(loopModule, loopNode, budget + " in this loop; does it never end?");
}

Value Analyzer::eval(uint32_t node, TypeP expected) {
    if (!node)
        return mkVoid();
    if (++comptimeSteps_ > comptimeStepLimit())
        stepLimitExceeded(node);
    if ((comptimeSteps_ & 0xffff) == 0)
        pollCancelled();
    const Node& n = N(node);
    if (runtime())
        setLoc(node);
    switch (n.kind) {
    case NK::Ident: {
        // The common cases without a Place: a comptime binding, or a declaration's or
        // primitive's value. Anything in a register or in memory goes through place().
        const uint32_t id = tokId(n.tok);
        Binding* b = nullptr;
        Value v;
        if (!lookup(id, &b, v, node))
            failUndeclared(node, nameOf(id));
        if (b && b->k == Binding::K::Val)
            return b->val;
        if (!b) {
            const Decl* d = findDecl(fr_->mod, id);
            if (!d || !d->isVar)
                return v;
        }
        Place p = place(node);
        if (p.k == Place::K::Value)
            return std::move(p.value); // load() would copy it
        return load(p, node);
    }
    case NK::IntLit: {
        std::string t = tokStr(n.tok);
        t.erase(std::remove(t.begin(), t.end(), '_'), t.end());
        int base = 10;
        size_t off = 0;
        if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
            base = 16;
            off = 2;
        } else if (t.size() > 2 && t[0] == '0' && (t[1] == 'b' || t[1] == 'B')) {
            base = 2;
            off = 2;
        } else if (t.size() > 2 && t[0] == '0' && (t[1] == 'o' || t[1] == 'O')) {
            base = 8;
            off = 2;
        }
        errno = 0;
        unsigned long long v = std::strtoull(t.c_str() + off, nullptr, base);
        // Comptime integers are held in 64 bits: a literal above the i64 range is taken only
        // where a u64 is expected, as its bit pattern (u64 values are stored that way).
        const bool u64Expected = isU64(expected);
        // Past the i64 range with no type expected (a generic function's argument, an
        // untyped const): a u64, the one type that holds it.
        if (errno != ERANGE && v > uint64_t(INT64_MAX) && (u64Expected || !expected) &&
            !negatingLiteral_)
            return mkInt(int64_t(v), u64Expected ? expected : types.u64);
        // Under a '-' (evalUnary), 2^63 is the magnitude of the i64 minimum.
        if (errno != ERANGE && v == uint64_t(INT64_MAX) + 1 && negatingLiteral_)
            return mkInt(INT64_MIN);
        if (errno == ERANGE || v > uint64_t(INT64_MAX))
            fail(node, "integer literal '" + tokStr(n.tok) + "' is too large");
        Value x = mkInt(int64_t(v));
        return expected ? coerceLiteral(x, expected, node) : x;
    }
    case NK::FloatLit: {
        std::string t = tokStr(n.tok);
        t.erase(std::remove(t.begin(), t.end(), '_'), t.end());
        const double v = std::strtod(t.c_str(), nullptr);
        if (std::isinf(v))
            fail(node, "float literal '" + tokStr(n.tok) + "' is too large");
        Value x = mkFloat(v);
        return expected ? coerceLiteral(x, expected, node) : x;
    }
    case NK::StringLit:
        return mkString(stringLiteralBytes(ast().tokText(n.tok)));
    case NK::CharLit:
        return mkInt(charLiteralValue(ast().tokText(n.tok)));
    case NK::BoolLit:
        return mkBool(ast().tokText(n.tok) == "true");
    case NK::Error: // a syntax error, already reported: nothing more to say about it
        throw SemaError{};
    case NK::Undefined: {
        Value u;
        u.k = VK::Undef;
        u.type = expected ? expected : types.undefT;
        return u;
    }
    case NK::EnumLit: {
        Value e;
        e.k = VK::EnumV;
        e.s = tokStr(n.tok);
        e.type = types.anyT;
        if (expected && expected->k == TK::Enum)
            return coerce(e, expected, node);
        return e;
    }
    case NK::Grouped:
        return eval(n.a, expected);
    case NK::ComptimeExpr:
        return evalComptime(n.a, expected, "comptime expression");
    case NK::Binary:
        return evalBinary(node, expected);
    case NK::Unary:
        return evalUnary(node, expected);
    case NK::Deref:
    case NK::Index:
    case NK::Field: {
        Place p = place(node);
        if (p.k == Place::K::Value)
            return std::move(p.value);
        return load(p, node);
    }
    case NK::Call:
        return evalCall(node, expected);
    case NK::BuiltinCall:
        return builtin(node, expected);
    case NK::AnonInit:
    case NK::TypedInit:
        return evalInit(node, expected);
    case NK::ArrayType: {
        TypeP el = evalType(n.a);
        if (el->k == TK::AnyType)
            fail(n.a, "'anytype' can only be the type of a function parameter");
        failIfOpaque(el, n.a);
        // The SDK's Types page: "The element type must not be another array type";
        // a multi-dimensional array is written with several dimensions.
        if (el->k == TK::Array)
            fail(n.a, "the element type of an array cannot be an array ('" + typeName(el) +
                          "'); write a multi-dimensional array such as '[3, 4]i16'");
        std::vector<uint32_t> dims;
        // Sizes are counted in 64 bits here, so a huge array is an error rather than a size
        // that wraps at 2^32. The limit is far above a PE's 48 KB and keeps comptime arrays
        // (one value of about 190 bytes per element) within memory: at 16 MB, a 4-million
        // element @zeros took 740 MB and 3 s before the 48 KB check refused it.
        constexpr uint64_t kMaxArrayBytes = uint64_t(1) << 20;
        uint64_t bytes = std::max<uint32_t>(sizeOf(el), 1);
        for (uint32_t d : L(node)) {
            if (N(d).kind == NK::Ident && tokStr(N(d).tok) == "_")
                fail(d, "an array length '_' is only allowed in an array literal such as "
                        "'[_]u16{ 1, 2 }'");
            int64_t v = asInt(evalComptime(d, nullptr, "array length"), d, "array length");
            if (v < 0)
                fail(d, "array length must not be negative");
            bytes = v > 0 && bytes > kMaxArrayBytes / uint64_t(v) ? kMaxArrayBytes + 1
                                                                  : bytes * uint64_t(v);
            if (bytes > kMaxArrayBytes)
                fail(node, "this array type has more than " + std::to_string(kMaxArrayBytes) +
                               " bytes (1 MB), the most an array may have; a PE has 48 KB "
                               "of memory");
            dims.push_back(uint32_t(v));
        }
        return mkType(types.array(el, dims));
    }
    case NK::PtrType: {
        TypeP el = evalType(n.a);
        // The Comptime page, "Types Whose Values are Required to be Comptime": "Pointers to
        // these types are not allowed" (function pointers are documented on the Syntax page).
        if (el->k == TK::CInt || el->k == TK::CFloat || el->k == TK::String || el->k == TK::TypeT ||
            el->k == TK::CStruct || el->k == TK::Module)
            fail(n.a, "a pointer to '" + typeName(el) +
                          "' is not allowed: its values exist only at comptime");
        return mkType(types.ptr(el, n.flags & 2, n.flags & 1));
    }
    case NK::FnType: {
        std::vector<TypeP> ps;
        for (uint32_t p : L(node))
            ps.push_back(evalType(p));
        TypeP r = evalType(n.a);
        return mkType(types.fn(ps, r, n.flags & kFnTask));
    }
    case NK::StructType:
        return evalStructType(node);
    case NK::EnumType:
        return evalEnumType(node);
    case NK::If:
        return evalIf(node, expected);
    case NK::Switch:
        return evalSwitch(node, expected);
    case NK::Block:
        return evalBlockExpr(node, expected);
    case NK::TensorAccess:
        return evalTensorAccess(node);
    case NK::AnyType:
        return mkType(types.anyT);
    default:
        fail(node, "expected an expression");
    }
}

// Literals take the expected type when it is numeric (so `var x: f16 = 1.5` is f16).
Value Analyzer::coerceLiteral(const Value& v, TypeP expected, uint32_t node) {
    if (expected->k == TK::Int || expected->k == TK::Float)
        return coerce(v, expected, node);
    return v;
}

Value Analyzer::evalStructType(uint32_t node, Type* into) {
    Type* t = into ? into : types.fresh(TK::Struct);
    t->incomplete = true;
    if (!into && !typeCallsInProgress_.empty() && !typeCallsInProgress_.back().type &&
        typeCallsInProgress_.back().returnedStruct == node &&
        typeCallsInProgress_.back().f->mod->ast.get() == &ast())
        typeCallsInProgress_.back().type = t;
    t->isUnion = N(node).flags & kStructUnion;
    t->originAst = &ast();
    t->originNode = node;
    const char* const kind = t->isUnion ? "union" : "struct";
    // The Types page (SDK 2.10): a packed struct's "fields are arranged as a sequence of bits
    // with no gaps in between". Fields of whole bytes are laid out so; narrower ones would
    // need bit-level access, which is refused.
    t->packed = N(node).flags & kStructPacked;
    t->externLayout = N(node).flags & kStructExtern;
    uint32_t off = 0, align = 1, packedBits = 0;
    for (uint32_t item : L(node)) {
        const Node& f = N(item);
        // The SDK's Types page gives a struct fields only; Zig's namespaced declarations
        // (`struct { fn get(self: S) i16 {...} }` then `S.get(s)`) are refused, not dropped.
        if (f.kind == NK::FnDecl || f.kind == NK::VarDecl)
            fail(item, "declaration '" + tokStr(f.tok) + "' inside a " + kind + ": a CSL " + kind +
                           " holds fields only; declare it at file scope");
        if (f.kind != NK::FieldDecl)
            continue;
        FieldInfo fi;
        fi.name = tokStr(f.tok);
        fi.type = evalType(f.a);
        if (fi.type->k == TK::AnyType)
            fail(f.a, "'anytype' can only be the type of a function parameter");
        failIfOpaque(fi.type, f.a);
        TypeP held = fi.type;
        while (held->k == TK::Array)
            held = held->elem;
        if (held->k == TK::Struct && held->incomplete)
            fail(f.a, std::string("a ") + kind + " cannot hold itself (field '" + fi.name +
                          "'): its size would be infinite; point to it with '*'");
        if (f.b)
            fi.defaultValue = std::make_shared<const Value>(
                coerce(evalComptime(f.b, fi.type, "struct field default"), fi.type, f.b));
        if (t->isUnion && f.b)
            fail(f.b, "union field '" + fi.name + "' cannot have a default value");
        for (const FieldInfo& prev : t->fields) {
            if (prev.name == fi.name)
                fail(item, std::string("duplicate ") + kind + " field '" + fi.name + "'");
        }
        if (t->packed && !t->isUnion) {
            layOutPackedField(t, fi, packedBits, item);
            t->fields.push_back(fi);
            continue;
        }
        if (t->packed) {
            const bool wholeBytes = (fi.type->k == TK::Int && fi.type->bits % 8 == 0) ||
                                    fi.type->k == TK::Float ||
                                    (fi.type->k == TK::Struct && fi.type->packed &&
                                     fi.type->packedBits == sizeOf(fi.type) * 8);
            if (!wholeBytes)
                fail(item, "packed union field '" + fi.name + "' of type '" + typeName(fi.type) +
                               "' is not supported by this compiler yet (only fields of whole "
                               "bytes: integers of 8, 16, ... bits, floats and packed structs "
                               "and unions)");
            // A packed union is one integer of its fields' common width, as the Types page's
            // example has it (a 16-bit packed struct and an i16).
            if (t->isUnion && !t->fields.empty() && sizeOf(fi.type) != sizeOf(t->fields[0].type))
                fail(item, "packed union field '" + fi.name + "' has " +
                               std::to_string(8 * sizeOf(fi.type)) + " bits but field '" +
                               t->fields[0].name + "' has " +
                               std::to_string(8 * sizeOf(t->fields[0].type)) +
                               "; the fields of a packed union must have the same width");
        }
        uint32_t a = t->packed ? 1 : std::max<uint32_t>(alignOf(fi.type), 1);
        if (t->isUnion) {
            fi.offset = 0;
            off = std::max(off, sizeOf(fi.type));
        } else {
            off = (off + a - 1) / a * a;
            fi.offset = off;
            off += sizeOf(fi.type);
        }
        align = std::max(align, a);
        t->fields.push_back(fi);
    }
    t->name = kind;
    t->incomplete = false;
    if (t->packed && !t->isUnion) {
        finishPackedLayout(t, packedBits, node);
        return mkType(t);
    }
    t->size = (off + align - 1) / align * align;
    t->align = align;
    t->packedBits = t->size * 8;
    return mkType(t);
}

Value Analyzer::evalEnumType(uint32_t node) {
    const Node& n = N(node);
    Type* t = types.fresh(TK::Enum);
    t->originAst = &ast();
    t->originNode = node;
    t->tag = n.a ? evalType(n.a) : types.u16;
    if (t->tag->k != TK::Int)
        fail(n.a, "enum tag type must be an integer type, found '" + typeName(t->tag) + "'");
    // A u64 tag's values from 2^63 up are held as their bit patterns, as u64 values are;
    // `pastLast`: the member before an implicit one had the tag type's last value.
    const bool u64Tag = isU64(t->tag);
    int64_t next = 0;
    bool bitPattern = false, pastLast = false;
    for (uint32_t m : L(node)) {
        const Node& mn = N(m);
        FieldInfo fi;
        fi.name = tokStr(mn.tok);
        if (mn.a) {
            const Value v = evalComptime(mn.a);
            next = asInt(v, mn.a, "enum value");
            bitPattern = isU64(v.type) && next < 0;
            pastLast = false;
        }
        if (pastLast)
            fail(m, "enum member '" + fi.name + "' would take the value after the last of '" +
                        typeName(t->tag) + "'");
        if (!(u64Tag && bitPattern) && !fitsInt(next, t->tag))
            fail(m, "enum value " + std::to_string(next) + " does not fit in '" + typeName(t->tag) +
                        "'");
        // The Types page: each member names its own value of the tag type.
        for (const FieldInfo& earlier : t->fields) {
            if (earlier.name == fi.name)
                fail(m, "duplicate enum member '" + fi.name + "'");
            if (earlier.value == next)
                fail(m, "enum member '" + fi.name + "' has the value " + std::to_string(next) +
                            ", which '" + earlier.name + "' already has");
        }
        fi.value = next;
        pastLast = next == (u64Tag ? -1 : INT64_MAX);
        if (!pastLast)
            next = int64_t(uint64_t(next) + 1);
        bitPattern = u64Tag && next < 0;
        fi.type = t;
        t->fields.push_back(fi);
    }
    t->name = "enum";
    return mkType(t);
}

Value Analyzer::evalUnary(uint32_t node, TypeP expected) {
    const Node& n = N(node);
    Tok op = ast().tokens.tokens[n.tok].kind;
    if (op == Tok::Amp)
        return addressOf(n.a);
    // An integer literal under '-' is negated as a comptime_int and coerced afterwards, so
    // the minimum of a signed type (`var x: i16 = -32768;`) is accepted.
    const bool negatedIntLiteral = op == Tok::Minus && N(n.a).kind == NK::IntLit;
    negatingLiteral_ = negatedIntLiteral;
    Value v =
        typeOnlyStandIn(eval(n.a, op == Tok::Minus && !negatedIntLiteral ? expected : nullptr));
    negatingLiteral_ = false;
    failIfUndefined(v, n.a, "the operand of", op);
    if (negatedIntLiteral && v.k == VK::Int) {
        const Value negated = v.i == INT64_MIN ? v : mkInt(-v.i, v.type);
        return expected ? coerce(negated, expected, node) : negated;
    }
    if (op == Tok::Bang) {
        if (v.type->k != TK::Bool)
            fail(n.a, "expected type 'bool', found '" + typeName(v.type) + "'");
        if (v.isComptime())
            return mkBool(!v.i);
        uint16_t r = newReg(node);
        emit(sim::Op::LogicalNot, sim::ScalarType::Bool, r, v.reg, kNoReg, 0);
        return mkRuntime(r, types.boolT);
    }
    if (op == Tok::Minus) {
        if (!isNumeric(v.type))
            fail(n.a, "invalid operand type '" + typeName(v.type) + "' for unary '-'");
        if (v.k == VK::Int) {
            // A u64 from 2^63 up is held as its bit pattern, which negates to a positive one.
            if (isU64(v.type) && v.i != 0)
                fail(node, "overflow of integer type 'u64' in comptime arithmetic (-" +
                               std::to_string(uint64_t(v.i)) +
                               "); integers from 2^63 up are u64 here, as this compiler holds "
                               "comptime integers in 64 bits");
            if (v.i == INT64_MIN && v.type->k != TK::Int)
                fail(node, "comptime integer overflow: the result of '-' does not fit in 64 bits "
                           "(this compiler holds comptime integers in 64 bits)");
            if (v.type->k == TK::Int && (v.i == INT64_MIN || !fitsInt(-v.i, v.type)))
                fail(node, "overflow of integer type '" + typeName(v.type) +
                               "' in comptime arithmetic (" +
                               (v.i == INT64_MIN ? std::string("9223372036854775808")
                                                 : std::to_string(-v.i)) +
                               ")");
            return mkInt(-v.i, v.type);
        }
        if (v.k == VK::Float)
            return mkFloat(-v.f, v.type);
        uint16_t r = newReg(node);
        emit(sim::Op::Neg, scalarOf(v.type), r, v.reg, kNoReg, 0);
        wrapToType(r, v.type, node);
        return mkRuntime(r, v.type);
    }
    // ~
    if (!isIntLike(v.type))
        fail(n.a, "invalid operand type '" + typeName(v.type) + "' for '~'");
    if (v.k == VK::Int) {
        if (v.type->k == TK::CInt)
            fail(n.a, "'~' needs an operand of a fixed-size integer type");
        return mkInt(wrapToWidth(~uint64_t(v.i), v.type), v.type);
    }
    uint16_t r = newReg(node);
    emit(sim::Op::BitNot, scalarOf(v.type), r, v.reg, kNoReg, 0);
    wrapToType(r, v.type, node);
    return mkRuntime(r, v.type);
}

static bool isCompare(Tok t) {
    return t == Tok::EqEq || t == Tok::BangEq || t == Tok::Lt || t == Tok::LtEq || t == Tok::Gt ||
           t == Tok::GtEq;
}

// `a and b` / `a or b` with `a` evaluated: b only when it decides (at run time a branch).
Value Analyzer::shortCircuit(Tok op, const Value& a, uint32_t leftNode, uint32_t rightNode,
                             uint32_t node) {
    if (a.type->k != TK::Bool)
        fail(leftNode, "expected type 'bool', found '" + typeName(a.type) + "'");
    failIfUndefined(a, leftNode, "the left operand of", op);
    if (a.isComptime()) {
        if ((op == Tok::KwAnd && !a.i) || (op == Tok::KwOr && a.i))
            return mkBool(a.i);
        Value b = eval(rightNode);
        if (b.type->k != TK::Bool)
            fail(rightNode, "expected type 'bool', found '" + typeName(b.type) + "'");
        failIfUndefined(b, rightNode, "the right operand of", op);
        return b;
    }
    uint16_t r = newReg(node);
    emit(sim::Op::Mov, sim::ScalarType::Bool, r, a.reg, kNoReg, 0);
    size_t j = emit(op == Tok::KwAnd ? sim::Op::JumpIfNot : sim::Op::JumpIf, sim::ScalarType::Bool,
                    kNoReg, r, kNoReg, 0);
    RuntimeControl rightSide(fr_);
    Value b = eval(rightNode);
    if (b.type->k != TK::Bool)
        fail(rightNode, "expected type 'bool', found '" + typeName(b.type) + "'");
    emit(sim::Op::Mov, sim::ScalarType::Bool, r, toReg(b, rightNode), kNoReg, 0);
    patch(j, here());
    return mkRuntime(r, types.boolT);
}

Value Analyzer::evalBinary(uint32_t node, TypeP expected) {
    const auto logical = [&](uint32_t m) {
        const Tok op = ast().tokens.tokens[N(m).tok].kind;
        return op == Tok::KwAnd || op == Tok::KwOr;
    };
    // One operator applied to `a`, the value of node m's left operand.
    const auto step = [&](const Value& a, uint32_t m, TypeP resultType) {
        const Node& mn = N(m);
        const Tok op = ast().tokens.tokens[mn.tok].kind;
        if (logical(m))
            return shortCircuit(op, a, mn.a, mn.b, m);
        // Operands are typed by each other (peer resolution), not by the context, so
        // `return 1 + x / 401;` keeps 401 a comptime_int that adapts to x. A shift amount
        // keeps its own type (it must be unsigned, whatever the shifted type).
        const bool shift = op == Tok::Shl || op == Tok::Shr;
        Value b = eval(mn.b, a.isComptime() || shift ? nullptr : a.type);
        return binop(op, a, b, m, resultType);
    };
    const auto continuesChain = [&](uint32_t left) {
        return N(left).kind == NK::Binary && logical(left) == logical(node);
    };
    if (!continuesChain(N(node).a))
        return step(eval(N(node).a), node, expected);
    // A chain `a + b + c + ...` parses as a left spine of binary nodes; it is evaluated in
    // a loop from its innermost operand out, as a recursion as deep as a generated
    // 10,000-term sum would overflow the stack. `and`/`or` chains likewise.
    std::vector<uint32_t> spine{node};
    for (uint32_t left = N(node).a; continuesChain(left); left = N(left).a)
        spine.push_back(left);
    Value a = eval(N(spine.back()).a);
    for (size_t i = spine.size(); i-- > 0;)
        a = step(a, spine[i], i == 0 ? expected : nullptr);
    return a;
}

Value Analyzer::foldBinary(Tok op, const Value& a, const Value& b, TypeP t, uint32_t node) {
    if (isCompare(op)) {
        int c = 0;
        if (a.k == VK::Float || b.k == VK::Float) {
            double x = a.k == VK::Float ? a.f : comptimeIntToDouble(a);
            double y = b.k == VK::Float ? b.f : comptimeIntToDouble(b);
            // IEEE: a NaN is unordered, unequal even to itself (it compared equal).
            if (std::isnan(x) || std::isnan(y))
                return mkBool(op == Tok::BangEq);
            c = x < y ? -1 : x > y ? 1 : 0;
        } else if ((isU64(a.type) || isU64(b.type)) && a.k != VK::String && a.k != VK::Type) {
            // Unsigned against unsigned; a negative comptime_int is below every u64.
            const bool aNeg = !isU64(a.type) && a.i < 0, bNeg = !isU64(b.type) && b.i < 0;
            if (aNeg || bNeg)
                c = aNeg && bNeg ? (a.i < b.i ? -1 : a.i > b.i ? 1 : 0) : aNeg ? -1 : 1;
            else
                c = uint64_t(a.i) < uint64_t(b.i) ? -1 : uint64_t(a.i) > uint64_t(b.i) ? 1 : 0;
        } else if (a.k == VK::String && b.k == VK::String) {
            c = a.s.compare(b.s);
            c = c < 0 ? -1 : c > 0 ? 1 : 0;
        } else if (a.k == VK::Type && b.k == VK::Type) {
            c = sameType(a.tv, b.tv) ? 0 : 1;
        } else {
            c = a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
        }
        switch (op) {
        case Tok::EqEq:
            return mkBool(c == 0);
        case Tok::BangEq:
            return mkBool(c != 0);
        case Tok::Lt:
            return mkBool(c < 0);
        case Tok::LtEq:
            return mkBool(c <= 0);
        case Tok::Gt:
            return mkBool(c > 0);
        default:
            return mkBool(c >= 0);
        }
    }
    if (a.k == VK::Float || b.k == VK::Float || t->k == TK::Float || t->k == TK::CFloat) {
        double x = a.k == VK::Float ? a.f : double(a.i);
        double y = b.k == VK::Float ? b.f : double(b.i);
        double r = 0;
        switch (op) {
        case Tok::Plus:
            r = x + y;
            break;
        case Tok::Minus:
            r = x - y;
            break;
        case Tok::Star:
            r = x * y;
            break;
        case Tok::Slash:
            if (y == 0 && t->k == TK::CFloat)
                fail(node, "division by zero");
            r = x / y;
            break;
        case Tok::Percent:
            r = std::fmod(x, y);
            break;
        default:
            fail(node, std::string("invalid operator '") + tokSpelling(op) +
                           "' for floating-point operands");
        }
        // The Types page, comptime_float: "If an operation performs division by zero or
        // generates a NaN value, an error is emitted" (inf - inf gave a NaN).
        if (t->k == TK::CFloat && std::isnan(r) && !std::isnan(x) && !std::isnan(y))
            fail(node,
                 std::string("comptime_float '") + tokSpelling(op) + "' generates a NaN value");
        // mkFloat rounds a typed result to its format.
        return mkFloat(r, t->k == TK::Float ? t : types.cfloatT);
    }
    int64_t x = a.i, y = b.i, r = 0;
    // comptime_int "never underflow or overflow" (the Types page); ours hold 64 bits, so a
    // result past them is an error rather than a wrapped value.
    // A fixed-size type's overflow (an i64's too) is the program's; only a comptime_int past
    // 64 bits is this compiler's limit.
    const auto overflow = [&] {
        if (t->k == TK::Int)
            fail(node, "overflow of integer type '" + typeName(t) + "' in comptime arithmetic ('" +
                           tokSpelling(op) + "')");
        fail(node, std::string("comptime integer overflow: the result of '") + tokSpelling(op) +
                       "' does not fit in 64 bits (this compiler holds comptime integers in "
                       "64 bits)");
    };
    // u64 arithmetic on the bit patterns, checked against u64's own range.
    const bool wideUnsigned = isU64(t);
    const auto u64Overflow = [&] {
        fail(node, std::string("overflow of integer type 'u64' in comptime arithmetic ('") +
                       tokSpelling(op) + "')");
    };
    uint64_t ur = 0;
    switch (op) {
    case Tok::Plus:
        if (wideUnsigned ? __builtin_add_overflow(uint64_t(x), uint64_t(y), &ur)
                         : __builtin_add_overflow(x, y, &r))
            wideUnsigned ? u64Overflow() : overflow();
        break;
    case Tok::Minus:
        if (wideUnsigned ? __builtin_sub_overflow(uint64_t(x), uint64_t(y), &ur)
                         : __builtin_sub_overflow(x, y, &r))
            wideUnsigned ? u64Overflow() : overflow();
        break;
    case Tok::Star:
        if (wideUnsigned ? __builtin_mul_overflow(uint64_t(x), uint64_t(y), &ur)
                         : __builtin_mul_overflow(x, y, &r))
            wideUnsigned ? u64Overflow() : overflow();
        break;
    case Tok::Slash:
    case Tok::Percent:
        if (y == 0)
            fail(node, "division by zero");
        // The quotient of the lowest i64 by -1 does not fit; the remainder is 0 (x86 faults
        // on both).
        if (x == INT64_MIN && y == -1 && !wideUnsigned && op == Tok::Slash)
            overflow();
        if (y == -1 && !wideUnsigned) {
            r = op == Tok::Slash ? -x : 0;
        } else if (t->k == TK::CInt || t->isSigned) {
            r = op == Tok::Slash ? x / y : x % y;
        } else {
            r = op == Tok::Slash ? int64_t(uint64_t(x) / uint64_t(y))
                                 : int64_t(uint64_t(x) % uint64_t(y));
        }
        break;
    case Tok::Amp:
        r = x & y;
        break;
    case Tok::Pipe:
        r = x | y;
        break;
    case Tok::Caret:
        r = x ^ y;
        break;
    case Tok::Shl:
        if (y < 0 || y >= 64 || (t->k == TK::Int && y >= t->bits))
            fail(node, "shift amount " + std::to_string(y) + " is out of range" +
                           (t->k == TK::Int ? " for '" + typeName(t) + "' (0-" +
                                                  std::to_string(t->bits - 1) + ")"
                                            : std::string()));
        r = int64_t(uint64_t(x) << y);
        if (t->k == TK::CInt && (r >> y) != x)
            overflow();
        break;
    case Tok::Shr:
        if (y < 0 || y >= 64 || (t->k == TK::Int && y >= t->bits))
            fail(node, "shift amount " + std::to_string(y) + " is out of range" +
                           (t->k == TK::Int ? " for '" + typeName(t) + "' (0-" +
                                                  std::to_string(t->bits - 1) + ")"
                                            : std::string()));
        r = (t->k == TK::CInt || t->isSigned) ? x >> y : int64_t(uint64_t(x) >> y);
        break;
    default:
        fail(node, std::string("invalid operator '") + tokSpelling(op) + "'");
    }
    if (wideUnsigned && (op == Tok::Plus || op == Tok::Minus || op == Tok::Star))
        return mkInt(int64_t(ur), t);
    if (wideUnsigned && (op == Tok::Slash || op == Tok::Percent || op == Tok::Shr))
        return mkInt(r, t); // unsigned already, and never larger than x
    if (t->k == TK::Int) {
        if (op == Tok::Shl || op == Tok::Amp || op == Tok::Pipe || op == Tok::Caret) {
            r = wrapToWidth(uint64_t(r), t);
        } else if (!fitsInt(r, t)) {
            fail(node, "overflow of integer type '" + typeName(t) + "' in comptime arithmetic (" +
                           std::to_string(r) + ")");
        }
        return mkInt(r, t);
    }
    return mkInt(r);
}

Value Analyzer::binop(Tok op, Value a, Value b, uint32_t node, TypeP expected) {
    (void)expected;
    a = typeOnlyStandIn(a);
    b = typeOnlyStandIn(b);
    failIfUndefined(a, node, "the left operand of", op);
    failIfUndefined(b, node, "the right operand of", op);
    bool cmp = isCompare(op);
    bool shift = op == Tok::Shl || op == Tok::Shr;
    // Comparisons of non-numeric comptime values (types, strings, enums, handles, bools).
    if (cmp && a.isComptime() && b.isComptime() &&
        (a.k == VK::Type || a.k == VK::String || a.k == VK::Bool || a.k == VK::Handle ||
         a.k == VK::EnumV)) {
        // The Syntax page's operator table: orderings take "Integers, floats"; colors, task
        // IDs, queues and directions only == and != (compare @get_int values instead).
        if (op != Tok::EqEq && op != Tok::BangEq)
            fail(node, std::string("operator '") + tokSpelling(op) + "' is not defined for type '" +
                           typeName(a.type) + "'" +
                           (a.k == VK::Handle ? " (compare their @get_int values)" : ""));
        // The Syntax page: "both operands must have exactly the same type, unless one of
        // them is a comptime_int"; the Types page compares enums "of the same enumeration
        // type". (A bool equalled an i16 and an enum member its integer at comptime only.)
        const bool bareEnum =
            (a.k == VK::EnumV && a.s.empty()) || (b.k == VK::EnumV && b.s.empty());
        if (a.k != b.k || (a.k == VK::Handle && !sameType(a.type, b.type)) ||
            (a.k == VK::EnumV && !bareEnum && !sameType(a.type, b.type) &&
             !sameEnumShape(a.type, b.type)))
            fail(node, std::string("incompatible types for binary '") + tokSpelling(op) + "': '" +
                           typeName(a.type) + "' and '" + typeName(b.type) + "'");
        if (a.k == VK::EnumV && b.k == VK::EnumV &&
            (a.s.empty() || b.s.empty() || a.type == b.type)) {
            if (!a.s.empty() && !b.s.empty())
                return foldBinary(op, mkString(a.s), mkString(b.s), types.stringT, node);
        }
        return foldBinary(op, a, b, types.cintT, node);
    }
    if (a.k == VK::EnumV && a.isComptime() && !b.isComptime() && b.type->k == TK::Enum)
        a = coerce(a, b.type, node);
    if (b.k == VK::EnumV && b.isComptime() && !a.isComptime() && a.type->k == TK::Enum)
        b = coerce(b, a.type, node);
    const bool equality = op == Tok::EqEq || op == Tok::BangEq;
    auto numericOk = [&](TypeP t) {
        return isNumeric(t) || (cmp && (t->k == TK::Bool || t->k == TK::Enum || t->k == TK::Ptr)) ||
               (equality && t->k == TK::Handle);
    };
    // The Syntax page's operator table: "Remainder of division" takes "Integers".
    if (op == Tok::Percent && (a.type->k == TK::Float || a.type->k == TK::CFloat ||
                               b.type->k == TK::Float || b.type->k == TK::CFloat))
        fail(node, "invalid operands to binary '%' ('" + typeName(a.type) + "' and '" +
                       typeName(b.type) + "'): the remainder takes integers");
    if (!numericOk(a.type) || !numericOk(b.type)) {
        fail(node, std::string("invalid operands to binary '") + tokSpelling(op) + "' ('" +
                       typeName(a.type) + "' and '" + typeName(b.type) + "')");
    }
    // Result type (peer resolution): comptime_int adapts to the other operand.
    TypeP t = nullptr;
    if (shift) {
        // The SDK's operator table: `a << b` and `a >> b` take "Integers", and "b must be
        // unsigned" (a float amount shifted by its bits).
        if (b.type->k == TK::Float || b.type->k == TK::CFloat)
            fail(node, std::string("the shift amount of '") + tokSpelling(op) +
                           "' must be an unsigned integer, found '" + typeName(b.type) + "'");
        if (b.type->k == TK::Int && b.type->isSigned)
            fail(node, std::string("the shift amount of '") + tokSpelling(op) +
                           "' must be unsigned, found '" + typeName(b.type) + "'");
        t = a.type;
    } else if (sameType(a.type, b.type)) {
        t = a.type;
    } else if (a.type->k == TK::CInt || a.type->k == TK::CFloat) {
        t = b.type->k == TK::CInt || b.type->k == TK::CFloat
                ? (a.type->k == TK::CFloat || b.type->k == TK::CFloat ? types.cfloatT : types.cintT)
                : b.type;
    } else if (b.type->k == TK::CInt || b.type->k == TK::CFloat) {
        t = a.type;
    } else if (tensorAccessMode_ && a.isComptime() && b.isComptime() && isIntLike(a.type) &&
               isIntLike(b.type)) {
        // A tensor access's address: its indices (i16 here) meet offsets of any integer
        // type, and the address is exact integer arithmetic.
        t = types.cintT;
    } else if (TypeP wide = widenedPeerType(a.type, b.type)) {
        // The Types page (SDK 2.x), "Peer Type Resolution": it occurs for "Binary
        // operations between compatible types (addition, subtraction, comparison, etc.)",
        // and "i16 can be widened to i32, and f16 can be widened to f32".
        t = wide;
        a = coerce(a, t, node);
        b = coerce(b, t, node);
    } else {
        fail(node, std::string("incompatible types for binary '") + tokSpelling(op) + "': '" +
                       typeName(a.type) + "' and '" + typeName(b.type) + "'");
    }
    if (!shift) {
        if (a.isComptime() && t->k != TK::CInt && t->k != TK::CFloat)
            a = coerce(a, t, node);
        if (b.isComptime() && t->k != TK::CInt && t->k != TK::CFloat)
            b = coerce(b, t, node);
    }
    if (t->k == TK::Float && (op == Tok::Amp || op == Tok::Pipe || op == Tok::Caret || shift ||
                              (op == Tok::Percent && false)))
        fail(node,
             std::string("invalid operator '") + tokSpelling(op) + "' for floating-point operands");
    if (t->k == TK::Bool && !(op == Tok::EqEq || op == Tok::BangEq))
        fail(node, std::string("invalid operator '") + tokSpelling(op) + "' for type 'bool'");
    // The Types page: enums "can be compared using the == and != operators" (the comptime
    // path refused the others; run time ordered the tags).
    if (t->k == TK::Enum && !(op == Tok::EqEq || op == Tok::BangEq))
        fail(node, std::string("operator '") + tokSpelling(op) + "' is not defined for type '" +
                       typeName(t) + "'");
    if (a.isComptime() && b.isComptime())
        return foldBinary(op, a, b, t, node);
    if (!runtime())
        fail(node, "operands must be comptime-known here");
    // A divisor or shift amount known at compile time to be out of range makes every
    // execution fault (a division by zero) or push out every bit: refused, as when both
    // operands are comptime-known.
    if ((op == Tok::Slash || op == Tok::Percent) && b.isComptime() && b.k == VK::Int && b.i == 0 &&
        t->k != TK::Float && t->k != TK::CFloat)
        fail(N(node).b, "division by zero");
    if (shift && b.isComptime() && b.k == VK::Int && a.type->k == TK::Int &&
        (b.i < 0 || uint64_t(b.i) >= a.type->bits))
        fail(N(node).b, "shift amount " + std::to_string(b.i) + " is out of range for '" +
                            typeName(a.type) + "' (0-" + std::to_string(a.type->bits - 1) + ")");
    if (t->k == TK::CInt)
        t = types.i32;
    if (t->k == TK::CFloat)
        t = types.f32;
    if (shift && b.isComptime())
        b = coerce(b, b.type->k == TK::CInt ? types.u16 : b.type, node);
    uint16_t ra = toReg(a.isComptime() ? coerce(a, t, node) : a, node);
    uint16_t rb = toReg(b, node);
    sim::Op o;
    switch (op) {
    case Tok::Plus:
        o = sim::Op::Add;
        break;
    case Tok::Minus:
        o = sim::Op::Sub;
        break;
    case Tok::Star:
        o = sim::Op::Mul;
        break;
    case Tok::Slash:
        o = sim::Op::Div;
        break;
    case Tok::Percent:
        o = sim::Op::Rem;
        break;
    case Tok::Amp:
        o = sim::Op::BitAnd;
        break;
    case Tok::Pipe:
        o = sim::Op::BitOr;
        break;
    case Tok::Caret:
        o = sim::Op::BitXor;
        break;
    case Tok::Shl:
        o = sim::Op::Shl;
        break;
    case Tok::Shr:
        o = sim::Op::Shr;
        break;
    case Tok::EqEq:
        o = sim::Op::CmpEq;
        break;
    case Tok::BangEq:
        o = sim::Op::CmpNe;
        break;
    case Tok::Lt:
        o = sim::Op::CmpLt;
        break;
    case Tok::LtEq:
        o = sim::Op::CmpLe;
        break;
    case Tok::Gt:
        o = sim::Op::CmpGt;
        break;
    case Tok::GtEq:
        o = sim::Op::CmpGe;
        break;
    default:
        fail(node, "invalid binary operator");
    }
    uint16_t r = newReg(node);
    emit(o, scalarOf(t), r, ra, rb, 0);
    if (!cmp)
        wrapToType(r, t, node);
    return mkRuntime(r, cmp ? types.boolT : t);
}

// ---- places -------------------------------------------------------------------------

Place Analyzer::place(uint32_t node) {
    // A large aggregate value (a call's result, a capture) is indexed, read by field and
    // addressed where its snapshot lies.
    const Place p = placeOf(node);
    if (p.k == Place::K::Value && p.value.k == VK::MemAgg)
        return memoryAggregatePlace(p.value, false);
    return p;
}

Place Analyzer::placeOf(uint32_t node) {
    const Node& n = N(node);
    switch (n.kind) {
    case NK::Grouped:
        return place(n.a);
    case NK::Ident: {
        const uint32_t name = tokId(n.tok);
        Binding* b = nullptr;
        Place p;
        Value& v = p.value;
        if (!lookup(name, &b, v, node))
            failUndeclared(node, nameOf(name));
        if (b) {
            p.type = b->type;
            p.mut = b->mut;
            switch (b->k) {
            case Binding::K::Val:
                if (b->mut) {
                    p.k = Place::K::Slot;
                    p.slot = &b->val;
                    p.slotControlDepth = b->controlDepth;
                    p.slotAnonStructTyped = b->anonStructTyped;
                    p.type = b->type ? b->type : b->val.type;
                } else {
                    p.k = Place::K::Value;
                    p.value = b->val;
                    p.type = b->val.type;
                }
                return p;
            case Binding::K::Reg:
                p.k = Place::K::Reg;
                p.reg = b->reg;
                return p;
            case Binding::K::Mem:
                p.k = Place::K::Mem;
                p.addrImm = b->addr;
                p.addrReg = b->reg;
                return p;
            case Binding::K::DsdReg:
                p.k = Place::K::DsdReg;
                p.reg = b->reg;
                p.value.readOnlyMemory = b->val.readOnlyMemory;
                return p;
            case Binding::K::DsdMem:
                p.k = Place::K::DsdMem;
                p.addrImm = b->addr;
                return p;
            }
        }
        Decl* d = findDecl(fr_->mod, name);
        if (d)
            noteReference(*d);
        if (d && d->isVar) {
            p.value = Value{};
            p.type = d->type;
            p.mut = true;
            p.k = d->dsdVar ? Place::K::DsdMem : Place::K::Mem;
            p.addrImm = d->address;
            return p;
        }
        p.k = Place::K::Value;
        p.type = v.type;
        if (d && !d->isFn) {
            p.decl = d;
            p.declMod = fr_->mod;
        }
        return p;
    }
    case NK::Index:
        return indexPlace(place(n.a), node);
    case NK::Field:
        return fieldPlace(place(n.a), tokStr(n.tok), node, n.a);
    case NK::BuiltinCall:
        // `@field(s, "name")` names a field as `s.name` does, also to assign it (the SDK's
        // Builtins page: "A call to @field can also be used as the left-hand side of an
        // assignment").
        if (tokStr(n.tok) == "@field" && L(node).size() == 2) {
            const auto args = L(node);
            const Value nameV = evalComptime(args[1], nullptr, "field name");
            if (nameV.k != VK::String)
                fail(args[1], "@field expects a comptime string field name");
            return fieldPlace(place(args[0]), nameV.s, node, args[0]);
        }
        {
            Place p;
            p.k = Place::K::Value;
            p.value = eval(node);
            p.type = p.value.type;
            return p;
        }
    case NK::Deref: {
        Value pv = eval(n.a);
        if (pv.type->k != TK::Ptr)
            fail(node, "cannot dereference a value of type '" + typeName(pv.type) + "'");
        // The SDK's Types page: "Dereferencing a pointer to an unknown number of elements is
        // not allowed. The access operator [] must be used instead".
        if (pv.type->many)
            fail(node, "cannot dereference a many-item pointer of type '" + typeName(pv.type) +
                           "'; index it instead");
        if (pv.type->elem->k == TK::Opaque)
            fail(node, "cannot dereference a pointer to anyopaque; @ptrcast it to a typed "
                       "pointer first");
        // A function pointer dereferenced is its function: `fp.*(3)` calls what fp points
        // to (it read a word of memory at the function's index and called that).
        if (pv.type->elem->k == TK::Fn) {
            Place f;
            f.k = Place::K::Value;
            f.value = pv;
            if (pv.k == VK::Fn)
                f.value.type = pv.type->elem;
            f.type = f.value.type;
            return f;
        }
        Place q;
        q.k = Place::K::Mem;
        q.type = pv.type->elem;
        q.mut = !pv.type->isConst;
        if (pv.isComptime())
            q.addrImm = pv.i;
        else
            q.addrReg = pv.reg;
        return q;
    }
    default: {
        Place p;
        p.k = Place::K::Value;
        p.value = eval(node);
        p.type = p.value.type;
        return p;
    }
    }
}

// The place of field `fname` of `base` (the place of the expression `baseNode`): a struct in
// memory (also through a pointer to a struct), a comptime variable's field, a module member
// or a comptime value's field.
Place Analyzer::fieldPlace(Place base, const std::string& fname, uint32_t node, uint32_t baseNode) {
    TypeP bt = base.type;
    // Auto-dereference a pointer to a struct.
    // A const pointer (`const bp: *S = &s;`) is a comptime value, not a place.
    const bool ptrValue =
        base.k == Place::K::Value && (base.value.k == VK::Ptr || base.value.k == VK::Runtime);
    if ((base.k != Place::K::Value || ptrValue) && bt && bt->k == TK::Ptr &&
        bt->elem->k == TK::Struct) {
        Value pv = ptrValue ? base.value : load(base, baseNode);
        Place q;
        q.k = Place::K::Mem;
        q.type = bt->elem;
        q.mut = !bt->isConst;
        if (pv.isComptime())
            q.addrImm = pv.i;
        else
            q.addrReg = pv.reg;
        base = q;
        bt = q.type;
    }
    if (base.k == Place::K::Mem && bt && bt->k == TK::Array && fname == "len") {
        Place q;
        q.k = Place::K::Value;
        q.value = mkInt(bt->dims.empty() ? 0 : bt->dims[0]);
        q.type = q.value.type;
        return q;
    }
    if (base.k == Place::K::Mem && bt && bt->k == TK::Struct) {
        for (const FieldInfo& f : bt->fields) {
            if (f.name == fname)
                return memberPlace(base, f);
        }
        fail(node, "no field named '" + fname + "' in '" + typeName(bt) + "'" +
                       didYouMean(fname, fieldNames(bt)));
    }
    if (base.k == Place::K::Slot && base.slot->k == VK::Undef && base.slot->type &&
        base.slot->type->k == TK::Struct)
        *base.slot = undefinedAggregate(base.slot->type);
    if (base.k == Place::K::Slot && base.slot->k == VK::Agg) {
        if (bt && bt->isUnion && !base.slot->field(fname)) {
            if (const FieldInfo* f = unionField(bt, fname))
                *base.slot = unionAs(*base.slot, *f, node);
        }
        Value* fv = nullptr;
        for (size_t i = 0; base.slot->names && i < base.slot->names->size(); ++i) {
            if ((*base.slot->names)[i] == fname)
                fv = &ownElems(*base.slot)[i];
        }
        if (!fv)
            fail(node, "no field named '" + fname + "' in '" + typeName(bt) + "'" +
                           didYouMean(fname, fieldNames(*base.slot)));
        Place q;
        q.k = Place::K::Slot;
        q.slotControlDepth = base.slotControlDepth;
        q.slot = fv;
        q.type = fv->type;
        q.mut = true;
        return q;
    }
    Value bv = base.k == Place::K::Value ? base.value : load(base, baseNode);
    if (bv.k == VK::Module && bv.mod && bv.mod->lib.empty()) {
        Module* m = bv.mod;
        Decl* d = findDecl(m, fname);
        if (!d) {
            if (const std::optional<std::string> why = refusedLibraryMember(m->path, fname))
                fail(node, *why);
            fail(node, "module '" + m->path + "' has no member named '" + fname + "'" +
                           didYouMean(fname, m->declNames()));
        }
        noteReference(*d);
        if (d->isVar) {
            resolveDecl(m, *d, node);
            Place q;
            q.type = d->type;
            q.mut = true;
            q.k = d->dsdVar ? Place::K::DsdMem : Place::K::Mem;
            q.addrImm = d->address;
            return q;
        }
        Place q;
        q.k = Place::K::Value;
        q.value = resolveDecl(m, *d, node);
        q.type = q.value.type;
        if (!d->isFn) {
            q.decl = d;
            q.declMod = m;
        }
        return q;
    }
    Place q;
    q.k = Place::K::Value;
    q.value = evalFieldOf(bv, fname, node, baseNode);
    q.type = q.value.type;
    return q;
}

Value Analyzer::evalFieldOf(const Value& bv, const std::string& fname, uint32_t node,
                            uint32_t baseNode) {
    (void)baseNode;
    if (bv.k == VK::Module)
        return libMember(bv.mod, fname, node);
    if (bv.k == VK::Agg) {
        if (const Value* f = bv.field(fname))
            return *f;
        if (bv.type && bv.type->isUnion) {
            if (const FieldInfo* f = unionField(bv.type, fname))
                return (*unionAs(bv, *f, node).elems)[0];
        }
        if (fname == "len" && !bv.names)
            return mkInt(int64_t(bv.elems->size()));
        fail(node, "no field named '" + fname + "' in '" + typeName(bv.type) + "'" +
                       didYouMean(fname, fieldNames(bv)));
    }
    // A variable's field under @type_of (its value unread): a value of the field's type.
    if (bv.k == VK::Undef && bv.type && bv.type->k == TK::Struct) {
        for (const FieldInfo& f : bv.type->fields) {
            if (f.name == fname) {
                Value typed;
                typed.k = VK::Undef;
                typed.type = f.type;
                return typed;
            }
        }
    }
    if (bv.k == VK::Type) {
        TypeP t = bv.tv;
        if (t->k == TK::Enum) {
            for (const FieldInfo& m : t->fields) {
                if (m.name == fname) {
                    Value e;
                    e.k = VK::EnumV;
                    e.s = fname;
                    e.i = m.value;
                    e.type = t;
                    return e;
                }
            }
            fail(node, "enum '" + typeName(t) + "' has no member named '" + fname + "'" +
                           didYouMean(fname, fieldNames(t)));
        }
        fail(node, "type '" + typeName(t) + "' has no member named '" + fname + "'");
    }
    if (bv.k == VK::Range) {
        if (fname == "start")
            return (*bv.elems)[0];
        if (fname == "stop")
            return (*bv.elems)[1];
        if (fname == "step")
            return (*bv.elems)[2];
    }
    if (bv.k == VK::String && fname == "len")
        return mkInt(int64_t(bv.s.size()));
    if (bv.type && bv.type->k == TK::Array && fname == "len")
        return mkInt(bv.type->dims.empty() ? 0 : bv.type->dims[0]);
    fail(node, "no field named '" + fname + "' in '" + typeName(bv.type) + "'" +
                   didYouMean(fname, fieldNames(bv.type)));
}

Place Analyzer::indexPlace(Place base, uint32_t node, const std::vector<Value>* indices) {
    const Node& n = N(node);
    auto idxList = L(node);
    // A comptime array value: index at comptime, or give it storage for runtime indexing.
    if (base.k == Place::K::Value || base.k == Place::K::Slot) {
        Value& bv = base.k == Place::K::Slot ? *base.slot : base.value;
        if (base.k == Place::K::Slot && bv.k == VK::Undef && bv.type && bv.type->k == TK::Array)
            bv = undefinedAggregate(bv.type);
        if (tensorAccessMode_ && base.decl && bv.type && bv.type->k == TK::Array) {
            ensureStorage(base.declMod, *base.decl, node);
            Place q;
            q.k = Place::K::Mem;
            q.type = bv.type;
            q.addrImm = base.decl->address;
            return indexPlace(q, node);
        }
        if (bv.k == VK::Agg || bv.k == VK::String) {
            std::vector<Value> idx;
            bool allComptime = true;
            for (uint32_t i : idxList) {
                idx.push_back(eval(i));
                allComptime = allComptime && idx.back().isComptime();
            }
            if (allComptime) {
                // Into a comptime variable (Slot) the elements are made its own on the way,
                // since the place may be assigned; a value (Value) is only read.
                const bool slot = base.k == Place::K::Slot;
                Value* cur = &bv;
                for (size_t k = 0; k < idx.size(); ++k) {
                    int64_t i = asInt(idx[k], idxList[k], "index");
                    if (cur->k == VK::String) {
                        if (i < 0 || size_t(i) >= cur->s.size())
                            fail(idxList[k], "index " + std::to_string(i) +
                                                 " is out of bounds for a string of length " +
                                                 std::to_string(cur->s.size()));
                        Place q;
                        q.k = Place::K::Value;
                        q.value = mkInt(static_cast<unsigned char>(cur->s[size_t(i)]), types.u8);
                        q.type = types.u8;
                        return q;
                    }
                    if (cur->k != VK::Agg)
                        fail(node, "too many indices");
                    // The Types page: a struct with named fields "is not a tuple type".
                    if (cur->hasNamedFields())
                        fail(idxList[k], "cannot index a struct with named fields ('" +
                                             (*cur->names)[0] +
                                             "', ...); only tuples and arrays are indexed");
                    if (i < 0 || size_t(i) >= cur->elems->size())
                        fail(idxList[k], "index " + std::to_string(i) +
                                             " is out of bounds for array of length " +
                                             std::to_string(cur->elems->size()));
                    cur = slot ? &ownElems(*cur)[size_t(i)]
                               : const_cast<Value*>(&(*cur->elems)[size_t(i)]); // read only
                }
                Place q;
                if (base.k == Place::K::Slot) {
                    q.k = Place::K::Slot;
                    q.slotControlDepth = base.slotControlDepth;
                    q.slot = cur;
                    q.mut = true;
                } else {
                    q.k = Place::K::Value;
                    q.value = *cur;
                }
                q.type = cur->type;
                return q;
            }
            if (base.decl && bv.type && bv.type->k == TK::Array) {
                ensureStorage(base.declMod, *base.decl, node);
                Place q;
                q.k = Place::K::Mem;
                q.type = bv.type;
                q.addrImm = base.decl->address;
                q.mut = false;
                return indexPlace(q, node, &idx);
            }
            if (base.k == Place::K::Value && bv.k == VK::Agg && bv.type &&
                bv.type->k == TK::Array && runtime()) {
                return indexPlace(readOnlyCopy(bv, bv.type, node), node, &idx);
            }
            fail(node, "index into a comptime value must be comptime-known");
        }
        if (bv.k == VK::Ptr || bv.k == VK::Runtime) {
            // indexing through a pointer value
        } else if (bv.k == VK::Type) {
            // `i16[4]`, C's order (h-diag8).
            fail(n.a, "cannot index a type; an array type is written with its length first, "
                      "as in '[4]" +
                          typeName(bv.tv) + "'");
        } else {
            fail(n.a, "cannot index a value of type '" + typeName(bv.type) + "'");
        }
    }
    TypeP bt = base.type;
    Place q;
    q.k = Place::K::Mem;
    q.mut = base.mut;
    TypeP arr = nullptr;
    if (bt && bt->k == TK::Array && base.k == Place::K::Mem) {
        q.addrImm = base.addrImm;
        q.addrReg = base.addrReg;
        arr = bt;
    } else if (bt && bt->k == TK::Ptr) {
        Value pv = load(base, n.a);
        TypeP el = bt->elem;
        q.mut = !bt->isConst;
        if (pv.isComptime())
            q.addrImm = pv.i;
        else
            q.addrReg = pv.reg;
        if (!bt->many && el->k == TK::Array) {
            arr = el;
        } else if (bt->many) {
            arr = types.array(el, {0xffffffffu});
        } else {
            fail(node, "cannot index a single-item pointer of type '" + typeName(bt) + "'");
        }
    } else {
        fail(n.a, "cannot index a value of type '" + typeName(bt) + "'");
    }
    if (idxList.size() > arr->dims.size())
        fail(node, "too many indices for array of type '" + typeName(arr) + "'");
    // Row-major: stride of dimension k is the product of the later dimensions.
    uint32_t elemSize = sizeOf(arr->elem);
    for (size_t k = 0; k < idxList.size(); ++k) {
        uint64_t stride = elemSize;
        for (size_t j = k + 1; j < arr->dims.size(); ++j)
            stride *= arr->dims[j];
        Value iv = indices ? (*indices)[k] : eval(idxList[k]);
        if (!isIntLike(iv.type))
            fail(idxList[k], "array index must be an integer, found '" + typeName(iv.type) + "'");
        if (iv.isComptime()) {
            if (!tensorAccessMode_ && arr->dims[k] != 0xffffffffu &&
                (iv.i < 0 || iv.i >= int64_t(arr->dims[k])))
                fail(idxList[k], "index " + std::to_string(iv.i) +
                                     " is out of bounds for array of length " +
                                     std::to_string(arr->dims[k]));
            q.addrImm += iv.i * int64_t(stride);
            continue;
        }
        if (!runtime())
            fail(idxList[k], "index must be comptime-known here");
        uint16_t ir = iv.reg;
        if (scalarOf(iv.type) != sim::ScalarType::I32) {
            uint16_t c = newReg(node);
            emit(sim::Op::Convert, sim::ScalarType::I32, c, ir, kNoReg, int32_t(scalarOf(iv.type)));
            ir = c;
        }
        if (stride != 1) {
            uint16_t s = newReg(node);
            emit(sim::Op::Imm, sim::ScalarType::I32, s, kNoReg, kNoReg, int32_t(stride));
            uint16_t m = newReg(node);
            emit(sim::Op::Mul, sim::ScalarType::I32, m, ir, s, 0);
            ir = m;
        }
        if (q.addrReg != kNoReg) {
            uint16_t a = newReg(node);
            emit(sim::Op::Add, sim::ScalarType::I32, a, q.addrReg, ir, 0);
            q.addrReg = a;
        } else {
            q.addrReg = ir;
        }
    }
    if (idxList.size() == arr->dims.size())
        q.type = arr->elem;
    else
        q.type =
            types.array(arr->elem, std::vector<uint32_t>(arr->dims.begin() + long(idxList.size()),
                                                         arr->dims.end()));
    return q;
}

Value Analyzer::load(const Place& p, uint32_t node) {
    if (typeOnly_ && !runtime() &&
        (p.k == Place::K::Reg || p.k == Place::K::DsdMem || p.k == Place::K::Mem)) {
        Value typed;
        typed.k = VK::Undef;
        typed.type = p.type;
        return typed;
    }
    switch (p.k) {
    case Place::K::Value:
        return p.value;
    case Place::K::Slot:
        return *p.slot;
    case Place::K::Reg:
        if (!runtime())
            fail(node, "cannot read a runtime variable in a comptime context");
        return mkRuntime(p.reg, p.type);
    case Place::K::DsdReg: {
        Value d;
        d.k = VK::RuntimeDsd;
        d.reg = p.reg;
        d.type = p.type;
        d.readOnlyMemory = p.value.readOnlyMemory;
        return d;
    }
    case Place::K::DsdMem: {
        if (!runtime())
            fail(node, "cannot read a runtime variable in a comptime context");
        uint16_t d = newDsdReg();
        emit(sim::Op::DsdLoad, sim::ScalarType::Void, d, kNoReg, kNoReg, int32_t(p.addrImm));
        Value v;
        v.k = VK::RuntimeDsd;
        v.reg = d;
        v.type = p.type;
        return v;
    }
    case Place::K::Mem:
        if (p.container && runtime())
            return loadBitField(p, node);
        if (p.type->k == TK::Struct && runtime()) {
            // A struct read as a whole (returned, passed, copied) becomes an aggregate of
            // its fields' values, which stores write back field by field.
            std::vector<std::string> names;
            std::vector<Value> elems;
            for (const FieldInfo& f : p.type->fields) {
                if (p.type->isUnion && &f != &wholeUnionField(p.type, node))
                    continue;
                names.push_back(f.name);
                elems.push_back(load(memberPlace(p, f), node));
            }
            Value v = mkAgg(std::move(names), std::move(elems));
            v.type = p.type;
            return v;
        }
        // A small array read as a whole (a struct field copied with its struct, an array
        // assigned to another) becomes an aggregate of its elements' values, as structs do;
        // its elements may be structs and arrays themselves (an array of structs was refused).
        if (p.type->k == TK::Array && runtime() &&
            scalarLeafCount(p.type) <= kMaxWholeValueScalars) {
            TypeP sub =
                p.type->dims.size() > 1
                    ? types.array(p.type->elem, std::vector<uint32_t>(p.type->dims.begin() + 1,
                                                                      p.type->dims.end()))
                    : p.type->elem;
            std::vector<Value> elems;
            for (uint32_t i = 0; i < p.type->dims[0]; ++i) {
                Place q = p;
                q.type = sub;
                q.addrImm += int64_t(i) * sizeOf(sub);
                elems.push_back(load(q, node));
            }
            Value v = mkAgg({}, std::move(elems));
            v.names.reset();
            v.type = p.type;
            return v;
        }
        if (tooLargeForRegisters(p.type) && runtime())
            return memoryAggregate(p, node);
        if (!isRuntimeScalar(p.type)) {
            // Aggregates in memory are used through their address (indexing, &, DSDs).
            fail(node, "a value of type '" + typeName(p.type) +
                           "' in memory cannot be used as a whole here; index it or take its "
                           "address");
        }
        if (!runtime())
            fail(node, "cannot read a runtime variable in a comptime context");
        {
            uint16_t r = newReg(node);
            emit(sim::Op::Load, scalarOf(p.type), r, p.addrReg, kNoReg, int32_t(p.addrImm));
            return mkRuntime(r, p.type);
        }
    }
    fail(node, "internal: bad place");
}

void Analyzer::store(const Place& p, const Value& v0, uint32_t node) {
    if (!p.mut)
        fail(node, "cannot assign to a constant");
    switch (p.k) {
    case Place::K::Value:
        fail(node, "cannot assign to this expression");
    case Place::K::Slot:
        // The SDK's Comptime page: "stores to comptime variables must not depend on run-time
        // control flow" (a run-time branch or loop would store once at compile time).
        if (runtime() && p.slotControlDepth >= 0 && fr_->runtimeControlDepth > p.slotControlDepth)
            fail(node, "a store to a comptime variable cannot depend on run-time control flow "
                       "(a run-time branch or loop around it); use a run-time 'var'");
        if (p.slotAnonStructTyped && v0.k != VK::Undef && p.slot->k != VK::Undef &&
            !sameAnonStructType(*p.slot, v0))
            fail(node, "cannot assign a value of type '" + anonStructTypeName(v0) +
                           "' to a variable of type '" + anonStructTypeName(*p.slot) +
                           "': different anonymous struct types (declare it 'comptime_struct' "
                           "to hold any struct)");
        *p.slot = coerce(v0, p.type && p.type->k != TK::AnyType ? p.type : nullptr, node);
        if (!p.slot->isComptime())
            fail(node, "cannot assign a runtime value to a comptime variable");
        return;
    case Place::K::Reg: {
        Value v = coerce(v0, p.type, node);
        uint16_t r = toReg(v, node);
        emit(sim::Op::Mov, scalarOf(p.type), p.reg, r, kNoReg, 0);
        return;
    }
    case Place::K::DsdReg:
    case Place::K::DsdMem: {
        if (v0.type->k != TK::Dsd)
            fail(node, "expected a DSD, found '" + typeName(v0.type) + "'");
        uint16_t d;
        dsdToOperandReg(v0, node, d);
        if (p.k == Place::K::DsdReg)
            emit(sim::Op::DsdMov, sim::ScalarType::Void, p.reg, d, kNoReg, 0);
        else
            emit(sim::Op::DsdStore, sim::ScalarType::Void, kNoReg, kNoReg, d, int32_t(p.addrImm));
        return;
    }
    case Place::K::Mem:
        if (!runtime())
            fail(node, "cannot assign to a runtime variable in a comptime context");
        if (p.container) {
            storeBitField(p, v0, node);
            return;
        }
        if (v0.k == VK::MemAgg) {
            copyMemory(p, memoryAggregatePlace(v0, false), node);
            return;
        }
        if (p.type->k == TK::Array || p.type->k == TK::Struct) {
            Value v = coerce(v0, p.type, node);
            if (v.k == VK::Undef)
                return; // `undefined`: nothing to store
            if (v.k != VK::Agg)
                fail(node, "cannot assign a value of type '" + typeName(v0.type) + "' to '" +
                               typeName(p.type) + "'");
            if (p.type->k == TK::Array) {
                TypeP sub =
                    p.type->dims.size() > 1
                        ? types.array(p.type->elem, std::vector<uint32_t>(p.type->dims.begin() + 1,
                                                                          p.type->dims.end()))
                        : p.type->elem;
                for (size_t i = 0; i < v.elems->size(); ++i) {
                    Place q = p;
                    q.type = sub;
                    q.addrImm += int64_t(i * sizeOf(sub));
                    store(q, (*v.elems)[i], node);
                }
            } else {
                for (const FieldInfo& f : p.type->fields) {
                    if (const Value* fv = v.field(f.name)) // a union stores its active field only
                        store(memberPlace(p, f), *fv, node);
                }
            }
            return;
        }
        {
            Value v = coerce(v0, p.type, node);
            if (v.k == VK::Undef)
                return;
            uint16_t r = toReg(v, node);
            emit(sim::Op::Store, scalarOf(p.type), kNoReg, p.addrReg, r, int32_t(p.addrImm));
        }
        return;
    }
}

// A declared const's value as its place in the storage it gets for that (`&x[1]`, `&cs.v`).
Place Analyzer::storedConst(const Place& declared, uint32_t node) {
    ensureStorage(declared.declMod, *declared.decl, node);
    Place stored;
    stored.k = Place::K::Mem;
    stored.type = declared.type;
    stored.addrImm = declared.decl->address;
    return stored;
}

Value Analyzer::addressOf(uint32_t node) {
    const Node& n = N(node);
    if (n.kind == NK::Field && N(n.a).kind == NK::Ident) {
        // `&cs.v` of a const struct: the field's address in cs's storage. (A base with
        // code of its own, `&a[f()].v`, is left to place() below: evaluated here too, its
        // effects ran twice.)
        Place base = place(n.a);
        if (base.k == Place::K::Value && base.decl && base.type && base.type->k == TK::Struct) {
            const Place p = fieldPlace(storedConst(base, node), tokStr(n.tok), node, n.a);
            if (p.k == Place::K::Mem && !p.packedField)
                return addrValue(p, node);
        }
    }
    if (n.kind == NK::Ident || n.kind == NK::Field) {
        Place p = place(node);
        if (p.k == Place::K::Value && p.value.k == VK::Fn) {
            Value f = p.value;
            // The Syntax page, inline fn: "it is not allowed to take the address of an
            // inline function".
            if (f.fn && f.fn->isInline)
                fail(node, "cannot take the address of inline function '" + f.fn->name +
                               "'; remove 'inline' to call it through a pointer");
            if (f.fn && !f.fn->generic)
                f.type = types.ptr(fnType(f.fn), false, true);
            return f;
        }
        if (p.k == Place::K::Value && p.decl) {
            ensureStorage(p.declMod, *p.decl, node);
            return mkPtr(p.decl->address, types.ptr(p.type, false, true));
        }
        if (p.k == Place::K::Value && p.value.k == VK::Agg && runtime())
            return aggregateValueAddress(p.value, node);
        // A function's local scalar const (`const c: u16 = 6; f(&c)`, or one of a run-time
        // value): read-only storage of its own, as a local const array gets.
        if (runtime() && ((p.k == Place::K::Value && isRuntimeScalar(p.type)) ||
                          (p.k == Place::K::Reg && !p.mut))) {
            const Value v = p.k == Place::K::Reg ? load(p, node) : coerce(p.value, p.type, node);
            return addrValue(readOnlyCopy(v, p.type, node), node);
        }
        // The Types page: "address of packed struct field is unsupported".
        if (p.packedField)
            fail(node, "cannot take the address of a packed struct field");
        if (p.k == Place::K::Mem || p.k == Place::K::DsdMem) {
            if (p.addrReg == kNoReg)
                return mkPtr(p.addrImm, types.ptr(p.type, false, !p.mut));
        }
        if (p.k == Place::K::Reg)
            fail(node, "internal: address of a register variable");
        if (p.k != Place::K::Mem)
            failAddressOf(node, p);
        return addrValue(p, node);
    }
    if (n.kind == NK::Index) {
        // `&x[1]` of a const array (the Syntax page: `const ok_ptr = &x[1];`): the
        // element's address in x's storage.
        Place base = place(n.a);
        if (base.k == Place::K::Value && base.decl && base.type && base.type->k == TK::Array)
            base = storedConst(base, node);
        // An array value (a function's local const array, a const struct's array field, a
        // call's result; held in registers or folded): the element of its read-only copy in
        // memory, which `&arr` gives.
        if (base.k == Place::K::Value && !base.decl && runtime() && base.value.k == VK::Agg &&
            base.type && base.type->k == TK::Array) {
            const Value whole = aggregateValueAddress(base.value, n.a);
            Place stored;
            stored.k = Place::K::Mem;
            stored.type = base.type;
            if (whole.k == VK::Ptr)
                stored.addrImm = whole.i;
            else
                stored.addrReg = whole.reg;
            base = stored;
        }
        const Place p = indexPlace(base, node);
        if (p.k != Place::K::Mem)
            failAddressOf(node, p);
        return addrValue(p, node);
    }
    Place p = place(node);
    // A call's struct or array result.
    if (p.k == Place::K::Value && p.value.k == VK::Agg && runtime())
        return aggregateValueAddress(p.value, node);
    if (p.k != Place::K::Mem)
        failAddressOf(node, p);
    return addrValue(p, node);
}

Value Analyzer::aggregateValueAddress(const Value& v, uint32_t node) {
    if (v.type->k != TK::Struct && v.type->k != TK::Array)
        fail(node, "cannot take the address of a value of type '" + typeName(v.type) + "'");
    return addrValue(readOnlyCopy(v, v.type, node), node);
}

// A variable of a comptime evaluation has no address (the Comptime page): say so rather than
// blame the expression (the same function called at run time takes the address).
void Analyzer::failAddressOf(uint32_t node, const Place& p) {
    if (p.k == Place::K::Slot)
        fail(node, "cannot take the address of a comptime variable (the Comptime page: its "
                   "\"address cannot be obtained\")");
    fail(node, "cannot take the address of this expression");
}

Value Analyzer::addrValue(const Place& p, uint32_t node) {
    TypeP pt = types.ptr(p.type, false, !p.mut);
    if (p.addrReg == kNoReg)
        return mkPtr(p.addrImm, pt);
    if (p.addrImm == 0)
        return mkRuntime(p.addrReg, pt);
    uint16_t c = newReg(node);
    emit(sim::Op::Imm, sim::ScalarType::I32, c, kNoReg, kNoReg, int32_t(p.addrImm));
    uint16_t r = newReg(node);
    emit(sim::Op::Add, sim::ScalarType::I32, r, p.addrReg, c, 0);
    return mkRuntime(r, pt);
}

// ---- compound expressions -----------------------------------------------------------

bool Analyzer::constantOperand(uint32_t node) {
    const Node& n = N(node);
    switch (n.kind) {
    case NK::IntLit:
    case NK::FloatLit:
    case NK::StringLit:
    case NK::CharLit:
    case NK::BoolLit:
    case NK::EnumLit:
        return true;
    case NK::Grouped:
        return constantOperand(n.a);
    case NK::AnonInit:
        return constantLiteral(node);
    case NK::Ident: {
        // A primitive (RAMP, u16, ...) that no local or declaration shadows. Which names are
        // bound where the literal stands is lexical, so this holds for every evaluation.
        const uint32_t id = tokId(n.tok);
        for (size_t i = 0; id < boundLocally_.size() && boundLocally_[id] && i < fr_->scopes.size();
             ++i) {
            for (uint32_t name : fr_->scopes[i].names) {
                if (name == id)
                    return false;
            }
        }
        return !findDecl(fr_->mod, id) && primitiveById(id);
    }
    default:
        return false;
    }
}

bool Analyzer::constantLiteral(uint32_t node) {
    const Node& n = N(node);
    const bool named = n.flags & 1;
    for (uint32_t item : L(node)) {
        if (!constantOperand(named ? N(item).a : item))
            return false;
    }
    return true;
}

Value Analyzer::evalInit(uint32_t node, TypeP expected) {
    // Only at comptime: at run time every evaluated node also sets the source location of
    // the code emitted after it.
    if (N(node).kind != NK::AnonInit || expected || runtime())
        return evalInitUncached(node, expected);
    Module* m = fr_->mod;
    auto it = m->constLiterals.find(node);
    if (it == m->constLiterals.end()) {
        if (!constantLiteral(node)) {
            m->constLiterals.emplace(node, std::nullopt);
            return evalInitUncached(node, expected);
        }
        const uint64_t before = comptimeSteps_;
        Value v = evalInitUncached(node, expected);
        m->constLiterals.emplace(node, Module::ConstLiteral{v, comptimeSteps_ - before});
        return v;
    }
    if (!it->second)
        return evalInitUncached(node, expected);
    // The steps its evaluation would take; if they would exceed the limit, evaluate it so
    // that the error names the same node.
    const uint64_t before = comptimeSteps_;
    if (before + it->second->steps > comptimeStepLimit())
        return evalInitUncached(node, expected);
    comptimeSteps_ += it->second->steps;
    if ((before >> 16) != (comptimeSteps_ >> 16))
        pollCancelled(); // eval() polls every 65,536 steps
    return it->second->value;
}

// Whether `node` is the array type `[_]T` of an initializer that gives the length by its
// element count.
bool Analyzer::inferredLength(uint32_t node) {
    if (N(node).kind != NK::ArrayType)
        return false;
    const auto dims = L(node);
    return dims.size() == 1 && N(dims[0]).kind == NK::Ident && tokStr(N(dims[0]).tok) == "_";
}

Value Analyzer::evalInitUncached(uint32_t node, TypeP expected) {
    const Node& n = N(node);
    TypeP target = expected;
    const auto items = L(node);
    if (n.kind == NK::TypedInit && inferredLength(n.a)) // [_]T{a, b, c}: the length is 3
        target = types.array(evalType(N(n.a).a), {uint32_t(items.size())});
    else if (n.kind == NK::TypedInit)
        target = evalType(n.a);
    bool named = n.flags & 1;
    // The field names of a literal are the same every time it is evaluated: one shared
    // vector per literal (a layout evaluates its struct literals per PE, issue 3).
    std::shared_ptr<const std::vector<std::string>> names;
    size_t duplicateAt = SIZE_MAX; // reported when evaluation reaches that field, as before
    if (named) {
        if (auto it = fr_->mod->initNames.find(node); it != fr_->mod->initNames.end()) {
            names = it->second;
        } else {
            auto fresh = std::make_shared<std::vector<std::string>>();
            for (uint32_t item : items) {
                std::string fname = tokStr(N(item).tok);
                for (const std::string& prev : *fresh) {
                    if (prev == fname && duplicateAt == SIZE_MAX)
                        duplicateAt = fresh->size();
                }
                fresh->push_back(std::move(fname));
            }
            if (duplicateAt == SIZE_MAX)
                fr_->mod->initNames.emplace(node, fresh);
            names = std::move(fresh);
        }
    }
    std::vector<Value> elems;
    elems.reserve(items.size());
    size_t idx = 0;
    for (uint32_t item : items) {
        TypeP fieldT = nullptr;
        if (named) {
            const std::string& fname = (*names)[idx];
            if (idx == duplicateAt)
                fail(item, "duplicate field '" + fname + "' in initializer");
            if (target && target->k == TK::Struct) {
                for (const FieldInfo& f : target->fields) {
                    if (f.name == fname)
                        fieldT = f.type;
                }
            }
            elems.push_back(eval(N(item).a, fieldT));
        } else {
            if (target && target->k == TK::Array)
                fieldT = target->dims.size() > 1 ? nullptr : target->elem;
            elems.push_back(eval(item, fieldT));
        }
        if (elems.back().k == VK::Runtime) {
            // A copy: the element may name a variable's register, which later assignments
            // change while the aggregate must keep the value it was built with.
            const uint32_t at = named ? N(item).a : item;
            uint16_t r = newReg(at);
            emit(sim::Op::Mov, scalarOf(elems.back().type), r, elems.back().reg, kNoReg, 0);
            elems.back().reg = r;
        }
        ++idx;
    }
    const size_t count = elems.size();
    // Moved, not copied: a layout evaluates struct literals for every PE (issue 3).
    Value v;
    v.k = VK::Agg;
    v.type = types.cstructT;
    v.names = std::move(names); // a tuple has none
    v.elems = std::make_shared<std::vector<Value>>(std::move(elems));
    if (n.kind == NK::TypedInit) {
        if (target->k == TK::Array && count == 0 && target->dims[0] == 0)
            return coerce(v, target, node);
        return coerce(v, target, node);
    }
    if (expected && (expected->k == TK::Struct || expected->k == TK::Array))
        return coerce(v, expected, node);
    return v;
}

// A run-time struct or array of type `t` whose every scalar part is a fresh register: the
// result of an `if`/`switch` on a run-time condition whose branches give aggregates (the
// SDK's Syntax page only asks the branches to have compatible types).
Value Analyzer::aggregateRegs(TypeP t, uint32_t node) {
    auto part = [&](TypeP pt) -> Value {
        if (pt->k == TK::Struct || pt->k == TK::Array)
            return aggregateRegs(pt, node);
        if (!isRuntimeScalar(pt))
            fail(node, "a value of type '" + typeName(pt) + "' cannot be chosen at run time");
        return mkRuntime(newReg(node), pt);
    };
    std::vector<Value> elems;
    if (t->k == TK::Struct) {
        std::vector<std::string> names;
        for (const FieldInfo& f : t->fields) {
            if (t->isUnion && &f != &wholeUnionField(t, node))
                continue;
            names.push_back(f.name);
            elems.push_back(part(f.type));
        }
        Value r = mkAgg(names, elems);
        r.type = t;
        return r;
    }
    const uint32_t n = t->dims.empty() ? 0 : t->dims[0];
    if (uint64_t(sizeOf(t)) > 256 * 8)
        fail(node, "an array of type '" + typeName(t) + "' is too large to be chosen at run time");
    TypeP sub =
        t->dims.size() > 1
            ? types.array(t->elem, std::vector<uint32_t>(t->dims.begin() + 1, t->dims.end()))
            : t->elem;
    for (uint32_t i = 0; i < n; ++i)
        elems.push_back(part(sub));
    Value r = mkAgg({}, elems);
    r.names.reset();
    r.type = t;
    return r;
}

// Whether aggregateRegs can hold a value of type `t`.
static bool fitsAggregateRegs(TypeP t) {
    if (t->k == TK::Array)
        return sizeOf(t) <= 256 * 8 && fitsAggregateRegs(t->elem);
    if (t->k != TK::Struct)
        return isRuntimeScalar(t);
    if (t->isUnion)
        return std::any_of(t->fields.begin(), t->fields.end(), [&](const FieldInfo& f) {
            return sizeOf(f.type) == t->size && fitsAggregateRegs(f.type);
        });
    return std::all_of(t->fields.begin(), t->fields.end(),
                       [](const FieldInfo& f) { return fitsAggregateRegs(f.type); });
}

bool Analyzer::addAggregateResult(AggregateResult& result, const Value& v, uint32_t node) {
    if ((v.k == VK::Agg || v.k == VK::MemAgg) && tooLargeForRegisters(v.type)) {
        store(memoryResultPlace(result.memory, v.type, node), v, node);
        releaseTemporary(v);
        ++result.count;
        return true;
    }
    if (v.k != VK::Agg || !v.type || (v.type->k != TK::Struct && v.type->k != TK::Array) ||
        !fitsAggregateRegs(v.type))
        return false;
    if (!result.regs)
        result.regs = aggregateRegs(v.type, node);
    moveAggregate(*result.regs, v, node);
    if (++result.count == 1 && fullyComptime(v))
        result.onlyComptime = v;
    else
        result.onlyComptime.reset();
    return true;
}

std::optional<Value> Analyzer::aggregateResultValue(const AggregateResult& result) {
    if (result.memory)
        return result.memory;
    if (result.onlyComptime)
        return result.onlyComptime; // the moves into the registers go unused
    return result.regs;
}

// Moves aggregate `v`, coerced to dst's type, part by part into the registers of `dst`
// (made by aggregateRegs).
void Analyzer::moveAggregate(const Value& dst, const Value& v, uint32_t node) {
    Value src = coerce(v, dst.type, node);
    if (dst.type->isUnion && src.k == VK::Agg)
        src = unionAs(src, *unionField(dst.type, (*dst.names)[0]), node);
    if (src.k != VK::Agg || !src.elems || src.elems->size() != dst.elems->size())
        fail(node, "expected a value of type '" + typeName(dst.type) + "', found '" +
                       typeName(v.type) + "'");
    for (size_t i = 0; i < dst.elems->size(); ++i) {
        const Value& d = (*dst.elems)[i];
        const Value& e = (*src.elems)[i];
        if (d.k == VK::Agg)
            moveAggregate(d, e, node);
        else
            emit(sim::Op::Mov, scalarOf(d.type), d.reg, toReg(coerce(e, d.type, node), node),
                 kNoReg, 0);
    }
}

// A `{ ... }` branch or prong without a label: statements. A labelled block (`blk: {
// ... break :blk v; }`) is an expression with a value, as anywhere else.
bool Analyzer::isPlainBlock(uint32_t node) const {
    return N(node).kind == NK::Block && !N(node).d;
}

// The Types page: anyopaque cannot be used "in container types (structs, unions, arrays)
// because its size is not known. It can only be used behind a pointer."
void Analyzer::failIfOpaque(TypeP t, uint32_t node) {
    if (t->k == TK::Opaque)
        fail(node, "'anyopaque' has no size and cannot be held in a struct, union or array; "
                   "hold a '*anyopaque' instead");
}

// The Types page, "Peer Type Resolution": the branches of an if, the prongs of a switch
// meet in a common type ("i16 can be widened to i32, and f16 can be widened to f32"; a
// comptime number takes the other's type). Null when they are not all numbers of fixed
// types that widen to one, and then the first branch's type decides as before.
// An expression whose evaluation jumps nowhere but within itself: values, operators, calls,
// and if/switch expressions of such values (nested prongs join the peer type too).
bool Analyzer::isBranchFreeValue(uint32_t e) {
    const Node& n = N(e);
    switch (n.kind) {
    case NK::Ident:
    case NK::IntLit:
    case NK::FloatLit:
    case NK::Binary:
    case NK::Unary:
    case NK::Deref:
    case NK::Field:
    case NK::Index:
    case NK::Call:
    case NK::BuiltinCall:
        return true;
    case NK::Grouped:
        return isBranchFreeValue(n.a);
    case NK::If:
        return n.c && isBranchFreeValue(n.b) && isBranchFreeValue(n.c);
    case NK::Switch:
        for (uint32_t prong : L(e))
            if (!isBranchFreeValue(N(prong).a))
                return false;
        return true;
    default:
        return false;
    }
}

// A switch case compares with the input as `==` would, but a mismatch is the case's: the
// comparison is not in the source.
void Analyzer::failUnlessCaseMatches(const Value& input, const Value& item, uint32_t node) {
    const TypeP a = input.type, b = item.type;
    if (sameType(a, b) || b->k == TK::CInt || b->k == TK::CFloat || a->k == TK::CInt ||
        widenedPeerType(a, b) || (a->k == TK::Enum && b->k == TK::Enum))
        return;
    if ((isNumeric(a) || a->k == TK::Enum) && (isNumeric(b) || b->k == TK::Enum))
        fail(node, "switch case of type '" + typeName(b) +
                       "' does not match the switch input's "
                       "type '" +
                       typeName(a) + "'");
}

TypeP Analyzer::widenedPeerType(TypeP a, TypeP b) {
    if ((a->k != TK::Int && a->k != TK::Float) || a->k != b->k)
        return nullptr;
    if (sameType(a, b))
        return a;
    if (a->k == TK::Int)
        return a->isSigned == b->isSigned ? (b->bits > a->bits ? b : a) : nullptr;
    // f16 with bf16 or cb16 has no common type.
    return a->bits == 32 || b->bits == 32 ? types.f32 : nullptr;
}

TypeP Analyzer::branchPeerType(TypeP a, TypeP b) {
    if (a->k == TK::Int && b->k == TK::Int && a->isSigned != b->isSigned) {
        const TypeP sign = a->isSigned ? a : b, unsign = a->isSigned ? b : a;
        return sign->bits > unsign->bits ? sign : nullptr;
    }
    return widenedPeerType(a, b);
}

TypeP Analyzer::numericPeerType(std::span<const uint32_t> nodes) {
    TypeP peer = nullptr;
    bool comptimeFloat = false;
    for (uint32_t e : nodes) {
        // Typing a branch evaluates it once more: only for expressions without control
        // flow (a 'continue' prong would record its jump in the loop twice).
        if (!isBranchFreeValue(e))
            return nullptr;
        const TypeP t = typeWithoutCode(e);
        if (!t)
            return nullptr;
        if (t->k == TK::CInt)
            continue;
        if (t->k == TK::CFloat) {
            comptimeFloat = true;
            continue;
        }
        peer = peer ? branchPeerType(peer, t) : t;
        if (!peer)
            return nullptr;
    }
    if (peer && comptimeFloat && peer->k == TK::Int)
        return nullptr;
    return peer;
}

Value Analyzer::evalIf(uint32_t node, TypeP expected) {
    const Node& n = N(node);
    Value c = eval(n.a);
    if (c.type->k != TK::Bool)
        fail(n.a, "expected type 'bool', found '" + typeName(c.type) + "'");
    failIfUndefined(c, n.a, "the condition");
    const bool dsdOpBranches = n.b && n.c && isDsdOpCall(n.b) && isDsdOpCall(n.c);
    auto branch = [&](uint32_t b) -> Value {
        if (!b)
            return mkVoid();
        if (isPlainBlock(b)) {
            Flow f = execBlock(b);
            if (f.k != Flow::K::Normal)
                pendingFlow_ = f;
            return mkVoid();
        }
        Value v = eval(b, expected);
        if (isDsdOpCall(b) && !dsdOpBranches)
            v = mkVoid();
        // The Syntax page: without 'else', "expr_then must have type void". The SDK's own
        // programs give a value from `else if (@is_arch("wse3")) x;` chains without a final
        // 'else', so a comptime condition may.
        if (!c.isComptime() && !n.c && b == n.b && v.type->k != TK::Void &&
            v.type->k != TK::NoReturn)
            fail(b, "an 'if' without 'else' gives no value, so its branch must be void, found '" +
                        typeName(v.type) + "'");
        return v;
    };
    if (c.isComptime()) {
        const uint32_t taken = c.i ? n.b : n.c;
        Value r = branch(taken);
        comptimeIfNode_ = node;
        comptimeIfBranch_ = taken;
        return r;
    }
    // Runtime condition.
    RuntimeControl branches(fr_);
    size_t jf = emit(sim::Op::JumpIfNot, sim::ScalarType::Bool, kNoReg, c.reg, kNoReg, 0);
    bool isExpr = n.b && !isPlainBlock(n.b) && n.c;
    if (!isExpr) {
        branch(n.b);
        if (n.c) {
            size_t je = emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0);
            patch(jf, here());
            branch(n.c);
            patch(je, here());
        } else {
            patch(jf, here());
        }
        return mkVoid();
    }
    if ((!expected || expected->k == TK::AnyType) && n.c && !isPlainBlock(n.b) &&
        !isPlainBlock(n.c)) {
        const uint32_t branches[] = {n.b, n.c};
        if (TypeP peer = numericPeerType(branches))
            expected = peer;
    }
    Value a = eval(n.b, expected);
    if (isDsdOpCall(n.b) && !dsdOpBranches)
        a = mkVoid();
    if (a.type->k == TK::Void) {
        // `if (c) f() else g();` with void calls: a statement, not a value.
        size_t je = emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0);
        patch(jf, here());
        if (eval(n.c, expected).type->k != TK::Void && !isDsdOpCall(n.c))
            fail(n.c, "one branch of this 'if' is void and the other has a value");
        patch(je, here());
        return mkVoid();
    }
    TypeP t = expected;
    const bool untyped = !t || t->k == TK::AnyType;
    if (untyped && (a.type->k == TK::CInt || a.type->k == TK::CFloat)) {
        // A number literal in the first branch takes the other branch's type (peer types:
        // `if (c) 0 else n` with n: u16 is a u16, not an i32). The literal emits no code, so
        // the else branch is lowered first and the literal set after it, in that type.
        const size_t toThen = emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0);
        patch(jf, here());
        const Value b = eval(n.c);
        t = (b.type->k == TK::Int || b.type->k == TK::Float) && canCoerce(a, b.type) ? b.type
            : a.type->k == TK::CInt                                                  ? types.i32
                                                                                     : types.f32;
        const uint16_t r = newReg(node);
        emit(sim::Op::Mov, scalarOf(t), r, toReg(coerce(b, t, n.c), n.c), kNoReg, 0);
        const size_t toEnd = emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0);
        patch(toThen, here());
        emit(sim::Op::Mov, scalarOf(t), r, toReg(coerce(a, t, n.b), n.b), kNoReg, 0);
        patch(toEnd, here());
        return mkRuntime(r, t);
    }
    if (untyped) {
        t = a.type;
        if (t->k == TK::CInt)
            t = types.i32;
        if (t->k == TK::CFloat)
            t = types.f32;
    }
    if (tooLargeForRegisters(t) && (a.k == VK::Agg || a.k == VK::MemAgg)) {
        AggregateResult inMemory;
        addAggregateResult(inMemory, a, n.b);
        const size_t je = emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0);
        patch(jf, here());
        const Value b = eval(n.c, t);
        if (!addAggregateResult(inMemory, coerce(b, t, n.c), n.c))
            fail(n.c, "expected a value of type '" + typeName(t) + "', found '" + typeName(b.type) +
                          "'");
        patch(je, here());
        return *inMemory.memory;
    }
    if ((t->k == TK::Struct || t->k == TK::Array) && a.k == VK::Agg) {
        const Value res = aggregateRegs(t, node);
        moveAggregate(res, a, n.b);
        size_t je = emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0);
        patch(jf, here());
        moveAggregate(res, eval(n.c, t), n.c);
        patch(je, here());
        return res;
    }
    if (t->k == TK::Dsd) {
        // `if (flag) b_dsd else a_dsd`: both branches' DSDs move into one DSD register.
        const uint16_t res = newDsdReg();
        moveDsdInto(res, coerce(a, t, n.b), n.b);
        size_t je = emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0);
        patch(jf, here());
        moveDsdInto(res, coerce(eval(n.c, t), t, n.c), n.c);
        patch(je, here());
        Value rv;
        rv.k = VK::RuntimeDsd;
        rv.reg = res;
        rv.type = t;
        return rv;
    }
    if (!isRuntimeScalar(t))
        fail(node, "an 'if' expression with a runtime condition must produce a runtime value");
    uint16_t r = newReg(node);
    emit(sim::Op::Mov, scalarOf(t), r, toReg(coerce(a, t, n.b), n.b), kNoReg, 0);
    size_t je = emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0);
    patch(jf, here());
    Value b = eval(n.c, t);
    emit(sim::Op::Mov, scalarOf(t), r, toReg(coerce(b, t, n.c), n.c), kNoReg, 0);
    patch(je, here());
    return mkRuntime(r, t);
}

// Whether the switch ranges `covered` (disjoint, ends included) list every value of integer
// type `t`, as a u2 switch with prongs 0, 1, 2 and 3 does: it then needs no 'else'.
// `covered` holds switch keys (switchKey): in the type's own order.
static bool coversEveryValue(std::vector<std::pair<int64_t, int64_t>> covered, TypeP t) {
    const int64_t lowest = t->bits >= 64                ? INT64_MIN
                           : t->isSigned && t->bits > 0 ? -(int64_t(1) << (t->bits - 1))
                                                        : 0;
    const int64_t highest = t->bits >= 64  ? INT64_MAX
                            : t->bits == 0 ? 0
                            : t->isSigned  ? -lowest - 1
                                           : int64_t((uint64_t(1) << t->bits) - 1);
    std::sort(covered.begin(), covered.end());
    int64_t next = lowest;
    for (const auto& [lo, hi] : covered) {
        if (lo > next)
            return false;
        if (hi >= highest)
            return true; // (next = hi + 1 would overflow at the 64-bit maximum)
        next = std::max(next, hi + 1);
    }
    return next > highest;
}

// A switch value as a key ordered like the type's values: a u64 is its bit pattern in an
// int64_t, so its sign bit is flipped (0 lowest, 2^64 - 1 highest).
static int64_t switchKey(int64_t v, TypeP t) {
    return isU64(t) ? int64_t(uint64_t(v) ^ (uint64_t(1) << 63)) : v;
}

Value Analyzer::evalSwitch(uint32_t node, TypeP expected) {
    const Node& n = N(node);
    Value s = eval(n.a);
    failIfUndefined(s, n.a, "the switch input");
    // The SDK's Syntax page: "input can be an expression of a fixed-width integer type
    // (i.e., comptime_int is not allowed) or of any enum type".
    if (s.type && s.type->k == TK::CInt)
        fail(n.a, "a switch input must have a fixed-width integer or enum type, found "
                  "'comptime_int'; give it a type with @as");
    if (s.type && (s.type->k == TK::Float || s.type->k == TK::CFloat))
        fail(n.a, "a switch input must have a fixed-width integer or enum type, found '" +
                      typeName(s.type) + "'");
    auto prongs = L(node);
    auto body = [&](uint32_t b) -> Value {
        if (isPlainBlock(b)) {
            Flow f = execBlock(b);
            if (f.k != Flow::K::Normal)
                pendingFlow_ = f;
            return mkVoid();
        }
        return eval(b, expected);
    };
    int elseProng = -1;
    for (size_t i = 0; i < prongs.size(); ++i) {
        if (N(prongs[i]).flags & 1) {
            if (elseProng >= 0)
                fail(prongs[i], "multiple 'else' prongs in switch");
            elseProng = int(i);
        }
    }
    // A range item `lo...hi` (both ends included, integers only).
    auto rangeEnds = [&](uint32_t item, Value& lo, Value& hi) {
        if (N(item).kind != NK::Binary || ast().tokens.tokens[N(item).tok].kind != Tok::Ellipsis)
            return false;
        if (!isIntLike(s.type))
            fail(item, "a switch range needs an integer operand, found '" + typeName(s.type) + "'");
        lo = evalComptime(N(item).a, s.type, "switch range");
        hi = evalComptime(N(item).b, s.type, "switch range");
        if (lo.k != VK::Int || hi.k != VK::Int)
            fail(item, "the ends of a switch range must be integers");
        if (switchKey(lo.i, s.type) > switchKey(hi.i, s.type))
            fail(item, "switch range " + show(lo) + "..." + show(hi) + " is empty");
        return true;
    };
    // The values and ranges of the cases, as keys; two that overlap are an error whether
    // the input is known at compile time or not (which prong would win is ambiguous).
    const auto distinctCases = [&]() {
        std::vector<std::pair<int64_t, int64_t>> covered;
        for (uint32_t p : prongs) {
            for (uint32_t item : L(p)) {
                Value lo, hi;
                if (!rangeEnds(item, lo, hi)) {
                    lo = coerce(evalComptime(item, s.type, "switch case"), s.type, item);
                    hi = lo;
                }
                const int64_t from = switchKey(lo.i, s.type), to = switchKey(hi.i, s.type);
                for (const auto& [a, b] : covered) {
                    if (from > b || a > to)
                        continue;
                    const int64_t value = switchKey(std::max(from, a), s.type);
                    std::string shown = show(mkInt(value, s.type));
                    for (const FieldInfo& m :
                         s.type->k == TK::Enum ? s.type->fields : std::vector<FieldInfo>{})
                        if (m.value == value)
                            shown = "'." + m.name + "'";
                    fail(item, "duplicate switch value " + shown);
                }
                covered.emplace_back(from, to);
            }
        }
        return covered;
    };
    if (s.isComptime()) {
        if (s.type->k == TK::Int || s.type->k == TK::Enum || s.type->k == TK::Bool)
            distinctCases();
        for (uint32_t p : prongs) {
            for (uint32_t item : L(p)) {
                Value lo, hi;
                if (rangeEnds(item, lo, hi)) {
                    const int64_t key = switchKey(s.i, s.type);
                    if (key >= switchKey(lo.i, s.type) && key <= switchKey(hi.i, s.type))
                        return body(N(p).a);
                    continue;
                }
                Value iv = evalComptime(item, s.type, "switch case");
                if (s.type->k == TK::Enum)
                    iv = coerce(iv, s.type, item);
                failUnlessCaseMatches(s, iv, item);
                Value eq = binop(Tok::EqEq, s, iv, item, nullptr);
                if (eq.i)
                    return body(N(p).a);
            }
        }
        if (elseProng >= 0)
            return body(N(prongs[size_t(elseProng)]).a);
        fail(node, "switch on " + show(s) + " has no matching case");
    }
    const char* const needsElse = "switch must handle all possibilities; add an 'else' prong";
    if (elseProng < 0 && s.type->k != TK::Enum && s.type->k != TK::Int && s.type->k != TK::Bool)
        fail(node, needsElse);
    // Each value at most once, and (without 'else') every member of an enum, both bools.
    if (s.type->k == TK::Int || s.type->k == TK::Enum || s.type->k == TK::Bool) {
        const std::vector<std::pair<int64_t, int64_t>> covered = distinctCases();
        if (elseProng < 0 && s.type->k == TK::Int && !coversEveryValue(covered, s.type))
            fail(node, needsElse);
        if (elseProng < 0 && s.type->k == TK::Bool && covered.size() < 2)
            fail(node, needsElse);
        if (elseProng < 0) {
            for (const FieldInfo& m : s.type->fields) {
                bool handled = false;
                for (const auto& [a, b] : covered)
                    handled = handled || (m.value >= a && m.value <= b);
                if (!handled)
                    fail(node, "switch on enum '" + typeName(s.type) + "' does not handle '" +
                                   m.name + "'; add a prong for it or an 'else' prong");
            }
        }
    }
    RuntimeControl prongControl(fr_); // a run-time switch from here on
    bool isExpr = false;
    for (uint32_t p : prongs)
        isExpr = isExpr || !isPlainBlock(N(p).a);
    TypeP t = expected;
    if (isExpr && (!t || t->k == TK::AnyType)) {
        std::vector<uint32_t> values;
        for (uint32_t p : prongs)
            if (!isPlainBlock(N(p).a))
                values.push_back(N(p).a);
        if (TypeP peer = numericPeerType(values))
            t = peer;
    }
    uint16_t r = kNoReg;
    uint16_t dsdResult = kNoReg; // prongs giving DSDs
    std::vector<size_t> ends;
    // Prongs that are void calls (`.a => f(),`) make a statement; prongs with values an
    // expression. Mixing the two is an error.
    bool voidProngs = false;
    std::optional<Value> aggResult; // prongs giving structs or arrays (aggregateRegs)
    AggregateResult memoryResult;   // ... too large for registers (in memory)
    auto runBody = [&](uint32_t b) {
        Value v = body(b);
        if (isDsdOpCall(b))
            v = mkVoid();
        const bool voidValue = v.type->k == TK::Void;
        if (isExpr && !isPlainBlock(b) && (voidValue || voidProngs)) {
            if (!voidValue || (t && t->k != TK::AnyType && t->k != TK::Void))
                fail(b, "the prongs of this 'switch' mix void and values");
            voidProngs = true;
        } else if (isExpr && !isPlainBlock(b)) {
            if (!t || t->k == TK::AnyType)
                t = v.type->k == TK::CInt     ? types.i32
                    : v.type->k == TK::CFloat ? types.f32
                                              : v.type;
            if (tooLargeForRegisters(t) && (v.k == VK::Agg || v.k == VK::MemAgg)) {
                addAggregateResult(memoryResult, v, b);
                aggResult = memoryResult.memory;
                ends.push_back(
                    emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
                return;
            }
            if ((t->k == TK::Struct || t->k == TK::Array) && v.k == VK::Agg) {
                if (!aggResult)
                    aggResult = aggregateRegs(t, node);
                moveAggregate(*aggResult, v, b);
                ends.push_back(
                    emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
                return;
            }
            if (t->k == TK::Dsd) {
                if (dsdResult == kNoReg)
                    dsdResult = newDsdReg();
                moveDsdInto(dsdResult, coerce(v, t, b), b);
            } else {
                if (!isRuntimeScalar(t))
                    fail(b, "a 'switch' expression on a runtime value must produce a runtime "
                            "value");
                if (r == kNoReg)
                    r = newReg(b);
                emit(sim::Op::Mov, scalarOf(t), r, toReg(coerce(v, t, b), b), kNoReg, 0);
            }
        }
        ends.push_back(emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
    };
    if (isExpr) {
        r = newReg(node);
    }
    for (size_t i = 0; i < prongs.size(); ++i) {
        if (int(i) == elseProng)
            continue;
        uint32_t p = prongs[i];
        // Without 'else' the cases cover every value (checked above): the last prong takes
        // what the others did not, so no path runs past the switch untaken (a function
        // whose prongs all return ended "without a return").
        if (elseProng < 0 && i + 1 == prongs.size()) {
            runBody(N(p).a);
            continue;
        }
        std::vector<size_t> toBody;
        for (uint32_t item : L(p)) {
            Value lo, hi;
            if (rangeEnds(item, lo, hi)) {
                Value ge = binop(Tok::GtEq, s, lo, item, nullptr);
                size_t below =
                    emit(sim::Op::JumpIfNot, sim::ScalarType::Bool, kNoReg, ge.reg, kNoReg, 0);
                Value le = binop(Tok::LtEq, s, hi, item, nullptr);
                toBody.push_back(
                    emit(sim::Op::JumpIf, sim::ScalarType::Bool, kNoReg, le.reg, kNoReg, 0));
                patch(below, here());
                continue;
            }
            Value iv = evalComptime(item, s.type, "switch case");
            failUnlessCaseMatches(s, iv, item);
            Value eq = binop(Tok::EqEq, s, iv, item, nullptr);
            toBody.push_back(
                emit(sim::Op::JumpIf, sim::ScalarType::Bool, kNoReg, eq.reg, kNoReg, 0));
        }
        size_t skip = emit(sim::Op::Jump, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0);
        for (size_t j : toBody)
            patch(j, here());
        runBody(N(p).a);
        patch(skip, here());
    }
    if (elseProng >= 0)
        runBody(N(prongs[size_t(elseProng)]).a);
    for (size_t e : ends)
        patch(e, here());
    if (isExpr && aggResult && !voidProngs)
        return *aggResult;
    if (isExpr && t && !voidProngs && t->k == TK::Dsd) {
        Value rv;
        rv.k = VK::RuntimeDsd;
        rv.reg = dsdResult;
        rv.type = t;
        return rv;
    }
    if (isExpr && t && !voidProngs)
        return mkRuntime(r, t);
    return mkVoid();
}

// A branch of a run-time 'if' or 'switch' that gives a DSD: the DSD moves into register dsd.
void Analyzer::moveDsdInto(uint16_t dsd, const Value& v, uint32_t node) {
    uint16_t from;
    dsdToOperandReg(v, node, from);
    emit(sim::Op::DsdMov, sim::ScalarType::Void, dsd, from, kNoReg, 0);
}

bool Analyzer::blockEndReachable(size_t start, const std::vector<size_t>& exits) const {
    return codeEndReachable(fr_->fn->code, start, exits);
}

Value Analyzer::evalBlockExpr(uint32_t node, TypeP expected) {
    const Node& n = N(node);
    if (!n.d) {
        Flow f = execBlock(node);
        if (f.k != Flow::K::Normal)
            pendingFlow_ = f;
        return mkVoid();
    }
    std::string label = tokStr(n.d - 1);
    if (!runtime()) {
        Flow f = execBlock(node);
        if (f.k == Flow::K::Break && f.label == label)
            return expected ? coerce(f.value, expected, node) : f.value;
        if (f.k != Flow::K::Normal)
            pendingFlow_ = f;
        return mkVoid();
    }
    LoopCtx lc;
    lc.label = label;
    lc.isBlock = true;
    lc.resultType = expected;
    lc.peerResultType = !expected;
    lc.scopeDepth = fr_->scopes.size();
    fr_->loops.push_back(lc);
    const size_t start = here();
    const size_t abandonedBefore = abandonedStatements_;
    Flow f = execBlock(node);
    LoopCtx done = fr_->loops.back();
    fr_->loops.pop_back();
    // The SDK's Syntax page: "If control flow may reach the end of a block without breaking
    // a value, the block's type is void and any values broken from the block must be void".
    const std::optional<Value> aggregate = aggregateResultValue(done.aggregate);
    const bool valueBreaks = done.resultReg != kNoReg || done.literalBreak.has_value() ||
                             aggregate.has_value() ||
                             (done.hasComptimeResult && done.comptimeResult.type &&
                              done.comptimeResult.type->k != TK::Void);
    // A break without a value left such a block with the value of another break.
    if (valueBreaks && done.valuelessBreak)
        fail(done.valuelessBreak, "'break :" + label +
                                      "' without a value, but other breaks give "
                                      "block '" +
                                      label + "' a value; every break of it needs one");
    // (A statement that failed, a mistyped break among them, was reported already: the end
    // it seems to leave reachable is no second mistake.)
    if (valueBreaks && abandonedStatements_ == abandonedBefore &&
        blockEndReachable(start, done.breaks))
        fail(node, "block '" + label + "' can reach its end without 'break :" + label +
                       "' and a value, so its type is 'void'; end it with a break or a return");
    for (size_t b : done.breaks)
        patch(b, here());
    if (f.k == Flow::K::Break && f.label == label)
        return f.value;
    if (!expected && done.untypedLiteralBreaks && done.literalBreak)
        return *done.literalBreak; // the i32 register the breaks also set goes unused
    if (done.resultReg != kNoReg)
        return mkRuntime(done.resultReg, done.resultType);
    if (aggregate)
        return *aggregate;
    if (done.hasComptimeResult)
        return done.comptimeResult;
    // A break whose value failed (already reported) left no result: the block fails too,
    // so its user is not reported again for a 'void'.
    if (expected && expected->k != TK::Void && abandonedStatements_ > abandonedBefore)
        throw SemaError{};
    // A block that neither breaks to its label nor reaches its end (every way out leaves an
    // enclosing loop or returns, its value break being in a branch a comptime condition
    // dropped) gives no value: like Zig's noreturn it takes the type its user wants, as a
    // register no path sets.
    if (expected && isRuntimeScalar(expected) && !valueBreaks && done.breaks.empty() &&
        !blockEndReachable(start, done.breaks))
        return mkRuntime(newReg(node), expected);
    return mkVoid();
}

// A DSD steps each index by a fixed stride, so the access must be affine in its indices;
// `a[i % 3]`, `a[i / 2]` or `m[i * j, j]` were silently replaced by the affine access
// through the points where one index is 1. Checked where that access would differ: each
// index at 2 and at its last value, and each pair of indices at 1 together.
void Analyzer::failUnlessAffine(
    uint32_t node, std::span<const uint32_t> caps, const std::vector<Value>& extents, int64_t base,
    const std::vector<int64_t>& strides,
    const std::function<Value(const std::array<int64_t, 4>&, TypeP&)>& addrAt) {
    std::vector<std::array<int64_t, 4>> probes;
    for (size_t k = 0; k < caps.size(); ++k) {
        if (extents[k].k != VK::Int || extents[k].i < 3)
            continue;
        for (int64_t v : {int64_t(2), extents[k].i - 1}) {
            std::array<int64_t, 4> at{};
            at[k] = v;
            probes.push_back(at);
        }
    }
    for (size_t k = 0; k < caps.size(); ++k)
        for (size_t l = k + 1; l < caps.size(); ++l) {
            std::array<int64_t, 4> at{};
            at[k] = at[l] = 1;
            probes.push_back(at);
        }
    for (const auto& at : probes) {
        int64_t affine = base;
        std::string where;
        for (size_t k = 0; k < caps.size(); ++k) {
            affine += at[k] * strides[k];
            where += (where.empty() ? "" : ", ") + tokStr(caps[k]) + " = " + std::to_string(at[k]);
        }
        TypeP elemT = nullptr;
        const Value got = addrAt(at, elemT);
        if (got.isComptime() && got.i != affine)
            fail(N(node).a, "tensor access is not affine in its indices (at " + where +
                                " it addresses another element than a fixed stride per index "
                                "would); a DSD steps every index by a constant stride");
    }
}

// An affine access stays inside its array if its corners do: every index at 0 or at its
// last value. One that leaves it gets a warning, not an error: SDK programs build a
// "dummy" DSD over a one-element array with a long extent and rebase it before use (the
// residual benchmark's `|i|{42} -> dummy[i]`); unrebased, `F[k]` over 20 elements of a
// 16-element array runs into the next symbol without a word.
void Analyzer::warnIfTensorAccessLeavesArray(
    uint32_t node, std::span<const uint32_t> caps, const std::vector<Value>& extents,
    const Place& array, const std::function<Value(const std::array<int64_t, 4>&, TypeP&)>& addrAt) {
    const uint32_t indexed = N(node).a;
    for (const Value& e : extents)
        if (e.k != VK::Int || e.i < 1)
            return;
    const int64_t begin = array.addrImm, end = begin + int64_t(sizeOf(array.type));
    for (uint32_t corner = 0; corner < (1u << caps.size()); ++corner) {
        std::array<int64_t, 4> at{};
        std::string where;
        for (size_t k = 0; k < caps.size(); ++k) {
            at[k] = (corner >> k & 1) ? extents[k].i - 1 : 0;
            where += (where.empty() ? "" : ", ") + tokStr(caps[k]) + " = " + std::to_string(at[k]);
        }
        TypeP elemT = nullptr;
        const Value a = addrAt(at, elemT);
        if (a.isComptime() && elemT && (a.i < begin || a.i + int64_t(sizeOf(elemT)) > end)) {
            warn(indexed, "this tensor access leaves its array at " + where + " (" +
                              std::to_string(sizeOf(array.type)) +
                              " bytes); a DSD over it reads and writes the memory beyond unless "
                              "it is rebased first");
            return;
        }
    }
}

Value Analyzer::evalTensorAccess(uint32_t node) {
    // |i, j| {e0, e1} -> A[expr]: the address is affine in the indices. It is evaluated
    // with each index at 0 and at 1 to find the base and the per-index strides.
    const Node& n = N(node);
    auto caps = L(node);
    std::vector<Value> extents;
    for (uint32_t e : L(n.b)) {
        extents.push_back(eval(e));
        // The DSDs page: "length, a comptime-known non-negative integer expression"; a
        // run-time length is for a mem1d_dsd's own properties.
        if (!extents.back().isComptime())
            fail(e, "the length of a tensor access must be comptime-known; for a run-time "
                    "length give the mem1d_dsd's '.base_address' and '.extent' instead");
    }
    if (caps.size() != extents.size())
        fail(node, "tensor access has " + std::to_string(caps.size()) + " indices but " +
                       std::to_string(extents.size()) + " extents");
    if (caps.size() > 4 || caps.empty())
        fail(node, "tensor access needs 1 to 4 indices");
    using Point = std::array<int64_t, 4>; // a value per index
    // The indices are i16 at the points that define the access; the affinity probes use
    // comptime integers, so probing a far index cannot overflow where the access itself
    // does not.
    bool probing = false;
    // Evaluates `body` with each index bound to its value in `at`.
    auto withIndicesAt = [&](const Point& at, auto&& body) {
        pushScope();
        for (size_t k = 0; k < caps.size(); ++k) {
            Binding b;
            b.k = Binding::K::Val;
            b.val = probing ? mkInt(at[k]) : mkInt(at[k], types.i16);
            bind(tokStr(caps[k]), b);
        }
        const bool saveMode = tensorAccessMode_;
        tensorAccessMode_ = true;
        try {
            auto result = body();
            tensorAccessMode_ = saveMode;
            popScope();
            return result;
        } catch (...) {
            tensorAccessMode_ = saveMode;
            popScope();
            throw;
        }
    };
    auto addrAt = [&](const Point& at, TypeP& elemT) -> Value {
        return withIndicesAt(at, [&] {
            Place p = place(n.a);
            if (p.k != Place::K::Mem)
                fail(n.a, "tensor access must index an array in memory");
            // The DSDs page: "There must be exactly as many affine expressions as the
            // number of dimensions of the tensor".
            if (p.type->k == TK::Array) {
                const size_t given = N(n.a).kind == NK::Index ? L(n.a).size() : 0;
                fail(n.a, "tensor access gives " + std::to_string(given) +
                              " index expression(s) for an array of " +
                              std::to_string(given + p.type->dims.size()) +
                              " dimensions; index every dimension");
            }
            elemT = p.type;
            return addrValue(p, n.a);
        });
    };
    TypeP elemT = nullptr;
    Value base = addrAt({}, elemT);
    // The indexed array, when it is in memory at a known address: what the access must stay
    // in, and the DSDs page's `base_address`.
    const std::optional<Place> array =
        N(n.a).kind != NK::Index ? std::nullopt : withIndicesAt({}, [&] {
            const Place p = place(N(n.a).a);
            return p.k == Place::K::Mem && p.addrReg == kNoReg && p.type && p.type->k == TK::Array
                       ? std::optional<Place>(p)
                       : std::nullopt;
        });
    std::vector<std::string> names{"$base", "$elem"};
    std::vector<Value> elems{base, mkType(elemT)};
    std::vector<int64_t> strides; // bytes per step of each index, when comptime-known
    for (size_t k = 0; k < caps.size(); ++k) {
        TypeP t2 = nullptr;
        Point unit{};
        unit[k] = 1;
        Value a1 = addrAt(unit, t2);
        if (!a1.isComptime() || !base.isComptime()) {
            names.push_back("$stride" + std::to_string(k));
            elems.push_back(mkInt(int64_t(sizeOf(elemT))));
        } else {
            names.push_back("$stride" + std::to_string(k));
            elems.push_back(mkInt(a1.i - base.i));
            strides.push_back(a1.i - base.i);
        }
        names.push_back("$extent" + std::to_string(k));
        elems.push_back(extents[k]);
    }
    if (strides.size() == caps.size()) {
        probing = true;
        failUnlessAffine(node, caps, extents, base.i, strides, addrAt);
        probing = false;
        if (array)
            warnIfTensorAccessLeavesArray(node, caps, extents, *array, addrAt);
    }
    names.push_back("$rank");
    elems.push_back(mkInt(int64_t(caps.size())));
    // The DSDs page: a tensor access is also an anonymous struct with `base_address` (the
    // indexed array: `|i|{10} -> A[2*i + 42]` is `.{.base_address = &A, .offset = 42, ...}`),
    // `offset` (the first element accessed, counted in elements from there), `stride` (a
    // tuple, innermost dimension first, of how far the address moves at each step after the
    // inner dimensions reset) and `extent` (a tuple, outermost first), usable as @get_dsd
    // properties. An access that is not an index into an array in memory at a known address
    // has the first element accessed as its base address and offset 0.
    bool known = base.isComptime() && elemT && sizeOf(elemT) > 0;
    std::vector<int64_t> steps; // per dimension, innermost first, in elements
    std::vector<int64_t> exts;
    for (size_t k = 0; known && k < caps.size(); ++k) {
        const size_t dim = caps.size() - 1 - k;
        const Value* st = nullptr;
        const Value* ex = nullptr;
        for (size_t i = 0; i < names.size(); ++i) {
            if (names[i] == "$stride" + std::to_string(dim))
                st = &elems[i];
            if (names[i] == "$extent" + std::to_string(dim))
                ex = &elems[i];
        }
        known = st && ex && ex->k == VK::Int && st->k == VK::Int;
        if (known) {
            steps.push_back(st->i / int64_t(sizeOf(elemT)));
            exts.push_back(ex->i);
        }
    }
    if (known) {
        std::vector<Value> strideTuple, extentTuple;
        int64_t inner = 0;
        for (size_t k = 0; k < steps.size(); ++k) {
            strideTuple.push_back(mkInt(steps[k] - inner));
            inner += (exts[k] - 1) * steps[k];
        }
        for (size_t k = exts.size(); k-- > 0;)
            extentTuple.push_back(mkInt(exts[k]));
        Value strideV = mkAgg({}, strideTuple);
        strideV.names.reset();
        Value extentV = mkAgg({}, extentTuple);
        extentV.names.reset();
        const int64_t offset = array && array->addrImm <= base.i
                                   ? (base.i - array->addrImm) / int64_t(sizeOf(elemT))
                                   : -1;
        const bool fromArray = offset >= 0 && offset <= 0x7fff; // an i16 offset
        names.push_back("base_address");
        elems.push_back(fromArray ? mkPtr(array->addrImm, types.ptr(array->type, false, false))
                                  : mkPtr(base.i, types.ptr(elemT, true, false)));
        names.push_back("offset");
        elems.push_back(mkInt(fromArray ? offset : 0, types.i16));
        names.push_back("stride");
        elems.push_back(strideV);
        names.push_back("extent");
        elems.push_back(extentV);
    }
    return mkAgg(std::move(names), std::move(elems));
}

} // namespace csl::sema
