// A hand-built FabricProgram for the appliance tests (no compiler needed):
// a w x h rectangle (default 2x1) with memcpy; every PE has
//   buf: [n]f32 at 0 (host-writable, default n = 16)  ro: [4]f32 after it (immutable)
//   add_to_all(v: f32)   buf[i] += v for all n elements
//   noop()               returns at once
//   take_u16(n: u16)     returns at once (for argument checks)
// MEMCPYH2D_1 is color 2, MEMCPYD2H_1 is color 3.
#pragma once

#include "sim/program.h"

#include <memory>

namespace fixture {

inline sim::Instr instr(sim::Op op, sim::ScalarType t, uint16_t dst, uint16_t a, uint16_t b,
                        int32_t imm) {
    sim::Instr i;
    i.op = op;
    i.type = t;
    i.dst = dst;
    i.a = a;
    i.b = b;
    i.imm = imm;
    return i;
}

inline sim::Function function(const char* name, std::vector<sim::ScalarType> params,
                              std::vector<sim::Instr> body, uint16_t regs) {
    sim::Function f;
    f.name = name;
    f.numParams = uint16_t(params.size());
    f.paramTypes = std::move(params);
    f.numRegs = regs;
    body.push_back(instr(sim::Op::Builtin, sim::ScalarType::Void, sim::kNoReg, sim::kNoReg, 0,
                         int32_t(sim::BuiltinId::UnblockCmdStream)));
    body.push_back(
        instr(sim::Op::Return, sim::ScalarType::Void, sim::kNoReg, sim::kNoReg, sim::kNoReg, 0));
    f.code = std::move(body);
    for (size_t i = 0; i < f.code.size(); ++i)
        f.locs.push_back({0, uint32_t(i + 1), 1});
    return f;
}

inline std::shared_ptr<sim::FabricProgram> program(uint32_t width = 2, uint32_t height = 1,
                                                   uint32_t n = 16) {
    using sim::Op;
    using T = sim::ScalarType;
    constexpr uint16_t N = sim::kNoReg;
    sim::CodeClass c;
    c.file = "pe.csl";
    // r0 = v, r1 = address, r2 = end, r3 = element, r4 = 4, r5 = condition
    c.functions.push_back(function(
        "add_to_all", {T::F32},
        {instr(Op::Imm, T::I32, 1, N, N, 0), instr(Op::Imm, T::I32, 2, N, N, int32_t(n * 4)),
         instr(Op::Imm, T::I32, 4, N, N, 4), instr(Op::Load, T::F32, 3, 1, N, 0), // 3: loop
         instr(Op::Add, T::F32, 3, 3, 0, 0), instr(Op::Store, T::F32, N, 1, 3, 0),
         instr(Op::Add, T::I32, 1, 1, 4, 0), instr(Op::CmpLt, T::I32, 5, 1, 2, 0),
         instr(Op::JumpIf, T::Void, N, 5, N, 3)},
        6));
    c.functions.push_back(function("noop", {}, {}, 1));
    c.functions.push_back(function("take_u16", {T::U16}, {}, 1));
    c.symbols.push_back({"buf", 0, n * 4, T::F32, n});
    c.symbols.push_back({"ro", n * 4, 16, T::F32, 4});
    c.exports.push_back({"buf", false, 0, -1});
    c.exports.push_back({"ro", false, n * 4, -1});
    c.exports.push_back({"add_to_all", true, 0, 0});
    c.exports.push_back({"noop", true, 0, 1});
    c.exports.push_back({"take_u16", true, 0, 2});
    c.memoryBytes = n * 4 + 16;
    auto p = std::make_shared<sim::FabricProgram>();
    p->width = width;
    p->height = height;
    p->offsetX = 4;
    p->offsetY = 1;
    p->fabricWidth = width + 7;
    p->fabricHeight = height + 2;
    p->classes.push_back(std::move(c));
    p->pes.resize(size_t(width) * height);
    p->hostSymbols = {{0, "buf", sim::HostSymbol::Kind::Var, T::F32, true, {}},
                      {1, "ro", sim::HostSymbol::Kind::Var, T::F32, false, {}},
                      {2, "add_to_all", sim::HostSymbol::Kind::Func, T::Void, false, {T::F32}},
                      {3, "noop", sim::HostSymbol::Kind::Func, T::Void, false, {}},
                      {4, "take_u16", sim::HostSymbol::Kind::Func, T::Void, false, {T::U16}}};
    p->memcpy.enabled = true;
    p->memcpy.h2dColors[0] = 2;
    p->memcpy.d2hColors[0] = 3;
    p->sourceFiles = {"pe.csl"};
    return p;
}

} // namespace fixture
