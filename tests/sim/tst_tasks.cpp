// The task picker: local tasks with activate/block/unblock, data tasks (WSE-2 color
// ids, WSE-3 input queues, payload split), control tasks, round-robin order.
#include "program_builder.h"

#include <QTest>

using namespace simtest;
using sim::BuiltinId;
using sim::RunStatus;

namespace {

// A task function that appends its id (u16) to a log at 256 + 2*count, count at 254.
sim::Function logger(const std::string& name, int id) {
    FnBuilder b(name, 0, 5);
    b.imm(0, ScalarType::U16, 0);
    b.load(1, ScalarType::U16, 0, 254);
    b.imm(2, ScalarType::U16, 2);
    b.op(Op::Mul, ScalarType::U16, 3, 1, 2);
    b.imm(4, ScalarType::U16, id);
    b.store(ScalarType::U16, 3, 256, 4);
    b.imm(2, ScalarType::U16, 1);
    b.op(Op::Add, ScalarType::U16, 1, 1, 2);
    b.store(ScalarType::U16, 0, 254, 1);
    b.ret();
    return b.build();
}

std::vector<uint16_t> readLog(const sim::Fabric& f) {
    auto c = f.readMemory(0, 0, 254, 2);
    const uint16_t n = uint16_t(c[0] | c[1] << 8);
    auto m = f.readMemory(0, 0, 256, 2u * n);
    std::vector<uint16_t> out(n);
    if (n)
        std::memcpy(out.data(), m.data(), 2u * n);
    return out;
}

} // namespace

class TestTasks : public QObject {
    Q_OBJECT
  private slots:
    void activateBlockUnblock() {
        // init: activate 10, 11, 12; block 11. Task 12 unblocks 11 -> order 10, 12, 11.
        sim::CodeClass cls;
        FnBuilder init("init", 0, 3);
        init.imm(0, ScalarType::U16, 10).builtin(BuiltinId::Activate, 0, 1);
        init.imm(0, ScalarType::U16, 11).builtin(BuiltinId::Activate, 0, 1);
        init.builtin(BuiltinId::Block, 0, 1);
        init.imm(0, ScalarType::U16, 12).builtin(BuiltinId::Activate, 0, 1);
        init.ret();
        cls.functions.push_back(init.build());
        cls.functions.push_back(logger("t10", 10));
        cls.functions.push_back(logger("t11", 11));
        sim::Function t12 = logger("t12", 12);
        t12.code.insert(t12.code.end() - 1, {ins(Op::Imm, ScalarType::U16, 0, kNoReg, kNoReg, 11),
                                             ins(Op::Builtin, ScalarType::Void, kNoReg, 0, 1,
                                                 int32_t(BuiltinId::Unblock))});
        t12.locs.resize(t12.code.size());
        cls.functions.push_back(t12);
        for (int t = 10; t <= 12; ++t) {
            cls.tasks[size_t(t)].kind = sim::TaskKind::Local;
            cls.tasks[size_t(t)].function = t - 9;
        }
        cls.initFunction = 0;
        sim::Fabric f(makeProgram(cls));
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        QCOMPARE(readLog(f), (std::vector<uint16_t>{10, 12, 11}));
        QCOMPARE(f.stats(0, 0).taskActivations, uint64_t(3)); // init is not a task
    }

