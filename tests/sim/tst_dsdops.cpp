// DSD operations on memory: every DsdOpKind's element semantics, mem4d addressing,
// pointer/scalar operands, SIMD cost, FIFOs.
#include "program_builder.h"

#include <QTest>

using namespace simtest;
using sim::DsdKind;
using sim::DsdOperand;
using sim::DsdOpKind;
using sim::RunStatus;

namespace {

// kB is 4 bytes past a multiple of 8 from kA: their reads never meet in conflicting SRAM
// banks (tst_bank_conflicts covers those), so cycle counts show SIMD widths alone.
constexpr uint32_t kDst = 1024, kA = 2048, kB = 3076, kC = 4096;

sim::Dsd mem1d(uint32_t base, uint32_t n, int32_t strideBytes) {
    sim::Dsd d;
    d.kind = DsdKind::Mem1d;
    d.baseAddress = base;
    d.extent[0] = n;
    d.strideBytes[0] = strideBytes;
    return d;
}

struct OpCase {
    DsdOpKind op;
    std::vector<uint32_t> a, b, c; // raw element values
    std::vector<uint32_t> expect;
    DsdOperand::Kind cKind = DsdOperand::Kind::Dsd;
};

void putElems(sim::CodeClass& cls, uint32_t addr, const std::vector<uint32_t>& v, uint32_t bytes) {
    sim::DataInit d;
    d.address = addr;
    for (uint32_t x : v)
        for (uint32_t i = 0; i < bytes; ++i)
            d.bytes.push_back(uint8_t(x >> (8 * i)));
    cls.data.push_back(d);
}

// Runs one op over n elements and returns the destination elements.
std::vector<uint32_t> runOp(const OpCase& c, uint64_t* cycles = nullptr,
                            sim::Arch arch = sim::Arch::Wse2) {
    const sim::DsdOpShape shape = sim::dsdOpShape(c.op);
    const uint32_t n = uint32_t(c.expect.size());
    sim::CodeClass cls;
    putElems(cls, kA, c.a, shape.srcBytes[0]);
    putElems(cls, kB, c.b, shape.srcBytes[1]);
    putElems(cls, kC, c.c, shape.srcBytes[2]);
    cls.dsdConstants = {mem1d(kDst, n, shape.dstBytes), mem1d(kA, n, shape.srcBytes[0]),
                        mem1d(kB, n, shape.srcBytes[1]), mem1d(kC, n, shape.srcBytes[2])};
    sim::DsdOpDesc d;
    d.op = c.op;
    d.dst = {DsdOperand::Kind::Dsd, 0};
    if (shape.numSources > 0)
        d.src0 = {DsdOperand::Kind::Dsd, 1};
    if (shape.numSources > 1)
        d.src1 = {DsdOperand::Kind::Dsd, 2};
    if (shape.numSources > 2)
        d.src2 = c.cKind == DsdOperand::Kind::Dsd ? DsdOperand{DsdOperand::Kind::Dsd, 3}
                                                  : DsdOperand{c.cKind, 0};
    cls.dsdOps.push_back(d);
    FnBuilder f("main", 0, 2, 4);
    for (int i = 0; i < 4; ++i)
        f.add(ins(Op::DsdConst, ScalarType::Void, uint16_t(i), kNoReg, kNoReg, i));
    f.imm(0, ScalarType::U32, int32_t(c.c.empty() ? 0 : c.c[0])); // scalar factor
    f.imm(1, ScalarType::U32, int32_t(kC));
    if (c.cKind == DsdOperand::Kind::Pointer)
        f.add(ins(Op::Mov, ScalarType::U32, 0, 1));
    f.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
    f.ret();
    cls.functions.push_back(f.build());
    cls.initFunction = 0;
    sim::Fabric fab(makeProgram(cls, 1, 1, arch));
    const auto r = fab.runUntilIdle();
    if (r.status != RunStatus::Idle)
        qWarning("%s", r.message.c_str());
    if (cycles)
        *cycles = fab.cycle();
    auto mem = fab.readMemory(0, 0, kDst, n * shape.dstBytes);
    std::vector<uint32_t> out(n);
    for (uint32_t i = 0; i < n; ++i) {
        uint32_t v = 0;
        std::memcpy(&v, mem.data() + i * shape.dstBytes, shape.dstBytes);
        out[i] = v;
    }
    return out;
}

// Runs `times` mov32 from `source` into `dest` (the class's data already placed) and returns
// the `words` u32 words at kDst. `throughDsr`: the source is kept in a DSR slot, read and
// advanced around each operation (DsrRead, DsrAdvance); else it stays in its register.
std::vector<uint32_t> runMov32(sim::CodeClass cls, const sim::Dsd& dest, const sim::Dsd& source,
                               uint32_t words, int times = 1, bool throughDsr = false,
                               uint64_t* cycles = nullptr) {
    constexpr int32_t kSlot = 512;
    cls.dsdConstants = {dest, source};
    sim::DsdOpDesc d;
    d.op = DsdOpKind::Mov32;
    d.dst = {DsdOperand::Kind::Dsd, 0};
    d.src0 = {DsdOperand::Kind::Dsd, 1};
    cls.dsdOps.push_back(d);
    FnBuilder f("main", 0, 1, 2);
    f.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
    f.add(ins(Op::DsdStore, ScalarType::Void, kNoReg, kNoReg, 1, kSlot));
    for (int k = 0; k < times; ++k) {
        f.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        if (throughDsr)
            f.add(ins(Op::DsrRead, ScalarType::Void, 1, kNoReg, kNoReg, kSlot));
        f.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        if (throughDsr)
            f.add(ins(Op::DsrAdvance, ScalarType::U32, kNoReg, 1, kNoReg, kSlot));
    }
    f.ret();
    cls.functions.push_back(f.build());
    cls.initFunction = 0;
    sim::Fabric fab(makeProgram(cls));
    const auto r = fab.runUntilIdle();
    if (r.status != RunStatus::Idle) {
        qWarning("%s", r.message.c_str());
        return {};
    }
    if (cycles)
        *cycles = fab.cycle();
    auto mem = fab.readMemory(0, 0, kDst, 4 * words);
    std::vector<uint32_t> got(words);
    std::memcpy(got.data(), mem.data(), 4 * words);
    return got;
}

uint32_t F(float f) {
    return uint32_t(f32bits(f));
}

} // namespace

