// @set_fifo_read_length(fifo, length) / @set_fifo_write_length(fifo, length): the SDK's
// DSD page ("Changing FIFO Properties"): `fifo` is a comptime-known FIFO DSD expression,
// `length` a 16-bit unsigned integer expression, and the builtin updates the FIFO's read or
// write length in place at runtime (changing them at comptime is not offered). Lowered to
// sim::BuiltinId::SetFifoReadLength / SetFifoWriteLength with the FIFO's index in the code
// class; the simulator keeps the lengths with the FIFO's state.
#include "backend/csl/sema/analyzer_class.h"

namespace csl::sema {

Value Analyzer::fifoLengthBuiltin(const std::string& name, std::span<const uint32_t> args,
                                  uint32_t node) {
    if (args.size() != 2)
        fail(node, "@" + name + " expects 2 arguments, found " + std::to_string(args.size()));
    if (!cls())
        fail(node, "@" + name + " is only allowed in tile code");
    if (!runtime())
        fail(node, "@" + name + " changes a FIFO at runtime; it cannot run at comptime");
    Value fifo = eval(args[0]);
    if (fifo.type->k != TK::Dsd || fifo.type->dk != sim::DsdKind::Fifo)
        fail(args[0], "@" + name + " expects a FIFO DSD (from @allocate_fifo), found '" +
                          typeName(fifo.type) + "'");
    if (!fifo.isComptime())
        fail(args[0], "@" + name + " needs a comptime-known FIFO DSD");
    Value length = coerce(eval(args[1], types.u16), types.u16, args[1]);
    std::vector<uint16_t> regs{
        toReg(mkInt(int64_t(fifo.dsd.fifo), types.u16), args[0]),
        toReg(length, args[1]),
    };
    uint16_t base = newRegs(uint16_t(regs.size()));
    for (size_t i = 0; i < regs.size(); ++i)
        emit(sim::Op::Mov, sim::ScalarType::U32, uint16_t(base + i), regs[i], kNoReg, 0);
    setLoc(node);
    emit(sim::Op::Builtin, sim::ScalarType::Void, kNoReg, base, uint16_t(regs.size()),
         int32_t(name == "set_fifo_read_length" ? sim::BuiltinId::SetFifoReadLength
                                                : sim::BuiltinId::SetFifoWriteLength));
    return mkVoid();
}

} // namespace csl::sema
