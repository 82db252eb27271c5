// Hang reports: when nothing can progress the run stops and names who waits for what.
#include "program_builder.h"
#include "sim/costs.h"

#include <QTest>

using namespace simtest;
using sim::RunStatus;

namespace {

// A class whose DSD op 0 receives `extent` u32 wavelets of color 3 (input queue 3) into
// address 1024 (dsdConstants 0: memory, 1: the fabin), asynchronously or not.
sim::CodeClass receivingClass(uint32_t extent, bool async) {
    sim::CodeClass cls;
    sim::Dsd in;
    in.kind = sim::DsdKind::FabIn;
    in.color = 3;
    in.queue = 3;
    in.extent[0] = extent;
    sim::Dsd buf;
    buf.kind = sim::DsdKind::Mem1d;
    buf.baseAddress = 1024;
    buf.extent[0] = extent;
    buf.strideBytes[0] = 0;
    cls.dsdConstants = {buf, in};
    cls.inputQueueColor[3] = 3;
    sim::DsdOpDesc recv;
    recv.op = sim::DsdOpKind::Mov32;
    recv.dst = {sim::DsdOperand::Kind::Dsd, 0};
    recv.src0 = {sim::DsdOperand::Kind::Dsd, 1};
    recv.async = async;
    cls.dsdOps.push_back(recv);
    return cls;
}

// A launch of `go` activates task 12 (poll), which ends the launch once mem[100] is
// nonzero and otherwise re-activates itself; with `counting` it also adds 1 to mem[102]
// each run and sets the flag at 3000 runs, past the idle-cycle limit.
sim::RunResult runPollingTask(bool counting) {
    sim::CodeClass cls;
    FnBuilder go("go", 0, 1);
    go.imm(0, ScalarType::U16, 12).builtin(sim::BuiltinId::Activate, 0, 1).ret();
    FnBuilder poll("poll", 0, 4);
    poll.imm(0, ScalarType::U16, 0);
    if (counting) {
        poll.load(1, ScalarType::U16, 0, 102).imm(2, ScalarType::U16, 1);
        poll.op(Op::Add, ScalarType::U16, 1, 1, 2).store(ScalarType::U16, 0, 102, 1);
        poll.imm(2, ScalarType::U16, 2999).op(Op::CmpLt, ScalarType::U16, 3, 2, 1);
        poll.store(ScalarType::U16, 0, 100, 3);
    }
    poll.load(1, ScalarType::U16, 0, 100);
    const int done = poll.here();
    poll.add(ins(Op::JumpIf, ScalarType::Void, kNoReg, 1, kNoReg, 0));
    poll.imm(0, ScalarType::U16, 12).builtin(sim::BuiltinId::Activate, 0, 1).ret();
    poll.fn().code[size_t(done)].imm = poll.here();
    poll.builtin(sim::BuiltinId::UnblockCmdStream).ret();
    cls.functions = {go.build(), poll.build()};
    cls.exports.push_back(exportFn("go", 0));
    cls.tasks[12].kind = sim::TaskKind::Local;
    cls.tasks[12].function = 1;
    sim::FabricOptions o;
    o.idleCycleLimit = 5000;
    sim::Fabric f(makeProgram(cls), o);
    const auto id = f.launch("go", {});
    return f.runUntilDone(id);
}

// A launch of `go` loops `while (step() == 0) {}` and then unblocks the command stream:
// go's registers are the same at every back edge (step's result is 0 until the last call),
// so only what `step` (function 1, registers 0..3, returning a u16) changes elsewhere on the
// PE can tell the loop from a spin. Runs with an idle-cycle limit of 5000.
sim::RunResult runStepLoop(const FnBuilder& step) {
    sim::CodeClass cls;
    FnBuilder go("go", 0, 1);
    const int loop = go.here();
    go.add(ins(Op::Call, ScalarType::Void, 0, kNoReg, 0, 1));
    go.add(ins(Op::JumpIfNot, ScalarType::Void, kNoReg, 0, kNoReg, loop));
    go.builtin(sim::BuiltinId::UnblockCmdStream).ret();
    cls.functions = {go.build(), step.build()};
    cls.exports.push_back(exportFn("go", 0));
    sim::FabricOptions o;
    o.idleCycleLimit = 5000;
    sim::Fabric f(makeProgram(cls), o);
    const auto id = f.launch("go", {});
    return f.runUntilDone(id);
}

} // namespace