class TestDsdOps : public QObject {
    Q_OBJECT
  private slots:
    void elementSemantics_data() {
        QTest::addColumn<int>("index");
        for (int i = 0; i < 32; ++i)
            QTest::newRow(std::to_string(i).c_str()) << i;
    }
    void elementSemantics() {
        QFETCH(int, index);
        const uint16_t h1 = 0x3c00, h2 = 0x4000, h3 = 0x4200, hm1 = 0xbc00; // 1 2 3 -1
        const std::vector<OpCase> cases = {
            {DsdOpKind::Add16, {0xffff, 1}, {1, 2}, {}, {0, 3}},
            {DsdOpKind::Addc16, {0xffff, 1}, {1, 2}, {}, {0, 4}}, // carry into the next
            {DsdOpKind::Sub16, {0, 5}, {1, 2}, {}, {0xffff, 3}},
            {DsdOpKind::And16, {0xf0f0}, {0xff00}, {}, {0xf000}},
            {DsdOpKind::Or16, {0xf0f0}, {0x0f00}, {}, {0xfff0}},
            {DsdOpKind::Xor16, {0xffff}, {0x0f0f}, {}, {0xf0f0}},
            {DsdOpKind::Sll16, {0x8001}, {1}, {}, {0x0002}},
            {DsdOpKind::Slr16, {0x8000}, {15}, {}, {1}},
            {DsdOpKind::Sar16, {0x8000}, {15}, {}, {0xffff}},
            {DsdOpKind::Mov16, {0x1234}, {}, {}, {0x1234}},
            {DsdOpKind::Mov32, {0xdeadbeef}, {}, {}, {0xdeadbeef}},
            {DsdOpKind::Popcnt, {0xf00f}, {}, {}, {8}},
            {DsdOpKind::Clz, {0x0010, 0}, {}, {}, {11, 16}},
            {DsdOpKind::Ctz, {0x0010}, {}, {}, {4}},
            {DsdOpKind::Faddh, {h1}, {h2}, {}, {h3}},
            {DsdOpKind::Fsubh, {h3}, {h1}, {}, {h2}},
            {DsdOpKind::Fmulh, {h2}, {h3}, {}, {0x4600}},   // 6
            {DsdOpKind::Fmach, {h1}, {h2}, {h3}, {0x4700}}, // 1 + 2*3 = 7
            {DsdOpKind::Fnegh, {h1}, {}, {}, {hm1}},
            {DsdOpKind::Fabsh, {hm1}, {}, {}, {h1}},
            {DsdOpKind::Fmaxh, {h1}, {h3}, {}, {h3}},
            {DsdOpKind::Fadds, {F(1.5f)}, {F(2.25f)}, {}, {F(3.75f)}},
            {DsdOpKind::Fsubs, {F(1.5f)}, {F(2.25f)}, {}, {F(-0.75f)}},
            {DsdOpKind::Fmuls, {F(1.5f)}, {F(-2.0f)}, {}, {F(-3.0f)}},
            {DsdOpKind::Fmacs,
             {F(1.0f), F(2.0f)},
             {F(3.0f), F(4.0f)},
             {F(0.5f)},
             {F(2.5f), F(4.0f)},
             DsdOperand::Kind::Scalar},
            {DsdOpKind::Fmaxs, {F(-1.0f)}, {F(-2.0f)}, {}, {F(-1.0f)}},
            {DsdOpKind::Fscales, {F(3.0f)}, {2}, {}, {F(12.0f)}},
            {DsdOpKind::Fnorms, {F(12.0f)}, {}, {}, {F(1.5f)}},
            {DsdOpKind::Fh2s, {h3}, {}, {}, {F(3.0f)}},
            {DsdOpKind::Fs2h, {F(65520.0f)}, {}, {}, {0x7c00}}, // rounds to inf
            {DsdOpKind::Fs2xp16, {F(2.5f), F(-40000.0f)}, {}, {}, {2, 0x8000}},
            {DsdOpKind::Faddhs, {F(1.0f)}, {h2}, {}, {F(3.0f)}},
        };
        QCOMPARE(int(cases.size()), 32);
        const OpCase& c = cases[size_t(index)];
        QCOMPARE(runOp(c), c.expect);
    }

