// Configuration registers that stand for modelled state: on WSE-3 the output queue
// configuration word 0x7b80 + q carries the queue's color in bits 8..4, so @set_config on
// it rebinds the queue (as output_queue_config does) and @get_config reads the binding.
// Elsewhere (WSE-2, other addresses) a register only reads back what was written.
#include "program_builder.h"

#include <QTest>

using namespace simtest;
using sim::BuiltinId;
using sim::RunStatus;

namespace {

constexpr uint16_t kQueue2Config = 0x7b82;
constexpr uint32_t kBeforeAddr = 100, kAfterAddr = 102;

// init: stores @get_config(0x7b82) at 100, writes 0x61 (color 6, low bit set) to it,
// stores the read-back at 102, then sends 0x1234 through a fabout of output queue 2 that
// names color 5 (WSE-2 needs one; on WSE-3 the queue's binding decides).
sim::CodeClass queueConfigClass() {
    sim::CodeClass cls;
    cls.outputQueueColor[2] = 5;
    sim::Dsd out;
    out.kind = sim::DsdKind::FabOut;
    out.queue = 2;
    out.color = 5;
    out.extent[0] = 1;
    cls.dsdConstants = {out};
    sim::DsdOpDesc send;
    send.op = sim::DsdOpKind::Mov32;
    send.dst = {sim::DsdOperand::Kind::Dsd, 0};
    send.src0 = {sim::DsdOperand::Kind::Scalar, 3};
    cls.dsdOps = {send};
    FnBuilder b("init", 0, 4, 1);
    b.imm(0, ScalarType::U16, kQueue2Config).builtin(BuiltinId::ConfigGet, 0, 1, 1);
    b.imm(2, ScalarType::U16, kBeforeAddr).store(ScalarType::U16, 2, 0, 1);
    b.imm(1, ScalarType::U16, 0x61).builtin(BuiltinId::ConfigSet, 0, 2);
    b.builtin(BuiltinId::ConfigGet, 0, 1, 1);
    b.imm(2, ScalarType::U16, kAfterAddr).store(ScalarType::U16, 2, 0, 1);
    b.imm(3, ScalarType::U32, 0x1234);
    b.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
    b.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
    b.ret();
    cls.functions = {b.build()};
    cls.initFunction = 0;
    return cls;
}

uint16_t readU16(const sim::Fabric& f, uint32_t addr) {
    const auto m = f.readMemory(0, 0, addr, 2);
    return uint16_t(m[0] | m[1] << 8);
}

// Runs the class; returns the color the word left on (the host's streaming D2H on it
// received it), or -1.
int sentColor(sim::Fabric& f) {
    for (int color : {5, 6}) {
        sim::MemcpyRequest d2h;
        d2h.streaming = true;
        d2h.toDevice = false;
        d2h.color = uint8_t(color);
        d2h.elementsPerPe = 1;
        const auto id = f.memcpy(d2h);
        const auto r = f.runUntilDone(id, 100'000);
        if (r.status == RunStatus::CommandDone && f.takeResult(id) == std::vector<uint32_t>{0x1234})
            return color;
    }
    return -1;
}

} // namespace

class TestConfigRegisters : public QObject {
    Q_OBJECT
  private slots:
    void wse3OutputQueueColorField() {
        auto prog = makeProgram(queueConfigClass(), 1, 1, sim::Arch::Wse3);
        prog->memcpy.d2hColors[0] = 5;
        prog->memcpy.d2hColors[1] = 6;
        sim::Fabric f(prog);
        QCOMPARE(sentColor(f), 6);                 // the write rebound queue 2 to color 6
        QCOMPARE(readU16(f, kBeforeAddr), 0x0050); // initial binding: color 5
        QCOMPARE(readU16(f, kAfterAddr), 0x0061);  // the color field and the stored bit
    }
    void wse2RegisterOnlyStores() {
        auto prog = makeProgram(queueConfigClass(), 1, 1, sim::Arch::Wse2);
        prog->memcpy.d2hColors[0] = 5;
        prog->memcpy.d2hColors[1] = 6;
        sim::Fabric f(prog);
        QCOMPARE(sentColor(f), 5); // the DSD's own color
        QCOMPARE(readU16(f, kBeforeAddr), 0);
        QCOMPARE(readU16(f, kAfterAddr), 0x0061);
    }
    void colorOutsideTheFabricFaults() {
        sim::CodeClass cls;
        FnBuilder b("init", 0, 2);
        b.imm(0, ScalarType::U16, kQueue2Config).imm(1, ScalarType::U16, 30 << 4);
        b.line(7).builtin(BuiltinId::ConfigSet, 0, 2);
        b.ret();
        cls.functions = {b.build()};
        cls.initFunction = 0;
        sim::Fabric f(makeProgram(cls, 1, 1, sim::Arch::Wse3));
        const auto r = f.runUntilIdle();
        QCOMPARE(r.status, RunStatus::Fault);
        QVERIFY2(r.message.find("register 0x7b82 names color 30 outside 0..23") !=
                     std::string::npos,
                 r.message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestConfigRegisters)
#include "tst_config_registers.moc"
