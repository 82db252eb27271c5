// @get_config / @set_config and their _unchecked forms: the PE's 16-bit configuration
// registers, addressed by word. Addresses may be runtime values (the SDK's example reads
// `@get_config(base_addr + i)` in a task); a comptime-known address must lie in 0..0xffff
// and, when the checked forms name the ranges the address may fall in (`.{lo, hi}` or a
// tuple of such, inclusive), in one of them.
#include "backend/csl/sema/analyzer_class.h"

#include <algorithm>

namespace csl::sema {

Value Analyzer::configRegisterBuiltin(const std::string& name, std::span<const uint32_t> args,
                                      uint32_t node) {
    bool set = name.rfind("set_", 0) == 0;
    bool unchecked = name.ends_with("_unchecked");
    const size_t want = set ? 2 : 1;
    // The checked forms take the accessed range(s) as an optional last argument.
    const size_t most = unchecked ? want : want + 1;
    if (args.size() < want || args.size() > most)
        fail(node, "@" + name + " expects " + std::to_string(want) +
                       (most > want ? " or " + std::to_string(most) : std::string()) +
                       " arguments, found " + std::to_string(args.size()));
    if (!cls())
        fail(node, "@" + name + " is only allowed in tile code");
    if (!runtime())
        return comptimeConfigRegister(name, args, node);
    Value addr = eval(args[0]);
    // Inclusive [lo, hi] ranges from `.{lo, hi}` or `.{ .{lo, hi}, ... }`.
    std::vector<std::pair<int64_t, int64_t>> ranges;
    if (args.size() > want) {
        const uint32_t at = args[want];
        Value r = evalComptime(at, nullptr, "accessed address range");
        auto pairOf = [&](const Value& v) {
            if (v.k != VK::Agg || v.names || !v.elems || v.elems->size() != 2 ||
                !isIntLike((*v.elems)[0].type) || !isIntLike((*v.elems)[1].type))
                fail(at,
                     "@" + name + " expects an address range .{first, last} or a tuple of them");
            ranges.emplace_back(asInt((*v.elems)[0], at, "range start"),
                                asInt((*v.elems)[1], at, "range end"));
        };
        if (r.k == VK::Agg && !r.names && r.elems && !r.elems->empty() &&
            (*r.elems)[0].k == VK::Agg) {
            for (const Value& e : *r.elems)
                pairOf(e);
        } else {
            pairOf(r);
        }
    }
    if (addr.isComptime()) {
        int64_t a = asInt(addr, args[0], "configuration address");
        if (a < 0 || a > 0xffff)
            fail(args[0], "configuration address " + std::to_string(a) + " is outside 0..0xffff");
        if (!ranges.empty() && std::none_of(ranges.begin(), ranges.end(), [&](const auto& r) {
                return a >= r.first && a <= r.second;
            }))
            fail(args[0], "configuration address " + std::to_string(a) +
                              " is outside the accessed range given to @" + name);
    } else if (addr.type->k != TK::Int) {
        fail(args[0],
             "@" + name + " expects an integer address, found '" + typeName(addr.type) + "'");
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

// The Builtins page: @set_config and @get_config "can be called at runtime and during the
// evaluation of a top-level comptime block". A comptime write is done by the class's init
// function, before the program begins; a comptime read gives what an earlier comptime
// write stored (the registers' values at reset are not documented).
Value Analyzer::comptimeConfigRegister(const std::string& name, std::span<const uint32_t> args,
                                       uint32_t node) {
    const bool set = name.rfind("set_", 0) == 0;
    const int64_t a = asInt(evalComptime(args[0], nullptr, "configuration address"), args[0],
                            "configuration address");
    if (a < 0 || a > 0xffff)
        fail(args[0], "configuration address " + std::to_string(a) + " is outside 0..0xffff");
    auto& known = cls()->comptimeConfig;
    if (!set) {
        const auto it = known.find(uint16_t(a));
        if (it == known.end())
            fail(node, "configuration register " + std::to_string(a) +
                           " has no value known at comptime: only a value @set_config stored "
                           "in a comptime block before can be read there");
        return mkInt(it->second, types.u16);
    }
    const Value v =
        coerce(evalComptime(args[1], types.u16, "configuration value"), types.u16, args[1]);
    known[uint16_t(a)] = uint16_t(v.i);
    ModuleFrame init(*this, fr_->mod, &initFunction());
    const uint16_t base = newRegs(2);
    emit(sim::Op::Imm, sim::ScalarType::U32, base, kNoReg, kNoReg, int32_t(a));
    emit(sim::Op::Imm, sim::ScalarType::U32, uint16_t(base + 1), kNoReg, kNoReg, int32_t(v.i));
    setLoc(node);
    emit(sim::Op::Builtin, sim::ScalarType::Void, kNoReg, base, 2,
         int32_t(sim::BuiltinId::ConfigSet));
    return mkVoid();
}

} // namespace csl::sema