    void pointerScalarFactor() {
        OpCase c{DsdOpKind::Fmacs, {F(1.0f)}, {F(3.0f)},
                 {F(2.0f)},        {F(7.0f)}, DsdOperand::Kind::Pointer};
        QCOMPARE(runOp(c), c.expect);
    }

    void simdWidthSetsCost() {
        // 64 f16 adds at width 4 (WSE-2) vs 8 (WSE-3).
        OpCase c{DsdOpKind::Faddh,
                 std::vector<uint32_t>(64, 0x3c00),
                 std::vector<uint32_t>(64, 0x3c00),
                 {},
                 std::vector<uint32_t>(64, 0x4000)};
        uint64_t c2 = 0, c3 = 0;
        QCOMPARE(runOp(c, &c2, sim::Arch::Wse2), c.expect);
        QCOMPARE(runOp(c, &c3, sim::Arch::Wse3), c.expect);
        QCOMPARE(c2 - c3, uint64_t(64 / 4 - 64 / 8));
    }

    void fastAndGeneralPathsAgree() {
        // With any breakpoint set, memory DSD ops take the general per-element path
        // (it reports writes); results and cycles must not change.
        auto prog = makeDsdKernel(2, 1, 64, 3, [](uint32_t, uint32_t) { return true; });
        std::vector<uint32_t> init(128);
        for (uint32_t i = 0; i < 128; ++i)
            init[i] = F(float(i % 5) - 1.5f);
        putElems(prog->classes[0], 1024, {init.begin(), init.begin() + 64}, 4);            // buf
        putElems(prog->classes[0], 1024 + 4 * 64 + 4, {init.begin() + 64, init.end()}, 4); // buf2
        sim::Fabric fast(prog), general(prog);
        sim::Breakpoint bp;
        bp.kind = sim::Breakpoint::Kind::SymbolWrite;
        bp.anyPe = true;
        bp.symbol = "no_such_symbol";
        general.addBreakpoint(bp);
        QCOMPARE(fast.runUntilIdle().status, RunStatus::Idle);
        QCOMPARE(general.runUntilIdle().status, RunStatus::Idle);
        QCOMPARE(fast.cycle(), general.cycle());
        QCOMPARE(fast.readMemory(1, 0, 1024, 512), general.readMemory(1, 0, 1024, 512));
        auto m = fast.readMemory(1, 0, 1024, 4);
        float v;
        std::memcpy(&v, m.data(), 4);
        QCOMPARE(v, 2.25f); // buf[0] = -1.5 plus 3 x buf2[0] (2.5) x 0.5
    }

