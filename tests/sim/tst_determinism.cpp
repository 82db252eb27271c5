// Runs are deterministic: the same program gives the same cycles, bytes, stats and
// sim.log lines with 1 and with several worker threads, and across repeated runs.
#include "program_builder.h"

#include <QTemporaryDir>
#include <QTest>

using namespace simtest;

namespace {

struct Outcome {
    sim::RunStatus status;
    uint64_t cycle;
    std::vector<uint8_t> memory;
    std::vector<uint64_t> stats;
    std::vector<std::string> simprint;
};

// chunk > 0: runs in pieces of `chunk` cycles, as the appliance does.
Outcome runPipeline(unsigned threads, uint64_t chunk = 0, bool traceStalls = false) {
    const uint32_t w = 12, h = 10;
    sim::FabricOptions o;
    o.threads = threads;
    o.parallelMinPes = 1; // every cycle's PE phase on the pool, however few PEs it visits
    QTemporaryDir logDir;
    if (traceStalls) {
        o.traceStalls = true;
        o.simLogPath = logDir.filePath("sim.log").toStdString();
    }
    sim::Fabric f(makeRowPipeline(w, h, 32, 3), o);
    Outcome out;
    sim::RunResult r;
    do
        r = chunk ? f.runUntilIdle(chunk) : f.runUntilIdle();
    while (r.status == sim::RunStatus::CycleLimit);
    out.status = r.status;
    out.cycle = f.cycle();
    for (uint32_t y = 0; y < h; ++y)
        for (uint32_t x = 0; x < w; ++x) {
            auto m = f.readMemory(x, y, 1024, 128);
            out.memory.insert(out.memory.end(), m.begin(), m.end());
            const sim::PeStats s = f.stats(x, y);
            out.stats.insert(out.stats.end(),
                             {s.instructions, s.wavelets, s.stallCycles, s.taskActivations});
        }
    out.simprint = f.simprintLines();
    return out;
}

} // namespace

class TestDeterminism : public QObject {
    Q_OBJECT
  private slots:
    void pipelineComputesExpectedValues() {
        sim::Fabric f(makeRowPipeline(3, 1, 4, 1));
        const auto r = f.runUntilIdle();
        QVERIFY2(r.status == sim::RunStatus::Idle, r.message.c_str());
        // x=0: buf = b + 0.5*b2 (b = 1, b2 = 1 for element 0) = 1.5
        // x=1: buf = 1 + 1.5 = 2.5, then + 0.5 -> 3.0; x=2: 1 + 3.0 + 0.5 = 4.5
        auto m = f.readMemory(2, 0, 1024, 4);
        float v;
        std::memcpy(&v, m.data(), 4);
        QCOMPARE(v, 4.5f);
        QCOMPARE(f.simprintLines().size(), size_t(3));
    }

    void sameResultForAnyThreadCount() {
        const Outcome one = runPipeline(1);
        QCOMPARE(one.status, sim::RunStatus::Idle);
        QCOMPARE(one.simprint.size(), size_t(120));
        for (unsigned threads : {1u, 2u, 4u}) {
            const Outcome other = runPipeline(threads);
            QCOMPARE(other.status, one.status);
            QCOMPARE(other.cycle, one.cycle);
            QVERIFY(other.memory == one.memory);
            QVERIFY(other.stats == one.stats);
            QCOMPARE(other.simprint, one.simprint);
        }
    }

    // Every PE of a 200x100 fabric rebinds an input queue (<tile_config>'s
    // encode_input_queue) 20 times in the same cycles, with two threads visiting PEs: the
    // rebinding asks for a visit of its PE (a data task of the new color may be ready),
    // which used to write the shared visit queue from the worker threads (heap corruption:
    // a 64x32 CSL program aborted the appliance in 4 of 6 runs; this test hung). Each
    // launch must finish, on every PE.
    void queueRebindingOnManyPesWithTwoThreads() {
        sim::CodeClass cls;
        FnBuilder go("go", 0, 2);
        for (int32_t k = 0; k < 20; ++k)
            go.imm(0, sim::ScalarType::U32, 2)
                .imm(1, sim::ScalarType::U32, k % 8)
                .builtin(sim::BuiltinId::InputQueueConfigSet, 0, 2);
        go.builtin(sim::BuiltinId::UnblockCmdStream).ret();
        cls.functions.push_back(go.build());
        cls.exports.push_back(exportFn("go", 0));
        sim::FabricOptions o;
        o.threads = 2;
        sim::Fabric f(makeProgram(cls, 200, 100, sim::Arch::Wse3), o);
        for (int launch = 0; launch < 10; ++launch) {
            const auto r = f.runUntilDone(f.launch("go", {}));
            QCOMPARE(r.status, sim::RunStatus::CommandDone);
        }
    }

    // A command issued after a run that ended on a finished command starts a cycle later
    // than one issued at the same cycle() after a run that stopped at its limit (that
    // cycle had not run yet). A replay of a session (the appliance's traced sim.log) must
    // run through the issue cycle first: it issued such commands a cycle early (a launch
    // after a blocking D2H; tests/examples timing-determinism-threads).
    void runThroughIssuesWhereTheSessionDid() {
        sim::CodeClass cls;
        FnBuilder go("go", 0, 2);
        for (int32_t k = 0; k < 6; ++k)
            go.imm(0, sim::ScalarType::U32, k).imm(1, sim::ScalarType::U32, k + 1);
        go.builtin(sim::BuiltinId::UnblockCmdStream).ret();
        cls.functions.push_back(go.build());
        cls.exports.push_back(exportFn("go", 0));
        const auto program = makeProgram(cls, 2, 1, sim::Arch::Wse2);
        sim::Fabric session(program);
        QCOMPARE(session.runUntilDone(session.launch("go", {})).status,
                 sim::RunStatus::CommandDone);
        const uint64_t issued = session.cycle();
        QVERIFY(session.cycleStepped());
        QCOMPARE(session.runUntilDone(session.launch("go", {})).status,
                 sim::RunStatus::CommandDone);

        // The cycle a replay ends at; runThrough: whether it runs through `issued` first.
        const auto replay = [&](bool runThrough) -> uint64_t {
            sim::Fabric f(program);
            f.launch("go", {});
            while (f.cycle() < issued)
                f.step(issued - f.cycle());
            if (runThrough && (f.runThrough(issued).cycle != issued || !f.cycleStepped()))
                return 0;
            f.runUntilDone(f.launch("go", {}));
            return f.cycle();
        };
        QCOMPARE(replay(true), session.cycle());
    }

    // Routers wait out a wavelet's hop latency without being stepped each cycle (unless
    // stalls are traced); running in pieces, or with stall tracing, must not move any
    // event. The cycle count is the one of the cost model before that change.
    void sameResultInPiecesAndWithStallTrace() {
        const Outcome one = runPipeline(1);
        QCOMPARE(one.cycle, uint64_t(2623));
        for (uint64_t chunk : {uint64_t(1), uint64_t(5), uint64_t(17), uint64_t(64)}) {
            const Outcome other = runPipeline(1, chunk);
            QCOMPARE(other.cycle, one.cycle);
            QVERIFY(other.memory == one.memory);
            QVERIFY(other.stats == one.stats);
            QCOMPARE(other.simprint, one.simprint);
        }
        const Outcome traced = runPipeline(1, 0, /*traceStalls=*/true);
        QCOMPARE(traced.cycle, one.cycle);
        QVERIFY(traced.memory == one.memory);
        QVERIFY(traced.stats == one.stats);
    }
};

QTEST_GUILESS_MAIN(TestDeterminism)
#include "tst_determinism.moc"
