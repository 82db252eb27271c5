// <simprint> runtime values (BuiltinId::SimprintValue) as sim.log shows them: hexadecimal
// zero-padded to the type's width, binary of the type's width, floats as the SDK prints
// them ("42.0"), signed decimals; the window of lines a Fabric keeps (SimprintWindow) and
// a reader's hold on it.
#include "program_builder.h"
#include "sim/coredump.h"
#include "sim/costs.h"
#include "sim/simprint_format.h"
#include "sim/simprint_window.h"

#include <QTemporaryDir>
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

// init prints "<i> <pad x 'y'>" for i in [0, n), one line each.
std::shared_ptr<sim::FabricProgram> printingProgram(uint32_t n, size_t pad) {
    sim::CodeClass cls;
    cls.strings = {" " + std::string(pad, 'y') + "\n"};
    FnBuilder b("init", 0, 9);
    b.imm(0, ScalarType::U32, 0).imm(1, ScalarType::U32, int32_t(n));
    b.imm(2, ScalarType::U32, 1).imm(7, ScalarType::U32, 0);
    const int loop = b.here();
    b.op(Op::Add, ScalarType::U32, 3, 0, 7)
        .imm(4, ScalarType::U8, int32_t(ScalarType::U32))
        .imm(5, ScalarType::U8, 'd')
        .builtin(BuiltinId::SimprintValue, 3, 3);
    b.imm(6, ScalarType::U16, 0).builtin(BuiltinId::SimprintString, 6, 1);
    b.op(Op::Add, ScalarType::U32, 0, 0, 2);
    b.add(ins(Op::CmpLt, ScalarType::U32, 8, 0, 1));
    b.add(ins(Op::JumpIf, ScalarType::Void, kNoReg, 8, kNoReg, loop));
    b.ret();
    cls.functions.push_back(b.build());
    cls.initFunction = 0;
    return makeProgram(cls);
}

// The i a printingProgram line printed ("@cycle PE(0,0): <i> yyy").
uint64_t printedIndex(const std::string& line) {
    const size_t colon = line.find("): ");
    return colon == std::string::npos ? UINT64_MAX : std::stoull(line.substr(colon + 3));
}

int32_t f32(float v) {
    return int32_t(f32bits(v));
}

} // namespace

class TestSimprint : public QObject {
    Q_OBJECT
  private slots:
    // An endless printing loop grew the appliance by 70 MB/s until std::bad_alloc: the
    // Fabric keeps a window of the newest lines (64 MiB by default), numbered from the
    // run's first line, and releases the older ones.
    void outputIsBoundedInMemory() {
        constexpr uint32_t kLines = 70000;
        sim::Fabric f(printingProgram(kLines, 1023));
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        QCOMPARE(f.simprintLineCount(), size_t(kLines));
        const auto lines = f.simprintLines();
        QVERIFY(lines.size() < kLines);
        QCOMPARE(f.simprintFirstLine() + lines.size(), size_t(kLines));
        size_t bytes = 0;
        for (const std::string& l : lines)
            bytes += l.size() + 4;
        QVERIFY(bytes <= size_t(64) << 20);
        QVERIFY(bytes >= (size_t(64) << 20) * 15 / 16 - 2048);
        QCOMPARE(printedIndex(lines.front()), uint64_t(f.simprintFirstLine()));
        QCOMPARE(printedIndex(lines.back()), uint64_t(kLines - 1));
        // The core dump carries the window's lines, in sim.log's form.
        QTemporaryDir dir;
        const std::string core = dir.filePath("core").toStdString();
        f.dumpCore(core);
        const auto dumped = sim::CoreDumpReader(core).details(0, 0).simprint;
        QCOMPARE(dumped.size(), lines.size());
        QCOMPARE(dumped.front(), sim::Fabric::simLogLine(lines.front()));
        QCOMPARE(dumped.back(), sim::Fabric::simLogLine(lines.back()));
    }

    // Text without a newline is flushed whenever the PE's buffer is full; the rest is left
    // in the buffer (it was kept growing and never printed).
    void fullBufferIsFlushed() {
        sim::CodeClass cls;
        cls.strings = {std::string(3000, 'z')};
        FnBuilder b("init", 0, 1);
        for (int k = 0; k < 3; ++k)
            b.imm(0, ScalarType::U16, 0).builtin(BuiltinId::SimprintString, 0, 1);
        b.ret();
        cls.functions.push_back(b.build());
        cls.initFunction = 0;
        sim::Fabric f(makeProgram(cls));
        QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
        const auto lines = f.simprintLines();
        QCOMPARE(lines.size(), size_t(2));
        for (const std::string& line : lines)
            QCOMPARE(line.substr(line.find("): ") + 3),
                     std::string(sim::costs::kSimprintBufferBytes, 'z'));
    }

