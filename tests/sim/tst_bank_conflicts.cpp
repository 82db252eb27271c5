// SRAM bank conflicts of memory DSD operations (SDK Appendix "SIMD Mode"): 8 banks of
// 6 KB, successive 16-bit words in successive banks; the two source reads of a cycle need
// banks b1 % 4 != b2 % 4. A memory-only op whose src0 and src1 elements fall in
// conflicting banks spends another cycle per group of SIMD-width such elements.
#include "program_builder.h"

#include <QTest>

using namespace simtest;
using sim::DsdKind;
using sim::DsdOperand;
using sim::DsdOpKind;
using sim::RunStatus;

namespace {

constexpr uint32_t kDst = 1024, kA = 2048;

sim::Dsd mem1d(uint32_t base, uint32_t n, int32_t strideBytes) {
    sim::Dsd d;
    d.kind = DsdKind::Mem1d;
    d.baseAddress = base;
    d.extent[0] = n;
    d.strideBytes[0] = strideBytes;
    return d;
}

// One PE whose init runs op(dst, A, B) over n elements (B at kA + bOffset, strides in
// elements of the op's size). Returns the cycle the run ends at (the op dominates it).
uint64_t runCycles(DsdOpKind op, uint32_t elemBytes, uint32_t n, uint32_t bOffset,
                   int32_t bStride = 1, sim::Arch arch = sim::Arch::Wse2) {
    sim::CodeClass cls;
    const int32_t e = int32_t(elemBytes);
    cls.dsdConstants = {mem1d(kDst, n, e), mem1d(kA, n, e), mem1d(kA + bOffset, n, bStride * e)};
    for (sim::Dsd& d : cls.dsdConstants)
        d.elementBytes = uint8_t(elemBytes);
    sim::DsdOpDesc desc;
    desc.op = op;
    desc.dst = {DsdOperand::Kind::Dsd, 0};
    desc.src0 = {DsdOperand::Kind::Dsd, 1};
    desc.src1 = {DsdOperand::Kind::Dsd, 2};
    cls.dsdOps = {desc};
    FnBuilder b("init", 0, 1, 3);
    for (uint16_t i = 0; i < 3; ++i)
        b.add(ins(Op::DsdConst, ScalarType::Void, i, kNoReg, kNoReg, i));
    b.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
    b.ret();
    cls.functions = {b.build()};
    cls.initFunction = 0;
    sim::Fabric f(makeProgram(cls, 1, 1, arch));
    const auto r = f.runUntilIdle();
    if (r.status != RunStatus::Idle)
        qWarning("%s", r.message.c_str());
    return f.cycle();
}

} // namespace

class TestBankConflicts : public QObject {
    Q_OBJECT
  private slots:
    void sameBankPairDoublesTheElementCycles() {
        // fadds f32, width 2 on WSE-2: 64 elements are 32 groups. B 8 bytes after A's
        // bank pair: every element's reads share bank % 4, so 32 more cycles. B 4 bytes
        // off (the SDK's recommended src0 % 8 == (src1 + 4) % 8): none.
        const uint64_t clean = runCycles(DsdOpKind::Fadds, 4, 64, 1024 + 4);
        const uint64_t conflicting = runCycles(DsdOpKind::Fadds, 4, 64, 1024);
        QCOMPARE(conflicting - clean, uint64_t(64 / 2));
    }
    void widthOneOpsPayPerElement() {
        // fmuls has width 1: each of 10 conflicting elements costs one more cycle.
        const uint64_t clean = runCycles(DsdOpKind::Fmuls, 4, 10, 512 + 4);
        QCOMPARE(runCycles(DsdOpKind::Fmuls, 4, 10, 512) - clean, uint64_t(10));
        // 16-bit operands 2 bytes apart sit in neighbouring banks: no conflict.
        QCOMPARE(runCycles(DsdOpKind::Faddh, 2, 64, 512 + 2),
                 runCycles(DsdOpKind::Faddh, 2, 64, 512 + 4));
    }
    void changingBankRelationCountsOnlyConflictingElements() {
        // u16 add16, A with stride 1 and B with stride 2 from the same bank: element i
        // reads banks i % 8 and 2i % 8, equal mod 4 for i % 4 == 0, i.e. 16 of 64
        // elements. WSE-3 width 8: 2 more cycles; a B that starts 2 bytes further has
        // banks i % 8 and (2i + 1) % 8, equal mod 4 when i % 4 == 3: also 16.
        const uint64_t base = runCycles(DsdOpKind::Add16, 2, 64, 1024 + 4, 1, sim::Arch::Wse3);
        QCOMPARE(runCycles(DsdOpKind::Add16, 2, 64, 1024, 2, sim::Arch::Wse3) - base,
                 uint64_t(16 / 8));
        QCOMPARE(runCycles(DsdOpKind::Add16, 2, 64, 1024 + 2, 2, sim::Arch::Wse3) - base,
                 uint64_t(16 / 8));
    }
};

QTEST_GUILESS_MAIN(TestBankConflicts)
#include "tst_bank_conflicts.moc"
