// Configuration registers that stand for modelled state: on WSE-3 the output queue
// configuration word 0x7b80 + q carries the queue's color in bits 8..4, so @set_config on
// it rebinds the queue (as output_queue_config does) and @get_config reads the binding.
// On WSE-2 the router registers of color c, word 0x7f20 + c (color config) and 0x7f40 + c
// (switch config), read the color's route and switch state and change it when written,
// through raw pointers (@bitcast(*u16, 2 * word).*, as spmv-hypersparse does) or
// @get_config / @set_config. Elsewhere a register only reads back what was written.
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

using sim::dirBit;
using sim::Direction;

constexpr uint8_t kRouteColor = 3;
constexpr uint32_t kColorConfigByte = 2 * (0x7f20 + kRouteColor);
constexpr uint32_t kSwitchConfigByte = 2 * (0x7f40 + kRouteColor);
constexpr uint32_t kReceivedAddr = 200;

// The configuration the register tests start from: WEST in, EAST and RAMP out, position 1
// takes input from RAMP, ring mode, pop on advance, in teardown.
sim::ColorConfig startingRoute() {
    sim::ColorConfig c =
        route(dirBit(Direction::West), dirBit(Direction::East) | dirBit(Direction::Ramp));
    c.switchPositions[0].rx = dirBit(Direction::Ramp);
    c.ringMode = true;
    c.popMode = sim::ColorConfig::PopMode::PopOnAdvance;
    c.teardown = true;
    return c;
}

// init: loads the two router registers of kRouteColor through raw pointers (into 100 and
// 102) and with @get_config (into 104 and 106).
sim::CodeClass readRegistersClass() {
    sim::CodeClass cls;
    FnBuilder b("init", 0, 3);
    b.imm(0, ScalarType::U16, 0);
    b.load(1, ScalarType::U16, 0, int32_t(kColorConfigByte)).store(ScalarType::U16, 0, 100, 1);
    b.load(1, ScalarType::U16, 0, int32_t(kSwitchConfigByte)).store(ScalarType::U16, 0, 102, 1);
    b.imm(2, ScalarType::U16, 0x7f20 + kRouteColor).builtin(BuiltinId::ConfigGet, 2, 1, 1);
    b.store(ScalarType::U16, 0, 104, 1);
    b.imm(2, ScalarType::U16, 0x7f40 + kRouteColor).builtin(BuiltinId::ConfigGet, 2, 1, 1);
    b.store(ScalarType::U16, 0, 106, 1);
    b.ret();
    cls.functions = {b.build()};
    cls.initFunction = 0;
    return cls;
}

// A 2x1 row. PE 0 routes kRouteColor from RAMP back to its own RAMP; its init stores
// `value` to the router register at byte `registerByte` (unless it is 0), then sends
// 0xbeef on kRouteColor. PE 1 takes the color from WEST to RAMP, where its data task
// stores the payload at kReceivedAddr. So PE 1 receives the word only when the write
// turned PE 0's route east.
std::shared_ptr<sim::FabricProgram> rerouteRow(uint32_t registerByte, uint16_t value) {
    sim::CodeClass sender;
    sim::Dsd out;
    out.kind = sim::DsdKind::FabOut;
    out.queue = 2;
    out.color = kRouteColor;
    out.extent[0] = 1;
    sender.dsdConstants = {out};
    sim::DsdOpDesc send;
    send.op = sim::DsdOpKind::Mov32;
    send.dst = {sim::DsdOperand::Kind::Dsd, 0};
    send.src0 = {sim::DsdOperand::Kind::Scalar, 2};
    sender.dsdOps = {send};
    FnBuilder s("init", 0, 3, 1);
    s.imm(0, ScalarType::U16, 0);
    if (registerByte) {
        s.imm(1, ScalarType::U16, value);
        s.store(ScalarType::U16, 0, int32_t(registerByte), 1);
    }
    s.imm(2, ScalarType::U32, 0xbeef);
    s.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
    s.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
    s.ret();
    sender.functions = {s.build()};
    sender.initFunction = 0;

    sim::CodeClass receiver;
    FnBuilder r("recv", 1, 2);
    r.paramTypes({ScalarType::U32});
    r.imm(1, ScalarType::U16, kReceivedAddr).store(ScalarType::U32, 1, 0, 0).ret();
    receiver.functions = {r.build()};
    receiver.tasks[kRouteColor].kind = sim::TaskKind::Data;
    receiver.tasks[kRouteColor].function = 0;
    receiver.tasks[kRouteColor].color = kRouteColor;

    auto p = makeProgram(sender, 2, 1);
    p->classes.push_back(receiver);
    p->pes[0].colors.push_back(
        {kRouteColor, route(dirBit(Direction::Ramp), dirBit(Direction::Ramp))});
    p->pes[1].codeClass = 1;
    p->pes[1].colors.push_back(
        {kRouteColor, route(dirBit(Direction::West), dirBit(Direction::Ramp))});
    return p;
}