    void mem4dAddressing() {
        // 2x3 tile of a 4-wide u32 matrix, copied to a dense 6-element vector.
        sim::CodeClass cls;
        std::vector<uint32_t> m(16);
        for (uint32_t i = 0; i < 16; ++i)
            m[i] = i;
        putElems(cls, kA, m, 4);
        sim::Dsd src;
        src.kind = DsdKind::Mem4d;
        src.rank = 2;
        src.baseAddress = kA + 4 * 5; // row 1, col 1
        src.extent = {3, 2, 0, 0};
        src.strideBytes = {4, 16, 0, 0};
        QCOMPARE(runMov32(cls, mem1d(kDst, 6, 4), src, 6),
                 (std::vector<uint32_t>{5, 6, 7, 9, 10, 11}));
    }

    void halfWordDsdStepsByOperandSize() {
        // A DSD built over 16-bit elements (stride 2 bytes) used by a 32-bit op steps one
        // 32-bit element: strides count elements of the operation's size (the SDK blas
        // libraries rebind an i16 DSD to f32 arrays). The 2x2 mem4d over 16-bit rows of 4
        // (strides 2, 8 bytes) becomes 32-bit steps of 4 and 16 bytes.
        sim::CodeClass cls;
        std::vector<uint32_t> m(16);
        for (uint32_t i = 0; i < 16; ++i)
            m[i] = 100 + i;
        putElems(cls, kA, m, 4);
        sim::Dsd tile;
        tile.kind = DsdKind::Mem4d;
        tile.rank = 2;
        tile.baseAddress = kA;
        tile.extent = {2, 2, 0, 0};
        tile.strideBytes = {2, 8, 0, 0};
        cls.dsdConstants = {mem1d(kDst, 3, 2), mem1d(kA, 3, 2), mem1d(kDst + 64, 4, 4), tile};
        sim::DsdOpDesc copy;
        copy.op = DsdOpKind::Mov32;
        copy.dst = {DsdOperand::Kind::Dsd, 0};
        copy.src0 = {DsdOperand::Kind::Dsd, 1};
        sim::DsdOpDesc copyTile = copy;
        copyTile.dst = {DsdOperand::Kind::Dsd, 2};
        copyTile.src0 = {DsdOperand::Kind::Dsd, 3};
        cls.dsdOps = {copy, copyTile};
        FnBuilder f("main", 0, 1, 4);
        for (int i = 0; i < 4; ++i)
            f.add(ins(Op::DsdConst, ScalarType::Void, uint16_t(i), kNoReg, kNoReg, i));
        f.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        f.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 1));
        f.ret();
        cls.functions.push_back(f.build());
        cls.initFunction = 0;
        sim::Fabric fab(makeProgram(cls));
        QCOMPARE(fab.runUntilIdle().status, RunStatus::Idle);
        std::vector<uint32_t> got(3), tileGot(4);
        std::memcpy(got.data(), fab.readMemory(0, 0, kDst, 12).data(), 12);
        std::memcpy(tileGot.data(), fab.readMemory(0, 0, kDst + 64, 16).data(), 16);
        QCOMPARE(got, (std::vector<uint32_t>{100, 101, 102}));
        QCOMPARE(tileGot, (std::vector<uint32_t>{100, 101, 104, 105}));
    }

    void elementBytesScaleStridesToOperandSize() {
        // With Dsd::elementBytes the strides count elements of the declared type: a DSD over
        // 16-bit elements with a stride of 2 elements (4 bytes) read by a 32-bit op steps 8
        // bytes (without elementBytes 4 bytes would pass as a 32-bit stride of 1), and a DSD
        // over 32-bit elements written by a 16-bit op steps 2 bytes.
        sim::CodeClass cls;
        std::vector<uint32_t> m(8);
        for (uint32_t i = 0; i < 8; ++i)
            m[i] = 200 + i;
        putElems(cls, kA, m, 4);
        putElems(cls, kB, {0x1111, 0x2222, 0x3333, 0x4444}, 2);
        sim::Dsd everyOther = mem1d(kA, 3, 4);
        everyOther.elementBytes = 2;
        sim::Dsd words = mem1d(kDst + 64, 4, 4);
        words.elementBytes = 4;
        sim::Dsd halves = mem1d(kB, 4, 2);
        halves.elementBytes = 2;
        sim::Dsd out = mem1d(kDst, 3, 4);
        out.elementBytes = 4;
        cls.dsdConstants = {out, everyOther, words, halves};
        sim::DsdOpDesc wide;
        wide.op = DsdOpKind::Mov32;
        wide.dst = {DsdOperand::Kind::Dsd, 0};
        wide.src0 = {DsdOperand::Kind::Dsd, 1};
        sim::DsdOpDesc narrow;
        narrow.op = DsdOpKind::Mov16;
        narrow.dst = {DsdOperand::Kind::Dsd, 2};
        narrow.src0 = {DsdOperand::Kind::Dsd, 3};
        cls.dsdOps = {wide, narrow};
        FnBuilder f("main", 0, 1, 4);
        for (int i = 0; i < 4; ++i)
            f.add(ins(Op::DsdConst, ScalarType::Void, uint16_t(i), kNoReg, kNoReg, i));
        f.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        f.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 1));
        f.ret();
        cls.functions.push_back(f.build());
        cls.initFunction = 0;
        sim::Fabric fab(makeProgram(cls));
        QCOMPARE(fab.runUntilIdle().status, RunStatus::Idle);
        std::vector<uint32_t> got(3), packed(2);
        std::memcpy(got.data(), fab.readMemory(0, 0, kDst, 12).data(), 12);
        std::memcpy(packed.data(), fab.readMemory(0, 0, kDst + 64, 8).data(), 8);
        QCOMPARE(got, (std::vector<uint32_t>{200, 202, 204}));
        QCOMPARE(packed, (std::vector<uint32_t>{0x22221111, 0x44443333}));
    }

    void indexShiftsWaveletIndexOffsetOperand() {
        // Column 2 of a 3x4 u32 matrix: `.index` counts 16-bit words, so 4; only the source
        // DSD has wavelet_index_offset, so the destination does not move.
        sim::CodeClass cls;
        std::vector<uint32_t> m(12);
        for (uint32_t i = 0; i < 12; ++i)
            m[i] = i;
        putElems(cls, kA, m, 4);
        sim::Dsd column = mem1d(kA, 3, 16);
        column.waveletIndexOffset = 0;
        cls.dsdConstants = {mem1d(kDst, 3, 4), column};
        sim::DsdOpDesc d;
        d.op = DsdOpKind::Mov32;
        d.dst = {DsdOperand::Kind::Dsd, 0};
        d.src0 = {DsdOperand::Kind::Dsd, 1};
        d.indexReg = 0;
        cls.dsdOps.push_back(d);
        FnBuilder f("main", 0, 1, 2);
        f.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        f.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
        f.imm(0, ScalarType::U16, 4);
        f.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        f.ret();
        cls.functions.push_back(f.build());
        cls.initFunction = 0;
        sim::Fabric fab(makeProgram(cls));
        QCOMPARE(fab.runUntilIdle().status, RunStatus::Idle);
        auto mem = fab.readMemory(0, 0, kDst, 12);
        std::vector<uint32_t> got(3);
        std::memcpy(got.data(), mem.data(), 12);
        QCOMPARE(got, (std::vector<uint32_t>{2, 6, 10}));
    }

    void zeroLengthMemorySourceMovesNothing() {
        // mov32 from a source DSD of length 0 into a destination of length 3: nothing is
        // written (the destination's length was taken instead, and 3 words were copied).
        sim::CodeClass cls;
        putElems(cls, kA, {1, 2, 3}, 4);
        putElems(cls, kDst, {7, 7, 7}, 4);
        QCOMPARE(runMov32(cls, mem1d(kDst, 3, 4), mem1d(kA, 0, 4), 3),
                 (std::vector<uint32_t>{7, 7, 7}));
    }

    void dsdSetAndStoreRoundTrip() {
        // DsdSet length/offset on the source, DsdStore then DsdLoad: mov32 copies 2 words
        // at offset 8 (the count is src0's length).
        sim::CodeClass cls;
        putElems(cls, kA, {1, 2, 3, 4, 5}, 4);
        cls.dsdConstants = {mem1d(kDst, 5, 4), mem1d(kA, 5, 4)};
        sim::DsdOpDesc d;
        d.op = DsdOpKind::Mov32;
        d.dst = {DsdOperand::Kind::Dsd, 0};
        d.src0 = {DsdOperand::Kind::Dsd, 1};
        cls.dsdOps.push_back(d);
        FnBuilder f("main", 0, 3, 2);
        f.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        f.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
        f.imm(0, ScalarType::U16, 2).imm(1, ScalarType::U16, 8).imm(2, ScalarType::U16, 512);
        f.add(ins(Op::DsdSet, ScalarType::Void, 1, 1, 0, int32_t(sim::DsdField::Length)));
        f.add(ins(Op::DsdSet, ScalarType::Void, 1, 1, 1, int32_t(sim::DsdField::OffsetBytes)));
        f.add(ins(Op::DsdStore, ScalarType::Void, kNoReg, 2, 1, 0));
        f.add(ins(Op::DsdLoad, ScalarType::Void, 1, 2, kNoReg, 0));
        f.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        f.ret();
        cls.functions.push_back(f.build());
        cls.initFunction = 0;
        sim::Fabric fab(makeProgram(cls));
        QCOMPARE(fab.runUntilIdle().status, RunStatus::Idle);
        auto mem = fab.readMemory(0, 0, kDst, 12);
        std::vector<uint32_t> got(3);
        std::memcpy(got.data(), mem.data(), 12);
        QCOMPARE(got, (std::vector<uint32_t>{3, 4, 0}));
    }

    void dsrOperandsWalkAndTakeNoCycles() {
        // A DSR slot holding a save_address mem1d DSD of 2 elements: two mov32 through it
        // copy words 0-1 then 2-3 (DsrAdvance moved it on). DSR reads and advances take no
        // cycles: the same program with the DSD left in its register takes as long.
        sim::CodeClass cls;
        putElems(cls, kA, {1, 2, 3, 4, 5}, 4);
        sim::Dsd walking = mem1d(kA, 2, 4);
        walking.saveAddress = true;
        uint64_t viaDsr = 0, viaRegister = 0;
        QCOMPARE(runMov32(cls, mem1d(kDst, 2, 4), walking, 2, 2, true, &viaDsr),
                 (std::vector<uint32_t>{3, 4}));
        QCOMPARE(runMov32(cls, mem1d(kDst, 2, 4), walking, 2, 2, false, &viaRegister),
                 (std::vector<uint32_t>{1, 2}));
        QCOMPARE(viaDsr, viaRegister);
    }

    void savedMem4dDsrMovesByItsOuterDimension() {
        // A save_address DSR over rows 0-1 of a two-column u32 matrix: the next operation
        // through it reads rows 2-3 (the DSRs page: the base moves for the outermost
        // dimension). It moved by the inner dimension and read rows 1-2.
        sim::CodeClass cls;
        putElems(cls, kA, {0, 1, 2, 3, 4, 5, 6, 7}, 4);
        sim::Dsd rows;
        rows.kind = DsdKind::Mem4d;
        rows.rank = 2;
        rows.baseAddress = kA;
        rows.extent = {2, 2, 0, 0};
        rows.strideBytes = {4, 8, 0, 0};
        rows.elementBytes = 4;
        rows.saveAddress = true;
        QCOMPARE(runMov32(cls, mem1d(kDst, 4, 4), rows, 4, 2, true),
                 (std::vector<uint32_t>{4, 5, 6, 7}));
    }

    void outOfBoundsDsdFaults() {
        sim::CodeClass cls;
        cls.dsdConstants = {mem1d(49140, 8, 4), mem1d(kA, 8, 4)};
        sim::DsdOpDesc d;
        d.op = DsdOpKind::Mov32;
        d.dst = {DsdOperand::Kind::Dsd, 0};
        d.src0 = {DsdOperand::Kind::Dsd, 1};
        cls.dsdOps.push_back(d);
        FnBuilder f("main", 0, 1, 2);
        f.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        f.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
        f.line(9).add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        f.ret();
        cls.functions.push_back(f.build());
        cls.initFunction = 0;
        sim::Fabric fab(makeProgram(cls));
        const auto r = fab.runUntilIdle();
        QCOMPARE(r.status, RunStatus::Fault);
        QVERIFY2(r.message.find("out-of-bounds DSD write") != std::string::npos, r.message.c_str());
        QVERIFY2(r.message.find("pe.csl:9") != std::string::npos, r.message.c_str());
    }

    // The DSDs page, "Task Activation on Pop and Push": the .activate_push task runs on a push
    // only after a pop found the FIFO empty. A FIFO of 8 u32; main pushes 4 values with mov32
    // (fifo <- mem), after a pop of the empty FIFO when `popFirst`; the activated task 12
    // pops them into kDst.
    void fifoPushActivatesConsumerAfterEmptyEvent_data() {
        QTest::addColumn<bool>("popFirst");
        QTest::addColumn<std::vector<uint32_t>>("want");
        QTest::newRow("empty event first") << true << std::vector<uint32_t>{7, 8, 9, 10};
        QTest::newRow("no empty event") << false << std::vector<uint32_t>{0, 0, 0, 0};
    }
    void fifoPushActivatesConsumerAfterEmptyEvent() {
        QFETCH(bool, popFirst);
        QFETCH(std::vector<uint32_t>, want);
        sim::CodeClass cls;
        putElems(cls, kA, {7, 8, 9, 10}, 4);
        sim::FifoDesc fd;
        fd.baseAddress = 8192;
        fd.capacityBytes = 32;
        fd.elementBytes = 4;
        fd.activatePush = 12;
        cls.fifos.push_back(fd);
        sim::Dsd fifo;
        fifo.kind = DsdKind::Fifo;
        fifo.fifo = 0;
        fifo.extent[0] = 4;
        cls.dsdConstants = {fifo, mem1d(kA, 4, 4), mem1d(kDst, 4, 4)};
        sim::DsdOpDesc push;
        push.op = DsdOpKind::Mov32;
        push.dst = {DsdOperand::Kind::Dsd, 0};
        push.src0 = {DsdOperand::Kind::Dsd, 1};
        sim::DsdOpDesc pop;
        pop.op = DsdOpKind::Mov32;
        pop.dst = {DsdOperand::Kind::Dsd, 1};
        pop.src0 = {DsdOperand::Kind::Dsd, 0};
        cls.dsdOps = {push, pop};
        FnBuilder m("main", 0, 1, 2);
        m.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        m.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 1));
        if (popFirst) // ends at once: test_or_suspend on an empty FIFO
            m.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 1));
        m.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 0));
        m.ret();
        FnBuilder c("consume", 0, 1, 2);
        c.add(ins(Op::DsdConst, ScalarType::Void, 0, kNoReg, kNoReg, 0));
        c.add(ins(Op::DsdConst, ScalarType::Void, 1, kNoReg, kNoReg, 2));
        c.add(ins(Op::DsdExec, ScalarType::Void, kNoReg, kNoReg, kNoReg, 1));
        c.ret();
        cls.functions = {m.build(), c.build()};
        cls.tasks[12].kind = sim::TaskKind::Local;
        cls.tasks[12].function = 1;
        cls.initFunction = 0;
        sim::Fabric fab(makeProgram(cls));
        QCOMPARE(fab.runUntilIdle().status, RunStatus::Idle);
        auto mem = fab.readMemory(0, 0, kDst, 16);
        std::vector<uint32_t> got(4);
        std::memcpy(got.data(), mem.data(), 16);
        QCOMPARE(got, want);
    }
};

QTEST_GUILESS_MAIN(TestDsdOps)
#include "tst_dsdops.moc"