    // <tile_config>.task_priority: ready HIGH tasks run before LOW ones, round-robin within
    // each level. init activates 10..13 and raises 12 and 13; task 12 raises 11 when it
    // runs, so 11 overtakes 10 (the round-robin order alone would be 10, 11, 12, 13).
    void highPriorityTasksRunFirst() {
        sim::CodeClass cls;
        FnBuilder init("init", 0, 2);
        init.imm(1, ScalarType::U16, 1);
        for (int t = 10; t <= 13; ++t)
            init.imm(0, ScalarType::U16, t).builtin(BuiltinId::Activate, 0, 1);
        init.imm(0, ScalarType::U16, 12).builtin(BuiltinId::SetTaskPriority, 0, 2);
        init.imm(0, ScalarType::U16, 13).builtin(BuiltinId::SetTaskPriority, 0, 2);
        init.ret();
        cls.functions.push_back(init.build());
        cls.functions.push_back(logger("t10", 10));
        cls.functions.push_back(logger("t11", 11));
        sim::Function t12 = logger("t12", 12);
        t12.code.insert(t12.code.end() - 1, {ins(Op::Imm, ScalarType::U16, 5, kNoReg, kNoReg, 11),
                                             ins(Op::Imm, ScalarType::U16, 6, kNoReg, kNoReg, 1),
                                             ins(Op::Builtin, ScalarType::Void, kNoReg, 5, 2,
                                                 int32_t(BuiltinId::SetTaskPriority))});
        t12.numRegs = 7;
        t12.locs.resize(t12.code.size());
        cls.functions.push_back(t12);
        cls.functions.push_back(logger("t13", 13));
        for (int t = 10; t <= 13; ++t) {
            cls.tasks[size_t(t)].kind = sim::TaskKind::Local;
            cls.tasks[size_t(t)].function = t - 9;
        }
        cls.initFunction = 0;
        sim::Fabric f(makeProgram(cls));
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        QCOMPARE(readLog(f), (std::vector<uint16_t>{12, 13, 11, 10}));
    }

    void reactivationRunsAgainAndInitiallyBlocked() {
        // Task 5 re-activates itself twice (counter at 100); task 6 starts blocked.
        sim::CodeClass cls;
        FnBuilder init("init", 0, 1);
        init.imm(0, ScalarType::U16, 5).builtin(BuiltinId::Activate, 0, 1);
        init.imm(0, ScalarType::U16, 6).builtin(BuiltinId::Activate, 0, 1);
        init.ret();
        FnBuilder t5("t5", 0, 4);
        t5.imm(0, ScalarType::U16, 0).load(1, ScalarType::U16, 0, 100);
        t5.imm(2, ScalarType::U16, 1).op(Op::Add, ScalarType::U16, 1, 1, 2);
        t5.store(ScalarType::U16, 0, 100, 1);
        t5.imm(2, ScalarType::U16, 3).op(Op::CmpLt, ScalarType::U16, 3, 1, 2);
        t5.add(ins(Op::JumpIfNot, ScalarType::Void, kNoReg, 3, kNoReg, 10));
        t5.imm(0, ScalarType::U16, 5).builtin(BuiltinId::Activate, 0, 1);
        t5.ret();
        cls.functions = {init.build(), t5.build(), logger("t6", 6)};
        cls.tasks[5].kind = sim::TaskKind::Local;
        cls.tasks[5].function = 1;
        cls.tasks[6].kind = sim::TaskKind::Local;
        cls.tasks[6].function = 2;
        cls.tasks[6].initiallyBlocked = true;
        cls.initFunction = 0;
        sim::Fabric f(makeProgram(cls));
        const auto res = f.runUntilIdle();
        QCOMPARE(res.status, RunStatus::Idle);
        auto m = f.readMemory(0, 0, 100, 2);
        QCOMPARE(int(m[0]), 3);
        QVERIFY(readLog(f).empty());
        // The report names the task that waits only to be unblocked (it named nothing).
        QVERIFY2(res.message.find("local task 6 (t6) is activated but blocked") !=
                     std::string::npos,
                 res.message.c_str());
    }

