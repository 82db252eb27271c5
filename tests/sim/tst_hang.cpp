// Hang reports: when nothing can progress the run stops and names who waits for what.
#include "program_builder.h"

#include <QTest>

using namespace simtest;
using sim::RunStatus;

class TestHang : public QObject {
    Q_OBJECT
  private slots:
    void receiverWaitingForWavelets() {
        auto p = makeRowPipeline(3, 1, 8, 0);
        for (Instr& i : p->classes[0].functions[0].code) // first PE never sends
            if (i.op == Op::DsdExec && i.imm == 2)
                i = ins(Op::Nop);
        sim::Fabric f(p);
        const auto r = f.runUntilIdle();
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("PE(5,1) init main on the main thread @fadds (0/8 elements") !=
                     std::string::npos,
                 r.message.c_str());
        QVERIFY2(r.message.find("waits for wavelets on color 0 (iq 2)") != std::string::npos,
                 r.message.c_str());
        QCOMPARE(r.waiting.size(), size_t(2));
        QCOMPARE(r.waiting[0].x, 5u);
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
        const auto r = fab.runUntilIdle();
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("main thread waits to start async @fadds on a busy microthread") !=
                     std::string::npos,
                 r.message.c_str());
        QVERIFY2(r.message.find("microthread 2 @fadds") != std::string::npos, r.message.c_str());
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

    void spinningTaskHitsIdleLimit() {
        // A launched function that loops forever without any event: reported after
        // idleCycleLimit cycles instead of running forever.
        sim::CodeClass cls;
        FnBuilder b("spin", 0, 1);
        b.add(ins(Op::Jump, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        cls.functions.push_back(b.build());
        cls.exports.push_back(exportFn("spin", 0));
        sim::FabricOptions o;
        o.idleCycleLimit = 5000;
        sim::Fabric f(makeProgram(cls), o);
        const auto id = f.launch("spin", {});
        const auto r = f.runUntilDone(id);
        QCOMPARE(r.status, RunStatus::Hang);
        QVERIFY2(r.message.find("no progress for") != std::string::npos, r.message.c_str());
        QVERIFY(r.cycle >= 5000 && r.cycle < 6000);
    }
};

QTEST_GUILESS_MAIN(TestHang)
#include "tst_hang.moc"
