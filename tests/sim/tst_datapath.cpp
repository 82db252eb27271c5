// The datapath a PE's main thread shares with its microthreads (docs/simulator.md
// "Datapath"): the element cycles of the main thread's memory DSD op and the steps of
// microthreads' async ops go by priority. The DSDs page, "Microthread Priority": "the
// hardware will favor the scheduling of higher-priority operations ... By default,
// synchronous operations have a priority between medium and low microthreads"; the
// Libraries page's main_thread_priority levels place the main thread relative to them.
#include "program_builder.h"
#include "sim/costs.h"

#include <QTest>

using namespace simtest;
using sim::BuiltinId;
using sim::DsdKind;
using sim::DsdOperand;
using sim::DsdOpKind;
using sim::RunStatus;

namespace {

constexpr uint32_t kFifo = 4096, kSrc = 8192, kA = 12288, kB = 16384 + 4, kStamps = 20480;
constexpr uint32_t kUtElements = 256, kMemElements = 64;

uint64_t stamp(const sim::Fabric& f, uint32_t address, uint32_t x = 0) {
    const auto m = f.readMemory(x, 0, address, 6);
    uint64_t v = 0;
    for (int k = 5; k >= 0; --k)
        v = v << 8 | m[size_t(k)];
    return v;
}

// One WSE-2 PE whose init sets the main thread's priority level (-1: leaves the default),
// optionally starts an async @mov32 of `utElements` words from memory into a FIFO at
// microthread priority `utPriority` (-2: no such op; the FIFO takes them all, so the op
// holds the datapath for utElements cycles from its issue; its completion activates a task
// that stamps the time), then, with `withFadds`, times a synchronous @fadds over
// kMemElements f32 (width 2 on WSE-2: 32 element cycles) with <time> stamps.
struct Times {
    uint64_t fadds = 0;  // the @fadds's stamps' difference
    uint64_t utDone = 0; // the stamp of the microthread's completion task
};
Times run(int utPriority, int mainLevel, uint32_t utElements = kUtElements, bool withFadds = true) {
    sim::CodeClass cls;
    sim::FifoDesc fifo;
    fifo.baseAddress = kFifo;
    fifo.capacityBytes = 4 * kUtElements;
    fifo.elementBytes = 4;
    cls.fifos = {fifo};
    sim::Dsd fifoDsd;
    fifoDsd.kind = DsdKind::Fifo;
    fifoDsd.fifo = 0;
    cls.dsdConstants = {fifoDsd, denseMem1d(kSrc, utElements, 4), denseMem1d(kA, kMemElements, 4),
                        denseMem1d(kB, kMemElements, 4)};
    sim::DsdOpDesc push;
    push.op = DsdOpKind::Mov32;
    push.dst = {DsdOperand::Kind::Dsd, 0};
    push.src0 = {DsdOperand::Kind::Dsd, 1};
    push.async = true;
    push.priority = int8_t(utPriority);
    push.activateTask = 5;
    sim::DsdOpDesc add;
    add.op = DsdOpKind::Fadds;
    add.dst = {DsdOperand::Kind::Dsd, 2};
    add.src0 = {DsdOperand::Kind::Dsd, 2};
    add.src1 = {DsdOperand::Kind::Dsd, 3};
    cls.dsdOps = {push, add};
    FnBuilder b("init", 0, 3, 4);
    for (uint16_t i = 0; i < 4; ++i)
        b.add(ins(Op::DsdConst, ScalarType::Void, i, kNoReg, kNoReg, i));
    if (mainLevel >= 0) {
        b.imm(0, ScalarType::U16, mainLevel);
        b.builtin(BuiltinId::SetMainThreadPriority, 0, 1);
    }
    b.builtin(BuiltinId::EnableTsc);
    if (utPriority > -2)
        b.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
    b.imm(1, ScalarType::U16, int32_t(kStamps));
    b.builtin(BuiltinId::Timestamp, 1, 1);
    if (withFadds)
        b.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 1));
    b.imm(2, ScalarType::U16, int32_t(kStamps + 8));
    b.builtin(BuiltinId::Timestamp, 2, 1);
    b.ret();
    FnBuilder done("done", 0, 1);
    done.imm(0, ScalarType::U16, int32_t(kStamps + 16));
    done.builtin(BuiltinId::Timestamp, 0, 1);
    done.ret();
    cls.functions = {b.build(), done.build()};
    cls.initFunction = 0;
    cls.tasks[5].kind = sim::TaskKind::Local;
    cls.tasks[5].function = 1;
    sim::Fabric f(makeProgram(cls));
    const auto r = f.runUntilIdle(100'000);
    if (r.status != RunStatus::Idle)
        qWarning("%s", r.message.c_str());
    return {stamp(f, kStamps + 8) - stamp(f, kStamps), stamp(f, kStamps + 16)};
}
uint64_t faddsCycles(int utPriority, int mainLevel, uint32_t utElements = kUtElements) {
    return run(utPriority, mainLevel, utElements).fadds;
}

