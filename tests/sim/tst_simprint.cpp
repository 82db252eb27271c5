// <simprint> runtime values (BuiltinId::SimprintValue) as sim.log shows them: hexadecimal
// zero-padded to the type's width, binary of the type's width, floats as the SDK prints
// them ("42.0"), signed decimals.
#include "program_builder.h"
#include "sim/simprint_format.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace simtest;
using sim::BuiltinId;
using sim::RunStatus;

namespace {

struct Printed {
    int32_t bits;
    ScalarType type;
    char format;
};

// init prints every value followed by a space, then a newline; returns the line after
// its "PE(x,y): " prefix.
QString runPrints(const std::vector<Printed>& values) {
    sim::CodeClass cls;
    cls.strings = {" ", "\n"};
    FnBuilder b("init", 0, 4);
    for (const Printed& v : values) {
        b.imm(0, v.type, v.bits)
            .imm(1, ScalarType::U8, int32_t(v.type))
            .imm(2, ScalarType::U8, v.format)
            .builtin(BuiltinId::SimprintValue, 0, 3);
        b.imm(3, ScalarType::U16, 0).builtin(BuiltinId::SimprintString, 3, 1);
    }
    b.imm(3, ScalarType::U16, 1).builtin(BuiltinId::SimprintString, 3, 1);
    b.ret();
    cls.functions.push_back(b.build());
    cls.initFunction = 0;
    sim::Fabric f(makeProgram(cls));
    const auto r = f.runUntilIdle();
    if (r.status != RunStatus::Idle)
        return QString::fromStdString("run failed: " + r.message);
    const auto lines = f.simprintLines();
    if (lines.size() != 1)
        return QString("expected one line, got %1").arg(lines.size());
    const size_t colon = lines[0].find("): ");
    return QString::fromStdString(colon == std::string::npos ? lines[0]
                                                             : lines[0].substr(colon + 3));
}

int32_t f32(float v) {
    return int32_t(f32bits(v));
}

} // namespace

class TestSimprint : public QObject {
    Q_OBJECT
  private slots:
    // An endless printing loop grew the appliance by 70 MB/s until std::bad_alloc: lines
    // past 64 MiB are counted, not kept, and a last line says how many.
    void outputIsBoundedInMemory() {
        sim::CodeClass cls;
        cls.strings = {std::string(1023, 'x') + "\n"};
        FnBuilder b("init", 0, 6);
        b.imm(0, ScalarType::U32, 0).imm(1, ScalarType::U32, 70000).imm(5, ScalarType::U32, 1);
        b.imm(3, ScalarType::U16, 0).builtin(BuiltinId::SimprintString, 3, 1); // pc 3, 4
        b.op(Op::Add, ScalarType::U32, 0, 0, 5);
        b.add(ins(Op::CmpLt, ScalarType::U32, 2, 0, 1));
        b.add(ins(Op::JumpIf, ScalarType::Void, kNoReg, 2, kNoReg, 3));
        b.ret();
        cls.functions.push_back(b.build());
        cls.initFunction = 0;
        sim::Fabric f(makeProgram(cls));
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        const auto lines = f.simprintLines();
        QVERIFY(lines.size() < 70000);
        size_t bytes = 0;
        for (const std::string& l : lines)
            bytes += l.size();
        QVERIFY(bytes <= (size_t(64) << 20) + 200);
        QVERIFY2(lines.back().find(std::to_string(70000 - (lines.size() - 1)) +
                                   " more simprint lines were dropped: the output passed 64 MiB") !=
                     std::string::npos,
                 lines.back().c_str());
    }

    void hexIsZeroPaddedToTheTypeWidth() {
        QCOMPARE(runPrints({{0x2a, ScalarType::U16, 'X'},
                            {0xbeef, ScalarType::U32, 'X'},
                            {0, ScalarType::U16, 'X'},
                            {-1, ScalarType::I16, 'X'},
                            {0xab, ScalarType::U32, 'x'}}),
                 QString("002A 0000BEEF 0000 FFFF 000000ab "));
    }
    void binaryAndDecimal() {
        QCOMPARE(runPrints({{5, ScalarType::U16, 'b'},
                            {-3, ScalarType::I16, 'd'},
                            {-3, ScalarType::I32, 'd'},
                            {65535, ScalarType::U16, 'd'}}),
                 QString("0000000000000101 -3 -3 65535 "));
    }
    void floatsPrintLikeTheSdk() {
        // f16 1.5 is 0x3e00, f16 0.1 rounds to 0.0999755859375, the shortest f16 text of
        // which is 0.1.
        QCOMPARE(runPrints({{f32(42.0f), ScalarType::F32, 'f'},
                            {f32(0.1f), ScalarType::F32, 'f'},
                            {f32(-2.5f), ScalarType::F32, 'f'},
                            {f32(0.0f), ScalarType::F32, 'f'},
                            {f32(1e20f), ScalarType::F32, 'f'},
                            {f32(1.0f / 3.0f), ScalarType::F32, 'f'},
                            {0x3e00, ScalarType::F16, 'f'},
                            {0x2e66, ScalarType::F16, 'f'}}),
                 QString("42.0 0.1 -2.5 0.0 1e+20 0.33333334 1.5 0.1 "));
    }
    void specialFloats() {
        QCOMPARE(sim::formatSimprintFloat(std::numeric_limits<double>::infinity(), ScalarType::F32),
                 std::string("inf"));
        QCOMPARE(
            sim::formatSimprintFloat(-std::numeric_limits<double>::infinity(), ScalarType::F32),
            std::string("-inf"));
        QCOMPARE(sim::formatSimprintFloat(std::nan(""), ScalarType::F32), std::string("nan"));
        QCOMPARE(sim::formatSimprintFloat(-0.0, ScalarType::F32), std::string("-0.0"));
    }
};

QTEST_GUILESS_MAIN(TestSimprint)
#include "tst_simprint.moc"
