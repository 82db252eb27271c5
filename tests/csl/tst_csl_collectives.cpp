// <collectives_2d> (backend/csl/lib/collectives_2d.cpp) run on the simulator on a 5x4
// rectangle, both architectures: broadcast, scatter, two gathers and two reduce_fadds in a
// row (no pause between them, so a PE's neighbours may run ahead into the next operation)
// along every row or every column, with the root at the first PE, in the middle and at the
// last PE of the line, one launch after another on the same fabric; and scatter, gather and
// reduce_fadds along the rows and the columns at once (two task chains, middle and end
// roots). Every value the operations define is checked.
#include "tests/csl/csl_test_support.h"

#include <QList>
#include <QTest>

#include <string>
#include <vector>

namespace {

using namespace csl_tests;

constexpr uint32_t kWidth = 5;
constexpr uint32_t kHeight = 4;
constexpr uint32_t kChunk = 3;
constexpr uint32_t kMaxLine = 5;
// y: broadcast result, scatter result, two gather results, two reduce results (f32 bits).
constexpr uint32_t kYWords = 2 * kChunk + 2 * kMaxLine * kChunk + 2 * kChunk;

const char* kLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 5, .height = 4 });
const c2d = @import_module("<collectives_2d/params>");
layout {
  @set_rectangle(5, 4);
  for (@range(u16, 5)) |x| {
    for (@range(u16, 4)) |y| {
      @set_tile_code(x, y, "pe.csl", .{ .memcpy_params = memcpy.get_params(x), .px = x, .py = y,
        .c2d_params = c2d.get_params(x, y, .{
          .x_colors = .{ @get_color(0), @get_color(1) },
          .x_entrypoints = .{ @get_local_task_id(10), @get_local_task_id(11) },
          .y_colors = .{ @get_color(4), @get_color(5) },
          .y_entrypoints = .{ @get_local_task_id(12), @get_local_task_id(13) } }) });
    }
  }
  @export_name("y", [*]u32, true);
  @export_name("compute", fn(u16, u16)void);
}
)";

// compute(dim, root): dim 0 runs along the row (PE id = x, line = y), 1 along the column.
// The inputs are functions of the PE id `me` and the line `line` (see expected()).
const char* kPe = R"(
param memcpy_params;
param c2d_params;
param px: u16;
param py: u16;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const mpi_x = @import_module("<collectives_2d/pe>", .{ .dim_params = c2d_params.x });
const mpi_y = @import_module("<collectives_2d/pe>", .{ .dim_params = c2d_params.y,
  .queues = [2]u16{ 3, 5 } });
const C: u16 = 3;
const N: u16 = 5;
var bcast = @zeros([C]u32);
var scat_src = @zeros([N * C]u32);
var scat_dst = @zeros([C]u32);
var gath_src = @zeros([C]u32);
var gath_src2 = @zeros([C]u32);
var gath_dst = @zeros([N * C]u32);
var gath_dst2 = @zeros([N * C]u32);
var red_src = @zeros([C]f32);
var red_src2 = @zeros([C]f32);
var red_dst = @zeros([C]f32);
var red_dst2 = @zeros([C]f32);
var y = @zeros([2 * C + 2 * N * C + 2 * C]u32);
const y_ptr: [*]u32 = &y;
const done_id = @get_local_task_id(20);
var step: u16 = 0;
var dim: u16 = 0;
var root_pe: u16 = 0;

