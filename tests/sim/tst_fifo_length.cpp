// FIFO read and write lengths (BuiltinId::SetFifoReadLength / SetFifoWriteLength, the
// lowering of @set_fifo_read_length / @set_fifo_write_length): a non-zero length limits the
// elements an op moves through the FIFO and counts down as they move; zero (the initial
// state) leaves the count to the other operand; a synchronous op that meets an empty FIFO
// leaves the remaining length; an async op whose FIFO length runs out completes and
// activates its task. A synchronous op also ends when its FIFO runs empty if its other
// operand is a fabric DSD.
#include "program_builder.h"

#include <QTest>

#include <cstring>

using namespace simtest;
using sim::BuiltinId;
using sim::DsdKind;
using sim::DsdOperand;
using sim::DsdOpKind;
using sim::RunStatus;

namespace {

constexpr uint32_t kSrc = 1024, kOut1 = 2048, kOut2 = 2112, kOut3 = 2176, kFifoBuf = 4096;
constexpr uint32_t kCapacity = 16; // u32 elements
constexpr uint32_t kN = 8;         // elements of each memory DSD

sim::Dsd mem1d(uint32_t base) {
    sim::Dsd d;
    d.kind = DsdKind::Mem1d;
    d.baseAddress = base;
    d.extent[0] = kN;
    d.strideBytes[0] = 4;
    return d;
}

// One PE with one FIFO of kCapacity u32 and the source values 1..kN at kSrc. DSD
// constants: 0 the FIFO, 1 the source, 2..4 the outputs kOut1..kOut3. Ops: 0 pushes the
// source into the FIFO, 1..3 pop the FIFO into output 1..3 (all synchronous).
struct Machine {
    sim::CodeClass cls;
    FnBuilder main{"main", 0, 4, 6};
    std::vector<std::pair<uint8_t, sim::ColorConfig>> colors; // the PE's routes, if any

    Machine() {
        sim::DataInit src;
        src.address = kSrc;
        for (uint32_t v = 1; v <= kN; ++v)
            for (int b = 0; b < 4; ++b)
                src.bytes.push_back(uint8_t(v >> (8 * b)));
        cls.data.push_back(src);
        sim::FifoDesc fd;
        fd.baseAddress = kFifoBuf;
        fd.capacityBytes = kCapacity * 4;
        fd.elementBytes = 4;
        cls.fifos.push_back(fd);
        sim::Dsd fifo;
        fifo.kind = DsdKind::Fifo;
        fifo.fifo = 0;
        fifo.extent[0] = kCapacity; // what the compiler gives a FIFO DSD
        cls.dsdConstants = {fifo, mem1d(kSrc), mem1d(kOut1), mem1d(kOut2), mem1d(kOut3)};
        cls.dsdOps.push_back(mov32(0, 1));
        for (uint16_t out = 2; out <= 4; ++out)
            cls.dsdOps.push_back(mov32(out, 0));
        for (uint16_t i = 0; i < 5; ++i)
            main.add(ins(Op::DsdConst, ScalarType::Void, i, kNoReg, kNoReg, i));
    }
    static sim::DsdOpDesc mov32(uint16_t dst, uint16_t src) {
        sim::DsdOpDesc d;
        d.op = DsdOpKind::Mov32;
        d.dst = {DsdOperand::Kind::Dsd, dst};
        d.src0 = {DsdOperand::Kind::Dsd, src};
        return d;
    }
    Machine& setLength(BuiltinId which, uint32_t fifo, int32_t length) {
        main.imm(0, ScalarType::U32, int32_t(fifo)).imm(1, ScalarType::U32, length);
        main.builtin(which, 0, 2);
        return *this;
    }
    // DSD constant 5 (and register 5): a fabout of kN wavelets on output queue 2, color 0,
    // routed back to this PE's RAMP, where data task 0 takes them; op 4 pops the FIFO into it.
    Machine& withFabricDrain() {
        sim::Dsd out;
        out.kind = DsdKind::FabOut;
        out.extent[0] = kN;
        out.color = 0;
        out.queue = 2;
        cls.dsdConstants.push_back(out);
        main.add(ins(Op::DsdConst, ScalarType::Void, 5, kNoReg, kNoReg, 5));
        cls.dsdOps.push_back(mov32(5, 0));
        colors.push_back(
            {0, route(sim::dirBit(sim::Direction::Ramp), sim::dirBit(sim::Direction::Ramp))});
        FnBuilder sink("sink", 1, 1);
        sink.ret();
        cls.functions.push_back(sink.build());
        cls.tasks[0].kind = sim::TaskKind::Data;
        cls.tasks[0].function = int32_t(cls.functions.size() - 1); // +1 once main is in front
        return *this;
    }
    Machine& exec(int32_t op) {
        main.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, op));
        return *this;
    }
    // Runs the init function; returns the outputs' kN elements each, one after another.
    std::vector<uint32_t> run(RunStatus expect = RunStatus::Idle, std::string* message = nullptr) {
        main.ret();
        cls.functions.insert(cls.functions.begin(), main.build());
        for (auto& t : cls.tasks)
            if (t.kind != sim::TaskKind::None)
                ++t.function; // main went in front
        cls.initFunction = 0;
        auto program = makeProgram(cls);
        program->pes[0].colors = colors;
        sim::Fabric fab(program);
        const auto r = fab.runUntilIdle();
        if (message)
            *message = r.message;
        if (r.status != expect)
            qWarning("%s", r.message.c_str());
        std::vector<uint32_t> out;
        for (uint32_t base : {kOut1, kOut2, kOut3}) {
            auto mem = fab.readMemory(0, 0, base, kN * 4);
            for (uint32_t i = 0; i < kN; ++i) {
                uint32_t v;
                std::memcpy(&v, mem.data() + 4 * i, 4);
                out.push_back(v);
            }
        }
        return out;
    }
};

