// Helpers for building FabricPrograms by hand in the simulator tests.
#pragma once

#include "sim/dsd_math.h"
#include "sim/fabric.h"
#include "sim/program.h"

#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace simtest {

using sim::Instr;
using sim::kNoReg;
using sim::Op;
using sim::ScalarType;

inline Instr ins(Op op, ScalarType t = ScalarType::Void, uint16_t dst = kNoReg, uint16_t a = kNoReg,
                 uint16_t b = kNoReg, int32_t imm = 0) {
    Instr i;
    i.op = op;
    i.type = t;
    i.dst = dst;
    i.a = a;
    i.b = b;
    i.imm = imm;
    return i;
}

// Assembles one function; every instruction gets the line number of its position
// (1-based) unless `line()` sets another.
class FnBuilder {
  public:
    FnBuilder(std::string name, uint16_t params, uint16_t regs, uint16_t dsdRegs = 0) {
        fn_.name = std::move(name);
        fn_.numParams = params;
        fn_.numRegs = regs;
        fn_.numDsdRegs = dsdRegs;
    }
    FnBuilder& line(uint32_t l) {
        line_ = l;
        return *this;
    }
    int here() const { return int(fn_.code.size()); }
    FnBuilder& add(const Instr& i) {
        fn_.code.push_back(i);
        sim::SourceLoc loc;
        loc.line = line_ ? line_ : uint32_t(fn_.code.size());
        fn_.locs.push_back(loc);
        return *this;
    }
    FnBuilder& imm(uint16_t dst, ScalarType t, int32_t v) {
        return add(ins(Op::Imm, t, dst, kNoReg, kNoReg, v));
    }
    FnBuilder& op(Op o, ScalarType t, uint16_t dst, uint16_t a, uint16_t b = kNoReg) {
        return add(ins(o, t, dst, a, b));
    }
    FnBuilder& load(uint16_t dst, ScalarType t, uint16_t addrReg, int32_t off) {
        return add(ins(Op::Load, t, dst, addrReg, kNoReg, off));
    }
    FnBuilder& store(ScalarType t, uint16_t addrReg, int32_t off, uint16_t value) {
        return add(ins(Op::Store, t, kNoReg, addrReg, value, off));
    }
    FnBuilder& builtin(sim::BuiltinId id, uint16_t firstArg = kNoReg, uint16_t nargs = 0,
                       uint16_t dst = kNoReg) {
        return add(ins(Op::Builtin, ScalarType::Void, dst, firstArg, nargs, int32_t(id)));
    }
    FnBuilder& ret(uint16_t reg = kNoReg) {
        return add(ins(Op::Return, ScalarType::Void, kNoReg, reg));
    }
    FnBuilder& returnType(ScalarType t) {
        fn_.returnType = t;
        return *this;
    }
    FnBuilder& paramTypes(std::vector<ScalarType> t) {
        fn_.paramTypes = std::move(t);
        return *this;
    }
    sim::Function& fn() { return fn_; }
    sim::Function build() const { return fn_; }

  private:
    sim::Function fn_;
    uint32_t line_ = 0;
};

inline uint64_t f32bits(float f) {
    uint32_t b;
    std::memcpy(&b, &f, 4);
    return b;
}
inline float bitsf32(uint32_t b) {
    float f;
    std::memcpy(&f, &b, 4);
    return f;
}

// A program of w x h PEs all running class 0.
inline std::shared_ptr<sim::FabricProgram>
makeProgram(sim::CodeClass cls, uint32_t w = 1, uint32_t h = 1, sim::Arch arch = sim::Arch::Wse2) {
    auto p = std::make_shared<sim::FabricProgram>();
    p->arch = arch;
    p->width = w;
    p->height = h;
    p->offsetX = 4;
    p->offsetY = 1;
    p->fabricWidth = w + 7;
    p->fabricHeight = h + 2;
    p->classes.push_back(std::move(cls));
    p->pes.resize(size_t(w) * h);
    p->sourceFiles.push_back("pe.csl");
    return p;
}

inline sim::ClassExport exportFn(const std::string& name, int32_t fn) {
    sim::ClassExport e;
    e.name = name;
    e.isFunction = true;
    e.function = fn;
    return e;
}

inline sim::ClassExport exportVar(const std::string& name, uint32_t address) {
    sim::ClassExport e;
    e.name = name;
    e.address = address;
    return e;
}

