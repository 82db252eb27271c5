// The PE generator behind @random16 (BuiltinId::Random16 / Random23 / RandomSeed), against
// the SDK's Builtins page: "generated through the LFSR algorithm with polynomial x^23 +
// x^18 + 1. The LFSR state is advanced 128 iterations after every use. The initial state
// of the algorithm, when the program starts, is set to 0xdeadbeef."
#include "program_builder.h"

#include <QTest>

#include <cstring>

using namespace simtest;
using sim::BuiltinId;
using sim::RunStatus;

namespace {

// The reference: the 23-bit Fibonacci register with taps 23 and 18, `steps` shifts.
uint32_t advance(uint32_t state, int steps) {
    for (int i = 0; i < steps; ++i)
        state = ((state << 1) | (((state >> 22) ^ (state >> 17)) & 1)) & 0x7fffff;
    return state;
}

// Runs `ids` in order on one PE and returns each result (stored as u32 at 1024 + 4 i).
std::vector<uint32_t> draws(const std::vector<BuiltinId>& ids) {
    sim::CodeClass cls;
    FnBuilder b("main", 0, 3);
    b.imm(1, ScalarType::U32, 1024);
    for (size_t i = 0; i < ids.size(); ++i) {
        b.builtin(ids[i], kNoReg, 0, 0);
        b.store(ScalarType::U32, 1, int32_t(4 * i), 0);
    }
    b.ret();
    cls.functions.push_back(b.build());
    cls.initFunction = 0;
    sim::Fabric f(makeProgram(cls));
    const auto r = f.runUntilIdle();
    if (r.status != RunStatus::Idle)
        qWarning("%s", r.message.c_str());
    auto mem = f.readMemory(0, 0, 1024, uint32_t(4 * ids.size()));
    std::vector<uint32_t> out(ids.size());
    std::memcpy(out.data(), mem.data(), mem.size());
    return out;
}

} // namespace

class TestPrng : public QObject {
    Q_OBJECT
  private slots:
    void random16Advances128StepsAfterEachUse() {
        const uint32_t s0 = 0xdeadbeefu & 0x7fffff; // the state bits of the documented seed
        const uint32_t s1 = advance(s0, 128), s2 = advance(s1, 128), s3 = advance(s2, 128);
        const auto got = draws({BuiltinId::Random16, BuiltinId::Random16, BuiltinId::Random23});
        // Each use advances the state 128 steps and reads the new state.
        QCOMPARE(got[0], s1 & 0xffff);
        QCOMPARE(got[1], s2 & 0xffff);
        QCOMPARE(got[2], s3); // Random23: the whole state, same generator
        // 16 steps per use (what the simulator did before) gives other numbers.
        QVERIFY(got[0] != (advance(s0, 16) & 0xffff));
    }
};

QTEST_GUILESS_MAIN(TestPrng)
#include "tst_prng.moc"
