// Router input: a wavelet that arrives on a link no rx of its color accepts (or on a
// color the router has no configuration for) waits on that link, as the hardware's link
// stays backpressured, until a configuration write accepts it. If nothing ever does, an
// unconfigured color is a fault naming PE, cycle, color and link, and a configured color
// whose rx never accepts the link shows in the wait report with PE, color and port.
#include "program_builder.h"

#include <QTest>

using namespace simtest;
using sim::BuiltinId;
using sim::dirBit;
using sim::Direction;
using sim::RunStatus;

namespace {

constexpr uint8_t kColor = 3;
constexpr uint16_t kColorConfigWord = 0x7f20 + kColor;
constexpr uint16_t kWestToRamp = 0x0030; // rx WEST (bit 5), tx RAMP (bit 4)
constexpr uint32_t kReceivedAddr = 200;
constexpr uint32_t kDelayIterations = 300; // the write comes long after the wavelet landed

enum class ReceiverRoute { WrongRx, Unconfigured };

// A 2x1 row. PE 0 sends 0xbeef east on kColor. PE 1's data task on kColor stores the
// payload at kReceivedAddr; its route for kColor takes NORTH only (WrongRx) or does not
// exist (Unconfigured). With `writeConfig` its init spins kDelayIterations times, then
// writes the color config register so the color comes from WEST to RAMP.
std::shared_ptr<sim::FabricProgram> row(ReceiverRoute routeKind, bool writeConfig) {
    sim::CodeClass sender;
    sim::Dsd out;
    out.kind = sim::DsdKind::FabOut;
    out.queue = 2;
    out.color = kColor;
    out.extent[0] = 1;
    sender.dsdConstants = {out};
    sim::DsdOpDesc send;
    send.op = sim::DsdOpKind::Mov32;
    send.dst = {sim::DsdOperand::Kind::Dsd, 0};
    send.src0 = {sim::DsdOperand::Kind::Scalar, 0};
    sender.dsdOps = {send};
    FnBuilder s("init", 0, 1, 1);
    s.imm(0, ScalarType::U32, 0xbeef);
    s.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
    s.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
    s.ret();
    sender.functions = {s.build()};
    sender.initFunction = 0;

    sim::CodeClass receiver;
    FnBuilder init("init", 0, 5);
    if (writeConfig) {
        init.imm(0, ScalarType::U32, 0).imm(1, ScalarType::U32, 1);
        const int loop = init.here();
        init.op(Op::Add, ScalarType::U32, 0, 0, 1);
        init.imm(2, ScalarType::U32, int32_t(kDelayIterations));
        init.op(Op::CmpLt, ScalarType::U32, 2, 0, 2);
        init.add(ins(Op::JumpIf, ScalarType::Void, kNoReg, 2, kNoReg, loop));
        init.imm(3, ScalarType::U16, kColorConfigWord).imm(4, ScalarType::U16, kWestToRamp);
        init.builtin(BuiltinId::ConfigSet, 3, 2);
    }
    init.ret();
    FnBuilder recv("recv", 1, 2);
    recv.paramTypes({ScalarType::U32});
    recv.imm(1, ScalarType::U16, kReceivedAddr).store(ScalarType::U32, 1, 0, 0).ret();
    receiver.functions = {init.build(), recv.build()};
    receiver.initFunction = 0;
    receiver.tasks[kColor].kind = sim::TaskKind::Data;
    receiver.tasks[kColor].function = 1;
    receiver.tasks[kColor].color = kColor;

    auto p = makeProgram(sender, 2, 1);
    p->classes.push_back(receiver);
    p->pes[0].colors.push_back({kColor, route(dirBit(Direction::Ramp), dirBit(Direction::East))});
    p->pes[1].codeClass = 1;
    if (routeKind == ReceiverRoute::WrongRx)
        p->pes[1].colors.push_back(
            {kColor, route(dirBit(Direction::North), dirBit(Direction::Ramp))});
    return p;
}

uint32_t received(const sim::Fabric& f) {
    const auto m = f.readMemory(1, 0, kReceivedAddr, 4);
    return uint32_t(m[0] | m[1] << 8 | m[2] << 16 | uint32_t(m[3]) << 24);
}

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

} // namespace

class TestRouterInput : public QObject {
    Q_OBJECT
  private slots:
    void waitsUntilAColorConfigWriteAcceptsIt_data() {
        QTest::addColumn<int>("routeKind");
        QTest::newRow("rx without WEST") << int(ReceiverRoute::WrongRx);
        QTest::newRow("no color config") << int(ReceiverRoute::Unconfigured);
    }
    void waitsUntilAColorConfigWriteAcceptsIt() {
        QFETCH(int, routeKind);
        sim::Fabric f(row(ReceiverRoute(routeKind), true));
        // Long after the wavelet landed at PE 1 the write has not happened yet: the
        // wavelet waits at the WEST port instead of faulting.
        const auto early = f.step(300);
        QVERIFY2(early.status == RunStatus::CycleLimit, early.message.c_str());
        QCOMPARE(received(f), 0u);
        const auto r = f.runUntilIdle(100'000);
        QVERIFY2(r.status == RunStatus::Idle && r.waiting.empty(), r.message.c_str());
        QCOMPARE(received(f), 0xbeefu);
        QCOMPARE(f.stats(1, 0).wavelets, uint64_t(1));
    }
    void unconfiguredColorNobodyConfiguresFaults() {
        sim::Fabric f(row(ReceiverRoute::Unconfigured, false));
        const auto r = f.runUntilIdle(100'000);
        QCOMPARE(r.status, RunStatus::Fault);
        QVERIFY2(contains(r.message, "wavelet on unrouted color 3 arrived from WEST at cycle "),
                 r.message.c_str());
        QVERIFY2(contains(r.message, "(PE(5,1) at cycle "), r.message.c_str());
        // The fault sticks: a further run reports it again.
        QCOMPARE(f.runUntilIdle(100).status, RunStatus::Fault);
        QCOMPARE(received(f), 0u);
    }
    void rxThatNeverAcceptsIsReportedWithPeColorAndPort() {
        sim::Fabric f(row(ReceiverRoute::WrongRx, false));
        const auto r = f.runUntilIdle(100'000);
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        QCOMPARE(r.waiting.size(), size_t(1));
        QCOMPARE(r.waiting[0].x, 5u);
        QCOMPARE(r.waiting[0].y, 1u);
        QVERIFY2(contains(r.waiting[0].reason,
                          "1 wavelet(s) on color 3 from WEST wait at port WEST: no rx of the "
                          "color (routes or switch positions) accepts WEST"),
                 r.waiting[0].reason.c_str());
        // A debugger step asks for progress: the same wait is a hang.
        const auto step = f.step(10);
        QCOMPARE(step.status, RunStatus::Hang);
        QVERIFY2(contains(step.message, "PE(5,1)") && contains(step.message, "color 3 from WEST"),
                 step.message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestRouterInput)
#include "tst_router_input.moc"