    // A launched function activates a local task and returns; the host then launches
    // again at once, five times. The task runs between the launches (host commands and
    // tasks take turns): each launch must see one more run. Host commands always went
    // first, and the task ran once, after the last launch (launch-gap-tasks).
    void tasksRunBetweenBackToBackLaunches() {
        sim::CodeClass cls;
        FnBuilder go("go", 0, 4);
        // mem[200 + 2n] = ticks of task 5 (mem[100]), mem[300 + 2n] = those of task 6
        // (mem[104]); n = mem[102]++; activate 5 and 6; unblock.
        go.imm(0, ScalarType::U16, 0).load(1, ScalarType::U16, 0, 102);
        go.op(Op::Add, ScalarType::U16, 2, 1, 1).load(3, ScalarType::U16, 0, 100);
        go.store(ScalarType::U16, 2, 200, 3).load(3, ScalarType::U16, 0, 104);
        go.store(ScalarType::U16, 2, 300, 3);
        go.imm(3, ScalarType::U16, 1).op(Op::Add, ScalarType::U16, 1, 1, 3);
        go.store(ScalarType::U16, 0, 102, 1);
        go.imm(0, ScalarType::U16, 5).builtin(BuiltinId::Activate, 0, 1);
        go.imm(0, ScalarType::U16, 6).builtin(BuiltinId::Activate, 0, 1);
        go.builtin(BuiltinId::UnblockCmdStream).ret();
        const auto counter = [](const char* name, int32_t address) {
            FnBuilder tick(name, 0, 3);
            tick.imm(0, ScalarType::U16, 0).load(1, ScalarType::U16, 0, address);
            tick.imm(2, ScalarType::U16, 1).op(Op::Add, ScalarType::U16, 1, 1, 2);
            tick.store(ScalarType::U16, 0, address, 1).ret();
            return tick.build();
        };
        cls.functions = {go.build(), counter("tick5", 100), counter("tick6", 104)};
        cls.exports.push_back(exportFn("go", 0));
        for (int t : {5, 6}) {
            cls.tasks[size_t(t)].kind = sim::TaskKind::Local;
            cls.tasks[size_t(t)].function = t - 4;
        }
        sim::Fabric f(makeProgram(cls));
        for (int k = 0; k < 5; ++k)
            QCOMPARE(f.runUntilDone(f.launch("go", {})).status, RunStatus::CommandDone);
        // Every task ready when a launch ends runs before the next (only one did at first).
        for (uint32_t k = 0; k < 5; ++k)
            for (uint32_t table : {200u, 300u}) {
                const auto m = f.readMemory(0, 0, table + 2 * k, 2);
                QCOMPARE(uint32_t(m[0] | m[1] << 8), k);
            }
    }

    void dataTaskSplitsPayloadIntoHalves() {
        // Streaming H2D on color 4 into a data task with two i16 params: stores lo, hi.
        for (sim::Arch arch : {sim::Arch::Wse2, sim::Arch::Wse3}) {
            sim::CodeClass cls;
            FnBuilder t("recv", 2, 3);
            t.paramTypes({ScalarType::I16, ScalarType::I16});
            t.imm(2, ScalarType::U16, 0);
            t.store(ScalarType::I32, 2, 40, 0).store(ScalarType::I32, 2, 44, 1);
            t.ret();
            cls.functions.push_back(t.build());
            const int id = arch == sim::Arch::Wse2 ? 4 : 2;
            cls.tasks[size_t(id)].kind = sim::TaskKind::Data;
            cls.tasks[size_t(id)].function = 0;
            cls.tasks[size_t(id)].color = 4;
            if (arch == sim::Arch::Wse3) {
                cls.tasks[size_t(id)].inputQueue = 3;
                cls.inputQueueColor[3] = 4;
            }
            auto prog = makeProgram(cls, 1, 1, arch);
            prog->memcpy.h2dColors[0] = 4;
            sim::Fabric f(prog);
            sim::MemcpyRequest r;
            r.streaming = true;
            r.color = 4;
            const auto cmd = f.memcpy(r, {0xfffe0003u});
            QCOMPARE(f.runUntilDone(cmd).status, RunStatus::CommandDone);
            QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
            auto m = f.readMemory(0, 0, 40, 8);
            int32_t lo, hi;
            std::memcpy(&lo, m.data(), 4);
            std::memcpy(&hi, m.data() + 4, 4);
            QCOMPARE(lo, 3);
            QCOMPARE(hi, -2); // sign-extended per paramTypes
        }
    }

    // Streams two wavelets on color 7 into a one-PE program of `cls` (a logger function
    // first) and runs until idle: the copy finishes, the wavelets wait.
    static sim::RunResult streamTwoWaveletsOnColor7(sim::CodeClass cls) {
        auto prog = makeProgram(cls);
        prog->memcpy.h2dColors[0] = 7;
        sim::Fabric f(prog);
        sim::MemcpyRequest r;
        r.streaming = true;
        r.color = 7;
        r.elementsPerPe = 2;
        f.memcpy(r, {1, 2});
        return f.runUntilIdle();
    }

