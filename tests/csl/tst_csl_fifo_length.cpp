// @set_fifo_read_length / @set_fifo_write_length compiled by backend/csl and run on the
// simulator (both architectures): a write length taken from a launch argument limits a
// push, a comptime read length limits a pop, and a pop after the read length ran out is
// limited by its destination only. Misuse is a compile error.
#include "tests/csl/csl_test_support.h"

#include <QTest>

#include <string>
#include <vector>

namespace {

using namespace csl_tests;

csl::CompileResult compilePe(const std::string& pe, sim::Arch arch) {
    return compileFiles({{"layout.csl", onePeLayout(true, "fn(u16)void")}, {"pe.csl", pe}}, arch);
}

std::vector<float> runCompute(std::shared_ptr<sim::FabricProgram> prog, uint32_t arg, uint32_t n) {
    return launchAndReadF32(std::move(prog), "compute", {arg}, "y", n, 10'000'000);
}

// y[0..7]: the first pop (read length 2); y[8..15]: the second pop (read length 0 again).
const char* kFifoLengths = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var y = @zeros([16]f32);
const y_ptr: [*]f32 = &y;
var staging = @zeros([16]f32);
const queue = @allocate_fifo(staging);
var values = [8]f32 { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0 };
const values_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{8} -> values[i] });
const first_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{8} -> y[i] });
const second_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{8} -> y[i + 8] });
fn compute(count: u16) void {
  @set_fifo_write_length(queue, count);
  @fmovs(queue, values_dsd);
  @set_fifo_read_length(queue, 2);
  @fmovs(first_dsd, queue);
  @fmovs(second_dsd, queue);
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

} // namespace

class TestCslFifoLength : public QObject {
    Q_OBJECT
  private slots:
    void lengthsLimitPushAndPop_data() { addArchRows(); }
    void lengthsLimitPushAndPop() {
        QFETCH(int, arch);
        auto r = compilePe(kFifoLengths, sim::Arch(arch));
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        // Write length 5: 1..5 enter the FIFO; the first pop takes 2, the second the other 3.
        const auto y = runCompute(r.program, 5, 16);
        const std::vector<float> want = {1, 2, 0, 0, 0, 0, 0, 0, 3, 4, 5, 0, 0, 0, 0, 0};
        QCOMPARE(y, want);
        // Write length 7: the second pop takes 5.
        const auto y7 = runCompute(r.program, 7, 16);
        const std::vector<float> want7 = {1, 2, 0, 0, 0, 0, 0, 0, 3, 4, 5, 6, 7, 0, 0, 0};
        QCOMPARE(y7, want7);
    }

    void misuseIsAnError_data() {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("not a FIFO") << "@set_fifo_read_length(values_dsd, 2);"
                                    << "@set_fifo_read_length expects a FIFO DSD";
        QTest::newRow("argument count") << "@set_fifo_write_length(queue);"
                                        << "@set_fifo_write_length expects 2 arguments, found 1";
        QTest::newRow("length type") << "@set_fifo_write_length(queue, 1.5);"
                                     << "expected type 'u16'";
    }
    void misuseIsAnError() {
        QFETCH(QString, body);
        QFETCH(QString, message);
        std::string pe = kFifoLengths;
        const std::string marker = "  @set_fifo_write_length(queue, count);\n";
        pe.replace(pe.find(marker), marker.size(), "  " + body.toStdString() + "\n");
        auto r = compilePe(pe, sim::Arch::Wse2);
        QVERIFY(!r.ok);
        const std::string d = allDiagnostics(r);
        QVERIFY2(d.find(message.toStdString()) != std::string::npos, d.c_str());
    }

    void comptimeUseIsAnError() {
        std::string pe = kFifoLengths;
        pe += "comptime { @set_fifo_read_length(queue, 4); }\n";
        auto r = compilePe(pe, sim::Arch::Wse2);
        QVERIFY(!r.ok);
        const std::string d = allDiagnostics(r);
        QVERIFY2(d.find("@set_fifo_read_length changes a FIFO at runtime") != std::string::npos,
                 d.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCslFifoLength)
#include "tst_csl_fifo_length.moc"
