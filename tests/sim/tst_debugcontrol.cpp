// Debugger control and observation: step N cycles, breakpoints of every kind,
// requestStop, simprint lines in sim.log, <time> timestamps, per-PE stats.
#include "program_builder.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace simtest;
using sim::BuiltinId;
using sim::RunStatus;

namespace {

// init: enable tsc, timestamp -> 100, 200 scalar adds, timestamp -> 106, simprint
// "v=" <u16 42 decimal> " x=" <hex> "\n", store 7 to symbol "flag" (address 300).
sim::CodeClass timedClass() {
    sim::CodeClass cls;
    cls.strings = {"v=", " x=", "\n"};
    sim::Symbol flag;
    flag.name = "flag";
    flag.address = 300;
    flag.sizeBytes = 4;
    cls.symbols.push_back(flag);
    FnBuilder b("init", 0, 6);
    b.builtin(BuiltinId::EnableTsc);
    b.imm(0, ScalarType::U16, 100).builtin(BuiltinId::Timestamp, 0, 1);
    b.imm(1, ScalarType::U32, 0).imm(2, ScalarType::U32, 1).imm(3, ScalarType::U32, 200);
    const int loop = b.here();
    b.line(50).op(Op::Add, ScalarType::U32, 1, 1, 2);
    b.line(51).op(Op::CmpLt, ScalarType::U32, 4, 1, 3);
    b.add(ins(Op::JumpIf, ScalarType::Void, kNoReg, 4, kNoReg, loop));
    b.line(0);
    b.imm(0, ScalarType::U16, 106).builtin(BuiltinId::Timestamp, 0, 1);
    b.imm(0, ScalarType::U16, 0).builtin(BuiltinId::SimprintString, 0, 1);
    b.imm(0, ScalarType::U16, 42)
        .imm(4, ScalarType::U8, int32_t(ScalarType::U16))
        .imm(5, ScalarType::U8, 'd');
    b.add(ins(Op::Mov, ScalarType::U16, 3, 0));
    // SimprintValue(value, type, format): registers 3, 4, 5.
    b.builtin(BuiltinId::SimprintValue, 3, 3);
    b.imm(0, ScalarType::U16, 1).builtin(BuiltinId::SimprintString, 0, 1);
    b.imm(3, ScalarType::U16, 0xbeef)
        .imm(5, ScalarType::U8, 'X')
        .builtin(BuiltinId::SimprintValue, 3, 3);
    b.imm(0, ScalarType::U16, 2).builtin(BuiltinId::SimprintString, 0, 1);
    b.imm(0, ScalarType::U16, 300).imm(1, ScalarType::U32, 7);
    b.line(60).store(ScalarType::U32, 0, 0, 1);
    b.line(0).ret();
    cls.functions.push_back(b.build());
    cls.initFunction = 0;
    return cls;
}

uint64_t readTimestamp(const sim::Fabric& f, uint32_t addr) {
    auto m = f.readMemory(0, 0, addr, 6);
    uint64_t t = 0;
    for (int i = 5; i >= 0; --i)
        t = (t << 8) | m[size_t(i)];
    return t;
}

} // namespace

