// Run-time arrays and structs too large to be read into registers (more than
// kMaxWholeValueScalars scalars) are values all the same: `prev = cur;`, `var copy = big;`,
// a function taking or returning `[1000]f32`. Reading one as a whole copies its memory into
// a home of its own (a MemAgg value, a snapshot nothing else writes), and storing one copies
// that memory to its destination, with a DSD move rather than a register per element.
#include "backend/csl/sema/analyzer_class.h"

#include <algorithm>

namespace csl::sema {

bool tooLargeForRegisters(TypeP t) {
    return t && (t->k == TK::Array || t->k == TK::Struct) &&
           scalarLeafCount(t) > kMaxWholeValueScalars;
}

Value Analyzer::memoryAggregateAt(const MemoryHome& home, TypeP t) {
    Value v;
    v.k = VK::MemAgg;
    v.type = t;
    v.reg = home.base;
    v.i = int64_t(home.offset);
    return v;
}

Place Analyzer::memoryAggregatePlace(const Value& v, bool mut) {
    Place p;
    p.k = Place::K::Mem;
    p.type = v.type;
    p.addrReg = v.reg;
    p.addrImm = v.i;
    p.mut = mut;
    return p;
}

Value Analyzer::memoryAggregate(const Place& from, uint32_t node) {
    const MemoryHome home = temporaryHome(from.type, "$copy", node);
    const Value v = memoryAggregateAt(home, from.type);
    copyMemory(memoryAggregatePlace(v, true), from, node);
    return v;
}

std::optional<Place> Analyzer::largeVariable(uint32_t node) {
    if (!runtime() || N(node).kind != NK::Ident)
        return std::nullopt;
    const Place p = place(node);
    if (p.k != Place::K::Mem || p.container || !tooLargeForRegisters(p.type))
        return std::nullopt;
    return p;
}

Place Analyzer::memoryResultPlace(std::optional<Value>& home, TypeP t, uint32_t node) {
    if (!home)
        home = memoryAggregateAt(temporaryHome(t, "$result", node), t);
    return memoryAggregatePlace(*home, true);
}

// A temporary's live range is a stretch of its function's code (from the copy that makes
// it to the statement or call that uses it up), and such stretches of one function never
// run inside each other, so its spare homes can be reused by its later temporaries. Not
// across functions: a function lowered earlier may run inside a later temporary's stretch.
// Stack frames are not pooled.
MemoryHome Analyzer::temporaryHome(TypeP t, const std::string& what, uint32_t node) {
    FnDef* owner = fr_->def;
    if (owner && !owner->stackFrame) {
        const auto spare = owner->spareTemporaries.find({sizeOf(t), alignOf(t)});
        if (spare != owner->spareTemporaries.end()) {
            const MemoryHome home{kNoReg, spare->second};
            owner->spareTemporaries.erase(spare);
            return home;
        }
    }
    // Named with the line that makes it, so that a program out of memory says which.
    const std::string function = fr_->fn ? fr_->fn->name : std::string("local");
    const auto line = diags_.file(fr_->mod->fileId).lineCol(ast().beginOffset(node)).first;
    const std::string file = fr_->mod->path.substr(fr_->mod->path.find_last_of('/') + 1);
    return localHome(sizeOf(t), alignOf(t),
                     function + "." + what + " (" + file + ":" + std::to_string(line) + ")", t,
                     node);
}

void Analyzer::releaseTemporary(const Value& v) {
    FnDef* owner = fr_->def;
    if (v.k != VK::MemAgg || v.reg != kNoReg || !owner || owner->stackFrame)
        return;
    owner->spareTemporaries.emplace(std::pair(sizeOf(v.type), alignOf(v.type)), uint32_t(v.i));
}

// A memory-to-memory @mov32 (@mov16) over the words (halves) of dst's type, as a program
// would copy an array with DSDs; bytes at run-time or odd addresses copy with a loop.
void Analyzer::copyMemory(const Place& dst, const Place& src, uint32_t node) {
    using sim::Op;
    using sim::ScalarType;
    if (!sameType(src.type, dst.type))
        fail(node, "cannot assign a value of type '" + typeName(src.type) + "' to '" +
                       typeName(dst.type) + "'");
    const uint32_t bytes = sizeOf(dst.type);
    uint32_t unit = std::min<uint32_t>(alignOf(dst.type), 4);
    if (unit == 4 && bytes % 4 != 0)
        unit = 2;
    // Bytes at even fixed addresses move as halves, with an odd last byte on its own.
    const bool evenStatic = dst.addrReg == kNoReg && src.addrReg == kNoReg &&
                            dst.addrImm % 2 == 0 && src.addrImm % 2 == 0;
    if (unit == 1 && evenStatic && bytes >= 2) {
        if (bytes % 2) {
            const uint16_t last = newReg(node);
            emit(Op::Load, ScalarType::U8, last, kNoReg, kNoReg, int32_t(src.addrImm + bytes - 1));
            emit(Op::Store, ScalarType::U8, kNoReg, kNoReg, last, int32_t(dst.addrImm + bytes - 1));
        }
        unit = 2;
    }
    if (unit >= 2 && bytes / unit <= 0xffff) {
        auto operand = [&](const Place& p) {
            Value d;
            d.k = VK::Dsd;
            d.type = types.dsd(sim::DsdKind::Mem1d);
            d.dsd.baseAddress = uint32_t(p.addrImm);
            d.dsd.extent[0] = bytes / unit; // (an odd last byte moved above)
            d.dsd.strideBytes[0] = int32_t(unit);
            d.dsd.elementBytes = uint8_t(unit);
            uint16_t reg;
            dsdToOperandReg(d, node, reg);
            if (p.addrReg == kNoReg)
                return reg;
            const uint16_t address = newReg(node);
            emit(Op::Imm, ScalarType::U32, address, kNoReg, kNoReg, int32_t(p.addrImm));
            emit(Op::Add, ScalarType::U32, address, address, p.addrReg, 0);
            const uint16_t based = newDsdReg();
            emit(Op::DsdSet, ScalarType::Void, based, reg, address,
                 int32_t(sim::DsdField::BaseAddress));
            return based;
        };
        sim::DsdOpDesc op;
        op.op = unit == 4 ? sim::DsdOpKind::Mov32 : sim::DsdOpKind::Mov16;
        op.dst = {sim::DsdOperand::Kind::Dsd, operand(dst)};
        op.src0 = {sim::DsdOperand::Kind::Dsd, operand(src)};
        cls()->cc.dsdOps.push_back(op);
        setLoc(node);
        emit(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg,
             int32_t(cls()->cc.dsdOps.size() - 1));
        return;
    }
    const uint16_t offset = newReg(node);
    emit(Op::Imm, ScalarType::I32, offset, kNoReg, kNoReg, 0);
    const uint16_t end = newReg(node);
    emit(Op::Imm, ScalarType::I32, end, kNoReg, kNoReg, int32_t(bytes));
    const uint16_t step = newReg(node);
    emit(Op::Imm, ScalarType::I32, step, kNoReg, kNoReg, int32_t(unit));
    const size_t top = here();
    const uint16_t more = newReg(node);
    emit(Op::CmpLt, ScalarType::I32, more, offset, end, 0);
    const size_t exit = emit(Op::JumpIfNot, ScalarType::Bool, kNoReg, more, kNoReg, 0);
    auto address = [&](const Place& p) {
        if (p.addrReg == kNoReg)
            return offset;
        const uint16_t a = newReg(node);
        emit(Op::Add, ScalarType::I32, a, offset, p.addrReg, 0);
        return a;
    };
    const uint16_t value = newReg(node);
    const ScalarType byte = ScalarType::U8;
    emit(Op::Load, unit == 2 ? ScalarType::U16 : byte, value, address(src), kNoReg,
         int32_t(src.addrImm));
    emit(Op::Store, unit == 2 ? ScalarType::U16 : byte, kNoReg, address(dst), value,
         int32_t(dst.addrImm));
    emit(Op::Add, ScalarType::I32, offset, offset, step, 0);
    emit(Op::Jump, ScalarType::Void, kNoReg, kNoReg, kNoReg, int32_t(top));
    patch(exit, here());
}

} // namespace csl::sema