// Two WSE-2 PEs in a row. The west one issues an async @fmovs of kSent f32 from memory to
// the fabric (a low microthread), then, with `withFmuls`, a synchronous @fmuls over
// kLongElements f32 (width 1: kLongElements element cycles, far more than the send needs)
// between two stamps. The east one receives the words into memory with an async @fmovs
// (its datapath is free: it takes a wavelet a cycle) whose completion task stamps the time
// (a task on the west PE would wait for the main thread).
constexpr uint32_t kSent = 64, kLongElements = 512, kRecv = 24576;
struct SendTimes {
    uint64_t fmulsFrom = 0, fmulsUntil = 0, received = 0; // the receive's completion
    bool words = false;                                   // the east PE holds the words sent
};
SendTimes sendDuringLongOp(bool withFmuls) {
    auto fab = [](DsdKind k, uint8_t queue) {
        sim::Dsd d;
        d.kind = k;
        d.color = 0;
        d.queue = queue;
        d.extent[0] = kSent;
        return d;
    };
    auto op = [](DsdOpKind k, uint16_t dst, uint16_t src0, bool async) {
        sim::DsdOpDesc d;
        d.op = k;
        d.dst = {DsdOperand::Kind::Dsd, dst};
        d.src0 = {DsdOperand::Kind::Dsd, src0};
        d.async = async;
        return d;
    };
    sim::CodeClass west;
    west.outputQueueColor[3] = 0;
    west.dsdConstants = {fab(DsdKind::FabOut, 3), denseMem1d(kSrc, kSent, 4),
                         denseMem1d(kA, kLongElements, 4)};
    sim::DsdOpDesc mul = op(DsdOpKind::Fmuls, 2, 2, false);
    mul.src1 = {DsdOperand::Kind::Scalar, 0};
    west.dsdOps = {op(DsdOpKind::Fmovs, 0, 1, true), mul};
    sim::DataInit words;
    words.address = kSrc;
    for (uint32_t i = 0; i < 4 * kSent; ++i)
        words.bytes.push_back(uint8_t(i * 7 + 1));
    west.data = {words};
    FnBuilder b("init", 0, 4, 3);
    for (uint16_t i = 0; i < 3; ++i)
        b.add(ins(Op::DsdConst, ScalarType::Void, i, kNoReg, kNoReg, i));
    b.imm(0, ScalarType::F32, int32_t(f32bits(0.5f)));
    b.builtin(BuiltinId::EnableTsc);
    b.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
    b.imm(1, ScalarType::U16, int32_t(kStamps));
    b.builtin(BuiltinId::Timestamp, 1, 1);
    if (withFmuls)
        b.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 1));
    b.imm(2, ScalarType::U16, int32_t(kStamps + 8));
    b.builtin(BuiltinId::Timestamp, 2, 1);
    b.ret();
    west.functions = {b.build()};
    west.initFunction = 0;

    sim::CodeClass east;
    east.inputQueueColor[2] = 0;
    east.dsdConstants = {denseMem1d(kRecv, kSent, 4), fab(DsdKind::FabIn, 2)};
    sim::DsdOpDesc receive = op(DsdOpKind::Fmovs, 0, 1, true);
    receive.activateTask = 5;
    east.dsdOps = {receive};
    FnBuilder r("init", 0, 1, 2);
    for (uint16_t i = 0; i < 2; ++i)
        r.add(ins(Op::DsdConst, ScalarType::Void, i, kNoReg, kNoReg, i));
    r.builtin(BuiltinId::EnableTsc);
    r.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
    r.ret();
    FnBuilder done("done", 0, 1);
    done.imm(0, ScalarType::U16, int32_t(kStamps + 16));
    done.builtin(BuiltinId::Timestamp, 0, 1);
    done.ret();
    east.functions = {r.build(), done.build()};
    east.initFunction = 0;
    east.tasks[5].kind = sim::TaskKind::Local;
    east.tasks[5].function = 1;

    auto program = makeProgram(west, 2, 1);
    program->classes.push_back(east);
    program->pes[1].codeClass = 1;
    using sim::dirBit;
    using sim::Direction;
    program->pes[0].colors.push_back({0, route(dirBit(Direction::Ramp), dirBit(Direction::East))});
    program->pes[1].colors.push_back({0, route(dirBit(Direction::West), dirBit(Direction::Ramp))});
    sim::Fabric f(program);
    const auto result = f.runUntilIdle(100'000);
    if (result.status != RunStatus::Idle)
        qWarning("%s", result.message.c_str());
    return {stamp(f, kStamps), stamp(f, kStamps + 8), stamp(f, kStamps + 16, 1),
            f.readMemory(1, 0, kRecv, 4 * kSent) == words.bytes};
}

