#include "backend/csl/sema/types.h"

#include <algorithm>

namespace csl::sema {

const char* handleName(HandleKind k) {
    switch (k) {
    case HandleKind::Color:
        return "color";
    case HandleKind::DataTaskId:
        return "data_task_id";
    case HandleKind::LocalTaskId:
        return "local_task_id";
    case HandleKind::ControlTaskId:
        return "control_task_id";
    case HandleKind::InputQueue:
        return "input_queue";
    case HandleKind::OutputQueue:
        return "output_queue";
    case HandleKind::UtId:
        return "ut_id";
    case HandleKind::Direction:
        return "direction";
    case HandleKind::DsrDest:
        return "dsr_dest";
    case HandleKind::DsrSrc0:
        return "dsr_src0";
    case HandleKind::DsrSrc1:
        return "dsr_src1";
    case HandleKind::DsrFifoDest:
        return "dsr_fifo_dest";
    case HandleKind::DsrFifoSrc1:
        return "dsr_fifo_src1";
    case HandleKind::Filter:
        return "filter_id";
    case HandleKind::Xdsr:
        return "xdsr";
    case HandleKind::Sr:
        return "sr";
    }
    return "?";
}

TypeTable::TypeTable() {
    voidT = fresh(TK::Void);
    noreturnT = fresh(TK::NoReturn);
    boolT = fresh(TK::Bool);
    cintT = fresh(TK::CInt);
    cfloatT = fresh(TK::CFloat);
    stringT = fresh(TK::String);
    typeT = fresh(TK::TypeT);
    anyT = fresh(TK::AnyType);
    undefT = fresh(TK::Undef);
    rangeT = fresh(TK::Range);
    moduleT = fresh(TK::Module);
    cstructT = fresh(TK::CStruct);
    anyopaqueT = fresh(TK::Opaque);
    auto mki = [&](int bits, bool s) {
        Type* t = fresh(TK::Int);
        t->bits = uint8_t(bits);
        t->isSigned = s;
        return t;
    };
    i8 = mki(8, true);
    i16 = mki(16, true);
    i32 = mki(32, true);
    i64 = mki(64, true);
    u8 = mki(8, false);
    u16 = mki(16, false);
    u32 = mki(32, false);
    u64 = mki(64, false);
    auto mkf = [&](int bits, bool bf, bool cb) {
        Type* t = fresh(TK::Float);
        t->bits = uint8_t(bits);
        t->bf16 = bf;
        t->cb16 = cb;
        return t;
    };
    f16 = mkf(16, false, false);
    bf16 = mkf(16, true, false);
    cb16 = mkf(16, false, true);
    f32 = mkf(32, false, false);
    for (int k = 0; k <= int(HandleKind::Sr); ++k) {
        Type* t = fresh(TK::Handle);
        t->hk = HandleKind(k);
        handles_.push_back(t);
    }
    for (int k = 0; k <= int(sim::DsdKind::CircBuf); ++k) {
        Type* t = fresh(TK::Dsd);
        t->dk = sim::DsdKind(k);
        dsds_.push_back(t);
    }
}

Type* TypeTable::fresh(TK k) {
    store_.emplace_back();
    store_.back().k = k;
    return &store_.back();
}
TypeP TypeTable::handle(HandleKind k) {
    return handles_[size_t(k)];
}
TypeP TypeTable::dsd(sim::DsdKind k) {
    return dsds_[size_t(k)];
}

TypeP TypeTable::intType(int bits, bool isSigned) {
    switch (bits) {
    case 8:
        return isSigned ? i8 : u8;
    case 16:
        return isSigned ? i16 : u16;
    case 32:
        return isSigned ? i32 : u32;
    case 64:
        return isSigned ? i64 : u64;
    default:
        break;
    }
    std::vector<TypeP>& made = isSigned ? signedInts_ : unsignedInts_;
    if (made.empty())
        made.resize(kMaxIntBits + 1);
    TypeP& slot = made.at(size_t(bits));
    if (!slot) {
        Type* t = fresh(TK::Int);
        t->bits = uint8_t(bits);
        t->isSigned = isSigned;
        slot = t;
    }
    return slot;
}

TypeP TypeTable::array(TypeP elem, std::vector<uint32_t> dims) {
    Type* t = fresh(TK::Array);
    t->elem = elem;
    t->dims = std::move(dims);
    return t;
}
TypeP TypeTable::ptr(TypeP elem, bool many, bool isConst) {
    Type* t = fresh(TK::Ptr);
    t->elem = elem;
    t->many = many;
    t->isConst = isConst;
    return t;
}
TypeP TypeTable::fn(std::vector<TypeP> params, TypeP ret, bool isTask) {
    Type* t = fresh(TK::Fn);
    t->params = std::move(params);
    t->ret = ret;
    t->isTask = isTask;
    return t;
}

TypeP pointeeElem(TypeP pointer) {
    TypeP e = pointer->elem;
    while (e->k == TK::Array)
        e = e->elem;
    return e;
}

bool sameDeclaration(TypeP a, TypeP b) {
    return a->originAst && a->originAst == b->originAst && a->originNode == b->originNode;
}

bool sameStructShape(TypeP a, TypeP b) {
    if (a->k != TK::Struct || b->k != TK::Struct || !sameDeclaration(a, b) ||
        a->fields.size() != b->fields.size())
        return false;
    for (size_t i = 0; i < a->fields.size(); ++i) {
        const FieldInfo& fa = a->fields[i];
        const FieldInfo& fb = b->fields[i];
        if (fa.name != fb.name ||
            !(sameType(fa.type, fb.type) || sameStructShape(fa.type, fb.type) ||
              sameEnumShape(fa.type, fb.type)))
            return false;
    }
    return true;
}

// The Types page: two enumeration types are the same when "they have the same structure"
// and "their definitions originate at the same source code location" (another module
// instance's copy of one declaration).
bool sameEnumShape(TypeP a, TypeP b) {
    if (a->k != TK::Enum || b->k != TK::Enum || !sameDeclaration(a, b) ||
        !sameType(a->tag, b->tag) || a->fields.size() != b->fields.size())
        return false;
    for (size_t i = 0; i < a->fields.size(); ++i)
        if (a->fields[i].name != b->fields[i].name || a->fields[i].value != b->fields[i].value)
            return false;
    return true;
}

static bool isAnonStruct(const Value& v) {
    return v.k == Value::K::Agg && v.type && v.type->k == TK::CStruct;
}

bool sameAnonStructType(const Value& a, const Value& b) {
    if (!isAnonStruct(a) || !isAnonStruct(b) || a.hasNamedFields() != b.hasNamedFields() ||
        a.elems->size() != b.elems->size())
        return false;
    if (a.hasNamedFields() && *a.names != *b.names)
        return false;
    for (size_t i = 0; i < a.elems->size(); ++i) {
        const Value& ea = (*a.elems)[i];
        const Value& eb = (*b.elems)[i];
        if (isAnonStruct(ea) || isAnonStruct(eb) ? !sameAnonStructType(ea, eb)
                                                 : !sameType(ea.type, eb.type))
            return false;
    }
    return true;
}

std::string anonStructTypeName(const Value& v) {
    if (!isAnonStruct(v))
        return typeName(v.type);
    std::string out = "struct {";
    for (size_t i = 0; i < v.elems->size(); ++i) {
        out += i ? ", " : " ";
        if (v.hasNamedFields())
            out += (*v.names)[i] + ": ";
        out += anonStructTypeName((*v.elems)[i]);
    }
    return out + (v.elems->empty() ? "}" : " }");
}

bool sameType(TypeP a, TypeP b) {
    if (a == b)
        return true;
    if (!a || !b || a->k != b->k)
        return false;
    switch (a->k) {
    case TK::Int:
        return a->bits == b->bits && a->isSigned == b->isSigned;
    case TK::Float:
        return a->bits == b->bits && a->bf16 == b->bf16 && a->cb16 == b->cb16;
    case TK::Array:
        return a->dims == b->dims && sameType(a->elem, b->elem);
    case TK::Ptr:
        return a->many == b->many && a->isConst == b->isConst && sameType(a->elem, b->elem);
    case TK::Fn:
        if (a->params.size() != b->params.size() || !sameType(a->ret, b->ret))
            return false;
        for (size_t i = 0; i < a->params.size(); ++i) {
            if (!sameType(a->params[i], b->params[i]))
                return false;
        }
        return true;
    case TK::Handle:
        return a->hk == b->hk;
    case TK::Dsd:
        return a->dk == b->dk;
    case TK::Struct:
    case TK::Enum:
        return false;
    default:
        return true;
    }
}

std::string typeName(TypeP t) {
    if (!t)
        return "<unknown>";
    switch (t->k) {
    case TK::Void:
        return "void";
    case TK::NoReturn:
        return "noreturn";
    case TK::Bool:
        return "bool";
    case TK::Int:
        return std::string(t->isSigned ? "i" : "u") + std::to_string(t->bits);
    case TK::Float:
        return t->bf16 ? "bf16" : t->cb16 ? "cb16" : t->bits == 16 ? "f16" : "f32";
    case TK::CInt:
        return "comptime_int";
    case TK::CFloat:
        return "comptime_float";
    case TK::String:
        return "comptime_string";
    case TK::TypeT:
        return "type";
    case TK::Array: {
        std::string s = "[";
        for (size_t i = 0; i < t->dims.size(); ++i)
            s += (i ? "," : "") + std::to_string(t->dims[i]);
        return s + "]" + typeName(t->elem);
    }
    case TK::Ptr:
        return std::string(t->many ? "[*]" : "*") + (t->isConst ? "const " : "") +
               typeName(t->elem);
    case TK::Struct:
        return t->name.empty() ? "struct" : t->name;
    case TK::Enum:
        return t->name.empty() ? "enum" : t->name;
    case TK::Fn: {
        std::string s = t->isTask ? "task(" : "fn(";
        for (size_t i = 0; i < t->params.size(); ++i)
            s += (i ? ", " : "") + typeName(t->params[i]);
        return s + ") " + typeName(t->ret);
    }
    case TK::Handle:
        return handleName(t->hk);
    case TK::Dsd:
        switch (t->dk) {
        case sim::DsdKind::Mem1d:
            return "mem1d_dsd";
        case sim::DsdKind::Mem4d:
            return "mem4d_dsd";
        case sim::DsdKind::FabIn:
            return "fabin_dsd";
        case sim::DsdKind::FabOut:
            return "fabout_dsd";
        case sim::DsdKind::Fifo:
            return "fifo";
        case sim::DsdKind::CircBuf:
            return "circbuf_dsd";
        }
        return "dsd";
    case TK::Module:
        return "imported_module";
    case TK::Range:
        return "range";
    case TK::AnyType:
        return "anytype";
    case TK::Undef:
        return "undefined";
    case TK::CStruct:
        return "comptime_struct";
    case TK::DsrT:
        return "dsr";
    case TK::Opaque:
        return "anyopaque";
    }
    return "?";
}

uint32_t sizeOf(TypeP t) {
    switch (t->k) {
    case TK::Bool:
        return 1;
    case TK::Int:
        return t->bits <= 8 ? 1 : t->bits <= 16 ? 2 : t->bits <= 32 ? 4 : 8;
    case TK::Float:
        return t->bits / 8;
    case TK::Array: {
        uint32_t n = 1;
        for (uint32_t d : t->dims)
            n *= d;
        return n * sizeOf(t->elem);
    }
    case TK::Ptr:
        return 2;
    case TK::Fn:
        return 2;
    case TK::Handle:
        return 2;
    case TK::Enum:
        return t->tag ? sizeOf(t->tag) : 2;
    case TK::Struct:
        return t->size;
    case TK::Dsd:
        return sim::kDsdStorageBytes;
    default:
        return 0;
    }
}

uint32_t alignOf(TypeP t) {
    switch (t->k) {
    case TK::Array:
        return alignOf(t->elem);
    case TK::Struct:
        return t->align;
    case TK::Dsd:
        return 4;
    default: {
        uint32_t s = sizeOf(t);
        return s < 2 ? 1 : s > 4 ? 4 : s;
    }
    }
}

bool isRuntimeScalar(TypeP t) {
    switch (t->k) {
    case TK::Bool:
    case TK::Int:
    case TK::Float:
    case TK::Ptr:
    case TK::Fn:
    case TK::Handle:
    case TK::Enum:
        return true;
    default:
        return false;
    }
}

sim::ScalarType scalarOf(TypeP t) {
    using S = sim::ScalarType;
    switch (t->k) {
    case TK::Bool:
        return S::Bool;
    case TK::Int:
        switch (sizeOf(t)) {
        case 1:
            return t->isSigned ? S::I8 : S::U8;
        case 2:
            return t->isSigned ? S::I16 : S::U16;
        case 4:
            return t->isSigned ? S::I32 : S::U32;
        default:
            return t->isSigned ? S::I64 : S::U64;
        }
    case TK::Float:
        return t->bits == 32 ? S::F32 : t->bf16 ? S::BF16 : S::F16;
    case TK::Enum:
        return t->tag ? scalarOf(t->tag) : S::U16;
    case TK::Ptr:
    case TK::Fn:
    case TK::Handle:
        return S::U16;
    default:
        return S::Void;
    }
}

bool isNumeric(TypeP t) {
    return t->k == TK::Int || t->k == TK::Float || t->k == TK::CInt || t->k == TK::CFloat;
}
bool isIntLike(TypeP t) {
    return t->k == TK::Int || t->k == TK::CInt;
}

bool isAbiSizedInt(TypeP t) {
    return t->k == TK::Int && (t->bits == 16 || t->bits == 32);
}

// What keeps a struct or array type out of run-time memory: a field (or element) of a
// comptime-only type, such as `x: comptime_int`; empty when there is none.
std::string comptimeOnlyPart(TypeP t) {
    if (t->k == TK::Array)
        return comptimeOnlyPart(t->elem);
    if (t->k != TK::Struct)
        return {};
    for (const FieldInfo& f : t->fields) {
        const TypeP ft = f.type;
        if (ft && (ft->k == TK::CInt || ft->k == TK::CFloat || ft->k == TK::String ||
                   ft->k == TK::TypeT || ft->k == TK::CStruct || ft->k == TK::Module ||
                   ft->k == TK::AnyType || ft->k == TK::Range))
            return "its field '" + f.name + "' is a '" + typeName(ft) + "'";
        if (ft) {
            if (std::string inner = comptimeOnlyPart(ft); !inner.empty())
                return "its field '" + f.name + "': " + inner;
        }
    }
    return {};
}

bool isComptimeOnly(TypeP t) {
    switch (t->k) {
    case TK::CInt:
    case TK::CFloat:
    case TK::String:
    case TK::TypeT:
    case TK::CStruct:
    case TK::Module:
    case TK::AnyType:
    case TK::Dsd:
    case TK::Range:
        return true;
    default:
        return false;
    }
}

TypeP halfFloatOtherThan(TypeP t, TypeP allowed) {
    if (t->k == TK::Array)
        return halfFloatOtherThan(t->elem, allowed);
    if (t->k == TK::Float && (t->bf16 || t->cb16))
        return sameType(t, allowed) ? nullptr : t;
    if (t->k == TK::Struct)
        for (const FieldInfo& f : t->fields)
            if (TypeP inner = f.type ? halfFloatOtherThan(f.type, allowed) : nullptr)
                return inner;
    return nullptr;
}

uint64_t scalarLeafCount(TypeP t) {
    if (isRuntimeScalar(t))
        return 1;
    if (t->k == TK::Array)
        return uint64_t(elementCount(t)) * scalarLeafCount(t->elem);
    if (t->k == TK::Struct && !t->isUnion) {
        uint64_t n = 0;
        for (const FieldInfo& f : t->fields) {
            const uint64_t leaves = f.type ? scalarLeafCount(f.type) : 0;
            if (!leaves)
                return 0;
            n += leaves;
        }
        return n;
    }
    return 0;
}

static bool plainData(TypeP t) {
    switch (t->k) {
    case TK::Bool:
    case TK::Int:
    case TK::Float:
    case TK::Enum:
    case TK::Ptr:
    case TK::Fn:
        return true;
    case TK::Array:
        return plainData(t->elem);
    case TK::Struct:
        return !t->isUnion && !t->packed &&
               std::all_of(t->fields.begin(), t->fields.end(),
                           [](const FieldInfo& f) { return f.type && plainData(f.type); });
    default:
        return false;
    }
}

bool passedByCopy(TypeP t) {
    const uint64_t leaves = scalarLeafCount(t);
    return (t->k == TK::Struct || t->k == TK::Array) && plainData(t) && leaves > 0 &&
           leaves <= kMaxWholeValueScalars;
}

int64_t elementCount(TypeP array) {
    int64_t c = 1;
    for (uint32_t d : array->dims)
        c *= d;
    return c;
}

bool isArbitraryWidthInt(TypeP t) {
    return t->k == TK::Int && t->bits != 8 && t->bits != 16 && t->bits != 32 && t->bits != 64;
}

const Value* Value::field(const std::string& n) const {
    if (k != K::Agg || !names)
        return nullptr;
    for (size_t i = 0; i < names->size(); ++i) {
        if ((*names)[i] == n)
            return &(*elems)[i];
    }
    return nullptr;
}

} // namespace csl::sema
