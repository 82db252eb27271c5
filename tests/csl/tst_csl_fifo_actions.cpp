// FIFO full and empty actions (@allocate_fifo's `.empty_action` / `.full_action`, SDK 2.10
// DSD page) compiled by backend/csl and run on the simulator, with the bool a DSD operation
// returns: test_or_suspend ends a synchronous operation with false, terminate with true,
// fault stops the run naming the FIFO, suspend holds a synchronous pop until an
// asynchronous push refills the FIFO. An operation into a scalar that ends on an empty FIFO
// leaves the scalar unchanged. WSE-2 refuses the WSE-3-only actions.
#include "tests/csl/csl_test_support.h"

#include <QTest>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace csl_tests;

// y[0]: the result of a 5-element pop from a FIFO holding 3; y[1..5]: what it popped;
// y[6]: the result of summing the FIFO (3 values again) into `acc`; y[7]: acc.
std::string fifoProgram(const std::string& config) {
    return R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var y = @zeros([8]f32);
const y_ptr: [*]f32 = &y;
var staging = @zeros([8]f32);
const queue = @allocate_fifo(staging)" +
           config + R"();
var values = [3]f32 { 1.0, 2.0, 3.0 };
const values_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{3} -> values[i] });
const five_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{5} -> y[i + 1] });
var acc: f32 = 10.0;
fn compute(unused: u16) void {
  _ = unused;
  @fmovs(queue, values_dsd);
  const popped = @fmovs(five_dsd, queue);
  y[0] = if (popped) 1.0 else 0.0;
  @fmovs(queue, values_dsd);
  y[6] = if (@fadds(&acc, &acc, queue)) 1.0 else 0.0;
  y[7] = acc;
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";
}

csl::CompileResult compilePe(const std::string& pe, sim::Arch arch) {
    return compileFiles({{"layout.csl", onePeLayout(true, "fn(u16)void")}, {"pe.csl", pe}}, arch);
}

} // namespace

class TestCslFifoActions : public QObject {
    Q_OBJECT
  private slots:
    void emptyActionsOfSynchronousPops_data() {
        QTest::addColumn<QString>("config");
        QTest::addColumn<int>("arch");
        QTest::addColumn<float>("result");
        for (auto [name, arch] : {std::pair{"wse2", sim::Arch::Wse2}, {"wse3", sim::Arch::Wse3}}) {
            QTest::newRow((std::string("default ") + name).c_str()) << "" << int(arch) << 0.0f;
            QTest::newRow((std::string("test_or_suspend ") + name).c_str())
                << ", .{ .empty_action = .{ .test_or_suspend = true } }" << int(arch) << 0.0f;
            QTest::newRow((std::string("terminate ") + name).c_str())
                << ", .{ .empty_action = .{ .terminate = true } }" << int(arch) << 1.0f;
        }
    }
    void emptyActionsOfSynchronousPops() {
        QFETCH(QString, config);
        QFETCH(int, arch);
        QFETCH(float, result);
        const auto r = compilePe(fifoProgram(config.toStdString()), sim::Arch(arch));
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        const auto y = launchAndReadF32(r.program, "compute", {0}, "y", 8, 10'000'000);
        // The pop takes the three values there are and ends on the empty FIFO; the sum into
        // a scalar that ends so discards what it popped: acc stays 10.
        const std::vector<float> want = {result, 1, 2, 3, 0, 0, result, 10};
        QCOMPARE(y, want);
    }

    void faultActionStopsTheRun() {
        const auto r =
            compilePe(fifoProgram(", .{ .empty_action = .{ .fault = true } }"), sim::Arch::Wse3);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        sim::Fabric fabric(r.program);
        const sim::RunResult run = fabric.runUntilDone(fabric.launch("compute", {0}), 1'000'000);
        QCOMPARE(run.status, sim::RunStatus::Fault);
        for (const char* part :
             {"read from empty FIFO 0 after 3 of 5 elements", ".empty_action is .fault", "pe.csl:"})
            QVERIFY2(run.message.find(part) != std::string::npos, run.message.c_str());
    }