// A one-dimensional memory DSD over n contiguous elements of elementBytes each.
inline sim::Dsd denseMem1d(uint32_t base, uint32_t n, uint32_t elementBytes) {
    sim::Dsd d;
    d.kind = sim::DsdKind::Mem1d;
    d.baseAddress = base;
    d.extent[0] = n;
    d.strideBytes[0] = int32_t(elementBytes);
    d.elementBytes = uint8_t(elementBytes);
    return d;
}

inline sim::ColorConfig route(uint8_t rx, uint8_t tx) {
    sim::ColorConfig c;
    c.rx = rx;
    c.tx = tx;
    return c;
}

} // namespace simtest

namespace simtest {

// A DSD-heavy workload used by the determinism test and the benchmark: every row of a
// w x h rectangle is a pipeline. PE x=0 sends n f32 values east; each later PE
// receives them with fadds(buf, buf, fabin), runs `rounds` fmacs(buf, buf, buf2, 0.5)
// over them, prints "done" with simprint, and sends buf on east (the last PE keeps it).
// Colors alternate per hop (PE x sends on color x%2). buf2 starts 4 bytes past a multiple
// of 8 from buf, the SDK's placement without SRAM bank conflicts (costs::readBanksConflict).
inline std::shared_ptr<sim::FabricProgram> makeRowPipeline(uint32_t w, uint32_t h, uint32_t n,
                                                           uint32_t rounds) {
    using sim::DsdKind;
    using sim::DsdOperand;
    constexpr uint32_t kBuf = 1024, kBuf2 = 1024 + 4 * 2048 + 4;
    auto mem = [](uint32_t base, uint32_t len) {
        sim::Dsd d;
        d.kind = DsdKind::Mem1d;
        d.baseAddress = base;
        d.extent[0] = len;
        d.strideBytes[0] = 4;
        return d;
    };
    auto fab = [](DsdKind k, uint8_t color, uint8_t q, uint32_t len) {
        sim::Dsd d;
        d.kind = k;
        d.color = color;
        d.queue = q;
        d.extent[0] = len;
        return d;
    };
    auto op = [](sim::DsdOpKind k, uint16_t dst, uint16_t s0, uint16_t s1 = kNoReg,
                 DsdOperand s2 = {}) {
        sim::DsdOpDesc d;
        d.op = k;
        d.dst = {DsdOperand::Kind::Dsd, dst};
        d.src0 = {DsdOperand::Kind::Dsd, s0};
        if (s1 != kNoReg)
            d.src1 = {DsdOperand::Kind::Dsd, s1};
        d.src2 = s2;
        return d;
    };
    // role: 0 first, 1 middle, 2 last; parity of x.
    auto makeClass = [&](int role, uint32_t parity) {
        sim::CodeClass c;
        c.file = "pipeline.csl";
        const uint8_t cout = uint8_t(parity), cin = uint8_t(1 - parity);
        c.dsdConstants = {mem(kBuf, n), fab(DsdKind::FabIn, cin, 2, n),
                          fab(DsdKind::FabOut, cout, 3, n), mem(kBuf2, n)};
        c.inputQueueColor[2] = int8_t(cin);
        c.outputQueueColor[3] = int8_t(cout);
        c.dsdOps = {op(sim::DsdOpKind::Fadds, 0, 0, 1),
                    op(sim::DsdOpKind::Fmacs, 0, 0, 3, {DsdOperand::Kind::Scalar, 0}),
                    op(sim::DsdOpKind::Fmovs, 2, 0)};
        c.strings = {"done\n"};
        sim::DataInit init;
        init.address = kBuf;
        for (uint32_t i = 0; i < 2 * n; ++i) {
            const float v = 1.0f + float(i % 7) * 0.25f;
            const uint8_t* b = reinterpret_cast<const uint8_t*>(&v);
            init.bytes.insert(init.bytes.end(), b, b + 4);
        }
        c.data.push_back(init);
        sim::DataInit init2 = init;
        init2.address = kBuf2;
        init2.bytes.resize(4 * n);
        c.data.push_back(init2);
        FnBuilder f("main", 0, 4, 4);
        for (int i = 0; i < 4; ++i)
            f.add(ins(Op::DsdConst, ScalarType::Void, uint16_t(i), kNoReg, kNoReg, i));
        f.imm(0, ScalarType::F32, int32_t(f32bits(0.5f)));
        if (role != 0)
            f.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        f.imm(1, ScalarType::U32, 0).imm(2, ScalarType::U32, int32_t(rounds));
        const int loop = f.here();
        f.add(ins(Op::CmpLt, ScalarType::U32, 3, 1, 2));
        const int exitJump = f.here();
        f.add(ins(Op::JumpIfNot, ScalarType::Void, kNoReg, 3, kNoReg, 0));
        f.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 1));
        f.imm(3, ScalarType::U32, 1).op(Op::Add, ScalarType::U32, 1, 1, 3);
        f.add(ins(Op::Jump, ScalarType::Void, kNoReg, kNoReg, kNoReg, loop));
        f.fn().code[size_t(exitJump)].imm = f.here();
        f.imm(3, ScalarType::U32, 0).builtin(sim::BuiltinId::SimprintString, 3, 1);
        if (role != 2)
            f.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 2));
        f.ret();
        c.functions.push_back(f.build());
        c.initFunction = 0;
        return c;
    };
    auto p = std::make_shared<sim::FabricProgram>();
    p->width = w;
    p->height = h;
    p->offsetX = 4;
    p->offsetY = 1;
    p->fabricWidth = w + 7;
    p->fabricHeight = h + 2;
    p->sourceFiles = {"pipeline.csl"};
    for (int role = 0; role < 3; ++role)
        for (uint32_t parity = 0; parity < 2; ++parity)
            p->classes.push_back(makeClass(role, parity));
    p->pes.resize(size_t(w) * h);
    using sim::dirBit;
    using sim::Direction;
    for (uint32_t y = 0; y < h; ++y)
        for (uint32_t x = 0; x < w; ++x) {
            sim::PeConfig& pc = p->pes[size_t(y) * w + x];
            const int role = x == 0 ? 0 : (x + 1 == w ? 2 : 1);
            pc.codeClass = uint32_t(role * 2) + (x % 2);
            if (role != 2)
                pc.colors.push_back(
                    {uint8_t(x % 2), route(dirBit(Direction::Ramp), dirBit(Direction::East))});
            if (role != 0)
                pc.colors.push_back(
                    {uint8_t(1 - x % 2), route(dirBit(Direction::West), dirBit(Direction::Ramp))});
        }
    return p;
}

} // namespace simtest

