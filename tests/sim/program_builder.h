// Helpers for building FabricPrograms by hand in the simulator tests.
#pragma once

#include "sim/fabric.h"
#include "sim/dsd_math.h"
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

inline Instr ins(Op op, ScalarType t = ScalarType::Void, uint16_t dst = kNoReg,
                 uint16_t a = kNoReg, uint16_t b = kNoReg, int32_t imm = 0) {
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
    FnBuilder& imm(uint16_t dst, ScalarType t, int32_t v) { return add(ins(Op::Imm, t, dst, kNoReg, kNoReg, v)); }
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
    FnBuilder& ret(uint16_t reg = kNoReg) { return add(ins(Op::Return, ScalarType::Void, kNoReg, reg)); }
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
inline std::shared_ptr<sim::FabricProgram> makeProgram(sim::CodeClass cls, uint32_t w = 1,
                                                       uint32_t h = 1,
                                                       sim::Arch arch = sim::Arch::Wse2) {
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

inline sim::ColorConfig route(uint8_t rx, uint8_t tx) {
    sim::ColorConfig c;
    c.rx = rx;
    c.tx = tx;
    return c;
}

}  // namespace simtest
