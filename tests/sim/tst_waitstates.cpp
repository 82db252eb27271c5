// Fabric::waitStates (the IDE's stall table) and the incremental simprint accessors.
#include "program_builder.h"

#include <QTest>

using namespace simtest;
using sim::PeWait;
using sim::RunStatus;

class TestWaitStates : public QObject {
    Q_OBJECT
  private slots:
    void receiverNamesTheSenderThatHasNotDelivered() {
        auto p = makeRowPipeline(3, 1, 8, 0);
        for (Instr& i : p->classes[0].functions[0].code) // first PE never sends
            if (i.op == Op::DsdExec && i.imm == 2)
                i = ins(Op::Nop);
        sim::Fabric f(p);
        QCOMPARE(f.step(10000).status, RunStatus::Hang);
        const std::vector<PeWait> waits = f.waitStates();
        // PE(5,1) waits for color 0 from PE(4,1), which sends it (rx includes the ramp);
        // PE(6,1) waits for color 1 from PE(5,1).
        const auto first = std::find_if(waits.begin(), waits.end(),
                                        [](const PeWait& w) { return w.x == 5 && w.y == 1; });
        QVERIFY(first != waits.end());
        QCOMPARE(first->kind, PeWait::Kind::Wavelets);
        QCOMPARE(first->color, 0);
        QVERIFY2(first->hasHolder, first->reason.c_str());
        QCOMPARE(first->holderX, 4u);
        QCOMPARE(first->holderY, 1u);
        QVERIFY2(first->holder.find("sends color 0") != std::string::npos, first->holder.c_str());
        QVERIFY2(first->waiter.find("main") != std::string::npos, first->waiter.c_str());
        QVERIFY(first->since > 0);
        const auto second =
            std::find_if(waits.begin(), waits.end(), [](const PeWait& w) { return w.x == 6; });
        QVERIFY(second != waits.end());
        QCOMPARE(second->color, 1);
        QCOMPARE(second->holderX, 5u);
        // Every entry repeats in the same order at the same state.
        QCOMPARE(f.waitStates().size(), waits.size());
        QCOMPARE(f.waitStates(1).size(), size_t(1));
    }

    void unblockedPipelineHasNoWaitsAtTheEnd() {
        sim::Fabric f(makeRowPipeline(3, 1, 8, 0));
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        QVERIFY(f.waitStates().empty());
    }

    void commandStreamBlockedByLaunch() {
        sim::CodeClass cls;
        FnBuilder b("init_and_compute", 0, 1);
        b.ret();
        cls.functions.push_back(b.build());
        cls.exports.push_back(exportFn("init_and_compute", 0));
        sim::Fabric f(makeProgram(cls, 1, 1));
        f.launch("init_and_compute", {});
        const auto second = f.launch("init_and_compute", {});
        QCOMPARE(f.runUntilDone(second).status, RunStatus::Hang);
        const auto waits = f.waitStates();
        QCOMPARE(waits.size(), size_t(1));
        QCOMPARE(waits[0].kind, PeWait::Kind::CommandStream);
        QVERIFY(!waits[0].hasHolder);
        QVERIFY2(waits[0].reason.find("init_and_compute") != std::string::npos,
                 waits[0].reason.c_str());
    }

    void simprintLinesAreFetchedIncrementally() {
        sim::Fabric f(makeRowPipeline(3, 2, 4, 0)); // every PE but the first prints "done"
        f.runUntilIdle();
        const size_t count = f.simprintLineCount();
        QCOMPARE(count, f.simprintLines().size());
        QVERIFY(count >= 4);
        const auto head = f.simprintLinesFrom(0, 2);
        QCOMPARE(head.size(), size_t(2));
        const auto tail = f.simprintLinesFrom(2, 1000);
        QCOMPARE(tail.size(), count - 2);
        QCOMPARE(tail.back(), f.simprintLines().back());
        QVERIFY(f.simprintLinesFrom(count, 10).empty());
        QVERIFY(f.simprintLinesFrom(count + 5, 10).empty());
    }
};

QTEST_GUILESS_MAIN(TestWaitStates)
#include "tst_waitstates.moc"
