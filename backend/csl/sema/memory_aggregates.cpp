// Run-time arrays and structs too large to be read into registers (more than
// kMaxWholeValueScalars scalars) are values all the same: `prev = cur;`, `var copy = big;`,
// a function taking or returning `[1000]f32`. Reading one as a whole copies its memory into
// a home of its own (a MemAgg value, a snapshot nothing else writes), and storing one copies
// that memory to its destination, with a loop over its bytes rather than a register per
// element.
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
    const std::string owner = fr_->fn ? fr_->fn->name : std::string("local");
    const MemoryHome home =
        localHome(sizeOf(from.type), alignOf(from.type), owner + ".$copy", from.type, node);
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

void Analyzer::returnInMemory(InlineCtx& ic, const Place& from, uint32_t node) {
    if (!ic.memoryResult) {
        const std::string owner = fr_->fn ? fr_->fn->name : std::string("local");
        const MemoryHome home =
            localHome(sizeOf(from.type), alignOf(from.type), owner + ".$result", from.type, node);
        ic.memoryResult = memoryAggregateAt(home, from.type);
    }
    copyMemory(memoryAggregatePlace(*ic.memoryResult, true), from, node);
}

// A loop over the bytes of dst's type in units of its alignment (at most a word), so a
// `[2000]u8` copies byte by byte and a `[2000]f32` word by word.
void Analyzer::copyMemory(const Place& dst, const Place& src, uint32_t node) {
    using sim::Op;
    using sim::ScalarType;
    const uint32_t unit = std::min<uint32_t>(alignOf(dst.type), 4);
    const ScalarType word = unit == 4   ? ScalarType::U32
                            : unit == 2 ? ScalarType::U16
                                        : ScalarType::U8;
    const uint16_t offset = newReg(node);
    emit(Op::Imm, ScalarType::I32, offset, kNoReg, kNoReg, 0);
    const uint16_t end = newReg(node);
    emit(Op::Imm, ScalarType::I32, end, kNoReg, kNoReg, int32_t(sizeOf(dst.type)));
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
    emit(Op::Load, word, value, address(src), kNoReg, int32_t(src.addrImm));
    emit(Op::Store, word, kNoReg, address(dst), value, int32_t(dst.addrImm));
    emit(Op::Add, ScalarType::I32, offset, offset, step, 0);
    emit(Op::Jump, ScalarType::Void, kNoReg, kNoReg, kNoReg, int32_t(top));
    patch(exit, here());
}

} // namespace csl::sema
