// Values, coercions, modules and declarations of the analyzer.
#include "backend/csl/sema/analyzer_class.h"
#include "backend/csl/source_file.h"

#include "backend/csl/lib/library.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

namespace csl::sema {

namespace fs = std::filesystem;

std::string Analyzer::show(const Value& v, bool withInternalFields) {
    std::string s;
    showTo(s, v, withInternalFields);
    return s;
}

// Appends, so that paramsKey builds one string per PE instead of one per field (issue 3).
void Analyzer::showTo(std::string& out, const Value& v, bool withInternalFields) {
    switch (v.k) {
    case VK::Void:
        out += "void";
        return;
    case VK::Int: // a u64 from 2^63 up is held as its bit pattern
        out += isU64(v.type) ? std::to_string(uint64_t(v.i)) : std::to_string(v.i);
        return;
    case VK::Float: {
        std::ostringstream s;
        s << v.f;
        out += s.str();
        return;
    }
    case VK::Bool:
        out += v.i ? "true" : "false";
        return;
    case VK::String:
        out += '"';
        out += v.s;
        out += '"';
        return;
    case VK::Type:
        out += typeName(v.tv);
        return;
    case VK::Agg: {
        out += ".{";
        bool first = true;
        for (size_t i = 0; i < v.elems->size(); ++i) {
            const bool named = v.names && i < v.names->size() && !(*v.names)[i].empty();
            if (named && !withInternalFields && (*v.names)[i][0] == '$')
                continue;
            if (!first)
                out += ", ";
            first = false;
            if (named) {
                out += '.';
                out += (*v.names)[i];
                out += " = ";
            }
            showTo(out, (*v.elems)[i], withInternalFields);
        }
        out += '}';
        return;
    }
    case VK::Fn:
        out += "fn ";
        out += v.fn ? v.fn->name : v.s;
        return;
    case VK::Module:
        out += "module ";
        if (v.mod)
            out += v.mod->path;
        return;
    case VK::Handle:
        out += handleName(v.type->hk);
        out += '(';
        out += std::to_string(v.i);
        out += ')';
        return;
    case VK::Dsd:
        out += "dsd";
        return;
    case VK::Ptr:
        out += '&';
        out += std::to_string(v.i);
        return;
    case VK::Range:
        out += "range";
        return;
    case VK::EnumV:
        out += '.';
        out += v.s;
        return;
    case VK::Undef:
        out += "undefined";
        return;
    case VK::Runtime:
        out += "runtime value";
        return;
    case VK::RuntimeDsd:
        out += "runtime dsd";
        return;
    case VK::MemAgg:
        out += "runtime value in memory";
        return;
    case VK::Dsr:
        out += "dsr";
        return;
    }
    out += '?';
}

// The Types page: one 16-bit float format exists at run time, the one --fp16-format picks
// (f16 by default); bf16 and cb16 values of another format are comptime-only.
void Analyzer::failIfOtherFp16Format(TypeP t, uint32_t node) {
    const TypeP h = halfFloatOtherThan(t, fp16Type());
    if (!h)
        return;
    const std::string name = typeName(h);
    fail(node, "variable of type '" + typeName(t) + "' must be comptime-known: run-time '" + name +
                   "' values need --fp16-format=" + name +
                   " (one 16-bit float format exists at run time, f16 by default)");
}

// The Types page: "All values of function type must be comptime-known"; a run-time
// variable holds a function pointer instead.
void Analyzer::failIfFunctionTypedVar(TypeP t, uint32_t node) {
    if (t->k == TK::Fn)
        fail(node, "variable of type '" + typeName(t) +
                       "' must be const or comptime (a run-time variable holds a '*const " +
                       typeName(t) + "')");
}

// The Builtins page: bindings, queue initialisation, local routes and WSE-3 handlers "must
// appear in a top-level comptime block": not in run-time code, nor in a comptime block
// inside a function (which ran whether or not the function is ever called).
void Analyzer::failUnlessTopLevelComptime(const std::string& what, uint32_t node,
                                          const std::string& hint) {
    if (runtime() || inFunctionBody())
        fail(node, what + " must appear in a top-level comptime block" + hint);
}

// Zig's rule, which CSL's comptime follows: a comptime value nothing was stored in may be
// copied, but not computed with (it used to read as 0).
void Analyzer::failIfUndefined(const Value& v, uint32_t node, const char* what, Tok op) {
    // Type-only evaluation (@type_of) reads run-time variables as undefined placeholders.
    if (v.k != VK::Undef || typeOnly_)
        return;
    std::string part = what;
    if (op != Tok::Eof)
        part += std::string(" '") + tokSpelling(op) + "'";
    fail(node, "use of an undefined value: " + part + " is 'undefined' of type '" +
                   typeName(v.type) + "' (nothing has been stored in it)");
}

// Under @type_of, a run-time variable reads as an undefined placeholder of its type; an
// operation on it computes its result type from a stand-in value of that type.
Value Analyzer::typeOnlyStandIn(const Value& v) {
    if (!typeOnly_ || v.k != VK::Undef || !v.type)
        return v;
    switch (v.type->k) {
    case TK::Int:
    case TK::CInt:
        return mkInt(1, v.type);
    case TK::Float:
    case TK::CFloat:
        return mkFloat(1.0, v.type);
    case TK::Bool:
        return mkBool(true);
    default:
        return v;
    }
}

int64_t Analyzer::asInt(const Value& v, uint32_t node, const char* what) {
    failIfUndefined(v, node, what);
    if (v.k == VK::Int || v.k == VK::Handle || v.k == VK::EnumV || v.k == VK::Ptr)
        return v.i;
    if (v.k == VK::Bool)
        return v.i;
    if (v.k == VK::Float && v.f == std::floor(v.f))
        return int64_t(v.f);
    if (v.k == VK::Runtime)
        fail(node, std::string(what) + " must be comptime-known");
    fail(node,
         std::string("expected an integer for ") + what + ", found '" + typeName(v.type) + "'");
}

bool Analyzer::asBool(const Value& v, uint32_t node) {
    failIfUndefined(v, node, "the condition");
    if (v.k == VK::Bool)
        return v.i != 0;
    if (v.k == VK::Runtime)
        fail(node, "condition must be comptime-known");
    fail(node, "expected type 'bool', found '" + typeName(v.type) + "'");
}

TypeP Analyzer::asType(const Value& v, uint32_t node) {
    if (v.k == VK::Type)
        return v.tv;
    fail(node, "expected a type, found " + (v.k == VK::Runtime
                                                ? std::string("a runtime value")
                                                : "a value of type '" + typeName(v.type) + "'"));
}

std::string Analyzer::asString(const Value& v, uint32_t node, const char* what) {
    if (v.k == VK::String)
        return v.s;
    fail(node, std::string("expected a string for ") + what + ", found '" + typeName(v.type) + "'");
}

int Analyzer::handleId(const Value& v, HandleKind hk, uint32_t node, const char* what) {
    if (v.k == VK::Handle && v.type->hk == hk)
        return int(v.i);
    if (v.k == VK::Runtime)
        fail(node, std::string(what) + " must be comptime-known");
    fail(node, std::string("expected '") + handleName(hk) + "' for " + what + ", found '" +
                   typeName(v.type) + "'");
}

Value Analyzer::materialize(const Value& v, uint32_t node) {
    if (!v.isComptime())
        return v;
    TypeP t = v.type;
    if (t->k == TK::CInt)
        t = (v.i >= INT32_MIN && v.i <= INT32_MAX) ? types.i32 : types.i64;
    else if (t->k == TK::CFloat)
        t = types.f32;
    Value c = v;
    c.type = t;
    return mkRuntime(toReg(c, node), t);
}

Value Analyzer::materializeNumbers(const Value& v, uint32_t node) {
    if (v.k == VK::Agg) {
        Value out = v;
        for (Value& e : ownElems(out))
            e = materializeNumbers(e, node);
        return out;
    }
    const bool number =
        v.type && (v.type->k == TK::Int || v.type->k == TK::Float || v.type->k == TK::Bool);
    return number && v.isComptime() && v.k != VK::Undef ? materialize(v, node) : v;
}

uint16_t Analyzer::toReg(const Value& v, uint32_t node) {
    if (v.k == VK::Runtime)
        return v.reg;
    if (!runtime())
        // A run-time operation reached from comptime code (a library function that programs
        // the router, reads the clock or prints, called in a comptime block).
        fail(node, "this is a run-time operation and cannot be evaluated at comptime; call it "
                   "from a function or task");
    TypeP t = v.type;
    sim::ScalarType st;
    uint64_t bits = 0;
    switch (v.k) {
    case VK::Int:
        if (t->k == TK::CInt)
            t = types.i32;
        if (t->k == TK::Float) {
            bits = floatBits(double(v.i), t);
            st = scalarOf(t);
            break;
        }
        st = isRuntimeScalar(t) ? scalarOf(t) : sim::ScalarType::I32;
        bits = uint64_t(v.i);
        break;
    case VK::Float:
        if (t->k == TK::CFloat)
            t = types.f32;
        st = scalarOf(t);
        bits = floatBits(v.f, t);
        break;
    case VK::Bool:
        st = sim::ScalarType::Bool;
        bits = v.i ? 1 : 0;
        break;
    case VK::Handle:
    case VK::Ptr:
        st = sim::ScalarType::U16;
        bits = uint64_t(v.i);
        break;
    case VK::EnumV:
        st = t && t->k == TK::Enum ? scalarOf(t) : sim::ScalarType::U16;
        bits = uint64_t(v.i);
        break;
    case VK::Fn:
        if (!v.fn)
            fail(node, "a library function cannot be used as a value");
        st = sim::ScalarType::U16;
        bits = uint64_t(lowerFunction(v.fn, node));
        v.fn->usedAsValue = true;
        break;
    case VK::Undef:
        st = t && isRuntimeScalar(t) ? scalarOf(t) : sim::ScalarType::U32;
        bits = 0;
        break;
    default:
        fail(node, "a value of type '" + typeName(v.type) + "' cannot be used at runtime");
    }
    uint16_t r = newReg(node);
    bool isF =
        st == sim::ScalarType::F32 || st == sim::ScalarType::F16 || st == sim::ScalarType::BF16;
    int64_t sv = int64_t(bits);
    if (!isF && sv >= INT32_MIN && sv <= INT32_MAX) {
        emit(sim::Op::Imm, st, r, kNoReg, kNoReg, int32_t(sv));
    } else {
        auto& consts = cls()->cc.constants;
        consts.push_back(bits);
        emit(sim::Op::Const, st, r, kNoReg, kNoReg, int32_t(consts.size() - 1));
    }
    return r;
}

void Analyzer::wrapToType(uint16_t reg, TypeP t, uint32_t node) {
    if (!isArbitraryWidthInt(t))
        return;
    const sim::ScalarType st = scalarOf(t);
    if (t->bits == 0) {
        emit(sim::Op::Imm, st, reg, kNoReg, kNoReg, 0);
        return;
    }
    if (!t->isSigned) {
        const uint16_t mask = toReg(mkInt(int64_t((uint64_t(1) << t->bits) - 1), t), node);
        emit(sim::Op::BitAnd, st, reg, reg, mask, 0);
        return;
    }
    // Up to the container's top bit and arithmetically back down: the sign bit fills above.
    const uint16_t operand = toReg(mkInt(int64_t(sizeOf(t) * 8 - t->bits), types.u16), node);
    emit(sim::Op::Shl, st, reg, reg, operand, 0);
    emit(sim::Op::Shr, st, reg, reg, operand, 0);
}

// The Storage Classes page, Type restrictions: what an export or extern declaration may
// have. Empty when `t` is export compatible, else why not.
static std::string exportIncompatibility(TypeP t) {
    switch (t->k) {
    case TK::Int:
        return isAbiSizedInt(t) ? std::string()
                                : "an integer of " + std::to_string(t->bits) +
                                      " bits (only 16- and 32-bit integers are ABI-sized)";
    case TK::Enum:
        return t->tag && !isAbiSizedInt(t->tag) ? "an enum whose tag type is not 16 or 32 bits"
                                                : std::string();
    case TK::Struct:
        if (t->externLayout) {
            // The Types page: "All fields of extern struct types must have an
            // export-compatible type" (and of extern unions).
            for (const FieldInfo& f : t->fields)
                if (std::string why = f.type ? exportIncompatibility(f.type) : std::string();
                    !why.empty())
                    return "its field '" + f.name + "' has type '" + typeName(f.type) + "': " + why;
            return {};
        }
        // A packed type is export compatible as the integer its bits make, which must be
        // ABI-sized as a plain integer must (h-lang8: 8- and 24-bit ones were accepted).
        if (t->packed)
            return t->packedBits == 16 || t->packedBits == 32
                       ? std::string()
                       : "a packed " + std::string(t->isUnion ? "union" : "struct") + " of " +
                             std::to_string(t->packedBits) +
                             " bits is not ABI-sized (16 or 32 bits are)";
        return t->isUnion
                   ? "union types are not export compatible (an extern or packed union is)"
                   : "struct types are not export compatible (an extern or packed struct is)";
    case TK::Handle:
        return t->hk == HandleKind::Direction ? "the direction type is not export compatible"
                                              : std::string();
    case TK::Array:
        return exportIncompatibility(t->elem);
    case TK::Ptr: {
        // What a pointer points to must be export compatible too (h-lang8: `*S`, `[*]S` and
        // `*const fn(S) void` of a plain struct S were accepted).
        if (t->elem->k != TK::Fn) {
            if (t->elem->k == TK::Opaque || t->elem->k == TK::Void)
                return {};
            const std::string why = exportIncompatibility(t->elem);
            return why.empty() ? why
                               : "what it points to, '" + typeName(t->elem) + "', is not: " + why;
        }
        if (!t->isConst)
            return "a function pointer must be '*const fn' (\"The const qualifier is required\")";
        for (TypeP param : t->elem->params)
            if (const std::string why = exportIncompatibility(param); !why.empty())
                return "its parameter type '" + typeName(param) + "' is not: " + why;
        if (t->elem->ret->k != TK::Void)
            if (const std::string why = exportIncompatibility(t->elem->ret); !why.empty())
                return "its result type '" + typeName(t->elem->ret) + "' is not: " + why;
        return {};
    }
    // The Storage Classes page: "comptime-only types, struct types, DSD and DSR types, the
    // direction type, the range type" are not export compatible.
    case TK::Range:
        return "the range type is not export compatible";
    case TK::Dsd:
    case TK::DsrT:
        return "DSD and DSR types are not export compatible";
    case TK::Fn:
        return "function types are not export compatible (function pointer types are)";
    default:
        return isComptimeOnly(t) ? "comptime-only types are not export compatible" : std::string();
    }
}

void Analyzer::failUnlessExportCompatible(TypeP t, uint32_t node, const std::string& what) {
    const std::string why = exportIncompatibility(t);
    if (!why.empty())
        fail(node,
             what + " has type '" + typeName(t) + "', which is not export compatible: " + why);
}

// The DSDs page: "The @allocate_fifo builtin must be associated with a const variable in
// the global scope".
void Analyzer::failIfFifoAllocation(uint32_t init, const std::string& declaration) {
    if (N(init).kind == NK::BuiltinCall && tokStr(N(init).tok) == "@allocate_fifo")
        fail(init, "@allocate_fifo must initialize a global 'const', not " + declaration);
}

void Analyzer::failUnlessAbiSized(TypeP t, uint32_t node, const std::string& what) {
    if (t->k == TK::Int && !isAbiSizedInt(t))
        fail(node, what + " uses integer type '" + typeName(t) +
                       "', which is not ABI-sized (only 16- and 32-bit integers are)");
}

void Analyzer::failUnlessDsdElement(TypeP elem, uint32_t node) {
    // The Types page: 8- and 64-bit integers are not allowed in DSDs either.
    if (elem->k == TK::Int && !isAbiSizedInt(elem))
        fail(node, "a DSD over elements of integer type '" + typeName(elem) +
                       "' is not supported: DSD operations work on 16- and 32-bit elements");
}

bool Analyzer::canCoerce(const Value& v, TypeP to) {
    if (!to || to->k == TK::AnyType || sameType(v.type, to))
        return true;
    TypeP f = v.type;
    if (v.isComptime()) {
        if (v.k == VK::Int && to->k == TK::Int)
            return fitsInt(v.i, to);
        if (v.k == VK::Int && (to->k == TK::Float || to->k == TK::CFloat || to->k == TK::CInt))
            return true;
        if (v.k == VK::Float && (to->k == TK::Float || to->k == TK::CFloat))
            return true;
        if (v.k == VK::Int && to->k == TK::Handle)
            return true;
        if (v.k == VK::Agg && (to->k == TK::CStruct || to->k == TK::Struct || to->k == TK::Array))
            return true;
        if (v.k == VK::EnumV && to->k == TK::Enum)
            return true;
        if (v.k == VK::Undef)
            return true;
        if (v.k == VK::Fn && (to->k == TK::Fn || (to->k == TK::Ptr && to->elem->k == TK::Fn)))
            return true;
    }
    if (f->k == TK::Int && to->k == TK::Int) {
        if (f->isSigned == to->isSigned)
            return f->bits <= to->bits;
        return !f->isSigned && f->bits < to->bits;
    }
    if (f->k == TK::Float && to->k == TK::Float)
        return f->bits < to->bits;
    if (f->k == TK::Ptr && to->k == TK::Ptr) {
        TypeP fe = f->elem;
        // Any rank: the SDK's Types page says the array must have rank one, but its own
        // examples (gemv-checkerboard-pattern, topic-10-map-builtin) take `[*]T` of a
        // two-dimensional array, and cslc accepts them.
        if (!f->many && fe->k == TK::Array && to->many && sameType(fe->elem, to->elem))
            return !f->isConst || to->isConst;
        if (sameType(fe, to->elem))
            return (!f->isConst || to->isConst);
        // An array pointer may view the same elements in another shape or a prefix of
        // them, never more elements than the array has (a `*[8]u32` of a `[4]u32` wrote
        // into the next variable).
        if (fe->k == TK::Array && to->elem->k == TK::Array && sameType(fe->elem, to->elem->elem))
            return elementCount(to->elem) <= elementCount(fe);
        // The Types page (SDK 2.10): "Pointers to any type can be implicitly coerced to
        // *anyopaque" (keeping const).
        if (to->elem->k == TK::Opaque)
            return !f->isConst || to->isConst;
        // SDK 2.10 (release notes): "The type *T will now automatically coerce to *[1]T".
        if (!f->many && !to->many && to->elem->k == TK::Array && to->elem->dims.size() == 1 &&
            to->elem->dims[0] == 1 && sameType(fe, to->elem->elem))
            return !f->isConst || to->isConst;
        return false;
    }
    if (f->k == TK::Fn && to->k == TK::Ptr && to->elem->k == TK::Fn)
        return true;
    if (f->k == TK::Ptr && f->elem->k == TK::Fn && to->k == TK::Fn)
        return true;
    return false;
}

// The integer a comptime float truncates to, in type `to` (an integer type, or
// comptime_int): u64 values from 2^63 up are held as their bits, and a value outside the
// type's range is an error. Converting through int64_t first made 1.5e19 (a u64) -2^63.
Value Analyzer::floatToInt(double f, TypeP to, uint32_t node) {
    const double t = std::trunc(f);
    const bool u64 = isU64(to) || to->k == TK::CInt;
    if (u64 && t >= 9223372036854775808.0 && t < 18446744073709551616.0)
        return mkInt(int64_t(uint64_t(t)), isU64(to) ? to : types.u64);
    if (!(t >= -9223372036854775808.0 && t < 9223372036854775808.0) ||
        (to->k == TK::Int && !fitsInt(int64_t(t), to))) {
        char text[32];
        std::snprintf(text, sizeof text, "%.17g", f);
        fail(node, std::string("value ") + text + " does not fit in type '" + typeName(to) + "'");
    }
    return to->k == TK::CInt ? mkInt(int64_t(t)) : mkInt(int64_t(t), to);
}

std::optional<std::pair<int, int>> Analyzer::handleIdRange(HandleKind kind) const {
    switch (kind) {
    case HandleKind::Color:
        return std::pair(0, 31); // 24-31 are not routable, but are colors
    case HandleKind::LocalTaskId:
        return std::pair(wse3() ? 8 : 0, 30);
    case HandleKind::ControlTaskId:
        return std::pair(0, 63);
    case HandleKind::DataTaskId:
        return std::pair(0, wse3() ? sim::kNumInputQueues - 1 : 23);
    case HandleKind::InputQueue:
    case HandleKind::UtId:
        return std::pair(0, 7);
    case HandleKind::OutputQueue:
        return std::pair(0, wse3() ? 7 : 5);
    default:
        return std::nullopt;
    }
}

void Analyzer::failUnlessIdInRange(HandleKind kind, const std::string& what, int64_t id,
                                   uint32_t node) {
    if (const auto range = handleIdRange(kind); range && (id < range->first || id > range->second))
        fail(node, what + " " + std::to_string(id) + " is out of range for " +
                       (wse3() ? "wse3" : "wse2") + " (" + std::to_string(range->first) + "-" +
                       std::to_string(range->second) + ")");
}

Value Analyzer::coerce(const Value& v, TypeP to, uint32_t node, const char* context) {
    if (!to || to->k == TK::AnyType || sameType(v.type, to))
        return v;
    auto mismatch = [&]() -> Value {
        // A bare `.name` has no type of its own until an enum type meets it.
        if (v.k == VK::EnumV && v.type && v.type->k == TK::AnyType)
            fail(node, "the enum literal '." + v.s + "' needs an enum type; '" + typeName(to) +
                           "' is not one");
        std::string m = "expected type '" + typeName(to) + "', found '" + typeName(v.type) + "'";
        if (context)
            m += std::string(" ") + context;
        fail(node, m);
    };
    if (v.k == VK::Undef) {
        Value u = v;
        u.type = to;
        return u;
    }
    if (v.isComptime()) {
        switch (to->k) {
        case TK::Int:
            if (v.k == VK::Int && v.i < 0 && isU64(v.type) && !isU64(to))
                fail(node, "value " + std::to_string(uint64_t(v.i)) + " does not fit in type '" +
                               typeName(to) + "'"); // a u64 from 2^63 up, held as its bits
            if (v.k == VK::Float && v.type->k == TK::CFloat && v.f == std::floor(v.f))
                return floatToInt(v.f, to, node);
            if (v.k == VK::Int) {
                const int64_t x = v.i;
                if (!fitsInt(x, to))
                    fail(node, "value " + std::to_string(x) + " does not fit in type '" +
                                   typeName(to) + "'");
                return mkInt(x, to);
            }
            if (v.k == VK::EnumV || v.k == VK::Handle)
                break;
            return mismatch();
        case TK::CInt:
            if (v.k == VK::Int)
                return mkInt(v.i);
            return mismatch();
        case TK::Float:
            // The Types page: a comptime_float is converted to the other float type, and
            // "an error is emitted if this is not possible" (it became infinity).
            if ((v.k == VK::Int && v.type->k == TK::CInt) ||
                (v.k == VK::Float && v.type->k == TK::CFloat)) {
                const double x = v.k == VK::Int ? comptimeIntToDouble(v) : v.f;
                if (std::isfinite(x) && !std::isfinite(roundToFloatType(x, to)))
                    fail(node, "value " + show(v) + " does not fit in type '" + typeName(to) +
                                   "' (it would round to infinity)");
            }
            if (v.k == VK::Int)
                return mkFloat(comptimeIntToDouble(v), to);
            // The Types page (SDK 2.10): floats widen within a format family only
            // ("Cross-format: f16 -> bf16" is not allowed).
            if (v.k == VK::Float && (v.type->k == TK::CFloat || sameType(v.type, to) ||
                                     (v.type->bits < to->bits && to->bits == 32)))
                return mkFloat(v.f, to);
            return mismatch();
        case TK::CFloat:
            if (v.k == VK::Int)
                return mkFloat(comptimeIntToDouble(v));
            if (v.k == VK::Float)
                return mkFloat(v.f);
            return mismatch();
        case TK::Handle:
            if (v.k == VK::Int) {
                // An integer taken as an ID has the range its @get_* builtin checks (an input
                // queue 99 or local task 99 faulted only at run time).
                failUnlessIdInRange(to->hk, typeName(to), v.i, node);
                return mkHandle(to->hk, v.i);
            }
            return mismatch();
        case TK::CStruct:
            if (v.k == VK::Agg)
                return v;
            return mismatch();
        case TK::Enum:
            // Enum types are nominal: a member of another enum does not become the member
            // of the same name here (only a bare `.name` literal takes the expected enum),
            // except for the same declaration made by another module instance.
            if (v.k == VK::EnumV && v.type && v.type->k == TK::Enum && !sameDeclaration(v.type, to))
                return mismatch();
            if (v.k == VK::EnumV) {
                for (const FieldInfo& m : to->fields) {
                    if (m.name == v.s) {
                        Value e = v;
                        e.i = m.value;
                        e.type = to;
                        return e;
                    }
                }
                fail(node, "enum '" + typeName(to) + "' has no member named '" + v.s + "'");
            }
            return mismatch();
        case TK::Struct: {
            if (v.k != VK::Agg)
                return mismatch();
            // Struct types are nominal, as in Zig: only an anonymous struct literal
            // (`.{ .v = 1.0 }`) takes the type it is coerced to, and a value of the same
            // declaration's type in another module instance (a layout passing a shared
            // module's struct to a tile param of that module's type).
            if (v.type && v.type->k == TK::Struct && !sameStructShape(v.type, to))
                return mismatch();
            if (to->isUnion)
                return coerceToUnion(v, to, node);
            // A misspelt field first: it is usually why another field is missing.
            for (size_t i = 0; v.names && i < v.names->size(); ++i) {
                bool found = false;
                for (const FieldInfo& fi : to->fields)
                    found = found || fi.name == (*v.names)[i];
                if (!found)
                    fail(node, "struct '" + typeName(to) + "' has no field named '" +
                                   (*v.names)[i] + "'");
            }
            std::vector<std::string> names;
            std::vector<Value> elems;
            for (const FieldInfo& fi : to->fields) {
                const Value* fv = v.field(fi.name);
                names.push_back(fi.name);
                if (!fv)
                    fv = fi.defaultValue.get();
                if (!fv)
                    fail(node, "missing field '" + fi.name + "' in initializer of '" +
                                   typeName(to) + "'");
                elems.push_back(coerce(*fv, fi.type, node));
            }
            Value r = mkAgg(names, elems);
            r.type = to;
            return r;
        }
        case TK::Array: {
            // An array of one element type is not one of another (`@zeros([300]u16)` for a
            // `[300]u32`); a literal's elements take the array's type.
            if (v.k != VK::Agg || (v.type && v.type->k == TK::Array))
                return mismatch();
            uint32_t n = to->dims.empty() ? 0 : to->dims[0];
            if (v.elems->size() != n)
                fail(node, "expected " + std::to_string(n) + " array elements, found " +
                               std::to_string(v.elems->size()));
            TypeP sub = to->dims.size() > 1
                            ? types.array(to->elem, std::vector<uint32_t>(to->dims.begin() + 1,
                                                                          to->dims.end()))
                            : to->elem;
            std::vector<Value> elems;
            for (const Value& e : *v.elems)
                elems.push_back(coerce(e, sub, node));
            Value r = mkAgg({}, elems);
            r.names.reset();
            r.type = to;
            return r;
        }
        case TK::Ptr:
            if (v.k == VK::Ptr && canCoerce(v, to)) {
                Value r = v;
                r.type = to;
                return r;
            }
            if (v.k == VK::Fn && to->elem->k == TK::Fn) {
                // The pointer's type is the function's signature (`&f` of `fn(u16) u16` is a
                // `*const fn(u16) u16`); another signature was accepted and called with
                // arguments of the wrong types.
                if (v.fn && !v.fn->generic && !sameType(fnType(v.fn), to->elem))
                    return mismatch();
                // The Syntax page: coercing a function to a const function pointer is taking
                // its address, which an inline function does not allow.
                if (v.fn && v.fn->isInline)
                    fail(node, "cannot take the address of inline function '" + v.fn->name +
                                   "' (coercing it to a function pointer does); remove 'inline' "
                                   "to call it through a pointer");
                // The Syntax page: "function values can only be coerced to const function
                // pointers".
                if (!to->isConst)
                    fail(node, "expected type '" + typeName(to) +
                                   "', found a function: a function value becomes only a const "
                                   "function pointer ('*const " +
                                   typeName(to->elem) + "')");
                Value r = v;
                r.type = to;
                return r;
            }
            return mismatch();
        case TK::Fn:
            if (v.k == VK::Fn) {
                // As for function pointers: `const f: fn(i32) i32 = foo` of a `fn(i16) i16`
                // was accepted and called foo with an i32 (h-lang8).
                if (v.fn && !v.fn->generic && !sameType(fnType(v.fn), to))
                    return mismatch();
                Value r = v;
                r.type = to;
                return r;
            }
            return mismatch();
        case TK::Bool:
        default:
            return mismatch();
        }
    }
    if (!canCoerce(v, to))
        return mismatch();
    TypeP f = v.type;
    if (v.k == VK::RuntimeDsd)
        return mismatch();
    if ((f->k == TK::Int && to->k == TK::Int) || (f->k == TK::Float && to->k == TK::Float)) {
        uint16_t r = newReg(node);
        emit(sim::Op::Convert, scalarOf(to), r, v.reg, kNoReg, int32_t(scalarOf(f)));
        return mkRuntime(r, to);
    }
    Value r = v;
    r.type = to;
    return r;
}

// ---- modules ----------------------------------------------------------------------------

std::optional<std::string> Analyzer::readSource(const std::string& path) {
    readError_.clear();
    if (opt_.readFile) {
        if (std::optional<std::string> text = opt_.readFile(path))
            return text;
    }
    return readSourceFile(path, &readError_);
}

std::shared_ptr<Ast> Analyzer::loadAst(const std::string& path, const std::string& shownPath,
                                       uint16_t& fileId) {
    auto it = asts_.find(path);
    if (it != asts_.end()) {
        fileId = fileIds_[path];
        return it->second;
    }
    std::optional<std::string> text;
    if (path.rfind("<lib>/", 0) == 0) {
        const lib::LibraryInfo* info = lib::findLibrary(path.substr(6));
        if (info && info->source)
            text = std::string(info->source) + (info->prelude ? info->prelude : "");
    }
    if (!text)
        text = readSource(path);
    if (!text)
        return nullptr;
    fileId = diags_.addFile(shownPath, *text);
    auto a = std::make_shared<Ast>(parse(diags_, fileId));
    asts_[path] = a;
    fileIds_[path] = fileId;
    return a;
}

void Analyzer::indexDecls(Module* m) {
    const Ast& a = *m->ast;
    for (uint32_t d : a.list(a.root)) {
        const Node& n = a.nodes[d];
        if (n.kind != NK::VarDecl && n.kind != NK::FnDecl)
            continue;
        std::string name(a.tokText(n.tok));
        if (isPrimitiveTypeName(name)) {
            diags_.error(m->fileId, a.tokens.tokens[n.tok].begin, a.tokens.tokens[n.tok].end,
                         "'" + name + "' is the name of a primitive type and cannot be redeclared");
            continue;
        }
        if (m->decls.count(name)) {
            diags_.error(m->fileId, a.tokens.tokens[n.tok].begin, a.tokens.tokens[n.tok].end,
                         "redefinition of '" + name + "'");
            const Decl& prev = m->decls[name];
            diags_.note(m->fileId, a.beginOffset(prev.node), a.endOffset(prev.node),
                        "previous definition is here");
            continue;
        }
        Decl decl;
        decl.name = name;
        decl.node = d;
        decl.isFn = n.kind == NK::FnDecl;
        decl.isVar = n.kind == NK::VarDecl && (n.flags & kVarVar);
        decl.isParam = n.kind == NK::VarDecl && (n.flags & kVarParam);
        m->decls[name] = decl;
        m->declOrder.push_back(name);
    }
    for (auto& [name, decl] : m->decls)
        m->declById[nameId(name)] = &decl;
}

Module* Analyzer::loadModule(const std::string& spec, const std::string& fromDir,
                             const Value& params, Module* importer, uint32_t node, ClassCtx* cls,
                             const std::string& prefix) {
    // Each @import_module makes a new instance (the Modules page), so a module that imports
    // itself instantiates without end once its functions are followed; the C++ stack ran out.
    size_t depth = 0;
    for (const Module* up = importer; up; up = up->importer)
        ++depth;
    if (depth > kMaxImportDepth)
        fail(importer, node,
             "module instances nested more than " + std::to_string(kMaxImportDepth) + " deep: '" +
                 importer->path + "' is imported again through its own imports");
    modules_.emplace_back();
    Module* m = &modules_.back();
    m->cls = cls;
    if (cls)
        cls->modules.push_back(m);
    m->prefix = prefix;
    m->importer = importer;
    m->importNode = node;
    if (spec.size() > 2 && spec.front() == '<' && spec.back() == '>') {
        std::string name = spec.substr(1, spec.size() - 2);
        const lib::LibraryInfo* info = lib::findLibrary(name);
        if (!info)
            fail(importer, node, "unknown library module '" + spec + "'");
        m->path = spec;
        m->libParams = params;
        if (name == "memcpy/get_params")
            checkMemcpyParams(*m);
        // The PE's memcpy parameters are the struct get_params gives its column (an integer
        // or a route struct passed silently, h-mut7).
        if (name == "memcpy/memcpy" && (params.k != VK::Agg || !params.field("$memcpy_column")))
            fail(importer, node,
                 "<memcpy/memcpy> takes the params that <memcpy/get_params>' get_params(x) "
                 "gives the PE's column, found '" +
                     typeName(params.type) + "'");
        if (info->source) {
            // A library written in CSL: parse it like a file.
            std::string key = "<lib>/" + name;
            m->ast = loadAst(key, spec, m->fileId);
            m->dir = fromDir;
        } else {
            m->lib = name;
            return m;
        }
    } else {
        fs::path p = fs::path(fromDir) / spec;
        std::string resolved;
        // Whether q exists; a path that cannot be looked at (a symlink loop, a name too
        // long) is kept as the reason, which threw std::filesystem_error (an abort).
        std::string unreadable;
        const auto present = [&](const fs::path& q) {
            std::error_code ec;
            const bool there = fs::exists(q, ec);
            if (ec && ec != std::errc::no_such_file_or_directory && unreadable.empty())
                unreadable = "cannot read file '" + q.string() + "': " + ec.message();
            return there && !ec;
        };
        if (present(p))
            resolved = p.lexically_normal().string();
        for (const std::string& ip : opt_.importPaths) {
            if (!resolved.empty())
                break;
            fs::path q = fs::path(ip) / spec;
            if (present(q))
                resolved = q.lexically_normal().string();
        }
        // A path written from the program's top directory, the layout file's (a module in
        // lib/ importing "lib/x.csl"): SDK-compiled programs do this, beside the sibling
        // imports of the SDK's own examples found next to the importer above.
        const fs::path topDir = fs::path(opt_.layoutFile).parent_path();
        const fs::path fromTop = topDir / spec;
        const bool topDirDiffers = fromTop.lexically_normal() != p.lexically_normal();
        if (resolved.empty() && topDirDiffers && present(fromTop))
            resolved = fromTop.lexically_normal().string();
        if (resolved.empty() && opt_.readFile && opt_.readFile(p.string()))
            resolved = p.lexically_normal().string();
        if (resolved.empty() && topDirDiffers && opt_.readFile && opt_.readFile(fromTop.string()))
            resolved = fromTop.lexically_normal().string();
        if (resolved.empty() && !unreadable.empty())
            fail(importer, node, unreadable);
        if (resolved.empty()) {
            // Where it was looked for, so a misspelled --import-path shows.
            std::string looked = "'" + (fromDir.empty() ? std::string(".") : fromDir) + "'";
            for (const std::string& ip : opt_.importPaths) {
                std::error_code ec;
                looked +=
                    ", '" + ip + "'" + (fs::is_directory(ip, ec) ? "" : " (no such directory)");
            }
            if (topDirDiffers)
                looked += ", '" + (topDir.empty() ? std::string(".") : topDir.string()) + "'";
            fail(importer, node, "file '" + spec + "' not found (looked in " + looked + ")");
        }
        std::string shown = resolved;
        fs::path base = fs::path(opt_.layoutFile).parent_path();
        std::error_code ec;
        fs::path rel = fs::relative(resolved, base.empty() ? fs::path(".") : base, ec);
        if (!ec && !rel.empty() && rel.string().rfind("..", 0) != 0 && !importer)
            shown = resolved;
        m->path = shown;
        m->dir = fs::path(resolved).parent_path().string();
        m->ast = loadAst(resolved, shown, m->fileId);
        if (!m->ast)
            fail(importer, node, "cannot read file '" + spec + "': " + readError_);
    }
    indexDecls(m);
    // Bind params from the import struct.
    if (params.k == VK::Agg && params.names) {
        for (size_t i = 0; i < params.names->size(); ++i) {
            const std::string& pn = (*params.names)[i];
            Decl* d = findDecl(m, pn);
            if (!d || !d->isParam) {
                if (m->lib.empty() && m->ast && importer && importer->ast && node) {
                    // The SDK's Modules page: "Warnings are raised if a name doesn't exist
                    // inside the module" (library modules ignore extra fields silently).
                    diags_.warning(importer->fileId, importer->ast->beginOffset(node),
                                   importer->ast->endOffset(node),
                                   "module '" + spec + "' has no param named '" + pn +
                                       "'; the binding is ignored");
                }
                continue;
            }
            m->params[pn] = (*params.elems)[i];
        }
    } else if (params.k != VK::Void && params.k != VK::Agg) {
        fail(importer, node,
             "module parameters must be a struct, found '" + typeName(params.type) + "'");
    }
    return m;
}

namespace {

// The names every scope has (u16, RAMP, EAST, ...) by kind and index.
enum class P : uint8_t { Int, Named, Handle, Dsd, Direction };
struct PrimitiveEntry {
    P kind;
    int value;
};
const std::unordered_map<std::string_view, PrimitiveEntry> kPrimitives = {
    {"i8", {P::Int, 0}},
    {"i16", {P::Int, 1}},
    {"i32", {P::Int, 2}},
    {"i64", {P::Int, 3}},
    {"u8", {P::Int, 4}},
    {"u16", {P::Int, 5}},
    {"u32", {P::Int, 6}},
    {"u64", {P::Int, 7}},
    {"f16", {P::Named, 0}},
    {"f32", {P::Named, 1}},
    {"bf16", {P::Named, 2}},
    {"cb16", {P::Named, 3}},
    {"bool", {P::Named, 4}},
    {"void", {P::Named, 5}},
    {"noreturn", {P::Named, 6}},
    {"type", {P::Named, 7}},
    {"comptime_int", {P::Named, 8}},
    {"comptime_float", {P::Named, 9}},
    {"comptime_string", {P::Named, 10}},
    {"comptime_struct", {P::Named, 11}},
    {"imported_module", {P::Named, 12}},
    {"anytype", {P::Named, 13}},
    {"anyopaque", {P::Named, 14}},
    {"color", {P::Handle, int(HandleKind::Color)}},
    {"data_task_id", {P::Handle, int(HandleKind::DataTaskId)}},
    {"local_task_id", {P::Handle, int(HandleKind::LocalTaskId)}},
    {"control_task_id", {P::Handle, int(HandleKind::ControlTaskId)}},
    {"input_queue", {P::Handle, int(HandleKind::InputQueue)}},
    {"output_queue", {P::Handle, int(HandleKind::OutputQueue)}},
    {"ut_id", {P::Handle, int(HandleKind::UtId)}},
    {"direction", {P::Handle, int(HandleKind::Direction)}},
    {"filter_id", {P::Handle, int(HandleKind::Filter)}},
    {"xdsr", {P::Handle, int(HandleKind::Xdsr)}},
    {"sr", {P::Handle, int(HandleKind::Sr)}},
    {"dsr_dest", {P::Handle, int(HandleKind::DsrDest)}},
    {"dsr_src0", {P::Handle, int(HandleKind::DsrSrc0)}},
    {"dsr_src1", {P::Handle, int(HandleKind::DsrSrc1)}},
    {"dsr_fifo_dest", {P::Handle, int(HandleKind::DsrFifoDest)}},
    {"dsr_fifo_src1", {P::Handle, int(HandleKind::DsrFifoSrc1)}},
    {"mem1d_dsd", {P::Dsd, int(sim::DsdKind::Mem1d)}},
    {"mem4d_dsd", {P::Dsd, int(sim::DsdKind::Mem4d)}},
    {"circbuf_dsd", {P::Dsd, int(sim::DsdKind::CircBuf)}},
    {"fabin_dsd", {P::Dsd, int(sim::DsdKind::FabIn)}},
    {"fabout_dsd", {P::Dsd, int(sim::DsdKind::FabOut)}},
    {"RAMP", {P::Direction, 0}},
    {"NORTH", {P::Direction, 1}},
    {"SOUTH", {P::Direction, 2}},
    {"EAST", {P::Direction, 3}},
    {"WEST", {P::Direction, 4}},
};

} // namespace

std::vector<std::string_view> Analyzer::namesInScope() const {
    std::vector<std::string_view> names = fr_->mod->declNames();
    for (const Scope& scope : fr_->scopes)
        for (uint32_t id : scope.names)
            names.push_back(nameOf(id));
    for (const auto& [name, entry] : kPrimitives)
        names.push_back(name);
    return names;
}

std::optional<Value> Analyzer::primitive(const std::string& n) {
    // One hash lookup: every name found in no scope ends here (u16, RAMP, EAST, ...), and a
    // full-wafer layout looks such names up millions of times (issue 3).
    const auto it = kPrimitives.find(n);
    if (it == kPrimitives.end()) {
        const int bits = arbitraryIntWidth(n);
        if (bits < 0 || bits > kMaxIntBits)
            return std::nullopt;
        return mkType(types.intType(bits, n[0] == 'i'));
    }
    const int v = it->second.value;
    switch (it->second.kind) {
    case P::Int: {
        const TypeP ints[] = {types.i8, types.i16, types.i32, types.i64,
                              types.u8, types.u16, types.u32, types.u64};
        return mkType(ints[v]);
    }
    case P::Named: {
        const TypeP named[] = {types.f16,     types.f32,     types.bf16,      types.cb16,
                               types.boolT,   types.voidT,   types.noreturnT, types.typeT,
                               types.cintT,   types.cfloatT, types.stringT,   types.cstructT,
                               types.moduleT, types.anyT,    types.anyopaqueT};
        return mkType(named[v]);
    }
    case P::Handle:
        return mkType(types.handle(HandleKind(v)));
    case P::Dsd:
        return mkType(types.dsd(sim::DsdKind(v)));
    case P::Direction:
        return mkHandle(HandleKind::Direction, v);
    }
    return std::nullopt;
}

uint32_t Analyzer::allocate(uint32_t size, uint32_t align, const std::string& symbol, TypeP type,
                            uint32_t node) {
    (void)node;
    ClassCtx* c = cls();
    align = std::max<uint32_t>(align, 2);
    uint32_t a = (c->nextAddress + align - 1) / align * align;
    for (bool moved = true; moved;) { // past the globals placed at fixed addresses
        moved = false;
        for (const auto& [b, e] : c->fixedRanges) {
            if (a < e && b < a + std::max<uint32_t>(size, 1)) {
                a = (e + align - 1) / align * align;
                moved = true;
            }
        }
    }
    c->nextAddress = a + std::max<uint32_t>(size, 1);
    addSymbol(a, size, symbol, type);
    return a;
}

// A global of link section `section`, placed from `start` (--link-section-start-address-
// bytes) after the section's earlier globals.
uint32_t Analyzer::allocateInSection(uint32_t size, uint32_t align, const std::string& symbol,
                                     TypeP type, uint32_t node, const std::string& section,
                                     uint32_t start) {
    ClassCtx* c = cls();
    align = std::max<uint32_t>(align, 2);
    const auto next = c->sectionNext.find(section);
    const uint32_t from = next == c->sectionNext.end() ? start : next->second;
    const uint32_t a = (from + align - 1) / align * align;
    const uint32_t end = a + std::max<uint32_t>(size, 1);
    if (end > sim::kPeMemoryBytes)
        fail(node, "'" + symbol + "' (" + std::to_string(size) + " bytes) at address " +
                       std::to_string(a) + " of link section '" + section +
                       "' does not fit in the 49152 bytes of PE memory");
    for (const sim::Symbol& s : c->cc.symbols) {
        if (a < s.address + std::max<uint32_t>(s.sizeBytes, 1) && s.address < end)
            fail(node, "'" + symbol + "' at address " + std::to_string(a) + " of link section '" +
                           section + "' overlaps '" + s.name + "' (" + std::to_string(s.address) +
                           ".." + std::to_string(s.address + s.sizeBytes) + ")");
    }
    c->sectionNext[section] = end;
    c->fixedRanges.emplace_back(a, end);
    c->fixedEnd = std::max(c->fixedEnd, end);
    addSymbol(a, size, symbol, type);
    return a;
}

void Analyzer::addSymbol(uint32_t a, uint32_t size, const std::string& symbol, TypeP type) {
    ClassCtx* c = cls();
    sim::Symbol s;
    // Names stay unique, for the memory views, core dumps and the 48 KB error: two modules'
    // types of one name gave a caller two copies "f.$argument 1 (Pair)".
    const size_t uses = ++c->symbolNameUses[symbol];
    s.name = uses == 1 ? symbol : symbol + " #" + std::to_string(uses);
    s.address = a;
    s.sizeBytes = size;
    TypeP el = type;
    while (el->k == TK::Array)
        el = el->elem;
    s.elementType = isRuntimeScalar(el) ? scalarOf(el) : sim::ScalarType::U8;
    uint32_t es = sizeOf(el);
    s.elementCount = es ? size / es : size;
    c->cc.symbols.push_back(s);
}

void Analyzer::encodeValue(std::vector<uint8_t>& out, size_t at, const Value& v, TypeP t,
                           uint32_t node) {
    if (v.k == VK::Undef)
        return;
    if (t->k == TK::Array) {
        if (v.k != VK::Agg)
            fail(node, "expected an array initializer");
        TypeP sub =
            t->dims.size() > 1
                ? types.array(t->elem, std::vector<uint32_t>(t->dims.begin() + 1, t->dims.end()))
                : t->elem;
        uint32_t es = sizeOf(sub);
        for (size_t i = 0; i < v.elems->size() && i < t->dims[0]; ++i)
            encodeValue(out, at + i * es, (*v.elems)[i], sub, node);
        return;
    }
    if (t->k == TK::Struct && t->bitPacked) {
        const uint64_t bits = packedBitsOf(v, t, node);
        for (uint32_t i = 0; i < sizeOf(t); ++i)
            out[at + i] = uint8_t(bits >> (8 * i));
        return;
    }
    if (t->k == TK::Struct) {
        if (v.k != VK::Agg)
            fail(node, "expected a struct initializer");
        for (const FieldInfo& f : t->fields) {
            const Value* fv = v.field(f.name);
            if (fv)
                encodeValue(out, at + f.offset, *fv, f.type, node);
        }
        return;
    }
    if (!isRuntimeScalar(t))
        fail(node, "a value of type '" + typeName(t) + "' cannot be stored in memory");
    uint64_t bits = 0;
    if (v.k == VK::Float || (t->k == TK::Float && v.k == VK::Int))
        bits = floatBits(v.k == VK::Float ? v.f : double(v.i), t);
    else if (v.k == VK::Fn) {
        bits = uint64_t(lowerFunction(v.fn, node));
        v.fn->usedAsValue = true;
    } else if (v.k == VK::Int || v.k == VK::Bool || v.k == VK::Handle || v.k == VK::Ptr ||
               v.k == VK::EnumV)
        bits = uint64_t(v.i);
    else
        fail(node, "initializer is not comptime-known");
    uint32_t n = sizeOf(t);
    for (uint32_t i = 0; i < n; ++i)
        out[at + i] = uint8_t(bits >> (8 * i));
}

void Analyzer::writeInit(uint32_t addr, const Value& v, TypeP t, uint32_t node) {
    if (v.k == VK::Undef)
        return;
    sim::DataInit di;
    di.address = addr;
    di.bytes.assign(sizeOf(t), 0);
    encodeValue(di.bytes, 0, v, t, node);
    bool allZero = std::all_of(di.bytes.begin(), di.bytes.end(), [](uint8_t b) { return !b; });
    if (!allZero)
        cls()->cc.data.push_back(std::move(di));
}

sim::Function& Analyzer::initFunction() {
    ClassCtx* c = cls();
    if (c->initFn < 0) {
        c->funcs.emplace_back();
        c->funcs.back().name = sim::kGlobalInitFunctionName;
        c->initFn = int32_t(c->funcs.size() - 1);
        c->fnOfIndex.push_back(nullptr);
    }
    return c->funcs[size_t(c->initFn)];
}

// Gives a module-level const (an array or struct) an SRAM home, for runtime indexing or
// for taking its address.
// The alignment a global's storage needs: its `align(N)` (a power of two), else its type's.
// Evaluated in m's frame.
uint32_t Analyzer::declAlign(Module* m, const Decl& d, TypeP t) {
    const Node& n = m->ast->nodes[d.node];
    return declaredAlign(n.kind == NK::VarDecl ? n.c : 0, t);
}

// `align(N)` at node `alignNode` (0: none) of a variable of type t: N (a power of two) or
// the type's own alignment, whichever is larger.
uint32_t Analyzer::declaredAlign(uint32_t alignNode, TypeP t) {
    if (!alignNode)
        return alignOf(t);
    const int64_t a = asInt(eval(alignNode), alignNode, "alignment");
    if (a < 1 || (a & (a - 1)) != 0)
        fail(alignNode, "alignment " + std::to_string(a) + " is not a power of two");
    return std::max(uint32_t(a), alignOf(t));
}

// The symbol of a global's storage: its `linkname("...")` (the SDK: the name of the ELF
// symbol), else for an `export` its own name ("the symbol name for an export or extern
// declaration will be the same as its CSL variable name, even if the variable is declared
// inside an imported module", the Storage Classes page), else "module prefix + name".
std::string Analyzer::declSymbol(Module* m, const Decl& d) {
    const Node& n = m->ast->nodes[d.node];
    const bool isFn = n.kind == NK::FnDecl;
    const bool linked = isFn ? (n.flags & (kFnExport | kFnExtern)) != 0
                             : n.kind == NK::VarDecl && (n.flags & (kVarExport | kVarExtern));
    const uint32_t e = isFn                                 ? n.c
                       : n.kind == NK::VarDecl && n.listLen ? m->ast->list(d.node)[0]
                                                            : 0;
    if (!e)
        return linked ? d.name : m->prefix + d.name;
    // The linkname is an expression of m, which may not be the module being evaluated.
    ModuleFrame frame(*this, m);
    Value v = evalComptime(e, nullptr, "linkname");
    if (v.k != VK::String || v.s.empty())
        fail(e, "linkname expects a non-empty comptime string");
    return v.s;
}

// The Storage Classes page: an extern declaration's symbol "is expected to be defined in an
// export declaration elsewhere", which "may either be in the object file currently being
// compiled, or in another object file". An extern fn whose symbol (its linkname, else its
// name) an export fn of this tile code has becomes that function; the types must agree.
FnDef* Analyzer::exportedFunctionFor(Module* m, const Decl& d, FnDef* externDef) {
    const std::string symbol = declSymbol(m, d);
    // By index: resolveDecl may import modules, which the deque takes at its end.
    for (size_t i = 0; i < modules_.size(); ++i) {
        Module& other = modules_[i];
        if (other.cls != m->cls || !other.ast)
            continue;
        for (auto& [name, candidate] : other.decls) {
            const Node& cn = other.ast->nodes[candidate.node];
            if (&candidate == &d || !candidate.isFn || cn.kind != NK::FnDecl ||
                !(cn.flags & kFnExport) || declSymbol(&other, candidate) != symbol)
                continue;
            const Value v = resolveDecl(&other, candidate, d.node);
            if (!v.fn || v.fn->generic || !sameType(fnType(v.fn), fnType(externDef)))
                fail(d.node, "extern function '" + d.name + "' has type '" +
                                 typeName(fnType(externDef)) + "', but its export in " +
                                 other.path + " has type '" + typeName(v.type) + "'");
            return v.fn;
        }
    }
    return nullptr;
}

// The Storage Classes page: "A declaration without a storage class cannot have the same
// symbol name as an export or extern declaration" (`linked`: d is export or extern).
// Variables claim their symbol when given storage, functions when resolved (h-lang8:
// functions' symbols were never checked).
void Analyzer::claimSymbol(const Module& m, const std::string& symbol, bool linked, const Decl& d) {
    const auto [it, fresh] = m.cls->declSymbols.try_emplace(symbol, &d, &m, linked);
    if (fresh)
        return;
    // Named with their files: two of one name (a module imported twice) read as one.
    const auto named = [](const Decl& decl, const Module& mod) {
        return "'" + decl.name + "' (" + mod.path + ")";
    };
    const std::string self = named(d, m), other = named(*it->second.decl, *it->second.mod);
    if (it->second.linked != linked)
        fail(d.node, "the symbol name '" + symbol + "' of " + self + " is also that of " + other +
                         "; a declaration without a storage class (" + (linked ? other : self) +
                         ") cannot share it with an export or extern one");
    // The Storage Classes page: "multiple extern declarations with the same object symbol
    // name ..., and up to one export declaration" (externs claim no symbol here).
    if (linked)
        fail(d.node, "symbol '" + symbol + "' is exported twice: by " + other + " and by " + self);
    // Two declarations with one ELF symbol (two linknames alike) would be one to the host and
    // to any extern.
    fail(d.node, "the symbol name '" + symbol + "' of " + self + " is also that of " + other +
                     "; each declaration needs its own symbol");
}

// Storage for global d: in its link section when --link-section-start-address-bytes
// places that section, else with the other data. A link section must be a comptime string.
uint32_t Analyzer::allocateDecl(Module* m, const Decl& d, TypeP t, uint32_t node) {
    const uint32_t align = declAlign(m, d, t);
    const std::string symbol = declSymbol(m, d);
    const Node& n = m->ast->nodes[d.node];
    if (m->cls && n.kind == NK::VarDecl)
        claimSymbol(*m, symbol, n.flags & (kVarExport | kVarExtern), d);
    if (n.kind == NK::VarDecl && n.d) {
        Value sec = evalComptime(n.d, nullptr, "linksection");
        if (sec.k != VK::String || sec.s.empty())
            fail(n.d, "linksection expects a non-empty comptime string");
        for (const auto& [name, start] : opt_.linkSectionStartBytes) {
            if (name == sec.s)
                return allocateInSection(sizeOf(t), align, symbol, t, node, name, start);
        }
    }
    return allocate(sizeOf(t), align, symbol, t, node);
}

void Analyzer::ensureStorage(Module* m, Decl& d, uint32_t node) {
    if (d.hasStorage)
        return;
    if (!m->cls)
        fail(node, "'" + d.name + "' has no storage in the layout");
    TypeP t = d.isVar ? d.type : d.value.type;
    if (!t || t->k == TK::CStruct || t->k == TK::CInt || t->k == TK::CFloat || t->k == TK::String ||
        t->k == TK::TypeT)
        fail(node, "'" + d.name + "' of type '" + typeName(t) + "' has no runtime representation");
    Frame* save = fr_;
    Frame f;
    f.mod = m;
    fr_ = &f;
    try {
        d.address = allocateDecl(m, d, t, node);
        d.hasStorage = true;
        writeInit(d.address, d.value, t, node);
        if (!d.isVar)
            cls()->readOnly.emplace_back(d.address, d.address + sizeOf(t));
    } catch (...) {
        fr_ = save;
        throw;
    }
    fr_ = save;
}

// Read-only storage for aggregate `v` (an array or struct with a run-time representation)
// that no declaration owns, e.g. a function's local `const xs = [4]i32{...}` whose address is
// taken (`f(&xs)`) or that is indexed at run time.
uint32_t Analyzer::constStorageOf(const Value& v, uint32_t node) {
    if (v.k != VK::Agg || !v.type || (v.type->k != TK::Array && v.type->k != TK::Struct))
        fail(node, "a value of type '" + typeName(v.type) + "' has no runtime representation");
    ClassCtx* c = cls();
    if (!c)
        fail(node, "a comptime value has no storage outside a PE's code");
    const bool known = fullyComptime(v);
    if (!known && !runtime())
        fail(node, "initializer is not comptime-known");
    const auto it = c->constStorage.find(v.elems.get());
    if (it == c->constStorage.end()) {
        const uint32_t addr = readOnlyStorage(v, v.type, node);
        c->constStorage[v.elems.get()] = {v.elems, addr};
        return addr;
    }
    // An aggregate of run-time values (`const taps = [3]f32{ a, b, c };` in a function) is
    // stored where it is used: the use need not follow an earlier one.
    if (!known)
        storeAt(it->second.second, v.type, v, node);
    return it->second.second;
}

// A read-only copy in memory of `v` (of type `t`) for run-time indexing or an address. One of
// run-time values is the activation's own in a function with a stack frame; otherwise it is
// static (constStorageOf, readOnlyStorage), which a call cycle through the function would
// overwrite (FnDef::staticHomes).
Place Analyzer::readOnlyCopy(const Value& v, TypeP t, uint32_t node) {
    const bool known = fullyComptime(v);
    FnDef* owner = fr_->def;
    if (!known && owner && owner->stackFrame) {
        Place copy =
            homePlace(localHome(sizeOf(t), alignOf(t),
                                "$const." + std::to_string(cls()->readOnlyCopies++), t, node),
                      t);
        store(copy, v, node);
        copy.mut = false;
        return copy;
    }
    if (!known && owner)
        ++owner->staticHomes;
    Place copy;
    copy.k = Place::K::Mem;
    copy.type = t;
    copy.addrImm = t->k == TK::Array || t->k == TK::Struct ? constStorageOf(v, node)
                                                           : readOnlyStorage(v, t, node);
    copy.mut = false;
    return copy;
}

// Read-only storage of its own ("$const.N") for `v` of type `t`: written at load time when
// it is comptime-known, else by code here.
uint32_t Analyzer::readOnlyStorage(const Value& v, TypeP t, uint32_t node) {
    ClassCtx* c = cls();
    const uint32_t addr =
        allocate(sizeOf(t), alignOf(t), "$const." + std::to_string(c->readOnlyCopies++), t, node);
    c->readOnly.emplace_back(addr, addr + sizeOf(t));
    if (fullyComptime(v))
        writeInit(addr, v, t, node);
    else
        storeAt(addr, t, v, node);
    return addr;
}

void Analyzer::storeAt(uint32_t addr, TypeP t, const Value& v, uint32_t node) {
    Place p;
    p.k = Place::K::Mem;
    p.type = t;
    p.addrImm = addr;
    p.mut = true;
    store(p, v, node);
}

// The Storage Classes page: an `extern` variable names the `export` declaration of the same
// name "in the object file currently being compiled, or in another object file that will be
// linked". Here that is a module of the same tile code; no other object files are linked.
Value Analyzer::bindExtern(Module* m, Decl& d, TypeP t) {
    const Node& n = N(d.node);
    if (n.b)
        fail(n.b, "extern variable '" + d.name + "' must not have an initializer");
    if (!t)
        fail(d.node, "extern variable '" + d.name + "' needs a type");
    failUnlessAbiSized(t, n.a, "extern variable '" + d.name + "'");
    // The export may be in a module that nothing has used yet: import every module of this
    // tile code first (a module's imports are `const m = @import_module(...)` declarations).
    for (size_t k = 0; k < modules_.size(); ++k) {
        Module& mod = modules_[k];
        if (mod.cls != m->cls)
            continue;
        for (const std::string& name : mod.declOrder) {
            Decl& decl = mod.decls[name];
            const Node& declNode = mod.ast->nodes[decl.node];
            if (decl.isFn || decl.state != Decl::State::Unresolved || !declNode.b ||
                mod.ast->nodes[declNode.b].kind != NK::BuiltinCall ||
                mod.ast->tokText(mod.ast->nodes[declNode.b].tok) != "@import_module")
                continue;
            resolveDecl(&mod, decl, d.node);
        }
    }
    // Matched by symbol name: the name, or a linkname ("The variable "y" will essentially be
    // aliased to "x", since they share a symbol name", the Storage Classes page).
    const std::string symbol = declSymbol(m, d);
    for (Module& other : modules_) {
        if (other.cls != m->cls)
            continue;
        Decl* def = nullptr;
        for (auto& [name, candidate] : other.decls) {
            const Node& cn = other.ast->nodes[candidate.node];
            if (&candidate != &d && cn.kind == NK::VarDecl && (cn.flags & kVarExport) &&
                declSymbol(&other, candidate) == symbol)
                def = &candidate;
        }
        if (!def)
            continue;
        const Value v = resolveDecl(&other, *def, d.node);
        const TypeP defType = def->isVar ? def->type : v.type;
        if (!sameType(defType, t))
            fail(n.a, "extern variable '" + d.name + "' has type '" + typeName(t) +
                          "', but its export in " + other.path + " has type '" + typeName(defType) +
                          "'");
        // The Storage Classes page: declarations sharing a symbol name "must match with
        // respect to constness".
        if (bool(n.flags & kVarVar) != def->isVar)
            fail(d.node, "extern variable '" + d.name + "' is a " +
                             ((n.flags & kVarVar) ? "var" : "const") + ", but its export in " +
                             other.path + " is a " + (def->isVar ? "var" : "const"));
        d.type = t;
        d.address = def->address;
        d.hasStorage = def->hasStorage;
        d.isVar = def->isVar && (n.flags & kVarVar);
        return v;
    }
    fail(d.node, "extern variable '" + d.name +
                     "' has no definition: no module of this tile code exports a variable with "
                     "symbol name '" +
                     symbol + "' (no other object files are linked)");
}

Value Analyzer::resolveDecl(Module* m, Decl& d, uint32_t useNode) {
    if (d.state == Decl::State::Done) {
        if (d.failed)
            throw SemaError{}; // reported at the declaration
        return d.value;
    }
    if (d.state == Decl::State::InProgress && d.incompleteType)
        return mkType(d.incompleteType); // a field's pointer to the struct being declared
    if (d.state == Decl::State::InProgress && d.isVar && d.hasStorage)
        return Value{}; // its place (storage allocated early), for `&v` in its initializer
    if (d.state == Decl::State::InProgress)
        fail(useNode, "'" + d.name + "' depends on its own value");
    // Each declaration that needs the next one still unresolved nests a resolution: a
    // generated chain of thousands of them overflowed the stack (SIGSEGV at 3000).
    constexpr int kMaxDeclDepth = 1000;
    if (declDepth_ >= kMaxDeclDepth)
        fail(useNode, "declarations depend on each other more than " +
                          std::to_string(kMaxDeclDepth) + " deep (here '" + d.name +
                          "'); compute the chain in a comptime loop instead");
    NestingLevel level{declDepth_};
    d.state = Decl::State::InProgress;
    // A declaration first used inside a tensor access (`|i|{n} -> t[i]`) is evaluated on its
    // own: its initializer's indexing is ordinary comptime indexing, not tensor access.
    struct ModeReset {
        bool& mode;
        bool saved;
        ~ModeReset() { mode = saved; }
    } modeReset{tensorAccessMode_, tensorAccessMode_};
    tensorAccessMode_ = false;
    FrameRestore restore{fr_, fr_};
    Frame f;
    f.mod = m;
    f.comptime = true;
    f.scopes.emplace_back();
    fr_ = &f;
    // The declaration being evaluated, so that `const name = @import_module(...)` can name
    // the module's symbols "name.symbol" (the SDK's Modules page).
    struct ResolvingReset {
        const Decl*& cur;
        Module*& curMod;
        const Decl* saved;
        Module* savedMod;
        ~ResolvingReset() {
            cur = saved;
            curMod = savedMod;
        }
    } resolvingReset{resolvingDecl_, resolvingDeclMod_, resolvingDecl_, resolvingDeclMod_};
    resolvingDecl_ = &d;
    resolvingDeclMod_ = m;
    try {
        const Node& n = N(d.node);
        if (d.isFn) {
            FnDef* def = fnDef(m, d.node);
            // The Syntax page: inline functions "may not be used in ways that require
            // functions to be valid at runtime"; an export's definition must stay.
            if ((n.flags & kFnExport) && (n.flags & kFnInline))
                fail(d.node, "export function '" + d.name + "' cannot be inline");
            if (n.flags & kFnExtern) {
                if (FnDef* exported = exportedFunctionFor(m, d, def))
                    def = exported;
            } else if (m->cls && !def->generic) {
                claimSymbol(*m, declSymbol(m, d), n.flags & kFnExport, d);
            }
            Value v;
            v.k = VK::Fn;
            v.fn = def;
            v.type = def->generic ? types.anyT : fnType(def);
            d.value = v;
        } else if (n.flags & kVarExtern) {
            d.value = bindExtern(m, d, n.a ? evalType(n.a) : nullptr);
        } else {
            TypeP t = n.a ? evalType(n.a) : nullptr;
            // The Generics page: "anytype can only appear as the type of function parameters".
            if (t && t->k == TK::AnyType)
                fail(n.a, "'anytype' can only be the type of a function parameter");
            Value init;
            bool haveInit = false;
            if (d.isParam) {
                auto it = m->params.find(d.name);
                if (it != m->params.end()) {
                    init = it->second;
                    haveInit = true;
                } else if (m->isLayout) {
                    // out.json lists the values as given on the command line.
                    for (auto& [pn, pv] : opt_.params) {
                        if (pn == d.name) {
                            init = lib::parseParamValue(*this, pv, t, d.node);
                            haveInit = true;
                            paramValues_[d.name] = pv;
                        }
                    }
                    for (auto& [pn, pv] : opt_.colors) {
                        if (pn == d.name) {
                            init = coerce(lib::parseParamValue(*this, pv, nullptr, d.node),
                                          types.handle(HandleKind::Color), d.node);
                            haveInit = true;
                            paramValues_[d.name] = pv;
                        }
                    }
                }
                if (!haveInit && n.b) {
                    init = eval(n.b, t);
                    haveInit = true;
                }
                if (!haveInit) {
                    try {
                        fail(d.node,
                             "param '" + d.name + "' has no value; set it with " +
                                 (m->isLayout ? "--params" : "@set_tile_code or @import_module"));
                    } catch (SemaError&) {
                        noteParamSource(*m, d);
                        throw;
                    }
                }
            } else if (n.b && !d.isVar && !t && N(n.b).kind == NK::StructType) {
                // Declared first, so that its fields may point to it (a list node).
                d.incompleteType = types.fresh(TK::Struct);
                struct Clear {
                    Type*& t;
                    ~Clear() { t = nullptr; }
                } clear{d.incompleteType};
                init = evalStructType(n.b, d.incompleteType);
                haveInit = true;
            } else if (n.b) {
                // A struct variable's storage exists before its initializer runs, so the
                // initializer may point into it (a sentinel node: `.next = &sentinel`).
                if (d.isVar && m->cls) {
                    TypeP early = t;
                    if (!early && N(n.b).kind == NK::TypedInit)
                        early = evalType(N(n.b).a);
                    if (early && early->k == TK::Struct && comptimeOnlyPart(early).empty()) {
                        d.type = early;
                        d.address = allocateDecl(m, d, early, d.node);
                        d.hasStorage = true;
                    }
                }
                init = eval(n.b, t);
                haveInit = true;
            } else if (!d.isVar) {
                fail(d.node, "const '" + d.name + "' must be initialized");
            }
            if (haveInit && !init.isComptime())
                fail(n.b, "initializer of '" + d.name + "' must be comptime-known");
            if (t && haveInit) {
                try {
                    init = coerce(init, t, n.b ? n.b : d.node);
                } catch (SemaError&) {
                    noteParamSource(*m, d);
                    throw;
                }
            }
            if (d.isVar) {
                if (!t) {
                    if (!haveInit)
                        fail(d.node, "var '" + d.name + "' needs a type or an initializer");
                    t = init.type;
                    if (init.k == VK::Dsd)
                        t = init.type;
                    if (t->k == TK::CInt || t->k == TK::CFloat)
                        fail(d.node,
                             "variable of type '" + typeName(t) + "' must be const or comptime");
                }
                if (!m->cls)
                    fail(d.node, "'var' is not allowed in the layout file");
                if (n.flags & kVarExport)
                    failUnlessExportCompatible(t, n.a ? n.a : d.node,
                                               "export variable '" + d.name + "'");
                d.type = t;
                if (haveInit)
                    failIfFifoAllocation(n.b, "the 'var' '" + d.name + "'");
                if (t->k == TK::Dsd) {
                    d.dsdVar = true;
                    d.address = allocate(sim::kDsdStorageBytes, 4, m->prefix + d.name, t, d.node);
                    d.hasStorage = true;
                    if (haveInit && init.k == VK::Dsd) {
                        ModuleFrame initFrame(*this, m, &initFunction());
                        setLoc(d.node);
                        auto& dc = cls()->cc.dsdConstants;
                        dc.push_back(init.dsd);
                        uint16_t dr = newDsdReg();
                        emit(sim::Op::DsdConst, sim::ScalarType::Void, dr, kNoReg, kNoReg,
                             int32_t(dc.size() - 1));
                        emit(sim::Op::DsdStore, sim::ScalarType::Void, kNoReg, kNoReg, dr,
                             int32_t(d.address));
                    }
                } else {
                    if (!isRuntimeScalar(t) && t->k != TK::Array && t->k != TK::Struct)
                        fail(d.node,
                             "variable of type '" + typeName(t) + "' must be const or comptime");
                    if (const std::string part = comptimeOnlyPart(t); !part.empty())
                        fail(d.node, "variable of type '" + typeName(t) +
                                         "' must be const or comptime: " + part);
                    failIfOtherFp16Format(t, d.node);
                    failIfFunctionTypedVar(t, d.node);
                    if (!d.hasStorage) { // else allocated before its initializer ran
                        d.address = allocateDecl(m, d, t, d.node);
                        d.hasStorage = true;
                    }
                    if (haveInit)
                        writeInit(d.address, init, t, n.b);
                }
                // A run-time variable is read through its storage: once written to the
                // class's SRAM image its aggregate initializer (a Value per element: 45
                // bytes of compiler memory per byte of a per-PE `@zeros` array, 5.9 GB at
                // 64x64) is kept as its type alone.
                if (init.k == VK::Agg && t->k != TK::Dsd) {
                    Value typed;
                    typed.k = VK::Undef;
                    typed.type = t;
                    init = typed;
                }
                d.value = init;
            } else {
                // The Storage Classes page's type restrictions cover `export const` as well.
                if (n.flags & kVarExport)
                    failUnlessExportCompatible(t ? t : init.type, n.a ? n.a : d.node,
                                               "export constant '" + d.name + "'");
                // Name anonymous struct, union and enum types after their declaration.
                if (init.k == VK::Type && (init.tv->k == TK::Struct || init.tv->k == TK::Enum) &&
                    (init.tv->name == "struct" || init.tv->name == "union" ||
                     init.tv->name == "enum"))
                    const_cast<Type*>(init.tv)->name = d.name;
                d.value = init;
            }
        }
    } catch (SemaError&) {
        noteInstanceSource(*m, d);
        d.state = Decl::State::Done;
        d.failed = true;
        d.value = Value{};
        d.value.type = types.anyT;
        d.value.k = VK::Undef;
        throw;
    }
    d.state = Decl::State::Done;
    return d.value;
}

// A param whose value is missing or does not fit its type: the error is at the
// declaration, in the module, but the mistake is usually in the struct of the
// @import_module or @set_tile_code call that made the instance, so point there too.
void Analyzer::noteParamSource(const Module& m, const Decl& d) {
    if (d.isParam && !m.isLayout)
        note(m.importer, m.importNode,
             "param '" + d.name + "' of '" + m.path + "' " +
                 (m.params.count(d.name) ? "is given its value here" : "gets no value here"));
}

// An error in a declaration of a module instance made with params names the
// @import_module that made it (the same file imported with other params may compile): once
// per error, the innermost declaration.
void Analyzer::noteInstanceSource(const Module& m, const Decl& d) {
    const size_t errors = diags_.diagnostics().size();
    if (errors == instanceNotedAt_)
        return;
    instanceNotedAt_ = errors; // the innermost declaration decides, outer ones add nothing
    // Tile code gets "in the code of PE (x, y)" notes, params and libraries their own.
    if (d.isParam || m.isLayout || m.isLibrary() || m.params.empty() || !m.importer ||
        m.importer->isLayout)
        return;
    note(m.importer, m.importNode,
         "in the instance of '" + m.path + "' imported here with these params");
}

// Two instances of one module that both export a name fail at the same line: the notes
// name the two imports that made the instances.
void Analyzer::failExportedTwice(const std::string& name, uint32_t node) {
    const auto first = cls()->exportSites.find(name);
    try {
        fail(node, "symbol '" + name + "' is exported twice");
    } catch (SemaError&) {
        if (first == cls()->exportSites.end())
            throw;
        Module* firstMod = first->second.mod;
        note(firstMod, first->second.node, "first exported here");
        if (firstMod != fr_->mod && firstMod->path == fr_->mod->path) {
            note(firstMod->importer, firstMod->importNode,
                 "by the instance of '" + firstMod->path + "' imported here");
            note(fr_->mod->importer, fr_->mod->importNode,
                 "and again by the instance imported here");
        }
        throw;
    }
}

const Value* Analyzer::primitiveById(uint32_t id) {
    if (primState_.size() <= id) {
        primState_.resize(id + 1, 0);
        primValues_.resize(id + 1);
    }
    if (primState_[id] == 0) {
        std::optional<Value> p = primitive(nameOf(id));
        primState_[id] = p ? 2 : 1;
        if (p)
            primValues_[id] = std::move(*p);
    }
    return primState_[id] == 2 ? &primValues_[id] : nullptr;
}

bool Analyzer::lookup(uint32_t name, Binding** b, Value& out, uint32_t node) {
    const bool mayBeLocal = name < boundLocally_.size() && boundLocally_[name];
    for (auto s = fr_->scopes.rbegin(); mayBeLocal && s != fr_->scopes.rend(); ++s) {
        for (size_t i = s->names.size(); i-- > 0;) {
            if (s->names[i] == name) {
                if (s->bindings[i].poisoned)
                    throw SemaError{}; // its declaration failed and was reported
                *b = &s->bindings[i];
                return true;
            }
        }
    }
    *b = nullptr;
    Module* m = fr_->mod;
    if (Decl* d = findDecl(m, name)) {
        noteReference(*d);
        out = resolveDecl(m, *d, node);
        return true;
    }
    if (const Value* p = primitiveById(name)) {
        out = *p;
        return true;
    }
    return false;
}

} // namespace csl::sema