    // A consumer that only the FIFO's .activate_push task would start never starts: nothing
    // popped the FIFO empty, so no push activates it (the DSDs page, "Task Activation on Pop
    // and Push"). The hang report says so, where it named no cause before.
    void pushTaskWithoutEmptyEventIsNamedInTheHang() {
        const auto r = compilePe(R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var y = @zeros([8]f32);
const y_ptr: [*]f32 = &y;
var staging = @zeros([8]f32);
const drain_id = @get_local_task_id(12);
const queue = @allocate_fifo(staging, .{ .activate_push = drain_id });
var values = [3]f32 { 1.0, 2.0, 3.0 };
const values_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{3} -> values[i] });
const y_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{3} -> y[i] });
task drain() void {
  @fmovs(y_dsd, queue);
  sys_mod.unblock_cmd_stream();
}
fn compute(unused: u16) void {
  _ = unused;
  @fmovs(queue, values_dsd);
}
comptime {
  @bind_local_task(drain, drain_id);
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)",
                                 sim::Arch::Wse2);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        sim::Fabric fabric(r.program);
        const sim::RunResult run = fabric.runUntilDone(fabric.launch("compute", {0}), 1'000'000);
        QCOMPARE(run.status, sim::RunStatus::Hang);
        QVERIFY2(run.message.find("FIFO 0 holds 3 element(s); its .activate_push task 12 runs on "
                                  "a push only after a pop has found the FIFO empty") !=
                     std::string::npos,
                 run.message.c_str());
    }

    // PE(1,0) pops 4 values synchronously from a FIFO that an asynchronous receive fills
    // from the fabric, where PE(0,0) sends one value per pass of a slow loop: the pop finds
    // the FIFO empty before and between values. With suspend it waits for all four; with
    // the default test_or_suspend it ends at once, on the FIFO still empty.
    void suspendedPopWaitsForTheFabric_data() {
        QTest::addColumn<QString>("config");
        QTest::addColumn<int>("popped");
        QTest::newRow("suspend") << ", .{ .empty_action = .{ .suspend = true } }" << 4;
        QTest::newRow("test_or_suspend") << "" << 0;
    }
    void suspendedPopWaitsForTheFabric() {
        QFETCH(QString, config);
        QFETCH(int, popped);
        const std::string layout = eastPairLayout("f32");
        const std::string send = R"(
param memcpy_params;
param c: color;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var y = @zeros([4]f32);
const y_ptr: [*]f32 = &y;
const oq = @get_output_queue(2);
const out = @get_dsd(fabout_dsd, .{ .fabric_color = c, .extent = 1, .output_queue = oq });
var spin: u32 = 0;
fn compute() void {
  for (@range(u16, 4)) |k| {
    @fmovs(out, 5.0 + @as(f32, k));
    for (@range(u16, 200)) |_| { spin += 1; }
  }
  sys_mod.unblock_cmd_stream();
}
comptime {
  @initialize_queue(oq, .{ .color = c });
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";
        const std::string recv = R"(
param memcpy_params;
param c: color;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var y = @zeros([4]f32);
const y_ptr: [*]f32 = &y;
var staging = @zeros([4]f32);
const queue = @allocate_fifo(staging)" +
                                 config.toStdString() +
                                 R"();
const iq = @get_input_queue(2);
const in = @get_dsd(fabin_dsd, .{ .extent = 4, .input_queue = iq });
const four_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> y[i] });
fn compute() void {
  @fmovs(queue, in, .{ .async = true, .ut_id = @get_ut_id(2) });
  _ = @fmovs(four_dsd, queue);
  sys_mod.unblock_cmd_stream();
}
comptime {
  @initialize_queue(iq, .{ .color = c });
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";
        const auto r = compileFiles(
            {{"layout.csl", layout}, {"send.csl", send}, {"recv.csl", recv}}, sim::Arch::Wse3);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        sim::Fabric fabric(r.program);
        QCOMPARE(fabric.runUntilDone(fabric.launch("compute", {}), 10'000'000).status,
                 sim::RunStatus::CommandDone);
        std::vector<float> want = {5, 6, 7, 8};
        std::fill(want.begin() + popped, want.end(), 0.0f);
        QCOMPARE(asFloats(readSymbol(fabric, "y", 1, 0, 4, 10'000'000)), want);
    }

    void wse3OnlyActionsAreErrorsOnWse2_data() {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("message");
        QTest::newRow("full_action") << ", .{ .full_action = .{ .terminate = true } }"
                                     << "'.full_action = .terminate' is not supported on WSE-2";
        QTest::newRow("suspend") << ", .{ .empty_action = .{ .suspend = true } }"
                                 << "'.empty_action = .suspend' is not supported on WSE-2";
        QTest::newRow("fault") << ", .{ .empty_action = .{ .fault = true } }"
                               << "'.empty_action = .fault' is not supported on WSE-2";
        QTest::newRow("unknown") << ", .{ .empty_action = .{ .wait = true } }"
                                 << "unknown FIFO action 'wait' in '.empty_action'";
    }
    void wse3OnlyActionsAreErrorsOnWse2() {
        QFETCH(QString, config);
        QFETCH(QString, message);
        const auto r = compilePe(fifoProgram(config.toStdString()), sim::Arch::Wse2);
        QVERIFY(!r.ok);
        const std::string d = allDiagnostics(r);
        QVERIFY2(d.find(message.toStdString()) != std::string::npos, d.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCslFifoActions)
#include "tst_csl_fifo_actions.moc"