std::vector<uint32_t> outputs(std::vector<uint32_t> o1, std::vector<uint32_t> o2 = {},
                              std::vector<uint32_t> o3 = {}) {
    std::vector<uint32_t> all;
    for (auto* o : {&o1, &o2, &o3}) {
        o->resize(kN, 0);
        all.insert(all.end(), o->begin(), o->end());
    }
    return all;
}

} // namespace

class TestFifoLength : public QObject {
    Q_OBJECT
  private slots:
    void zeroLengthsLeaveTheCountToTheOtherOperand() {
        // Never set (both zero, the documented initial state): the push moves the source's
        // 8 elements, the pop the output's 8 (as SDK programs that never set them run).
        Machine m;
        m.exec(0).exec(1);
        QCOMPARE(m.run(), outputs({1, 2, 3, 4, 5, 6, 7, 8}));
    }

    void writeLengthLimitsThePush() {
        // Write length 3: the push of 8 moves 3 and ends; the pop finds 3 and ends early.
        Machine m;
        m.setLength(BuiltinId::SetFifoWriteLength, 0, 3).exec(0).exec(1);
        QCOMPARE(m.run(), outputs({1, 2, 3}));
    }

    void readLengthLimitsThePop() {
        // 8 pushed; read length 2: the first pop takes 2. The length is then 0 again, so the
        // second pop is limited by its output only and takes the other 6.
        Machine m;
        m.exec(0).setLength(BuiltinId::SetFifoReadLength, 0, 2).exec(1).exec(2);
        QCOMPARE(m.run(), outputs({1, 2}, {3, 4, 5, 6, 7, 8}));
    }

    void emptyFifoLeavesTheRemainingLength() {
        // Write length 2 pushes 1, 2. Read length 5: the pop meets the empty FIFO after 2
        // ("the length of the FIFO will be updated to the remaining length"): 3 remain.
        // After 8 more are pushed, the next pop takes those 3 and the last pop the rest.
        Machine m;
        m.setLength(BuiltinId::SetFifoWriteLength, 0, 2).exec(0);
        m.setLength(BuiltinId::SetFifoReadLength, 0, 5).exec(1);
        m.exec(0).exec(2).exec(3);
        QCOMPARE(m.run(), outputs({1, 2}, {1, 2, 3}, {4, 5, 6, 7, 8}));
    }

    void asyncOpCompletesWhenItsLengthRunsOut() {
        // An async push with write length 4 ends after 4 elements and activates task 12,
        // which pops the FIFO: it finds exactly 4.
        Machine m;
        m.cls.dsdOps[0].async = true;
        m.cls.dsdOps[0].activateTask = 12;
        FnBuilder consume("consume", 0, 1, 5);
        consume.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        consume.add(ins(Op::DsdConst, ScalarType::Void, 2, kNoReg, kNoReg, 2));
        consume.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 1));
        consume.ret();
        m.cls.functions.push_back(consume.build());
        m.cls.tasks[12].kind = sim::TaskKind::Local;
        m.cls.tasks[12].function = 0; // becomes 1 when main goes in front
        m.setLength(BuiltinId::SetFifoWriteLength, 0, 4).exec(0);
        QCOMPARE(m.run(), outputs({1, 2, 3, 4}));
    }

    void syncPopIntoTheFabricEndsWhenTheFifoRunsEmpty() {
        // 3 pushed; the pop into a fabout of 8 sends 3 and then meets the empty FIFO: it
        // ends there ("returns false"), as a memory destination would. It used to wait for
        // ever (the main thread that would push more was the one waiting), so the push and
        // pop after it never ran.
        Machine m;
        m.withFabricDrain();
        m.setLength(BuiltinId::SetFifoWriteLength, 0, 3).exec(0).exec(4);
        m.exec(0).exec(1);
        QCOMPARE(m.run(), outputs({1, 2, 3, 4, 5, 6, 7, 8}));
    }

    void unknownFifoFaults() {
        Machine m;
        m.setLength(BuiltinId::SetFifoReadLength, 3, 1);
        std::string message;
        m.run(RunStatus::Fault, &message);
        QVERIFY2(message.find("@set_fifo_read_length names FIFO 3 of 1") != std::string::npos,
                 message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestFifoLength)
#include "tst_fifo_length.moc"