    // The window over every line: absolute numbers, the newest kept, pages by lines and
    // bytes, the byte measure the hold compares.
    void windowKeepsTheNewestLinesByNumber() {
        sim::SimprintWindow w(4096);
        QCOMPARE(w.firstLine(), uint64_t(0));
        QVERIFY(w.linesFrom(0, 10).empty());
        uint64_t appended = 0;
        std::vector<uint64_t> offsets;
        for (int i = 0; i < 1000; ++i) {
            offsets.push_back(w.bytesAppended());
            const std::string line = "line " + std::to_string(i);
            w.append(line);
            appended += line.size() + 4;
            QVERIFY2(w.bytes() <= 4096, qPrintable(QString::number(w.bytes())));
        }
        QCOMPARE(w.endLine(), uint64_t(1000));
        QCOMPARE(w.bytesAppended(), appended);
        QVERIFY(w.firstLine() > 0);
        QVERIFY(w.bytes() >= 4096 * 15 / 16 - 16);
        const uint64_t first = w.firstLine();
        // Asked from before the window: it starts at its first line.
        const auto all = w.linesFrom(0, SIZE_MAX);
        QCOMPARE(all.size(), size_t(1000 - first));
        QCOMPARE(all.front(), "line " + std::to_string(first));
        QCOMPARE(all.back(), std::string("line 999"));
        const auto page = w.linesFrom(first + 5, 3);
        QCOMPARE(page, (std::vector<std::string>{"line " + std::to_string(first + 5),
                                                 "line " + std::to_string(first + 6),
                                                 "line " + std::to_string(first + 7)}));
        // maxBytes: the first line always, then as long as the text fits.
        QCOMPARE(w.linesFrom(990, 100, 1).size(), size_t(1));
        QCOMPARE(w.linesFrom(990, 100, 16).size(), size_t(2));
        QVERIFY(w.linesFrom(1000, 10).empty());
        QVERIFY(w.linesFrom(5000, 10).empty());
        for (uint64_t line : {first, first + 1, first + 333, uint64_t(999)})
            QCOMPARE(w.byteOffsetOf(line), offsets[size_t(line)]);
        QCOMPARE(w.byteOffsetOf(0), offsets[size_t(first)]); // released: from the window
        QCOMPARE(w.byteOffsetOf(1000), appended);
    }

    // A line longer than the window stays, alone, until the next one arrives; the memory
    // held stays bounded however much goes through.
    void windowMemoryStaysBounded() {
        sim::SimprintWindow w(1 << 20);
        w.append(std::string(3 << 20, 'L'));
        QCOMPARE(w.linesFrom(0, 10).size(), size_t(1));
        w.append("after");
        QCOMPARE(w.firstLine(), uint64_t(1));
        QCOMPARE(w.linesFrom(0, 10), std::vector<std::string>{"after"});
        const std::string text(1000, 'z');
        for (int i = 0; i < 100000; ++i) // ~100 MB through a 1 MiB window
            w.append(text);
        QVERIFY(w.bytes() <= size_t(1) << 20);
        QCOMPARE(w.endLine(), uint64_t(100002));
        QCOMPARE(w.firstLine() + w.linesFrom(0, SIZE_MAX).size(), uint64_t(100002));
    }

    // FabricOptions::simprintWindowBytes sizes the window; a reader that holds its position
    // (holdSimprintFrom) gets every line: a run stops when the unread lines fill half the
    // window, and goes on once the reader moved on. Without a hold the old lines go.
    void heldReaderMissesNoLine() {
        constexpr uint32_t kLines = 5000;
        sim::FabricOptions o;
        o.simprintWindowBytes = 16 << 10;
        {
            sim::Fabric f(printingProgram(kLines, 100), o);
            QCOMPARE(f.runUntilIdle().status, RunStatus::Idle);
            QVERIFY(f.simprintFirstLine() > 0);
            QVERIFY(f.simprintLines().size() < 200);
        }
        sim::Fabric f(printingProgram(kLines, 100), o);
        f.holdSimprintFrom(0);
        std::vector<std::string> read;
        int stops = 0;
        while (true) {
            const sim::RunResult r = f.runUntilIdle();
            QVERIFY(r.status == RunStatus::Idle || r.status == RunStatus::Stopped);
            if (r.status == RunStatus::Stopped) {
                ++stops;
                QVERIFY(f.simprintHeld());
            }
            QCOMPARE(f.simprintFirstLine() <= read.size(), true);
            for (std::string& line : f.simprintLinesFrom(read.size(), SIZE_MAX))
                read.push_back(std::move(line));
            f.holdSimprintFrom(read.size());
            QVERIFY(!f.simprintHeld());
            if (r.status == RunStatus::Idle)
                break;
        }
        QVERIFY2(stops > 10, qPrintable(QString::number(stops)));
        QCOMPARE(read.size(), size_t(kLines));
        for (uint32_t i = 0; i < kLines; i += 499)
            QCOMPARE(printedIndex(read[i]), uint64_t(i));
        // A debugger's step is not held.
        sim::Fabric stepped(printingProgram(kLines, 100), o);
        stepped.holdSimprintFrom(0);
        QCOMPARE(stepped.step(200000).status, RunStatus::Idle);
        QCOMPARE(stepped.simprintLineCount(), size_t(kLines));
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
