// Union types (SDK 2.10 Types page): `union`, `extern union` and `packed union`.
//
// A union is a struct type whose fields all start at offset 0 (Type::isUnion). A comptime
// union value is an aggregate holding only its active field; a run-time union lives in
// memory, where every field is a view of the same bytes. Reading an inactive field at
// comptime reinterprets the active field's bytes for extern and packed unions, whose layout
// is defined, and is an error for a bare union. A union read as a whole at run time (copied,
// passed, chosen by an `if`) is carried in registers as its widest field.
#include "backend/csl/sema/analyzer_class.h"

namespace csl::sema {

const FieldInfo* Analyzer::unionField(TypeP u, const std::string& name) {
    for (const FieldInfo& f : u->fields) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

Value Analyzer::coerceToUnion(const Value& v, TypeP to, uint32_t node) {
    const size_t given = v.names ? v.names->size() : 0;
    if (given != 1)
        fail(node, "a value of union '" + typeName(to) + "' sets exactly one field, found " +
                       std::to_string(given));
    const std::string& name = (*v.names)[0];
    const FieldInfo* f = unionField(to, name);
    if (!f)
        fail(node, "union '" + typeName(to) + "' has no field named '" + name + "'");
    Value r = mkAgg({name}, {coerce((*v.elems)[0], f->type, node)});
    r.type = to;
    return r;
}

const FieldInfo& Analyzer::wholeUnionField(TypeP u, uint32_t node) {
    for (const FieldInfo& f : u->fields) {
        if (sizeOf(f.type) == u->size &&
            (isRuntimeScalar(f.type) || f.type->k == TK::Struct || f.type->k == TK::Array))
            return f;
    }
    fail(node, "a value of union '" + typeName(u) +
                   "' cannot be used as a whole at run time, since no field covers all of its " +
                   std::to_string(u->size) +
                   " bytes; read or write one of its fields, or take its address");
}

Value Analyzer::unionAs(const Value& u, const FieldInfo& f, uint32_t node) {
    TypeP ut = u.type;
    auto withField = [&](Value fv) {
        Value r = mkAgg({f.name}, {std::move(fv)});
        r.type = ut;
        return r;
    };
    if (u.k != VK::Agg || !u.names || u.names->empty()) { // undefined: any field may be set
        Value undef;
        undef.k = VK::Undef;
        undef.type = f.type;
        return withField(undef);
    }
    const std::string& active = (*u.names)[0];
    if (active == f.name)
        return u;
    const Value& av = (*u.elems)[0];
    const FieldInfo& af = *unionField(ut, active);
    if (!av.isComptime()) {
        // A run-time union in registers: a field of the same size is the same bits.
        if (isRuntimeScalar(af.type) && isRuntimeScalar(f.type) &&
            sizeOf(af.type) == sizeOf(f.type)) {
            uint16_t r = newReg(node);
            emit(sim::Op::Bitcast, scalarOf(f.type), r, av.reg, kNoReg, 0);
            return withField(mkRuntime(r, f.type));
        }
        fail(node, "field '" + f.name + "' of a union value held in registers (whose field '" +
                       active +
                       "' was set) cannot be read as another field of a different size; "
                       "store the union in a variable and read the field from there");
    }
    if (!ut->externLayout && !ut->packed)
        fail(node, "access of inactive field '" + f.name + "' of union '" + typeName(ut) +
                       "' (the active field is '" + active +
                       "'); only extern and packed unions reinterpret their bytes");
    if (av.k == VK::Undef) {
        Value undef;
        undef.k = VK::Undef;
        undef.type = f.type;
        return withField(undef);
    }
    std::vector<uint8_t> bytes(std::max(ut->size, 8u), 0);
    encodeValue(bytes, 0, u, ut, node);
    return withField(decodeValue(bytes, 0, f.type, node));
}

Value Analyzer::decodeValue(const std::vector<uint8_t>& bytes, size_t at, TypeP t, uint32_t node) {
    if (t->k == TK::Array) {
        TypeP sub =
            t->dims.size() > 1
                ? types.array(t->elem, std::vector<uint32_t>(t->dims.begin() + 1, t->dims.end()))
                : t->elem;
        std::vector<Value> elems;
        for (uint32_t i = 0; i < t->dims[0]; ++i)
            elems.push_back(decodeValue(bytes, at + i * sizeOf(sub), sub, node));
        Value r = mkAgg({}, std::move(elems));
        r.names.reset();
        r.type = t;
        return r;
    }
    if (t->k == TK::Struct && !t->bitPacked) {
        if (t->isUnion) { // read as its first field, which starts at its first byte
            const FieldInfo& first = t->fields.front();
            Value r = mkAgg({first.name}, {decodeValue(bytes, at, first.type, node)});
            r.type = t;
            return r;
        }
        std::vector<std::string> names;
        std::vector<Value> elems;
        for (const FieldInfo& f : t->fields) {
            names.push_back(f.name);
            elems.push_back(decodeValue(bytes, at + f.offset, f.type, node));
        }
        Value r = mkAgg(std::move(names), std::move(elems));
        r.type = t;
        return r;
    }
    if (!isRuntimeScalar(t) && !(t->k == TK::Struct && t->bitPacked))
        fail(node, "a value of type '" + typeName(t) + "' cannot be read from a union's bytes");
    uint64_t bits = 0;
    for (uint32_t i = 0; i < sizeOf(t); ++i)
        bits |= uint64_t(bytes.at(at + i)) << (8 * i);
    return valueFromPackedBits(bits, t, node);
}

} // namespace csl::sema