constexpr int kHigh = 0, kMedium = 1, kLow = 2, kNoOp = -2;
constexpr int kMainMediumLow = 0, kMainMedium = 1, kMainMediumHigh = 2, kMainHigh = 3;
// The @fadds's element cycles.
constexpr uint64_t kElementCycles = kMemElements / 2;
// A microthread 64 words shorter, still holding the datapath past the @fadds's start.
constexpr uint32_t kShorter = kUtElements - 64;
constexpr uint64_t kShare = sim::costs::kLowDatapathShare;

// The @fadds waits for the whole hold of a microthread that keeps the datapath: a hold 64
// cycles shorter ends it 64 cycles sooner, and it takes longer than alone.
bool waitsForTheHold(int utPriority, int mainLevel) {
    const uint64_t alone = faddsCycles(kNoOp, -1);
    const uint64_t full = faddsCycles(utPriority, mainLevel);
    return full - faddsCycles(utPriority, mainLevel, kShorter) == 64 &&
           full > alone + kElementCycles;
}

} // namespace

class TestDatapath : public QObject {
    Q_OBJECT
  private slots:
    void mainThreadOutranksDefaultMicrothreads() {
        // The default microthread priority is low, the main thread's MEDIUM_LOW above it: of
        // the @fadds's 32 element cycles the low microthread, which holds the datapath from
        // before the @fadds to after it, gets one in kLowDatapathShare, ceil(32 / 3) = 11
        // cycles beside the @fadds's 32, which ends later by them.
        const uint64_t alone = faddsCycles(kNoOp, -1);
        const uint64_t shared = (kElementCycles + kShare - 2) / (kShare - 1);
        QCOMPARE(faddsCycles(-1, -1), alone + shared);
        QCOMPARE(faddsCycles(kLow, -1), alone + shared);
        // As long as the microthread still holds the datapath when the @fadds ends, its
        // length does not matter (a higher one's does: waitsForTheHold).
        QCOMPARE(faddsCycles(kLow, -1, kShorter), alone + shared);
    }
    void outrankedMicrothreadFinishesLater() {
        // The low microthread's 11 cycles beside the @fadds take 4 cycles each: its
        // completion moves by 33 (under the session 16 rule, which paused it, by the
        // @fadds's 32 element cycles).
        const uint64_t shared = (kElementCycles + kShare - 2) / (kShare - 1);
        QCOMPARE(run(kLow, -1).utDone - run(kLow, -1, kUtElements, false).utDone,
                 shared * (kShare - 1));
    }
    void lowMicrothreadProgressesDuringALongOp() {
        // Jorineg's tiled stencil (docs/simulator.md "Datapath"): a send from memory a PE
        // starts right before a long memory DSD op of its own completes long before that
        // op ends, as under the SDK, instead of waiting for its end (the session 16 rule).
        const SendTimes alone = sendDuringLongOp(false);
        const SendTimes shared = sendDuringLongOp(true);
        QVERIFY(alone.words);
        QVERIFY(shared.words);
        QVERIFY2(shared.received < shared.fmulsUntil,
                 qPrintable(QStringLiteral("the words arrived at %1, the @fmuls ran %2 - %3")
                                .arg(shared.received)
                                .arg(shared.fmulsFrom)
                                .arg(shared.fmulsUntil)));
        // The words the send moved during the @fmuls's element cycles (some went before
        // them: the DSD op setup cycles are not the datapath's) took a cycle each from it.
        const uint64_t fmulsAlone = kLongElements + sim::costs::kDsdSetup;
        const uint64_t delay = shared.fmulsUntil - shared.fmulsFrom - fmulsAlone;
        QVERIFY2(delay > 0 && delay < kSent, qPrintable(QString::number(delay)));
        // Sharing the datapath, the send takes up to kLowDatapathShare times as long.
        QVERIFY(shared.received - alone.received <= kSent * (kShare - 1));
    }
    void higherMicrothreadsDelayTheMainThread() {
        // A high (or medium) microthread outranks MEDIUM_LOW: the @fadds gets no element
        // cycle while it holds the datapath.
        QVERIFY(waitsForTheHold(kHigh, -1));
        QVERIFY(waitsForTheHold(kMedium, -1));
    }
    void mainThreadPriorityLevels() {
        const uint64_t alone = faddsCycles(kNoOp, -1);
        const uint64_t shared = (kElementCycles + kShare - 2) / (kShare - 1);
        // MEDIUM_HIGH is above medium microthreads (which share), below high ones.
        QCOMPARE(faddsCycles(kMedium, kMainMediumHigh), alone + shared);
        QVERIFY(waitsForTheHold(kHigh, kMainMediumHigh));
        // The same level as the microthread: the one that holds the datapath first keeps it
        // (the microthread started before the @fadds).
        QVERIFY(waitsForTheHold(kMedium, kMainMedium));
        QVERIFY(waitsForTheHold(kHigh, kMainHigh));
        QCOMPARE(faddsCycles(kMedium, kMainHigh), alone + shared);
        QCOMPARE(faddsCycles(kLow, kMainMediumLow), alone + shared);
    }
    void badMainThreadPriorityFaults() {
        sim::CodeClass cls;
        FnBuilder b("init", 0, 1);
        b.imm(0, ScalarType::U16, 4);
        b.builtin(BuiltinId::SetMainThreadPriority, 0, 1);
        b.ret();
        cls.functions = {b.build()};
        cls.initFunction = 0;
        sim::Fabric f(makeProgram(cls));
        const auto r = f.runUntilIdle(1000);
        QCOMPARE(r.status, RunStatus::Fault);
        QVERIFY2(r.message.find("main thread priority level 4 is out of range") !=
                     std::string::npos,
                 r.message.c_str());
    }
    void packedDsdKeepsItsPriority() {
        // Dsd::priority travels through DSD storage (DsdLoad/DsdStore, DSRs, core dumps).
        sim::Dsd d = denseMem1d(64, 4, 4);
        d.kind = DsdKind::FabIn;
        d.priority = 1;
        uint8_t bytes[sim::kDsdStorageBytes];
        sim::packDsd(d, bytes);
        QCOMPARE(int(sim::unpackDsd(bytes).priority), 1);
        d.priority = -1;
        sim::packDsd(d, bytes);
        QCOMPARE(int(sim::unpackDsd(bytes).priority), -1);
    }
};

QTEST_GUILESS_MAIN(TestDatapath)
#include "tst_datapath.moc"