namespace simtest {

// A DSD-heavy kernel without fabric traffic: PEs with busy(x, y) run `rounds` times
// fmacs(buf, buf, buf2, 0.5) over n f32 elements; the others only exist (idle). buf is at
// 1024, buf2 right after it plus 4 bytes (no SRAM bank conflicts between the two).
template <typename Busy>
std::shared_ptr<sim::FabricProgram> makeDsdKernel(uint32_t w, uint32_t h, uint32_t n,
                                                  uint32_t rounds, Busy busy) {
    sim::CodeClass work;
    work.file = "kernel.csl";
    sim::Dsd a, b;
    a.kind = b.kind = sim::DsdKind::Mem1d;
    a.baseAddress = 1024;
    b.baseAddress = 1024 + 4 * n + 4;
    a.extent[0] = b.extent[0] = n;
    a.strideBytes[0] = b.strideBytes[0] = 4;
    work.dsdConstants = {a, b};
    sim::DsdOpDesc mac;
    mac.op = sim::DsdOpKind::Fmacs;
    mac.dst = {sim::DsdOperand::Kind::Dsd, 0};
    mac.src0 = {sim::DsdOperand::Kind::Dsd, 0};
    mac.src1 = {sim::DsdOperand::Kind::Dsd, 1};
    mac.src2 = {sim::DsdOperand::Kind::Scalar, 0};
    work.dsdOps.push_back(mac);
    FnBuilder f("main", 0, 4, 2);
    f.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
    f.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
    f.imm(0, ScalarType::F32, int32_t(f32bits(0.5f)));
    f.imm(1, ScalarType::U32, 0).imm(2, ScalarType::U32, int32_t(rounds));
    const int loop = f.here();
    f.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
    f.imm(3, ScalarType::U32, 1).op(Op::Add, ScalarType::U32, 1, 1, 3);
    f.op(Op::CmpLt, ScalarType::U32, 3, 1, 2);
    f.add(ins(Op::JumpIf, ScalarType::Void, kNoReg, 3, kNoReg, loop));
    f.ret();
    work.functions.push_back(f.build());
    work.initFunction = 0;
    auto p = makeProgram(work, w, h);
    p->classes.push_back(sim::CodeClass{});
    for (uint32_t y = 0; y < h; ++y)
        for (uint32_t x = 0; x < w; ++x)
            p->pes[size_t(y) * w + x].codeClass = busy(x, y) ? 0 : 1;
    return p;
}

} // namespace simtest
