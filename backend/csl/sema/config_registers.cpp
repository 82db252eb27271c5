// @get_config / @set_config and their _unchecked forms: the PE's 16-bit configuration
// registers, addressed by word. The checked forms need a comptime-known address (so the
// compiler can check it); the unchecked forms take any u16 address, also at runtime.
#include "backend/csl/sema/analyzer_class.h"

namespace csl::sema {

Value Analyzer::configRegisterBuiltin(const std::string& name, std::span<const uint32_t> args,
                                      uint32_t node) {
    bool set = name.rfind("set_", 0) == 0;
    bool unchecked = name.ends_with("_unchecked");
    size_t want = set ? 2 : 1;
    if (args.size() != want)
        fail(node, "@" + name + " expects " + std::to_string(want) + " argument" +
                       (want == 1 ? "" : "s") + ", found " + std::to_string(args.size()));
    if (!cls())
        fail(node, "@" + name + " is only allowed in tile code");
    if (!runtime())
        fail(node, "@" + name +
                       " reads or writes a configuration register at runtime; it "
                       "cannot run at comptime");
    Value addr = eval(args[0]);
    if (addr.isComptime()) {
        int64_t a = asInt(addr, args[0], "configuration address");
        if (a < 0 || a > 0xffff)
            fail(args[0], "configuration address " + std::to_string(a) + " is outside 0..0xffff");
    } else if (!unchecked) {
        fail(args[0], "@" + name + " needs a comptime-known address; use @" + name +
                          "_unchecked for an address computed at runtime");
    }
    std::vector<uint16_t> regs{toReg(coerce(addr, types.u16, args[0]), args[0])};
    if (set)
        regs.push_back(toReg(coerce(eval(args[1], types.u16), types.u16, args[1]), args[1]));
    uint16_t base = newRegs(uint16_t(regs.size()));
    for (size_t i = 0; i < regs.size(); ++i)
        emit(sim::Op::Mov, sim::ScalarType::U32, uint16_t(base + i), regs[i], kNoReg, 0);
    setLoc(node);
    uint16_t dst = set ? kNoReg : newReg(node);
    emit(sim::Op::Builtin, set ? sim::ScalarType::Void : sim::ScalarType::U16, dst, base,
         uint16_t(regs.size()),
         int32_t(set ? sim::BuiltinId::ConfigSet : sim::BuiltinId::ConfigGet));
    return set ? mkVoid() : mkRuntime(dst, types.u16);
}

} // namespace csl::sema