    void blockedDataTaskHoldsWavelets() {
        sim::CodeClass cls;
        cls.functions.push_back(logger("recv", 7));
        cls.tasks[7].kind = sim::TaskKind::Data;
        cls.tasks[7].function = 0;
        cls.tasks[7].color = 7;
        cls.tasks[7].initiallyBlocked = true;
        const auto res = streamTwoWaveletsOnColor7(cls);
        QCOMPARE(res.status, RunStatus::Idle);
        QVERIFY2(res.message.find("data task 7 is blocked") != std::string::npos,
                 res.message.c_str());
    }

    // Wavelets on a color no data task is bound to: the report says nothing takes them (it
    // said only that they wait).
    void waveletsNoTaskTakes() {
        sim::CodeClass cls;
        cls.functions.push_back(logger("recv", 7));
        const auto res = streamTwoWaveletsOnColor7(cls);
        QCOMPARE(res.status, RunStatus::Idle);
        QVERIFY2(res.message.find("2 wavelet(s) on color 7 wait in the CE input queue; no data "
                                  "task is bound to the color and no DSD operation reads it") !=
                     std::string::npos,
                 res.message.c_str());
    }

    void wse3AsyncOpsOnMicrothreads() {
        // WSE-3: init activates task 20 (blocked) and starts an async mov32 from a fabin
        // on input queue 1 (bound to color 4) into buf on microthread 3 with
        // .unblock = 20. Task 20 then sends buf[0..3] doubled to the host on color 5
        // through output queue 2, async on microthread 5.
        sim::CodeClass cls;
        cls.inputQueueColor[1] = 4;
        cls.outputQueueColor[2] = 5;
        sim::Dsd in;
        in.kind = sim::DsdKind::FabIn;
        in.queue = 1;
        in.extent[0] = 4;
        sim::Dsd buf;
        buf.kind = sim::DsdKind::Mem1d;
        buf.baseAddress = 512;
        buf.extent[0] = 4;
        buf.strideBytes[0] = 4;
        sim::Dsd out;
        out.kind = sim::DsdKind::FabOut;
        out.queue = 2;
        out.extent[0] = 4;
        cls.dsdConstants = {in, buf, out};
        sim::DsdOpDesc recv;
        recv.op = sim::DsdOpKind::Mov32;
        recv.dst = {sim::DsdOperand::Kind::Dsd, 1};
        recv.src0 = {sim::DsdOperand::Kind::Dsd, 0};
        recv.async = true;
        recv.microthread = 3;
        recv.unblockTask = 20;
        sim::DsdOpDesc send;
        send.op = sim::DsdOpKind::Add16; // 16-bit: doubles the low halves
        send.dst = {sim::DsdOperand::Kind::Dsd, 2};
        send.src0 = {sim::DsdOperand::Kind::Dsd, 1};
        send.src1 = {sim::DsdOperand::Kind::Dsd, 1};
        send.async = true;
        send.microthread = 5;
        cls.dsdOps = {recv, send};
        FnBuilder init("init", 0, 1, 3);
        init.imm(0, ScalarType::U16, 20).builtin(BuiltinId::Block, 0, 1);
        init.builtin(BuiltinId::Activate, 0, 1);
        for (int i = 0; i < 3; ++i)
            init.add(ins(Op::DsdConst, ScalarType::Void, uint16_t(i), kNoReg, kNoReg, i));
        init.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        init.ret();
        FnBuilder t("t20", 0, 1, 3);
        for (int i = 0; i < 3; ++i)
            t.add(ins(Op::DsdConst, ScalarType::Void, uint16_t(i), kNoReg, kNoReg, i));
        t.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 1));
        t.ret();
        cls.functions = {init.build(), t.build()};
        cls.tasks[20].kind = sim::TaskKind::Local;
        cls.tasks[20].function = 1;
        cls.initFunction = 0;
        // The 16-bit op reads buf with a 4-byte stride as u16: the low halves.
        auto prog = makeProgram(cls, 1, 1, sim::Arch::Wse3);
        prog->memcpy.h2dColors[0] = 4;
        prog->memcpy.d2hColors[0] = 5;
        sim::Fabric f(prog);
        sim::MemcpyRequest h2d;
        h2d.streaming = true;
        h2d.color = 4;
        h2d.elementsPerPe = 4;
        sim::MemcpyRequest d2h = h2d;
        d2h.toDevice = false;
        d2h.color = 5;
        f.memcpy(h2d, {10, 20, 30, 40});
        const auto id = f.memcpy(d2h);
        const auto r = f.runUntilDone(id);
        QVERIFY2(r.status == RunStatus::CommandDone, r.message.c_str());
        QCOMPARE(f.takeResult(id), (std::vector<uint32_t>{20, 40, 60, 80}));
        QCOMPARE(f.stats(0, 0).taskActivations, uint64_t(1));
    }

    void asyncSendReadsMemoryWhenStarted() {
        // WSE-3: init writes 11 to a one-word buffer, starts an async mov32 buf -> fabout
        // (microthread 3) and activates task 20, which writes 22 to the same buffer and
        // starts another async mov32 (microthread 5). The first op must read the buffer
        // when it starts (hardware: before the picker can switch tasks), so the host
        // receives 11 then 22, not 22 twice.
        sim::CodeClass cls;
        cls.outputQueueColor[2] = 5;
        sim::Dsd buf;
        buf.kind = sim::DsdKind::Mem1d;
        buf.baseAddress = 512;
        buf.extent[0] = 1;
        buf.strideBytes[0] = 4;
        sim::Dsd out;
        out.kind = sim::DsdKind::FabOut;
        out.queue = 2;
        out.extent[0] = 1;
        cls.dsdConstants = {buf, out};
        sim::DsdOpDesc send;
        send.op = sim::DsdOpKind::Mov32;
        send.dst = {sim::DsdOperand::Kind::Dsd, 1};
        send.src0 = {sim::DsdOperand::Kind::Dsd, 0};
        send.async = true;
        send.microthread = 3;
        sim::DsdOpDesc send2 = send;
        send2.microthread = 5;
        cls.dsdOps = {send, send2};
        auto sender = [](const std::string& name, int value, int opIndex, int activate) {
            FnBuilder b(name, 0, 2, 2);
            b.imm(0, ScalarType::U32, 0).imm(1, ScalarType::U32, value);
            b.store(ScalarType::U32, 0, 512, 1);
            for (int i = 0; i < 2; ++i)
                b.add(ins(Op::DsdConst, ScalarType::Void, uint16_t(i), kNoReg, kNoReg, i));
            b.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, opIndex));
            if (activate >= 0)
                b.imm(0, ScalarType::U16, activate).builtin(BuiltinId::Activate, 0, 1);
            b.ret();
            return b.build();
        };
        cls.functions = {sender("init", 11, 0, 20), sender("t20", 22, 1, -1)};
        cls.tasks[20].kind = sim::TaskKind::Local;
        cls.tasks[20].function = 1;
        cls.initFunction = 0;
        auto prog = makeProgram(cls, 1, 1, sim::Arch::Wse3);
        prog->memcpy.d2hColors[0] = 5;
        sim::Fabric f(prog);
        sim::MemcpyRequest d2h;
        d2h.streaming = true;
        d2h.toDevice = false;
        d2h.color = 5;
        d2h.elementsPerPe = 2;
        const auto id = f.memcpy(d2h);
        const auto r = f.runUntilDone(id);
        QVERIFY2(r.status == RunStatus::CommandDone, r.message.c_str());
        QCOMPARE(f.takeResult(id), (std::vector<uint32_t>{11, 22}));
    }

    void outputQueueRebindingRedirectsSends() {
        // WSE-3: output queue 2 starts bound to color 5; the init function rebinds it to
        // color 6 (<tile_config>.output_queue_config) and sends one word through a fabout
        // without a color, which must leave on color 6, where the host receives it. The
        // configuration register file reads back what @set_config wrote.
        sim::CodeClass cls;
        cls.outputQueueColor[2] = 5;
        sim::Dsd out;
        out.kind = sim::DsdKind::FabOut;
        out.queue = 2;
        out.extent[0] = 1;
        cls.dsdConstants = {out};
        sim::DsdOpDesc send;
        send.op = sim::DsdOpKind::Mov32;
        send.dst = {sim::DsdOperand::Kind::Dsd, 0};
        send.src0 = {sim::DsdOperand::Kind::Scalar, 2};
        cls.dsdOps = {send};
        FnBuilder b("init", 0, 4, 1);
        b.imm(0, ScalarType::U16, 2).imm(1, ScalarType::U16, 6);
        b.builtin(BuiltinId::OutputQueueConfigSet, 0, 2);
        b.imm(0, ScalarType::U16, 0x7f2a).imm(1, ScalarType::U16, 0x1234);
        b.builtin(BuiltinId::ConfigSet, 0, 2);
        b.builtin(BuiltinId::ConfigGet, 0, 1, 2);
        b.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        b.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        b.ret();
        cls.functions = {b.build()};
        cls.initFunction = 0;
        auto prog = makeProgram(cls, 1, 1, sim::Arch::Wse3);
        prog->memcpy.d2hColors[0] = 6;
        sim::Fabric f(prog);
        sim::MemcpyRequest d2h;
        d2h.streaming = true;
        d2h.toDevice = false;
        d2h.color = 6;
        d2h.elementsPerPe = 1;
        const auto id = f.memcpy(d2h);
        const auto r = f.runUntilDone(id);
        QVERIFY2(r.status == RunStatus::CommandDone, r.message.c_str());
        QCOMPARE(f.takeResult(id), (std::vector<uint32_t>{0x1234}));
    }

    void controlWaveletRunsControlTask() {
        // A control wavelet with entrypoint 40 and data 0x1234 arrives on color 9 from
        // the west neighbour's fabout (control = true); control task 40 stores the data.
        sim::CodeClass send;
        send.dsdConstants.resize(1);
        send.dsdConstants[0].kind = sim::DsdKind::FabOut;
        send.dsdConstants[0].color = 9;
        send.dsdConstants[0].queue = 1;
        send.dsdConstants[0].control = true;
        send.dsdConstants[0].extent[0] = 1;
        sim::DsdOpDesc mov;
        mov.op = sim::DsdOpKind::Mov32;
        mov.dst = {sim::DsdOperand::Kind::Dsd, 0};
        mov.src0 = {sim::DsdOperand::Kind::Scalar, 0};
        send.dsdOps.push_back(mov);
        FnBuilder s("send", 0, 1, 1);
        s.imm(0, ScalarType::U32,
              int32_t(sim::encodeControlPayload(sim::ControlOpcode::Nop, false, 40, 0x1234)));
        s.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        s.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        s.ret();
        send.functions.push_back(s.build());
        send.initFunction = 0;
        sim::CodeClass recv;
        FnBuilder c("ctl", 1, 2);
        c.paramTypes({ScalarType::U16});
        c.imm(1, ScalarType::U16, 0).store(ScalarType::U16, 1, 60, 0).ret();
        recv.functions.push_back(c.build());
        recv.tasks[40].kind = sim::TaskKind::Control;
        recv.tasks[40].function = 0;
        auto p = makeProgram(send, 2, 1);
        p->classes.push_back(recv);
        p->pes[1].codeClass = 1;
        p->pes[0].colors.push_back(
            {9, route(sim::dirBit(sim::Direction::Ramp), sim::dirBit(sim::Direction::East))});
        p->pes[1].colors.push_back(
            {9, route(sim::dirBit(sim::Direction::West), sim::dirBit(sim::Direction::Ramp))});
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == RunStatus::Idle, r.message.c_str());
        auto m = f.readMemory(1, 0, 60, 2);
        QCOMPARE(int(m[0] | m[1] << 8), 0x1234);
    }
};

QTEST_GUILESS_MAIN(TestTasks)
#include "tst_tasks.moc"
