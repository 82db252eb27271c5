// The datapath a PE's main thread shares with its microthreads (docs/simulator.md
// "Datapath"): the element cycles of the main thread's memory DSD op and the steps of
// microthreads' async ops go by priority. The DSDs page, "Microthread Priority": "the
// hardware will favor the scheduling of higher-priority operations ... By default,
// synchronous operations have a priority between medium and low microthreads"; the
// Libraries page's main_thread_priority levels place the main thread relative to them.
#include "program_builder.h"

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

uint64_t stamp(const sim::Fabric& f, uint32_t address) {
    const auto m = f.readMemory(0, 0, address, 6);
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

constexpr int kHigh = 0, kMedium = 1, kLow = 2, kNoOp = -2;
constexpr int kMainMediumLow = 0, kMainMedium = 1, kMainMediumHigh = 2, kMainHigh = 3;
// The @fadds's element cycles.
constexpr uint64_t kElementCycles = kMemElements / 2;
// A microthread 64 words shorter, still holding the datapath past the @fadds's start.
constexpr uint32_t kShorter = kUtElements - 64;

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
        // The default microthread priority is low, the main thread's MEDIUM_LOW above it:
        // the @fadds takes its own cycles, a microthread running or not.
        const uint64_t alone = faddsCycles(kNoOp, -1);
        QCOMPARE(faddsCycles(-1, -1), alone);
        QCOMPARE(faddsCycles(kLow, -1), alone);
    }
    void outrankedMicrothreadFinishesLater() {
        // The main thread takes the @fadds's 32 element cycles from the low microthread,
        // whose completion moves by as many.
        QCOMPARE(run(kLow, -1).utDone - run(kLow, -1, kUtElements, false).utDone, kElementCycles);
    }
    void higherMicrothreadsDelayTheMainThread() {
        // A high (or medium) microthread outranks MEDIUM_LOW: the @fadds gets no element
        // cycle while it holds the datapath.
        QVERIFY(waitsForTheHold(kHigh, -1));
        QVERIFY(waitsForTheHold(kMedium, -1));
    }
    void mainThreadPriorityLevels() {
        const uint64_t alone = faddsCycles(kNoOp, -1);
        // MEDIUM_HIGH is above medium microthreads, below high ones.
        QCOMPARE(faddsCycles(kMedium, kMainMediumHigh), alone);
        QVERIFY(waitsForTheHold(kHigh, kMainMediumHigh));
        // The same level as the microthread: the one that holds the datapath first keeps it
        // (the microthread started before the @fadds).
        QVERIFY(waitsForTheHold(kMedium, kMainMedium));
        QVERIFY(waitsForTheHold(kHigh, kMainHigh));
        QCOMPARE(faddsCycles(kMedium, kMainHigh), alone);
        QCOMPARE(faddsCycles(kLow, kMainMediumLow), alone);
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
