// How DSD operands address memory, compiled by backend/csl and run on the simulator:
// - a destination pointer to a scalar variable and a source naming that same variable: the
//   source is read per element, so `@fmaxs(&m, m, v)` reduces v into m (SDK 25-pt-stencil
//   computes each PE's min and max this way), while a source naming another variable is
//   its value when the operation starts;
// - a multi-dimensional tensor access `|i, j|{m, n} -> A[..]` iterates like nested loops
//   with i outermost (SDK 25-pt-stencil receives one chunk per sender into buffer[pos, i, j]
//   from a single fabric stream and scales it by constants[i]).
#include "tests/csl/csl_test_support.h"

#include <QTest>

#include <string>
#include <vector>

namespace {

using namespace csl_tests;

// y[0]: max of v by @fmaxs(&m, m, v); y[1]: min of v by negation, as the SDK stencil does;
// y[2]: sum by @fadds(&s, (s), v); y[3]: @fmaxs(&r, start, v) with a separate start value,
// which is max(start, last element of v).
const char* kPe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const math = @import_module("<math>");
var v = [5]f32 { 3.0, 9.0, -2.0, 5.0, 1.0 };
const vDsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{5} -> v[i] });
var y = @zeros([4]f32);
const y_ptr: [*]f32 = &y;
fn maxOf() f32 {
  var m: f32 = math.NEGATIVE_INF_f32;
  @fmaxs(&m, m, vDsd);
  return m;
}
fn minOf() f32 {
  var m: f32 = math.NEGATIVE_INF_f32;
  @fnegs(vDsd, vDsd);
  @fmaxs(&m, m, vDsd);
  @fnegs(vDsd, vDsd);
  return -m;
}
fn compute() void {
  y[0] = maxOf();
  y[1] = minOf();
  var s: f32 = 0.5;
  @fadds(&s, (s), vDsd);
  y[2] = s;
  var start: f32 = math.NEGATIVE_INF_f32;
  var r: f32 = 0.0;
  @fmaxs(&r, start, vDsd);
  y[3] = r;
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// y[0] = src through |i, j|{2, 3} -> y[0, i, j] (row by row); y[1] = src through
// |i, j|{3, 2} -> y[1, j, i] (the transpose); y[2] = src * w[i] with w through
// |i, j|{2, 3} -> w[i] (one weight per row).
const char* kTensorAccessPe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var src = [6]f32 { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 };
var w = [2]f32 { 10.0, 100.0 };
var y = @zeros([3, 2, 3]f32);
const y_ptr: [*]f32 = &y;
const srcDsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |k|{6} -> src[k] });
const rowsDsd = @get_dsd(mem4d_dsd, .{ .tensor_access = |i, j|{2, 3} -> y[0, i, j] });
const transposeDsd = @get_dsd(mem4d_dsd, .{ .tensor_access = |i, j|{3, 2} -> y[1, j, i] });
const weightDsd = @get_dsd(mem4d_dsd, .{ .tensor_access = |i, j|{2, 3} -> w[i] });
const scaledDsd = @get_dsd(mem4d_dsd, .{ .tensor_access = |i, j|{2, 3} -> y[2, i, j] });
fn compute() void {
  @fmovs(rowsDsd, srcDsd);
  @fmovs(transposeDsd, srcDsd);
  @fmuls(scaledDsd, srcDsd, weightDsd);
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// The opening of the DSR settings tests' tile code, from its blank first line (so that
// their diagnostics keep their lines): memcpy, y with its pointer, a DSD over y.
const std::string kYOpening = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var y = @zeros([4]f32);
const y_ptr: [*]f32 = &y;
const y_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> y[i] });)";

std::shared_ptr<sim::FabricProgram> build(sim::Arch arch, const char* pe = kPe) {
    std::string diags;
    auto prog = compileProgram(onePeLayout(false, "fn()void"), pe, arch, &diags);
    if (!prog)
        qWarning("%s", diags.c_str());
    return prog;
}

// Launches compute() and reads n words of y.
std::vector<float> computeY(std::shared_ptr<sim::FabricProgram> prog, uint32_t n) {
    return launchAndReadF32(std::move(prog), "compute", {}, "y", n, 1'000'000);
}

} // namespace