uint32_t receivedAtEast(const std::shared_ptr<sim::FabricProgram>& p) {
    sim::Fabric f(p);
    const auto r = f.runUntilIdle(100'000);
    if (r.status == RunStatus::Fault)
        qWarning("%s", r.message.c_str());
    const auto m = f.readMemory(1, 0, kReceivedAddr, 4);
    return uint32_t(m[0] | m[1] << 8 | m[2] << 16 | uint32_t(m[3]) << 24);
}

std::string faultOf(sim::Arch arch, ScalarType loadType, uint32_t address) {
    sim::CodeClass cls;
    FnBuilder b("init", 0, 2);
    b.imm(0, ScalarType::U16, 0).line(9).load(1, loadType, 0, int32_t(address)).ret();
    cls.functions = {b.build()};
    cls.initFunction = 0;
    sim::Fabric f(makeProgram(cls, 1, 1, arch));
    const auto r = f.runUntilIdle();
    return r.status == RunStatus::Fault ? r.message : std::string();
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
    void wse2RouterRegistersReadTheRoute() {
        auto prog = makeProgram(readRegistersClass(), 1, 1, sim::Arch::Wse2);
        prog->pes[0].colors.push_back({kRouteColor, startingRoute()});
        sim::Fabric f(prog);
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        // Color config: outputs EAST (bit 1) and RAMP (bit 4), input WEST (bit 5), pop on
        // advance (2 in bits 13..12), teardown (bit 14).
        QCOMPARE(readU16(f, 100), 0x6032);
        // Switch config: position 1 = input (bit 3) from RAMP (4); positions 2 and 3
        // invalid (5); ring mode (bit 12); current position 0.
        QCOMPARE(readU16(f, 102), 0x155c);
        QCOMPARE(readU16(f, 104), 0x6032); // @get_config reads the same registers
        QCOMPARE(readU16(f, 106), 0x155c);
    }
    void wse2UnconfiguredColorReadsEmpty() {
        sim::Fabric f(makeProgram(readRegistersClass(), 1, 1, sim::Arch::Wse2));
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        QCOMPARE(readU16(f, 100), 0);
        QCOMPARE(readU16(f, 102), 0x0555);
    }
    void wse2ColorConfigWriteChangesTheRoute() {
        QCOMPARE(receivedAtEast(rerouteRow(0, 0)), 0u); // the layout's route stays local
        // Input RAMP (bit 9), output EAST (bit 1).
        QCOMPARE(receivedAtEast(rerouteRow(kColorConfigByte, 0x0202)), 0xbeefu);
        // Input RAMP, output RAMP (bit 4): the word stays on PE 0 again.
        QCOMPARE(receivedAtEast(rerouteRow(kColorConfigByte, 0x0210)), 0u);
    }
    void wse2SwitchConfigWriteMovesTheSwitch() {
        // Position 1 = output (select 0) EAST (1), positions 2 and 3 invalid, current
        // position 1 (bits 14..13): the route at position 1 sends east.
        QCOMPARE(receivedAtEast(rerouteRow(kSwitchConfigByte, 0x2551)), 0xbeefu);
        // The same positions at current position 0 keep the base route.
        QCOMPARE(receivedAtEast(rerouteRow(kSwitchConfigByte, 0x0551)), 0u);
    }
    void wse2WriteReadsBack() {
        sim::CodeClass cls = readRegistersClass();
        FnBuilder w("init", 0, 2);
        w.imm(0, ScalarType::U16, 0);
        // Point to point (bit 15, stored), swap for E/W inputs, always pop, input NORTH,
        // output SOUTH.
        w.imm(1, ScalarType::U16, 0x9000 | 0x0800 | 0x0100 | 0x0004);
        w.store(ScalarType::U16, 0, int32_t(kColorConfigByte), 1);
        // Position 2 = input EAST, current position 2, no ring mode; 1 and 3 invalid.
        w.imm(1, ScalarType::U16, 0x4000 | 0x0500 | 0x0090 | 0x0005);
        w.store(ScalarType::U16, 0, int32_t(kSwitchConfigByte), 1);
        w.add(ins(Op::Call, ScalarType::Void, kNoReg, kNoReg, 0, 0)).ret(); // then read them
        cls.functions.push_back(w.build());
        cls.initFunction = 1;
        auto prog = makeProgram(cls, 1, 1, sim::Arch::Wse2);
        prog->pes[0].colors.push_back({kRouteColor, startingRoute()});
        sim::Fabric f(prog);
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        QCOMPARE(readU16(f, 100), 0x9904);
        QCOMPARE(readU16(f, 102), 0x4595);
    }
    void wse2InvalidPositionKeepsItsSelectBit() {
        // As spmv-hypersparse's allreduce does: position 1 (input RAMP) made invalid by
        // rewriting bits 2..0 to 5, then back to RAMP by rewriting them to 4; bit 3 (input)
        // is never written by the program.
        sim::CodeClass cls;
        FnBuilder b("init", 0, 4);
        b.imm(0, ScalarType::U16, 0).imm(2, ScalarType::U16, 0xfff8);
        for (const int32_t position : {5, 4}) {
            b.load(1, ScalarType::U16, 0, int32_t(kSwitchConfigByte));
            b.op(Op::BitAnd, ScalarType::U16, 1, 1, 2);
            b.imm(3, ScalarType::U16, position).op(Op::BitOr, ScalarType::U16, 1, 1, 3);
            b.store(ScalarType::U16, 0, int32_t(kSwitchConfigByte), 1);
            b.load(1, ScalarType::U16, 0, int32_t(kSwitchConfigByte));
            b.store(ScalarType::U16, 0, position == 5 ? 100 : 102, 1);
        }
        b.ret();
        cls.functions = {b.build()};
        cls.initFunction = 0;
        auto prog = makeProgram(cls, 1, 1, sim::Arch::Wse2);
        prog->pes[0].colors.push_back({kRouteColor, startingRoute()});
        sim::Fabric f(prog);
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        QCOMPARE(readU16(f, 100), 0x155d); // invalid, the select bit kept
        QCOMPARE(readU16(f, 102), 0x155c); // input RAMP again
    }
    void wse2RegisterAccessMustBe16Bit() {
        const std::string m = faultOf(sim::Arch::Wse2, ScalarType::U32, kColorConfigByte);
        QVERIFY2(m.find("16-bit word 0x7f23) touches the WSE-2 router registers") !=
                         std::string::npos &&
                     m.find("pe.csl:9") != std::string::npos,
                 m.c_str());
    }
    void wse3HasNoRouterRegisters() {
        const std::string m = faultOf(sim::Arch::Wse3, ScalarType::U16, kColorConfigByte);
        QVERIFY2(m.find("out-of-bounds load of 2 bytes at address 65094") != std::string::npos,
                 m.c_str());
    }
};

QTEST_GUILESS_MAIN(TestConfigRegisters)
#include "tst_config_registers.moc"
