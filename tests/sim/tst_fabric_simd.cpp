// Fabric SIMD mode (the DSDs page, "SIMD Mode"; docs/simulator.md "Fabric SIMD mode"): "In
// simd_32 mode, a single wavelet carries two 16-bit values. In simd_64 mode, two wavelets
// must be ready, otherwise the DSD operation stalls. In simd_32_or_64 mode, the operation
// proceeds (i.e. it doesn't stall) as long as at least one wavelet is ready."
#include "program_builder.h"

#include <QTest>

using namespace simtest;
using sim::dirBit;
using sim::Direction;
using sim::DsdKind;
using sim::DsdOperand;
using sim::DsdOpKind;
using sim::RunStatus;

namespace {

constexpr uint32_t kSrc = 1024, kBuf = 2048;
constexpr uint8_t kColor = 1, kQueue = 2;

sim::Dsd fabric(DsdKind kind, uint32_t n, uint8_t simdMode) {
    sim::Dsd d;
    d.kind = kind;
    d.color = kColor;
    d.queue = kQueue;
    d.extent[0] = n;
    d.simdMode = simdMode;
    return d;
}

// A class whose init runs one synchronous op(dst, src0) over the class's two DSDs.
sim::CodeClass oneOp(DsdOpKind op, sim::Dsd dst, sim::Dsd src) {
    sim::CodeClass cls;
    cls.dsdConstants = {dst, src};
    sim::DsdOpDesc desc;
    desc.op = op;
    desc.dst = {DsdOperand::Kind::Dsd, 0};
    desc.src0 = {DsdOperand::Kind::Dsd, 1};
    cls.dsdOps = {desc};
    FnBuilder b("init", 0, 1, 2);
    b.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
    b.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
    b.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
    b.ret();
    cls.functions = {b.build()};
    cls.initFunction = 0;
    return cls;
}

// PE 0 sends with `sender` to PE 1, which receives with `receiver`, on kColor east.
std::shared_ptr<sim::FabricProgram> pair(sim::CodeClass sender, sim::CodeClass receiver,
                                         const std::vector<uint8_t>& sourceBytes) {
    sim::DataInit init;
    init.address = kSrc;
    init.bytes = sourceBytes;
    sender.data = {init};
    receiver.inputQueueColor[kQueue] = int8_t(kColor);
    auto p = makeProgram(sender, 2, 1);
    p->classes.push_back(receiver);
    p->pes[1].codeClass = 1;
    p->pes[0].colors = {{kColor, route(dirBit(Direction::Ramp), dirBit(Direction::East))}};
    p->pes[1].colors = {{kColor, route(dirBit(Direction::West), dirBit(Direction::Ramp))}};
    return p;
}

std::vector<uint8_t> u16Values(uint32_t n) {
    std::vector<uint8_t> bytes;
    for (uint32_t k = 0; k < n; ++k) {
        const uint16_t v = uint16_t(0x1100 + 0x11 * k);
        bytes.push_back(uint8_t(v));
        bytes.push_back(uint8_t(v >> 8));
    }
    return bytes;
}

std::vector<uint32_t> words(const sim::Fabric& f, uint32_t address, uint32_t n) {
    const auto m = f.readMemory(1, 0, address, 4 * n);
    std::vector<uint32_t> w(n);
    std::memcpy(w.data(), m.data(), 4 * n);
    return w;
}

// Sends n u16 values through a fabout in `mode` and receives the wavelets whole with
// @mov32 into PE 1's buffer; returns the fabric and the run's end cycle.
std::unique_ptr<sim::Fabric> sendPacked(uint32_t n, uint32_t wavelets, uint8_t mode,
                                        uint64_t* endCycle = nullptr) {
    auto p = pair(
        oneOp(DsdOpKind::Mov16, fabric(DsdKind::FabOut, n, mode), denseMem1d(kSrc, n, 2)),
        oneOp(DsdOpKind::Mov32, denseMem1d(kBuf, wavelets, 4), fabric(DsdKind::FabIn, wavelets, 0)),
        u16Values(n));
    auto f = std::make_unique<sim::Fabric>(p);
    const auto r = f->runUntilIdle(100'000);
    if (r.status != RunStatus::Idle || !r.waiting.empty())
        qWarning("%s", r.message.c_str());
    if (endCycle)
        *endCycle = f->cycle();
    return f;
}

} // namespace

class TestFabricSimd : public QObject {
    Q_OBJECT
  private slots:
    void simd32FaboutPacksTwoValuesPerWavelet() {
        // 8 values in 4 wavelets, the earlier value in the low half.
        auto f = sendPacked(8, 4, sim::kSimd32);
        const auto got = words(*f, kBuf, 4);
        for (uint32_t k = 0; k < 4; ++k)
            QCOMPARE(got[k], uint32_t(0x1100 + 0x11 * (2 * k)) |
                                 uint32_t(0x1100 + 0x11 * (2 * k + 1)) << 16);
    }
    void oddCountSendsTheLastValueAlone() {
        auto f = sendPacked(5, 3, sim::kSimd32);
        QCOMPARE(words(*f, kBuf, 3)[2], uint32_t(0x1100 + 0x11 * 4));
    }
    void packedValuesCostTheirWavelets() {
        // A step takes a cycle and the link carries one wavelet a cycle: 64 values sent in
        // simd_32 take the cycles of 32 plain wavelets (and simd_64, two wavelets a step,
        // no fewer: the link is the bound), 32 cycles fewer than 64 plain ones.
        uint64_t plain = 0, halfPlain = 0, packed = 0, wide = 0;
        sendPacked(64, 64, 0, &plain);
        sendPacked(32, 32, 0, &halfPlain);
        sendPacked(64, 32, sim::kSimd32, &packed);
        sendPacked(64, 32, sim::kSimd64, &wide);
        QCOMPARE(packed, halfPlain);
        QCOMPARE(wide, packed);
        QCOMPARE(plain - packed, uint64_t(32));
    }
    void simd32FabinUnpacksWavelets() {
        // 4 u32 words sent whole arrive as 8 u16 values: low half, then high half.
        std::vector<uint8_t> src;
        for (uint32_t k = 0; k < 4; ++k)
            for (uint8_t byte : {uint8_t(2 * k), uint8_t(0xA0), uint8_t(2 * k + 1), uint8_t(0xB0)})
                src.push_back(byte);
        auto p =
            pair(oneOp(DsdOpKind::Mov32, fabric(DsdKind::FabOut, 4, 0), denseMem1d(kSrc, 4, 4)),
                 oneOp(DsdOpKind::Mov16, denseMem1d(kBuf, 8, 2),
                       fabric(DsdKind::FabIn, 8, sim::kSimd32)),
                 src);
        sim::Fabric f(p);
        const auto r = f.runUntilIdle(100'000);
        QVERIFY2(r.status == RunStatus::Idle && r.waiting.empty(), r.message.c_str());
        const auto m = f.readMemory(1, 0, kBuf, 16);
        for (uint32_t k = 0; k < 8; ++k)
            QCOMPARE(uint32_t(m[2 * k] | m[2 * k + 1] << 8),
                     uint32_t((k % 2 ? 0xB000 : 0xA000) | (2 * (k / 2) + k % 2)));
    }
    void simd64WaitsForTwoWavelets_data() {
        QTest::addColumn<uint8_t>("mode");
        QTest::addColumn<uint32_t>("moved");
        QTest::newRow("simd_64 stalls") << sim::kSimd64 << 0u;
        QTest::newRow("simd_32_or_64 takes one") << sim::kSimd32Or64 << 2u;
        QTest::newRow("simd_32 takes one") << sim::kSimd32 << 2u;
    }
    void simd64WaitsForTwoWavelets() {
        // One wavelet (two values) arrives for a receive of 4 values.
        QFETCH(uint8_t, mode);
        QFETCH(uint32_t, moved);
        auto p =
            pair(oneOp(DsdOpKind::Mov32, fabric(DsdKind::FabOut, 1, 0), denseMem1d(kSrc, 1, 4)),
                 oneOp(DsdOpKind::Mov16, denseMem1d(kBuf, 4, 2), fabric(DsdKind::FabIn, 4, mode)),
                 {0x34, 0x12, 0x78, 0x56});
        sim::Fabric f(p);
        const auto r = f.runUntilIdle(100'000);
        QCOMPARE(r.status, RunStatus::Idle);
        QCOMPARE(r.waiting.size(), size_t(1)); // the receive waits for the rest
        const auto m = f.readMemory(1, 0, kBuf, 4);
        const uint32_t got = uint32_t(m[0] | m[1] << 8 | m[2] << 16 | m[3] << 24);
        QCOMPARE(got, moved ? 0x56781234u : 0u);
    }
};

QTEST_GUILESS_MAIN(TestFabricSimd)
#include "tst_fabric_simd.moc"