class TestCslDsdOperands : public QObject {
    Q_OBJECT
  private slots:
    void sameVariableReduces_data() { addArchRows(); }
    void sameVariableReduces() {
        QFETCH(int, arch);
        auto prog = build(sim::Arch(arch));
        QVERIFY(prog);
        const auto y = computeY(prog, 4);
        QCOMPARE(y, (std::vector<float>{9.0f, -2.0f, 16.5f,
                                        1.0f})); // y[3]: start is read once, max(-inf, v[4])
    }
    void tensorAccessLastIndexInnermost_data() { sameVariableReduces_data(); }
    void tensorAccessLastIndexInnermost() {
        QFETCH(int, arch);
        auto prog = build(sim::Arch(arch), kTensorAccessPe);
        QVERIFY(prog);
        const auto y = computeY(prog, 18);
        QCOMPARE(y, (std::vector<float>{1, 2, 3, 4, 5, 6,             // rows
                                        1, 3, 5, 2, 4, 6,             // transpose
                                        10, 20, 30, 400, 500, 600})); // weight per row
    }

    // The Microthread IDs page: an operation takes '.ut_id' (and the other settings) of its
    // DSR operands' @load_to_dsr, destination first. An operation compiled before the load
    // (in a function that the tile's comptime block lowers, the load in the comptime block
    // of a module imported later) got none of them, so an async send ran on the microthread
    // of its queue number and deadlocked (a third-party WaferLLM kernel). The loads of a DSR
    // that disagree leave the setting out, with a warning at the operation.
    void dsrSettingsOfLaterLoads() {
        const std::string layout = onePeLayout(false, "fn()void");
        const std::string pe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var y = @zeros([4]f32);
const y_ptr: [*]f32 = &y;
fn compute() void {
  comm.send();
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
const comm = @import_module("comm.csl");
)";
        const std::string comm = R"(
var buf = @zeros([4]f32);
const buf_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> buf[i] });
const out = @get_dsd(fabout_dsd, .{ .extent = 4, .output_queue = @get_output_queue(2) });
const out_dsr = @get_dsr(dsr_dest, 1);
const twice_dsr = @get_dsr(dsr_dest, 2);
fn send() void {
  @fmovs(out_dsr, buf_dsd, .{ .async = true });
  @fmovs(twice_dsr, buf_dsd, .{ .async = true });
}
comptime {
  @initialize_queue(@get_output_queue(2), .{ .color = @get_color(4) });
  @load_to_dsr(out_dsr, out, .{ .async = true, .ut_id = @get_ut_id(5) });
  @load_to_dsr(twice_dsr, out, .{ .async = true, .ut_id = @get_ut_id(6) });
  @load_to_dsr(twice_dsr, out, .{ .async = true, .ut_id = @get_ut_id(7) });
}
)";
        const auto r = compileFiles({{"layout.csl", layout}, {"pe.csl", pe}, {"comm.csl", comm}},
                                    sim::Arch::Wse3);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        std::vector<int> microthreads;
        for (const sim::CodeClass& c : r.program->classes)
            for (const sim::DsdOpDesc& op : c.dsdOps)
                microthreads.push_back(op.microthread);
        QCOMPARE(microthreads, (std::vector<int>{5, -1}));
        const std::string diags = allDiagnostics(r);
        QVERIFY2(diags.find("comm.csl:9:3: warning: the loads of this operation's DSR give "
                            "different '.ut_id' settings") != std::string::npos,
                 diags.c_str());
    }

    // Destination first across compile order: the destination DSR loaded before the
    // operation gives '.ut_id' 3 though the source's load after it gives 6; a load in a
    // function nothing calls gives nothing (it made a real send asynchronous).
    void dsrSettingsDestinationFirstAndUnusedLoads() {
        const std::string pe = kYOpening + R"(
const out = @get_dsd(fabout_dsd, .{ .extent = 4, .output_queue = @get_output_queue(2) });
const to_fabric = @get_dsr(dsr_dest, 1);
const from_y = @get_dsr(dsr_src1, 2);
fn compute() void {
  @fmovs(to_fabric, from_y);
  sys_mod.unblock_cmd_stream();
}
fn never_called() void {
  @load_to_dsr(to_fabric, out, .{ .async = true, .priority = .{ .high = true } });
}
comptime {
  @initialize_queue(@get_output_queue(2), .{ .color = @get_color(4) });
  @load_to_dsr(to_fabric, out, .{ .async = true, .ut_id = @get_ut_id(3) });
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
comptime {
  @load_to_dsr(from_y, y_dsd, .{ .ut_id = @get_ut_id(6) });
}
)";
        const auto r = compileFiles(
            {{"layout.csl", onePeLayout(false, "fn()void")}, {"pe.csl", pe}}, sim::Arch::Wse3);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        QCOMPARE(r.program->classes[0].dsdOps.size(), size_t(1));
        const sim::DsdOpDesc& op = r.program->classes[0].dsdOps[0];
        QCOMPARE(int(op.microthread), 3);
        QVERIFY(op.async);
        QCOMPARE(int(op.priority), -1);
    }

    // The Microthread IDs page: with DSR and DSD operands mixed, each DSD operand has the
    // operation's own '.ut_id', each DSR its load's, and the destination's wins over the
    // first source's. The operation's own won over a destination DSR's (h-wse3-7 F8), also
    // over one loaded by a comptime block after the operation.
    void mixedOperandsTakeTheFirstUtIdInOperandOrder_data() {
        QTest::addColumn<QString>("destination");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("load");
        QTest::addColumn<bool>("loadFirst");
        QTest::addColumn<int>("microthread");
        const QString loadUt5 = ".async = true, .ut_id = @get_ut_id(5)";
        QTest::newRow("destination DSR") << "dsr"
                                         << "y_dsd" << loadUt5 << true << 5;
        QTest::newRow("destination DSR loaded later") << "dsr"
                                                      << "y_dsd" << loadUt5 << false << 5;
        QTest::newRow("destination DSR without ut_id") << "dsr"
                                                       << "y_dsd"
                                                       << ".async = true" << true << 6;
        QTest::newRow("destination DSD") << "out"
                                         << "src"
                                         << ".ut_id = @get_ut_id(5)" << true << 6;
    }
    void mixedOperandsTakeTheFirstUtIdInOperandOrder() {
        QFETCH(QString, destination);
        QFETCH(QString, source);
        QFETCH(QString, load);
        QFETCH(bool, loadFirst);
        QFETCH(int, microthread);
        const bool destinationDsr = destination == "dsr";
        const std::string loadBlock = "comptime {\n  @load_to_dsr(" +
                                      std::string(destinationDsr ? "dsr, out" : "src, y_dsd") +
                                      ", .{ " + load.toStdString() + " });\n}\n";
        const std::string pe = kYOpening + R"(
const out = @get_dsd(fabout_dsd, .{ .extent = 4, .output_queue = @get_output_queue(2) });
const dsr = @get_dsr(dsr_dest, 1);
const src = @get_dsr(dsr_src0, 2);
comptime {
  @initialize_queue(@get_output_queue(2), .{ .color = @get_color(4) });
}
)" + (loadFirst ? loadBlock : "") +
                               "fn compute() void {\n  @fmovs(" + destination.toStdString() + ", " +
                               source.toStdString() +
                               R"(, .{ .async = true, .ut_id = @get_ut_id(6) });
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)" + (loadFirst ? "" : loadBlock);
        const auto r = compileFiles(
            {{"layout.csl", onePeLayout(false, "fn()void")}, {"pe.csl", pe}}, sim::Arch::Wse3);
        QVERIFY2(r.ok, (allDiagnostics(r) + pe).c_str());
        QCOMPARE(int(r.program->classes[0].dsdOps.at(0).microthread), microthread);
    }

    // The DSDs page: an operation through a DSR takes '.async', '.activate' and '.unblock'
    // from the DSR's @load_to_dsr; its own are ignored, with a warning when the load gives
    // another (a third-party stencil's op-level '.activate' ran its compute task twice).
    void dsrLoadSettingsWinOverTheOperations() {
        const std::string pe = kYOpening + R"(
const out = @get_dsd(fabout_dsd, .{ .extent = 4, .output_queue = @get_output_queue(2) });
const to_fabric = @get_dsr(dsr_dest, 1);
const done_id = @get_local_task_id(12);
task done() void {}
comptime {
  @bind_local_task(done, done_id);
  @initialize_queue(@get_output_queue(2), .{ .color = @get_color(4) });
  @load_to_dsr(to_fabric, out, .{ .async = true });
}
fn compute() void {
  @fmovs(to_fabric, y_dsd, .{ .async = true, .activate = done_id });
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";
        const auto r = compileFiles(
            {{"layout.csl", onePeLayout(false, "fn()void")}, {"pe.csl", pe}}, sim::Arch::Wse3);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        const sim::DsdOpDesc& op = r.program->classes[0].dsdOps.at(0);
        QVERIFY(op.async);
        QCOMPARE(int(op.activateTask), -1);
        const std::string diags = allDiagnostics(r);
        QVERIFY2(diags.find("warning: '.activate' of @fmovs is ignored: an operation through a "
                            "DSR takes it from the DSR's @load_to_dsr") != std::string::npos,
                 diags.c_str());
        QVERIFY2(diags.find("'.async' of @fmovs is ignored") == std::string::npos, diags.c_str());
    }

    // DSRs loaded after the operation is compiled (a later comptime block): the warning
    // about an ignored own setting waits for the loads, and comes once, only if no load
    // gives the same (it came for every own setting, a third-party GEMM's equal ones too,
    // and once per such DSR).
    void lateLoadWarnsOnlyWhenItsSettingDiffers_data() {
        QTest::addColumn<QString>("loadSetting");
        QTest::addColumn<bool>("warns");
        QTest::newRow("same") << ".unblock = done_id" << false;
        QTest::newRow("other") << ".activate = done_id" << true;
        QTest::newRow("none") << ".ut_id = @get_ut_id(3)" << true;
    }
    void lateLoadWarnsOnlyWhenItsSettingDiffers() {
        QFETCH(QString, loadSetting);
        QFETCH(bool, warns);
        const std::string pe = kYOpening + R"(
const out = @get_dsd(fabout_dsd, .{ .extent = 4, .output_queue = @get_output_queue(2) });
const to_fabric = @get_dsr(dsr_dest, 1);
const from_y = @get_dsr(dsr_src1, 2);
const done_id = @get_local_task_id(12);
task done() void {}
fn compute() void {
  @fmovs(to_fabric, from_y, .{ .async = true, .unblock = done_id });
  sys_mod.unblock_cmd_stream();
}
comptime {
  @bind_local_task(done, done_id);
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
comptime {
  @initialize_queue(@get_output_queue(2), .{ .color = @get_color(4) });
  @load_to_dsr(from_y, y_dsd);
  @load_to_dsr(to_fabric, out, .{ .async = true, )" +
                               loadSetting.toStdString() + R"( });
}
)";
        const auto r = compileFiles(
            {{"layout.csl", onePeLayout(false, "fn()void")}, {"pe.csl", pe}}, sim::Arch::Wse3);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        const std::string diags = allDiagnostics(r);
        QVERIFY2((diags.find("pe.csl:13:3: warning: '.unblock' of @fmovs is ignored") !=
                  std::string::npos) == warns,
                 diags.c_str());
        QVERIFY2(diags.find("'.async' of @fmovs is ignored") == std::string::npos, diags.c_str());
        // Once, though both of its DSRs were loaded after it.
        QVERIFY2(diags.find("'.unblock' of @fmovs is ignored") ==
                     diags.rfind("'.unblock' of @fmovs is ignored"),
                 diags.c_str());
    }

    // Only a DSR holding a fabric DSD gives an operation its asynchronous settings: one whose
    // DSRs hold memory DSDs (whose loads cannot carry them) and whose fabric operand is a DSD
    // of its own keeps its '.async' and '.activate' (they were dropped, and a third-party
    // GEMM's receive ran synchronously and never activated its task).
    void memoryDsrsLeaveTheOperationsSettings() {
        const std::string pe = kYOpening + R"(
const in = @get_dsd(fabin_dsd, .{ .extent = 4, .input_queue = @get_input_queue(2) });
const into_y = @get_dsr(dsr_dest, 1);
const later_y = @get_dsr(dsr_dest, 2);
const done_id = @get_local_task_id(12);
task done() void {}
comptime {
  @bind_local_task(done, done_id);
  @initialize_queue(@get_input_queue(2), .{ .color = @get_color(4) });
}
fn compute() void {
  @load_to_dsr(into_y, y_dsd);
  @fmovs(into_y, in, .{ .async = true, .activate = done_id });
  @fmovs(later_y, in, .{ .async = true, .unblock = done_id });
  @fmovs(later_y, y_dsd, .{ .async = true, .activate = done_id });
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
  @load_to_dsr(later_y, y_dsd);
}
)";
        const auto r = compileFiles(
            {{"layout.csl", onePeLayout(false, "fn()void")}, {"pe.csl", pe}}, sim::Arch::Wse3);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        const auto& ops = r.program->classes[0].dsdOps;
        QCOMPARE(ops.size(), size_t(3));
        QVERIFY(ops[0].async);
        QCOMPARE(int(ops[0].activateTask), 12);
        QVERIFY(ops[1].async);
        QCOMPARE(int(ops[1].unblockTask), 12);
        // A memory-only operation through a DSR whose (later) loads are memory ones: its own
        // settings stand when the class's loads are known (they were dropped, and it ran
        // synchronously and never activated its task).
        QVERIFY(ops[2].async);
        QCOMPARE(int(ops[2].activateTask), 12);
        QVERIFY2(allDiagnostics(r).find("is ignored") == std::string::npos,
                 allDiagnostics(r).c_str());
    }
};

QTEST_GUILESS_MAIN(TestCslDsdOperands)
#include "tst_csl_dsd_operands.moc"