fn op_x(s: u16) void {
  switch (s) {
    0 => { mpi_x.broadcast(root_pe, &bcast, C, done_id); },
    1 => { mpi_x.scatter(root_pe, &scat_src, &scat_dst, C, done_id); },
    2 => { mpi_x.gather(root_pe, &gath_src, &gath_dst, C, done_id); },
    3 => { mpi_x.gather(root_pe, &gath_src2, &gath_dst2, C, done_id); },
    4 => { mpi_x.reduce_fadds(root_pe, &red_src, &red_dst, C, done_id); },
    else => { mpi_x.reduce_fadds(root_pe, &red_src2, &red_dst2, C, done_id); },
  }
}
fn op_y(s: u16) void {
  switch (s) {
    0 => { mpi_y.broadcast(root_pe, &bcast, C, done_id); },
    1 => { mpi_y.scatter(root_pe, &scat_src, &scat_dst, C, done_id); },
    2 => { mpi_y.gather(root_pe, &gath_src, &gath_dst, C, done_id); },
    3 => { mpi_y.gather(root_pe, &gath_src2, &gath_dst2, C, done_id); },
    4 => { mpi_y.reduce_fadds(root_pe, &red_src, &red_dst, C, done_id); },
    else => { mpi_y.reduce_fadds(root_pe, &red_src2, &red_dst2, C, done_id); },
  }
}
fn compute(d: u16, root: u16) void {
  dim = d;
  root_pe = root;
  step = 0;
  const me: u16 = if (d == 0) px else py;
  const line: u16 = if (d == 0) py else px;
  mpi_x.init();
  mpi_y.init();
  for (@range(u16, C)) |i| {
    bcast[i] = if (me == root) @as(u32, 100 * line + 7 * i + 1) else 0xdeadbeef;
    scat_dst[i] = 0xdeadbeef;
    gath_src[i] = @as(u32, 2000 + 100 * line + 10 * me + i);
    gath_src2[i] = @as(u32, 5000 + 100 * line + 10 * me + i);
    red_src[i] = @as(f32, me) + 0.5 * @as(f32, i) + @as(f32, line);
    red_src2[i] = 2.0 * red_src[i] + 1.0;
  }
  for (@range(u16, N * C)) |k| {
    scat_src[k] = if (me == root) @as(u32, 1000 * line + 10 * (k / C) + k % C) else 0xdeadbeef;
    gath_dst[k] = 0xdeadbeef;
    gath_dst2[k] = 0xdeadbeef;
  }
  if (dim == 0) { op_x(0); } else { op_y(0); }
}
task done() void {
  step += 1;
  if (step < 6) {
    if (dim == 0) { op_x(step); } else { op_y(step); }
    return;
  }
  for (@range(u16, C)) |i| {
    y[i] = bcast[i];
    y[C + i] = scat_dst[i];
    y[2 * C + 2 * N * C + i] = @bitcast(u32, red_dst[i]);
    y[3 * C + 2 * N * C + i] = @bitcast(u32, red_dst2[i]);
  }
  for (@range(u16, N * C)) |k| {
    y[2 * C + k] = gath_dst[k];
    y[2 * C + N * C + k] = gath_dst2[k];
  }
  sys_mod.unblock_cmd_stream();
}
comptime {
  @bind_local_task(done, done_id);
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// What PE (x, y)'s y must hold after compute(dim, root). Words the operations leave
// undefined (gather and reduce results off the root, gather slots past the line) are not
// `checked`.
struct Expected {
    std::vector<uint32_t> words = std::vector<uint32_t>(kYWords, 0);
    std::vector<bool> checked = std::vector<bool>(kYWords, false);
    std::vector<bool> isFloat = std::vector<bool>(kYWords, false);
};

Expected expected(uint32_t dim, uint32_t root, uint32_t x, uint32_t y) {
    const uint32_t me = dim == 0 ? x : y;
    const uint32_t line = dim == 0 ? y : x;
    const uint32_t n = dim == 0 ? kWidth : kHeight;
    Expected e;
    auto set = [&e](uint32_t at, uint32_t v) {
        e.words[at] = v;
        e.checked[at] = true;
    };
    auto setFloat = [&e](uint32_t at, float v) {
        uint32_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        e.words[at] = bits;
        e.checked[at] = true;
        e.isFloat[at] = true;
    };
    for (uint32_t i = 0; i < kChunk; ++i) {
        set(i, 100 * line + 7 * i + 1);
        set(kChunk + i, 1000 * line + 10 * me + i);
    }
    if (me != root)
        return e;
    const uint32_t gather1 = 2 * kChunk, gather2 = gather1 + kMaxLine * kChunk;
    const uint32_t reduce1 = gather2 + kMaxLine * kChunk, reduce2 = reduce1 + kChunk;
    for (uint32_t k = 0; k < n; ++k)
        for (uint32_t i = 0; i < kChunk; ++i) {
            set(gather1 + k * kChunk + i, 2000 + 100 * line + 10 * k + i);
            set(gather2 + k * kChunk + i, 5000 + 100 * line + 10 * k + i);
        }
    for (uint32_t i = 0; i < kChunk; ++i) {
        float sum = 0, sum2 = 0;
        for (uint32_t k = 0; k < n; ++k) {
            const float v = float(k) + 0.5f * float(i) + float(line);
            sum += v;
            sum2 += 2.0f * v + 1.0f;
        }
        setFloat(reduce1 + i, sum);
        setFloat(reduce2 + i, sum2);
    }
    return e;
}

// Rows and columns at once (as SDK topic-11-collectives runs them): two task chains, one per
// dimension, each a scatter, a gather and a reduce_fadds with the root given for that
// dimension; y holds the row's gather and reduce results, then the column's.
const char* kPeBothDims = R"(
param memcpy_params;
param c2d_params;
param px: u16;
param py: u16;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const mpi_x = @import_module("<collectives_2d/pe>", .{ .dim_params = c2d_params.x });
const mpi_y = @import_module("<collectives_2d/pe>", .{ .dim_params = c2d_params.y });
const C: u16 = 3;
const N: u16 = 5;
var x_src = @zeros([N * C]u32);
var x_chunk = @zeros([C]u32);
var x_all = @zeros([N * C]u32);
var x_val = @zeros([C]f32);
var x_sum = @zeros([C]f32);
var y_src = @zeros([N * C]u32);
var y_chunk = @zeros([C]u32);
var y_all = @zeros([N * C]u32);
var y_val = @zeros([C]f32);
var y_sum = @zeros([C]f32);
var y = @zeros([2 * (N * C + C)]u32);
const y_ptr: [*]u32 = &y;
const x_id = @get_local_task_id(20);
const y_id = @get_local_task_id(21);
var x_step: u16 = 0;
var y_step: u16 = 0;
var x_root: u16 = 0;
var y_root: u16 = 0;
var finished: u16 = 0;
fn finish() void {
  finished += 1;
  if (finished < 2) return;
  for (@range(u16, N * C)) |k| {
    y[k] = x_all[k];
    y[N * C + C + k] = y_all[k];
  }
  for (@range(u16, C)) |i| {
    y[N * C + i] = @bitcast(u32, x_sum[i]);
    y[2 * N * C + C + i] = @bitcast(u32, y_sum[i]);
  }
  sys_mod.unblock_cmd_stream();
}
task x_task() void {
  x_step += 1;
  if (x_step == 1) { mpi_x.scatter(x_root, &x_src, &x_chunk, C, x_id); }
  else if (x_step == 2) { mpi_x.gather(x_root, &x_chunk, &x_all, C, x_id); }
  else if (x_step == 3) { mpi_x.reduce_fadds(x_root, &x_val, &x_sum, C, x_id); }
  else { finish(); }
}
task y_task() void {
  y_step += 1;
  if (y_step == 1) { mpi_y.scatter(y_root, &y_src, &y_chunk, C, y_id); }
  else if (y_step == 2) { mpi_y.gather(y_root, &y_chunk, &y_all, C, y_id); }
  else if (y_step == 3) { mpi_y.reduce_fadds(y_root, &y_val, &y_sum, C, y_id); }
  else { finish(); }
}
fn compute(rx: u16, ry: u16) void {
  x_root = rx;
  y_root = ry;
  x_step = 0;
  y_step = 0;
  finished = 0;
  for (@range(u16, N * C)) |k| {
    x_src[k] = if (px == rx) @as(u32, 100 * py + k) else 0xdeadbeef;
    y_src[k] = if (py == ry) @as(u32, 3000 + 100 * px + k) else 0xdeadbeef;
    x_all[k] = 0xdeadbeef;
    y_all[k] = 0xdeadbeef;
  }
  for (@range(u16, C)) |i| {
    x_val[i] = @as(f32, px) + @as(f32, i);
    y_val[i] = 10.0 * @as(f32, py) + @as(f32, i);
  }
  @activate(x_id);
  @activate(y_id);
}
comptime {
  @bind_local_task(x_task, x_id);
  @bind_local_task(y_task, y_id);
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

} // namespace

class TestCslCollectives : public QObject {
    Q_OBJECT
  private slots:
    void everyRoot_data() {
        QTest::addColumn<int>("arch");
        QTest::addColumn<int>("dim");
        QTest::addColumn<QList<int>>("roots");
        // Roots one after another on one fabric: each end, the middle, the middle again
        // (the root then listens to the side it took last) and the other inner PEs.
        const QList<int> rowRoots = {0, 2, 2, 4, 1, 3, 2, 0};
        const QList<int> columnRoots = {0, 1, 1, 3, 2, 2, 0};
        for (int arch : {int(sim::Arch::Wse2), int(sim::Arch::Wse3)}) {
            const char* name = arch == int(sim::Arch::Wse2) ? "wse2" : "wse3";
            QTest::addRow("%s rows", name) << arch << 0 << rowRoots;
            QTest::addRow("%s columns", name) << arch << 1 << columnRoots;
        }
    }
    void everyRoot() {
        QFETCH(int, arch);
        QFETCH(int, dim);
        QFETCH(QList<int>, roots);
        std::string diags;
        auto prog = compileProgram(kLayout, kPe, sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        sim::Fabric fabric(prog);
        for (int rootId : roots) {
            const uint32_t root = uint32_t(rootId);
            auto r =
                fabric.runUntilDone(fabric.launch("compute", {uint32_t(dim), root}), 10'000'000);
            const std::string at = "root " + std::to_string(root) + ": ";
            QVERIFY2(r.status == sim::RunStatus::CommandDone, (at + r.message).c_str());
            sim::MemcpyRequest req;
            req.toDevice = false;
            req.symbol = "y";
            req.w = kWidth;
            req.h = kHeight;
            req.elementsPerPe = kYWords;
            auto id = fabric.memcpy(req);
            r = fabric.runUntilDone(id, 10'000'000);
            QVERIFY2(r.status == sim::RunStatus::CommandDone, (at + r.message).c_str());
            const std::vector<uint32_t> y = fabric.takeResult(id);
            QCOMPARE(y.size(), size_t(kWidth * kHeight * kYWords));
            for (uint32_t py = 0; py < kHeight; ++py)
                for (uint32_t px = 0; px < kWidth; ++px) {
                    const Expected e = expected(uint32_t(dim), root, px, py);
                    const uint32_t* got = y.data() + (py * kWidth + px) * kYWords;
                    for (uint32_t k = 0; k < kYWords; ++k) {
                        if (!e.checked[k] || got[k] == e.words[k])
                            continue;
                        const std::string what =
                            e.isFloat[k] ? std::to_string(asFloat(got[k])) + " instead of " +
                                               std::to_string(asFloat(e.words[k]))
                                         : std::to_string(got[k]) + " instead of " +
                                               std::to_string(e.words[k]);
                        QFAIL((at + "PE (" + std::to_string(px) + ", " + std::to_string(py) +
                               ") word " + std::to_string(k) + " is " + what)
                                  .c_str());
                    }
                }
        }
    }

    // The Libraries page: get_params' ids may hold "either the x-related fields, the
    // y-related fields, or all four"; with x only there is no .y to import.
    void xOnlyParams_data() { addArchRows(); }
    void xOnlyParams() {
        QFETCH(int, arch);
        const std::string layout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 3, .height = 1 });
const c2d = @import_module("<collectives_2d/params>");
layout {
  @set_rectangle(3, 1);
  for (@range(u16, 3)) |x| {
    @set_tile_code(x, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(x),
      .c2d_params = c2d.get_params(x, 0, .{
        .x_colors = .{ @get_color(0), @get_color(1) },
        .x_entrypoints = .{ @get_local_task_id(10), @get_local_task_id(11) } }) });
  }
}
)";
        const std::string pe = R"(
