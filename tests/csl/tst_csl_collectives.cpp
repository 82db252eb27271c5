// <collectives_2d> (backend/csl/lib/collectives_2d.cpp) run on the simulator: gather and
// reduce_fadds along a row of five PEs with the root at either end, on both architectures;
// a root in the middle of the line is refused at run time with a fault naming the PE.
#include "tests/csl/csl_test_support.h"

#include <QTest>

#include <string>
#include <vector>

namespace {

using namespace csl_tests;

const char* kLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 5, .height = 1 });
const c2d = @import_module("<collectives_2d/params>");
layout {
  @set_rectangle(5, 1);
  for (@range(i16, 5)) |x| {
    @set_tile_code(x, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(x), .px = x,
      .c2d_params = c2d.get_params(x, 0, .{
        .x_colors = [2]color{ @get_color(4), @get_color(5) }, .x_entrypoints = .{},
        .y_colors = [2]color{ @get_color(6), @get_color(7) }, .y_entrypoints = .{} }) });
  }
  @export_name("y", [*]u32, true);
  @export_name("compute", fn(u16)void);
}
)";

// Each PE gathers its two words (10 px + 1, 10 px + 2) to the root, then reduces
// (px + 1, px / 2) there; y holds the gathered words and the two sums' bits.
const char* kPe = R"(
param memcpy_params;
param c2d_params;
param px: i16;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const line = @import_module("<collectives_2d/pe>", .{ .dim_params = c2d_params.x });
var words = @zeros([2]u32);
var gathered = @zeros([10]u32);
var values = @zeros([2]f32);
var sums = @zeros([2]f32);
var y = @zeros([12]u32);
const y_ptr: [*]u32 = &y;
const done_id = @get_local_task_id(10);
var step: u16 = 0;
var root_pe: u16 = 0;
fn compute(root: u16) void {
  root_pe = root;
  step = 0;
  line.init();
  words[0] = @as(u32, px) * 10 + 1;
  words[1] = @as(u32, px) * 10 + 2;
  values[0] = @as(f32, px) + 1.0;
  values[1] = @as(f32, px) * 0.5;
  line.gather(root, &words, &gathered, 2, done_id);
}
task done() void {
  step += 1;
  if (step == 1) {
    line.reduce_fadds(root_pe, &values, &sums, 2, done_id);
  } else {
    for (@range(u16, 10)) |i| { y[i] = gathered[i]; }
    y[10] = @bitcast(u32, sums[0]);
    y[11] = @bitcast(u32, sums[1]);
    sys_mod.unblock_cmd_stream();
  }
}
comptime {
  @bind_local_task(done, done_id);
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

std::shared_ptr<sim::FabricProgram> build(sim::Arch arch, std::string* diags) {
    return compileProgram(kLayout, kPe, arch, diags);
}

} // namespace

class TestCslCollectives : public QObject {
    Q_OBJECT
  private slots:
    void gatherAndReduce_data() {
        QTest::addColumn<int>("arch");
        QTest::addColumn<int>("root");
        for (int root : {0, 4}) {
            QTest::addRow("wse2 root %d", root) << int(sim::Arch::Wse2) << root;
            QTest::addRow("wse3 root %d", root) << int(sim::Arch::Wse3) << root;
        }
    }
    void gatherAndReduce() {
        QFETCH(int, arch);
        QFETCH(int, root);
        std::string diags;
        auto prog = build(sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        sim::Fabric fabric(prog);
        // A second run with the root at the other end: the first left the routes as it
        // found them.
        for (int run : {root, 4 - root}) {
            auto r = fabric.runUntilDone(fabric.launch("compute", {uint32_t(run)}), 10'000'000);
            QVERIFY2(r.status == sim::RunStatus::CommandDone, r.message.c_str());
            sim::MemcpyRequest req;
            req.toDevice = false;
            req.symbol = "y";
            req.w = 5;
            req.elementsPerPe = 12;
            auto id = fabric.memcpy(req);
            r = fabric.runUntilDone(id, 10'000'000);
            QVERIFY2(r.status == sim::RunStatus::CommandDone, r.message.c_str());
            const std::vector<uint32_t> y = fabric.takeResult(id);
            QCOMPARE(y.size(), size_t(60));
            const uint32_t* rootY = y.data() + 12 * run;
            for (uint32_t pe = 0; pe < 5; ++pe) {
                QCOMPARE(rootY[2 * pe], 10 * pe + 1);
                QCOMPARE(rootY[2 * pe + 1], 10 * pe + 2);
            }
            QCOMPARE(asFloat(rootY[10]), 15.0f); // 1 + 2 + 3 + 4 + 5
            QCOMPARE(asFloat(rootY[11]), 5.0f);  // (0 + 1 + 2 + 3 + 4) / 2
        }
    }
    // Both sides of a middle root would arrive interleaved on its one receive color.
    void middleRootFaults() {
        std::string diags;
        auto prog = build(sim::Arch::Wse3, &diags);
        QVERIFY2(prog, diags.c_str());
        sim::Fabric fabric(prog);
        auto r = fabric.runUntilDone(fabric.launch("compute", {2u}), 10'000'000);
        QCOMPARE(int(r.status), int(sim::RunStatus::Fault));
        QVERIFY2(r.message.find("PE(6,1)") != std::string::npos, r.message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCslCollectives)
#include "tst_csl_collectives.moc"