class TestDebugControl : public QObject {
    Q_OBJECT
  private slots:
    void timestampsAndSimprintLog() {
        QTemporaryDir dir;
        sim::FabricOptions o;
        o.simLogPath = (dir.path() + "/sim.log").toStdString();
        sim::Fabric f(makeProgram(timedClass(), 2, 1), o);
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        const uint64_t t0 = readTimestamp(f, 100), t1 = readTimestamp(f, 106);
        QVERIFY(t1 > t0 + 200 * 3); // the loop costs at least 3 cycles per iteration
        const auto lines = f.simprintLines();
        QCOMPARE(lines.size(), size_t(2));
        QVERIFY2(lines[0].rfind("@", 0) == 0, lines[0].c_str());
        QVERIFY2(lines[0].find(" PE(0,0): v=42 x=BEEF") != std::string::npos, lines[0].c_str());
        QVERIFY2(lines[1].find(" PE(1,0): v=42 x=BEEF") != std::string::npos, lines[1].c_str());
        std::ifstream log(o.simLogPath);
        std::string all((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
        // sim.log has the line as the SDK's simulator writes it, without the PE.
        const std::string cycle = lines[0].substr(0, lines[0].find(' '));
        QVERIFY2(all.find(cycle + " v=42 x=BEEF\n") != std::string::npos, all.c_str());
        QVERIFY2(all.find("PE(") == std::string::npos, all.c_str());
        QVERIFY(all.find("@0 Architecture is: wse2") == 0);
    }

    void tracesGoToSimLog() {
        QTemporaryDir dir;
        sim::FabricOptions o;
        o.simLogPath = (dir.path() + "/sim.log").toStdString();
        o.traceLanding = o.traceInstructions = o.traceRouter = true;
        sim::Fabric f(makeRowPipeline(2, 1, 2, 0), o);
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        std::ifstream log(o.simLogPath);
        std::string all((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
        QVERIFY2(all.find(" P5.1 (hwtile) landing C0 from link W") != std::string::npos,
                 all.c_str());
        QVERIFY2(all.find(" P4.1 wavelet C0 ctrl=0") != std::string::npos, all.c_str());
        QVERIFY2(all.find(" P4.1: [EX OP] ^ 0x0000: Tinit DSDCONST main") != std::string::npos,
                 all.c_str());
        // Tracing is off by default.
        sim::FabricOptions quiet;
        quiet.simLogPath = (dir.path() + "/quiet.log").toStdString();
        sim::Fabric g(makeRowPipeline(2, 1, 2, 0), quiet);
        QCOMPARE(g.runUntilIdle().status, RunStatus::Idle);
        std::ifstream qlog(quiet.simLogPath);
        std::string q((std::istreambuf_iterator<char>(qlog)), std::istreambuf_iterator<char>());
        QVERIFY2(q.find("landing") == std::string::npos, q.c_str());
        QVERIFY2(q.find(" done\n") != std::string::npos, q.c_str());
    }

    void chunkedRunsKeepBreakpointsAndHangLimit() {
        // The appliance runs in chunks: a cycle breakpoint at a chunk boundary still
        // reports, and a spinning launch is still reported after idleCycleLimit cycles.
        sim::Fabric f(makeProgram(timedClass()));
        sim::Breakpoint cyc;
        cyc.kind = sim::Breakpoint::Kind::Cycle;
        cyc.value = 100;
        f.addBreakpoint(cyc);
        QCOMPARE(f.runUntilIdle(50).status, RunStatus::CycleLimit);
        const auto r = f.runUntilIdle(50);
        QCOMPARE(r.status, RunStatus::Breakpoint);
        QCOMPARE(f.cycle(), uint64_t(100));

        sim::CodeClass cls;
        FnBuilder b("spin", 0, 1);
        b.add(ins(Op::Jump, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        cls.functions.push_back(b.build());
        cls.exports.push_back(exportFn("spin", 0));
        sim::FabricOptions o;
        o.idleCycleLimit = 3000;
        sim::Fabric g(makeProgram(cls), o);
        const auto id = g.launch("spin", {});
        sim::RunResult last;
        for (int chunk = 0; chunk < 10; ++chunk) {
            last = g.runUntilDone(id, 1000);
            if (last.status != RunStatus::CycleLimit)
                break;
        }
        QCOMPARE(last.status, RunStatus::Hang);
    }

    void stepAdvancesExactly() {
        sim::Fabric f(makeProgram(timedClass()));
        auto r = f.step(100);
        QCOMPARE(r.status, RunStatus::CycleLimit);
        QCOMPARE(f.cycle(), uint64_t(100));
        r = f.step(50);
        QCOMPARE(r.status, RunStatus::CycleLimit);
        QCOMPARE(f.cycle(), uint64_t(150));
        QVERIFY(f.stats(0, 0).instructions > 10);
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        // Stepping gives the same end state as running straight through.
        sim::Fabric g(makeProgram(timedClass()));
        QCOMPARE(g.runUntilIdle().status, RunStatus::Idle);
        QCOMPARE(g.cycle(), f.cycle());
        QCOMPARE(g.readMemory(0, 0, 100, 12), f.readMemory(0, 0, 100, 12));
    }

    void sourceLineBreakpointStopsAndResumes() {
        sim::Fabric f(makeProgram(timedClass()));
        sim::Breakpoint bp;
        bp.kind = sim::Breakpoint::Kind::SourceLine;
        bp.value = 60;
        f.addBreakpoint(bp);
        auto r = f.runUntilIdle();
        QCOMPARE(r.status, RunStatus::Breakpoint);
        QVERIFY(r.location.has_value());
        QCOMPARE(r.location->line, 60u);
        QCOMPARE(f.readMemory(0, 0, 300, 1)[0], uint8_t(0)); // the store has not run yet
        f.clearBreakpoints();
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        QCOMPARE(f.readMemory(0, 0, 300, 1)[0], uint8_t(7));
    }

    void symbolWriteAndCycleBreakpoints() {
        sim::Fabric f(makeProgram(timedClass()));
        sim::Breakpoint cyc;
        cyc.kind = sim::Breakpoint::Kind::Cycle;
        cyc.value = 77;
        f.addBreakpoint(cyc);
        sim::Breakpoint sym;
        sym.kind = sim::Breakpoint::Kind::SymbolWrite;
        sym.anyPe = true;
        sym.symbol = "flag";
        f.addBreakpoint(sym);
        auto r = f.runUntilIdle();
        QCOMPARE(r.status, RunStatus::Breakpoint);
        QCOMPARE(f.cycle(), uint64_t(77));
        r = f.runUntilIdle();
        QCOMPARE(r.status, RunStatus::Breakpoint);
        QVERIFY2(r.message.find("write to flag") != std::string::npos, r.message.c_str());
        QCOMPARE(f.readMemory(0, 0, 300, 1)[0], uint8_t(7));
        f.clearBreakpoints();
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
    }

    void taskAndWaveletBreakpoints() {
        auto prog = makeRowPipeline(3, 1, 8, 1);
        sim::Fabric f(prog);
        sim::Breakpoint w;
        w.kind = sim::Breakpoint::Kind::WaveletOnColor;
        w.x = 2;
        w.value = 1; // PE x=2 receives on color 1
        f.addBreakpoint(w);
        auto r = f.runUntilIdle();
        QCOMPARE(r.status, RunStatus::Breakpoint);
        QVERIFY2(r.message.find("color 1 at PE(6,1)") != std::string::npos, r.message.c_str());
        f.clearBreakpoints();
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
    }

    void requestStopEndsRun() {
        sim::Fabric f(makeProgram(timedClass()));
        f.requestStop(); // a stop requested before the run does not carry over
        f.addBreakpoint({sim::Breakpoint::Kind::TaskActivation, 0, 0, true, 3, 0, {}});
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
    }

    void statsCountWork() {
        sim::Fabric f(makeRowPipeline(4, 1, 16, 2));
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        const sim::PeStats first = f.stats(0, 0), last = f.stats(3, 0);
        QCOMPARE(first.wavelets, uint64_t(16));
        QCOMPARE(last.wavelets, uint64_t(16));
        QVERIFY(first.instructions > 10);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, f.stats(4, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, f.readMemory(0, 0, 49150, 4));
    }
};

QTEST_GUILESS_MAIN(TestDebugControl)
#include "tst_debugcontrol.moc"