param memcpy_params;
param c2d_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const mpi_x = @import_module("<collectives_2d/pe>", .{ .dim_params = c2d_params.x });
comptime { @comptime_assert(!@has_field(c2d_params, "y")); }
)";
        std::string diags;
        QVERIFY2(compileProgram(layout, pe, sim::Arch(arch), &diags), diags.c_str());
    }

    void rowsAndColumnsAtOnce_data() {
        QTest::addColumn<int>("arch");
        QTest::addColumn<QList<int>>("roots"); // row root, column root, ...
        const QList<int> roots = {2, 1, 0, 3, 4, 2, 2, 1, 1, 0};
        QTest::addRow("wse2") << int(sim::Arch::Wse2) << roots;
        QTest::addRow("wse3") << int(sim::Arch::Wse3) << roots;
    }
    void rowsAndColumnsAtOnce() {
        QFETCH(int, arch);
        QFETCH(QList<int>, roots);
        std::string diags;
        auto prog = compileProgram(kLayout, kPeBothDims, sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        sim::Fabric fabric(prog);
        constexpr uint32_t kWords = 2 * (kMaxLine * kChunk + kChunk);
        for (qsizetype r = 0; r + 1 < roots.size(); r += 2) {
            const uint32_t rowRoot = uint32_t(roots[r]), columnRoot = uint32_t(roots[r + 1]);
            const std::string at =
                "roots " + std::to_string(rowRoot) + ", " + std::to_string(columnRoot) + ": ";
            auto res =
                fabric.runUntilDone(fabric.launch("compute", {rowRoot, columnRoot}), 10'000'000);
            QVERIFY2(res.status == sim::RunStatus::CommandDone, (at + res.message).c_str());
            sim::MemcpyRequest req;
            req.toDevice = false;
            req.symbol = "y";
            req.w = kWidth;
            req.h = kHeight;
            req.elementsPerPe = kWords;
            auto id = fabric.memcpy(req);
            res = fabric.runUntilDone(id, 10'000'000);
            QVERIFY2(res.status == sim::RunStatus::CommandDone, (at + res.message).c_str());
            const std::vector<uint32_t> y = fabric.takeResult(id);
            QCOMPARE(y.size(), size_t(kWidth * kHeight * kWords));
            for (uint32_t py = 0; py < kHeight; ++py)
                for (uint32_t px = 0; px < kWidth; ++px) {
                    const uint32_t* got = y.data() + (py * kWidth + px) * kWords;
                    const std::string pe =
                        at + "PE (" + std::to_string(px) + ", " + std::to_string(py) + ") ";
                    if (px == rowRoot) {
                        // The row's scatter then gather bring root's x_src back.
                        for (uint32_t k = 0; k < kWidth * kChunk; ++k)
                            QVERIFY2(got[k] == 100 * py + k, (pe + "row gather").c_str());
                        for (uint32_t i = 0; i < kChunk; ++i)
                            QVERIFY2(asFloat(got[kMaxLine * kChunk + i]) ==
                                         float(0 + 1 + 2 + 3 + 4) + float(kWidth * i),
                                     (pe + "row sum").c_str());
                    }
                    if (py == columnRoot) {
                        const uint32_t* col = got + kMaxLine * kChunk + kChunk;
                        for (uint32_t k = 0; k < kHeight * kChunk; ++k)
                            QVERIFY2(col[k] == 3000 + 100 * px + k, (pe + "column gather").c_str());
                        for (uint32_t i = 0; i < kChunk; ++i)
                            QVERIFY2(asFloat(col[kMaxLine * kChunk + i]) ==
                                         10.0f * float(0 + 1 + 2 + 3) + float(kHeight * i),
                                     (pe + "column sum").c_str());
                    }
                }
        }
    }
};

QTEST_GUILESS_MAIN(TestCslCollectives)
#include "tst_csl_collectives.moc"
