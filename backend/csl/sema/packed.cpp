// Packed structs (SDK 2.10 Types page): "fields are arranged as a sequence of bits with no
// gaps in between", the first field in the lowest bits.
//
// A packed struct whose fields all have whole bytes and start on byte boundaries keeps a byte
// layout (an f32 after an i16 at byte 2). One with narrower fields (`u3`, `bool`, an enum
// of `u2`) or fields off byte boundaries is one integer of all its fields' bits, stored in
// the next of 8/16/32/64 bits as any integer of that width; its bit fields are read by
// loading that integer, shifting and masking, and written by merging their bits into it.
#include "backend/csl/sema/analyzer_class.h"

namespace csl::sema {

namespace {

// The bits a field of type `t` takes in a packed struct; nullopt for types that cannot be
// packed (arrays, plain structs ...).
std::optional<uint32_t> packedWidth(TypeP t) {
    switch (t->k) {
    case TK::Int:
    case TK::Float:
        return t->bits;
    case TK::Bool:
        return 1;
    case TK::Enum:
        return t->tag ? t->tag->bits : 16;
    case TK::Struct:
        if (t->packed)
            return t->packedBits;
        return std::nullopt;
    case TK::Ptr: // the Types page: "as many bits as the target architecture's word size"
        return 16;
    default:
        return std::nullopt;
    }
}

uint64_t lowMask(uint32_t width) {
    return width >= 64 ? ~uint64_t(0) : (uint64_t(1) << width) - 1;
}

} // namespace

void Analyzer::layOutPackedField(Type* t, FieldInfo& fi, uint32_t& bits, uint32_t node) {
    const std::optional<uint32_t> width = packedWidth(fi.type);
    if (!width)
        fail(node, "packed struct field '" + fi.name + "' has type '" + typeName(fi.type) +
                       "', which cannot be packed (integers, floats, bools, enums, pointers "
                       "and packed structs can)");
    fi.bitOffset = bits;
    fi.offset = bits / 8;
    fi.packedBitField = bits % 8 != 0 || *width != sizeOf(fi.type) * 8;
    bits += *width;
    t->bitPacked = t->bitPacked || fi.packedBitField;
}

void Analyzer::finishPackedLayout(Type* t, uint32_t bits, uint32_t node) {
    t->packedBits = bits;
    t->align = 1;
    if (!t->bitPacked) {
        t->size = bits / 8;
        return;
    }
    if (bits > 64)
        fail(node, "a packed struct with fields narrower than a byte has " + std::to_string(bits) +
                       " bits here; this compiler supports such structs of up to 64 bits");
    t->size = sizeOf(types.intType(int(bits), false));
}

Place Analyzer::memberPlace(const Place& base, const FieldInfo& f) {
    Place q = base;
    q.type = f.type;
    q.packedField = base.type->packed;
    if (base.container) {
        q.bitOffset = base.bitOffset + f.bitOffset;
        q.bitWidth = *packedWidth(f.type);
    } else if (f.packedBitField) {
        q.container = types.intType(int(sizeOf(base.type) * 8), false);
        q.bitOffset = f.bitOffset;
        q.bitWidth = *packedWidth(f.type);
    } else {
        q.addrImm += f.offset;
    }
    return q;
}

Value Analyzer::loadBitField(const Place& p, uint32_t node) {
    const uint16_t c = newReg(node);
    emit(sim::Op::Load, scalarOf(p.container), c, p.addrReg, kNoReg, int32_t(p.addrImm));
    return extractBits(c, p.container, p.bitOffset, p.type, node);
}

void Analyzer::storeBitField(const Place& p, const Value& v, uint32_t node) {
    const uint16_t c = newReg(node);
    emit(sim::Op::Load, scalarOf(p.container), c, p.addrReg, kNoReg, int32_t(p.addrImm));
    insertBits(c, p.container, p.bitOffset, p.type, v, node);
    emit(sim::Op::Store, scalarOf(p.container), kNoReg, p.addrReg, c, int32_t(p.addrImm));
}

Value Analyzer::extractBits(uint16_t container, TypeP ct, uint32_t bitOffset, TypeP t,
                            uint32_t node) {
    if (t->k == TK::Struct) {
        std::vector<std::string> names;
        std::vector<Value> elems;
        for (const FieldInfo& f : t->fields) {
            names.push_back(f.name);
            elems.push_back(extractBits(container, ct, bitOffset + f.bitOffset, f.type, node));
            if (t->isUnion) // every field holds the same bits: the first stands for them
                break;
        }
        Value r = mkAgg(std::move(names), std::move(elems));
        r.type = t;
        return r;
    }
    const uint32_t width = *packedWidth(t);
    const sim::ScalarType cst = scalarOf(ct);
    const uint16_t bits = newReg(node);
    emit(sim::Op::Mov, cst, bits, container, kNoReg, 0);
    if (bitOffset)
        emit(sim::Op::Shr, cst, bits, bits, toReg(mkInt(bitOffset, types.u16), node), 0);
    if (width < ct->bits)
        emit(sim::Op::BitAnd, cst, bits, bits, toReg(mkInt(int64_t(lowMask(width)), ct), node), 0);
    const uint16_t out = newReg(node);
    if (t->k == TK::Bool) {
        emit(sim::Op::CmpNe, cst, out, bits, toReg(mkInt(0, ct), node), 0);
    } else if (t->k == TK::Float) {
        const TypeP word = t->bits == 32 ? types.u32 : types.u16;
        const uint16_t w = newReg(node);
        emit(sim::Op::Convert, scalarOf(word), w, bits, kNoReg, int32_t(cst));
        emit(sim::Op::Bitcast, scalarOf(t), out, w, kNoReg, 0);
    } else {
        // An integer or an enum's tag, narrowed from the container; a signed field's top
        // bit becomes its sign.
        const TypeP it = t->k == TK::Enum ? t->tag : t;
        emit(sim::Op::Convert, scalarOf(t), out, bits, kNoReg, int32_t(cst));
        if (it)
            wrapToType(out, it, node);
    }
    return mkRuntime(out, t);
}

void Analyzer::insertBits(uint16_t container, TypeP ct, uint32_t bitOffset, TypeP t, const Value& v,
                          uint32_t node) {
    const Value value = coerce(v, t, node);
    if (t->k == TK::Struct) {
        for (const FieldInfo& f : t->fields) {
            if (const Value* fv = value.field(f.name))
                insertBits(container, ct, bitOffset + f.bitOffset, f.type, *fv, node);
        }
        return;
    }
    const uint32_t width = *packedWidth(t);
    const sim::ScalarType cst = scalarOf(ct);
    const uint16_t x = toReg(value, node);
    const uint16_t bits = newReg(node);
    if (t->k == TK::Float) {
        const TypeP word = t->bits == 32 ? types.u32 : types.u16;
        const uint16_t w = newReg(node);
        emit(sim::Op::Bitcast, scalarOf(word), w, x, kNoReg, 0);
        emit(sim::Op::Convert, cst, bits, w, kNoReg, int32_t(scalarOf(word)));
    } else {
        emit(sim::Op::Convert, cst, bits, x, kNoReg, int32_t(scalarOf(t)));
    }
    const uint64_t mask = lowMask(width);
    if (width < ct->bits)
        emit(sim::Op::BitAnd, cst, bits, bits, toReg(mkInt(int64_t(mask), ct), node), 0);
    if (bitOffset)
        emit(sim::Op::Shl, cst, bits, bits, toReg(mkInt(bitOffset, types.u16), node), 0);
    const uint64_t keep = ~(mask << bitOffset) & lowMask(ct->bits);
    emit(sim::Op::BitAnd, cst, container, container, toReg(mkInt(int64_t(keep), ct), node), 0);
    emit(sim::Op::BitOr, cst, container, container, bits, 0);
}

uint64_t Analyzer::packedBitsOf(const Value& v, TypeP t, uint32_t node) {
    if (v.k == VK::Undef)
        return 0;
    if (t->k == TK::Struct) {
        uint64_t bits = 0;
        for (const FieldInfo& f : t->fields) {
            if (const Value* fv = v.field(f.name))
                bits |= packedBitsOf(*fv, f.type, node) << f.bitOffset;
        }
        return bits & lowMask(t->packedBits);
    }
    uint64_t bits = 0;
    if (t->k == TK::Float)
        bits = floatBits(v.k == VK::Float ? v.f : double(v.i), t);
    else if (v.k == VK::Int || v.k == VK::Bool || v.k == VK::EnumV || v.k == VK::Ptr)
        bits = uint64_t(v.i);
    else
        fail(node, "a value of type '" + typeName(v.type) + "' cannot be packed into bits");
    return bits & lowMask(*packedWidth(t));
}

Value Analyzer::valueFromPackedBits(uint64_t bits, TypeP t, uint32_t node) {
    if (t->k == TK::Struct) {
        std::vector<std::string> names;
        std::vector<Value> elems;
        for (const FieldInfo& f : t->fields) {
            names.push_back(f.name);
            elems.push_back(valueFromPackedBits(
                (bits >> f.bitOffset) & lowMask(*packedWidth(f.type)), f.type, node));
            if (t->isUnion)
                break;
        }
        Value r = mkAgg(std::move(names), std::move(elems));
        r.type = t;
        return r;
    }
    if (t->k == TK::Enum) {
        const int64_t value = wrapToWidth(bits, t->tag);
        if (std::optional<Value> member = enumMemberOf(t, value))
            return *member;
        fail(node,
             "the value " + std::to_string(value) + " is no member of enum '" + typeName(t) + "'");
    }
    return valueFromBits(*this, bits, t, node);
}

Value Analyzer::bitcastPacked(TypeP t, const Value& v, uint32_t node) {
    TypeP vt = v.type;
    const auto width = [](TypeP x) -> std::optional<uint32_t> {
        if (x->k == TK::Struct && x->isUnion)
            return std::nullopt;
        if (x->k == TK::Struct || x->k == TK::Int || x->k == TK::Float)
            return packedWidth(x);
        return std::nullopt;
    };
    const std::optional<uint32_t> from = width(vt), to = width(t);
    if (!from || !to)
        fail(node, "@bitcast between '" + typeName(vt) + "' and '" + typeName(t) +
                       "' is not supported: a packed struct converts to and from an integer or "
                       "float of as many bits");
    if (*from != *to)
        fail(node, "@bitcast size mismatch: '" + typeName(vt) + "' has " + std::to_string(*from) +
                       " bits, '" + typeName(t) + "' has " + std::to_string(*to));
    if (fullyComptime(v))
        return valueFromPackedBits(packedBitsOf(v, vt, node), t, node);
    // Through one unsigned integer of the bits: built from the operand, read as the target.
    const TypeP ct = types.intType(int(std::max(sizeOf(vt), sizeOf(t)) * 8), false);
    const uint16_t container = newReg(node);
    emit(sim::Op::Imm, scalarOf(ct), container, kNoReg, kNoReg, 0);
    insertBits(container, ct, 0, vt, v, node);
    return extractBits(container, ct, 0, t, node);
}

} // namespace csl::sema