class TestHang : public QObject {
    Q_OBJECT
  private slots:
    void receiverWaitingForWavelets() {
        auto p = makeRowPipeline(3, 1, 8, 0);
        for (Instr& i : p->classes[0].functions[0].code) // first PE never sends
            if (i.op == Op::DsdExec && i.imm == 2)
                i = ins(Op::Nop);
        sim::Fabric f(p);
        const auto r = f.step(10000); // a step asks for progress: waiting is a hang
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("PE(5,1) init main on the main thread @fadds (0/8 elements") !=
                     std::string::npos,
                 r.message.c_str());
        QVERIFY2(r.message.find("waits for wavelets on color 0 (iq 2)") != std::string::npos,
                 r.message.c_str());
        QCOMPARE(r.waiting.size(), size_t(2));
        QCOMPARE(r.waiting[0].x, 5u);
    }

    void wse3UnboundInputQueueIsNamed() {
        // A WSE-3 fabin on an input queue that no @initialize_queue bound: the report says
        // so instead of only naming the DSD's color field (0 when the program gave none).
        auto p = makeRowPipeline(3, 1, 8, 0);
        p->arch = sim::Arch::Wse3;
        for (sim::CodeClass& c : p->classes)
            c.inputQueueColor[2] = -1;
        for (Instr& i : p->classes[0].functions[0].code) // first PE never sends
            if (i.op == Op::DsdExec && i.imm == 2)
                i = ins(Op::Nop);
        sim::Fabric f(p);
        const auto r = f.step(10000);
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("(iq 2; no @initialize_queue bound input queue 2 to a color on "
                                "this PE") != std::string::npos,
                 r.message.c_str());
        QVERIFY2(r.waiting[0].reason.find("no @initialize_queue bound input queue 2") !=
                     std::string::npos,
                 r.waiting[0].reason.c_str());
    }

    void wse3UnboundOutputQueueSendsAreNamed() {
        // The middle PE's output queue 3 has no color and its fabout names color 0 (the
        // field a WSE-3 program without .fabric_color leaves at 0): its wavelets leave on
        // color 0, which its router takes only from WEST.
        auto p = makeRowPipeline(3, 1, 8, 0);
        p->arch = sim::Arch::Wse3;
        sim::CodeClass& middle = p->classes[3]; // role middle, parity 1
        middle.outputQueueColor[3] = -1;
        middle.dsdConstants[2].color = 0;
        sim::Fabric f(p);
        const auto r = f.step(10000);
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("on color 0 from RAMP wait at port RAMP") != std::string::npos,
                 r.message.c_str());
        QVERIFY2(r.message.find("output queue(s) 3 of this PE sent wavelets while no "
                                "@initialize_queue bound them to a color") != std::string::npos,
                 r.message.c_str());
    }

    void boundQueuesGetNoNote() {
        auto p = makeRowPipeline(3, 1, 8, 0);
        p->arch = sim::Arch::Wse3;
        for (Instr& i : p->classes[0].functions[0].code)
            if (i.op == Op::DsdExec && i.imm == 2)
                i = ins(Op::Nop);
        sim::Fabric f(p);
        const auto r = f.step(10000);
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("waits for wavelets on color 0 (iq 2)") != std::string::npos,
                 r.message.c_str());
        QVERIFY2(r.message.find("@initialize_queue") == std::string::npos, r.message.c_str());
    }

    void mainThreadBlockedOnBusyMicrothread() {
        // Two async receives on the same microthread (WSE-2: the fabin's queue 2); no
        // wavelet ever comes, so the second cannot start.
        auto p = makeRowPipeline(2, 1, 4, 0);
        sim::CodeClass& recv = p->classes[5]; // role "last", parity 1
        recv.dsdOps[0].async = true;
        sim::Function& f = recv.functions[0];
        for (size_t i = 0; i < f.code.size(); ++i)
            if (f.code[i].op == Op::DsdExec && f.code[i].imm == 0) {
                f.code.insert(f.code.begin() + long(i), f.code[i]);
                f.locs.insert(f.locs.begin() + long(i), f.locs[i]);
                break;
            }
        for (Instr& i : f.code) // jump targets moved by one
            if (i.op == Op::Jump || i.op == Op::JumpIf || i.op == Op::JumpIfNot)
                ++i.imm;
        for (Instr& i : p->classes[0].functions[0].code) // the sender never sends
            if (i.op == Op::DsdExec && i.imm == 2)
                i = ins(Op::Nop);
        sim::Fabric fab(p);
        const auto r = fab.step(10000);
        QCOMPARE(r.status, RunStatus::Hang);
        // The operation that cannot start is named by its place when the program has one,
        // and the microthread it waits for by number.
        const std::string waits = "main thread waits to start async @fadds";
        const size_t at = r.message.find(waits);
        QVERIFY2(at != std::string::npos, r.message.c_str());
        QVERIFY2(r.message.find("on busy microthread 2", at) != std::string::npos,
                 r.message.c_str());
        QVERIFY2(r.message.find("microthread 2 @fadds") != std::string::npos, r.message.c_str());
    }

    void drainWaitingForItsFifoBlamesTheFifo() {
        // A launched function starts an async pop of a FIFO that nothing fills into a fabout
        // and never unblocks: the op waits for the FIFO, not for its output queue (empty),
        // which the report used to name because the destination is a fabout.
        sim::CodeClass cls;
        sim::FifoDesc fd;
        fd.baseAddress = 1024;
        fd.capacityBytes = 16;
        fd.elementBytes = 4;
        cls.fifos.push_back(fd);
        sim::Dsd fifo;
        fifo.kind = sim::DsdKind::Fifo;
        fifo.extent[0] = 4;
        sim::Dsd out;
        out.kind = sim::DsdKind::FabOut;
        out.extent[0] = 4;
        out.queue = 2;
        cls.dsdConstants = {fifo, out};
        sim::DsdOpDesc drain;
        drain.op = sim::DsdOpKind::Mov32;
        drain.dst = {sim::DsdOperand::Kind::Dsd, 1};
        drain.src0 = {sim::DsdOperand::Kind::Dsd, 0};
        drain.async = true;
        cls.dsdOps.push_back(drain);
        FnBuilder b("drain", 0, 1, 2);
        b.add(ins(Op::DsdConst, sim::ScalarType::Void, 0, kNoReg, kNoReg, 0));
        b.add(ins(Op::DsdConst, sim::ScalarType::Void, 1, kNoReg, kNoReg, 1));
        b.add(ins(Op::DsdExec, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        b.ret();
        cls.functions.push_back(b.build());
        cls.exports.push_back(exportFn("drain", 0));
        sim::Fabric f(makeProgram(cls, 1, 1));
        const auto r = f.runUntilDone(f.launch("drain", {}));
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("microthread 2 @mov32 (0/4 elements, pe.csl:3) waits for data in "
                                "FIFO 0 (empty)") != std::string::npos,
                 r.message.c_str());
        QVERIFY2(r.message.find("output queue") == std::string::npos, r.message.c_str());
    }

    void launchedFunctionMustUnblock() {
        sim::CodeClass cls;
        FnBuilder b("init_and_compute", 0, 1);
        b.ret();
        cls.functions.push_back(b.build());
        cls.exports.push_back(exportFn("init_and_compute", 0));
        sim::Fabric f(makeProgram(cls, 1, 1));
        const auto first = f.launch("init_and_compute", {});
        const auto second = f.launch("init_and_compute", {});
        const auto r = f.runUntilDone(second);
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY(!f.isDone(first));
        QVERIFY2(r.message.find("PE(4,1) never called unblock_cmd_stream after init_and_compute") !=
                     std::string::npos,
                 r.message.c_str());
        QVERIFY2(r.message.find("unfinished host commands: 1, 2") != std::string::npos,
                 r.message.c_str());
    }

    void waitingMicrothreadIsIdleNotAHang() {
        // A microthread waits on a fabin with a huge extent (data that may never come)
        // while the host runs commands: the run is idle between commands, and a command
        // that completes does so although the microthread still waits.
        sim::CodeClass cls = receivingClass(60000, true);
        FnBuilder init("init", 0, 1, 2);
        init.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        init.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
        init.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        init.ret();
        cls.functions.push_back(init.build());
        cls.initFunction = 0;
        FnBuilder go("go", 0, 1);
        go.builtin(sim::BuiltinId::UnblockCmdStream).ret();
        cls.functions.push_back(go.build());
        cls.exports.push_back(exportFn("go", 1));
        sim::Fabric f(makeProgram(cls, 2, 1));
        auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        QCOMPARE(r.waiting.size(), size_t(2));
        QVERIFY2(r.message.find("2 PE(s) wait for input") != std::string::npos, r.message.c_str());
        QVERIFY2(r.message.find("microthread 3 @mov32 (0/60000 elements") != std::string::npos,
                 r.message.c_str());
        const auto id = f.launch("go", {});
        r = f.runUntilDone(id);
        QVERIFY2(r.status == RunStatus::CommandDone, r.message.c_str());
        r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
    }

    void spinningTaskHitsIdleLimit() {
        // A launched function that loops forever without any event: reported after
        // idleCycleLimit cycles instead of running forever.
        sim::CodeClass cls;
        FnBuilder b("spin", 0, 1);
        b.line(7).add(ins(Op::Jump, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        cls.functions.push_back(b.build());
        cls.exports.push_back(exportFn("spin", 0));
        sim::FabricOptions o;
        o.idleCycleLimit = 5000;
        sim::Fabric f(makeProgram(cls), o);
        const auto id = f.launch("spin", {});
        const auto r = f.runUntilDone(id);
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("no progress for") != std::string::npos, r.message.c_str());
        // The launch reaches the PE after its trip (kMemcpyCopyLatency), then spins.
        QVERIFY(r.cycle >= 5000 + sim::costs::kMemcpyCopyLatency &&
                r.cycle < 6000 + sim::costs::kMemcpyCopyLatency);
        // Names where it loops (it said only "never called unblock_cmd_stream after spin").
        QVERIFY2(r.message.find("PE(4,1) main thread still runs spin at pe.csl:7 (a loop that "
                                "changes nothing)") != std::string::npos,
                 r.message.c_str());
        QVERIFY2(r.message.find("never called unblock_cmd_stream") == std::string::npos,
                 r.message.c_str());
    }

    // A task that re-activates itself until a flag nothing sets is set (mem[100]), the
    // task form of `while (flag == 0) {}`: every task start counted as progress, so the
    // run never ended. A task whose runs change memory (next test) is progress.
    void pollingTaskHitsIdleLimit() {
        const auto r = runPollingTask(false);
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("PE(4,1) task 12 (poll) keeps re-activating and changing "
                                "nothing on this PE") != std::string::npos,
                 r.message.c_str());
        QVERIFY2(r.message.find("main thread still runs") == std::string::npos, r.message.c_str());
    }

    // A task started once that waits in a receive nobody feeds is not "polling" (the
    // report said so of any task that ran after the last progress).
    void taskWaitingInAReceiveIsNotPolling() {
        sim::CodeClass cls = receivingClass(4, false);
        FnBuilder go("go", 0, 1);
        go.imm(0, ScalarType::U16, 10).builtin(sim::BuiltinId::Activate, 0, 1).ret();
        FnBuilder take("take", 0, 1, 2);
        take.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        take.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
        take.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        take.builtin(sim::BuiltinId::UnblockCmdStream).ret();
        cls.functions = {go.build(), take.build()};
        cls.exports.push_back(exportFn("go", 0));
        cls.tasks[10].kind = sim::TaskKind::Local;
        cls.tasks[10].function = 1;
        sim::Fabric f(makeProgram(cls));
        const auto id = f.launch("go", {});
        const auto r = f.runUntilDone(id);
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("waits for wavelets on color 3") != std::string::npos,
                 r.message.c_str());
        QVERIFY2(r.message.find("re-activating") == std::string::npos, r.message.c_str());
    }

    void countingTaskIsProgress() {
        const auto r = runPollingTask(true);
        QVERIFY2(r.status == RunStatus::CommandDone, r.message.c_str());
    }

    // An idle PE whose launch waits names the data tasks that have no wavelet (it said only
    // "never called unblock_cmd_stream").
    void idleLaunchNamesWaitingDataTasks() {
        sim::CodeClass cls;
        FnBuilder go("go", 0, 1);
        go.ret();
        FnBuilder arrived("arrived", 1, 1);
        arrived.builtin(sim::BuiltinId::UnblockCmdStream).ret();
        cls.functions = {go.build(), arrived.build()};
        cls.exports.push_back(exportFn("go", 0));
        cls.tasks[3].kind = sim::TaskKind::Data;
        cls.tasks[3].function = 1;
        sim::Fabric f(makeProgram(cls));
        const auto id = f.launch("go", {});
        const auto r = f.runUntilDone(id);
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("PE(4,1) never called unblock_cmd_stream after go; it waits for "
                                "wavelets: data task 3 (arrived) has no wavelet on color 3") !=
                     std::string::npos,
                 r.message.c_str());
    }

    // `while (rare() == 0) {}` with rare() drawing @random16 until its low 12 bits are 0
    // (thousands of draws, far past the idle-cycle limit): the loop's registers never change,
    // but each draw advances the generator, so it is progress (it was reported as "a loop
    // that changes nothing" after the limit).
    void randomDrawLoopIsProgress() {
        FnBuilder rare("rare", 0, 4);
        rare.builtin(sim::BuiltinId::Random16, kNoReg, 0, 0).imm(1, ScalarType::U16, 0xfff);
        rare.op(Op::BitAnd, ScalarType::U16, 0, 0, 1).imm(2, ScalarType::U16, 0);
        rare.op(Op::CmpEq, ScalarType::U16, 3, 0, 2).returnType(ScalarType::U16).ret(3);
        const auto r = runStepLoop(rare);
        QVERIFY2(r.status == RunStatus::CommandDone, r.message.c_str());
        QVERIFY2(r.cycle > 4 * 5000, std::to_string(r.cycle).c_str());
    }

    // The same loop counting in memory: mem[200] += 1 until it reaches 20000.
    void memoryCountingLoopIsProgress() {
        FnBuilder count("count", 0, 4);
        count.imm(0, ScalarType::U16, 0).load(1, ScalarType::U16, 0, 200);
        count.imm(2, ScalarType::U16, 1).op(Op::Add, ScalarType::U16, 1, 1, 2);
        count.store(ScalarType::U16, 0, 200, 1).imm(2, ScalarType::U16, 20000);
        count.op(Op::CmpGe, ScalarType::U16, 3, 1, 2).returnType(ScalarType::U16).ret(3);
        const auto r = runStepLoop(count);
        QVERIFY2(r.status == RunStatus::CommandDone, r.message.c_str());
        QVERIFY2(r.cycle > 4 * 5000, std::to_string(r.cycle).c_str());
    }

    // A loop that stores the same value each round changes nothing: still a hang, reported
    // as soon as a spin with no call (the PE's state when its registers first stayed the same
    // is compared, not the state at the first check).
    void loopRewritingTheSameValueIsAHang() {
        FnBuilder same("same", 0, 2);
        same.imm(0, ScalarType::U16, 0).imm(1, ScalarType::U16, 7);
        same.store(ScalarType::U16, 0, 200, 1).returnType(ScalarType::U16).ret(0);
        const auto r = runStepLoop(same);
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY(r.cycle >= 5000 + sim::costs::kMemcpyCopyLatency &&
                r.cycle < 6000 + sim::costs::kMemcpyCopyLatency);
        QVERIFY2(r.message.find("PE(4,1) main thread still runs") != std::string::npos &&
                     r.message.find("(a loop that changes nothing)") != std::string::npos,
                 r.message.c_str());
    }

    void longLoopIsNotAHang() {
        // A launched function that counts to 200,000 in scalar code, far past the
        // idle-cycle limit with no task, wavelet or DSD event: its loop changes a register
        // every iteration, so it is progress, and the launch completes (it was reported as
        // "no progress for 5001 cycles" before). A loop that changes nothing (the test
        // above) is still a hang.
        sim::CodeClass cls;
        FnBuilder b("count", 0, 4);
        b.imm(0, ScalarType::U32, 0).imm(1, ScalarType::U32, 1).imm(2, ScalarType::U32, 200000);
        const int loop = b.here();
        b.op(Op::Add, ScalarType::U32, 0, 0, 1).op(Op::CmpLt, ScalarType::U32, 3, 0, 2);
        b.add(ins(Op::JumpIf, ScalarType::Void, kNoReg, 3, kNoReg, loop));
        b.builtin(sim::BuiltinId::UnblockCmdStream).ret();
        cls.functions.push_back(b.build());
        cls.exports.push_back(exportFn("count", 0));
        sim::FabricOptions o;
        o.idleCycleLimit = 5000;
        sim::Fabric f(makeProgram(cls), o);
        const auto id = f.launch("count", {});
        const auto r = f.runUntilDone(id);
        QVERIFY2(r.status == RunStatus::CommandDone, r.message.c_str());
        QVERIFY2(f.cycle() > 200000, std::to_string(f.cycle()).c_str());
    }
};

QTEST_GUILESS_MAIN(TestHang)
#include "tst_hang.moc"
