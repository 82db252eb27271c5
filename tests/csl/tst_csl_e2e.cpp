// End to end: programs compiled by backend/csl run on the simulator and compute the
// right numbers (our own programs, in the shape of the SDK tutorials).
#include "tests/csl/csl_test_support.h"

#include <QTest>

#include <cmath>
#include <map>
#include <string>

namespace {

using namespace csl_tests;

std::shared_ptr<sim::FabricProgram> build(std::map<std::string, std::string> files,
                                          sim::Arch arch) {
    const csl::CompileResult r = compileFiles(std::move(files), arch);
    if (!r.ok)
        qWarning("%s", allDiagnostics(r).c_str());
    return r.ok ? r.program : nullptr;
}

// Launches the exported "compute" and copies `elements` words of "y" back; returns the
// simulator's message when either does not finish.
std::string launchComputeAndReadY(std::shared_ptr<sim::FabricProgram> prog, uint32_t elements,
                                  std::vector<uint32_t>* y) {
    sim::Fabric fabric(std::move(prog));
    auto r = fabric.runUntilDone(fabric.launch("compute", {}), 10'000'000);
    if (r.status != sim::RunStatus::CommandDone)
        return r.message;
    sim::MemcpyRequest req;
    req.toDevice = false;
    req.symbol = "y";
    req.elementsPerPe = elements;
    auto id = fabric.memcpy(req);
    r = fabric.runUntilDone(id, 10'000'000);
    if (r.status != sim::RunStatus::CommandDone)
        return r.message;
    *y = fabric.takeResult(id);
    return {};
}

const char* kLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 1, .height = 1 });
layout {
  @set_rectangle(1, 1);
  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0) });
  @export_name("y", [*]f32, false);
  @export_name("compute", fn()void);
}
)";

// y = A x + b with A[i][j] = i*N + j, x = 1, b = 2 (scalar loops).
const char* kScalarPe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const M: i16 = 4;
const N: i16 = 6;
var A: [M*N]f32;
var x: [N]f32;
var b: [M]f32;
var y: [M]f32;
const y_ptr: [*]f32 = &y;
fn init() void {
  for (@range(i16, M*N)) |k| { A[k] = @as(f32, k); }
  for (@range(i16, N)) |j| { x[j] = 1.0; }
  var i: i16 = 0;
  while (i < M) : (i += 1) { b[i] = 2.0; y[i] = 0.0; }
}
fn compute() void {
  init();
  for (@range(i16, M)) |i| {
    var acc: f32 = 0.0;
    for (@range(i16, N)) |j| { acc += A[i*N + j] * x[j]; }
    y[i] = acc + b[i];
  }
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// The same computation with DSDs: column-major A, one @fmacs per column.
const char* kDsdPe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const M: i16 = 4;
const N: i16 = 6;
var A: [M*N]f32;
var x: [N]f32;
var y: [M]f32;
const y_ptr: [*]f32 = &y;
var A_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{M} -> A[i] });
const y_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{M} -> y[i] });
fn compute() void {
  for (@range(i16, N)) |j| {
    for (@range(i16, M)) |i| { A[j*M + i] = @as(f32, i*N + j); }
    x[j] = 1.0;
  }
  @fmovs(y_dsd, 2.0);
  for (@range(i16, N)) |j| {
    @fmacs(y_dsd, y_dsd, A_dsd, x[j]);
    A_dsd = @increment_dsd_offset(A_dsd, M, f32);
  }
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// Two PEs: the west one sends its vector over a color, the east one adds it to its own.
const char* kRouteLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 2, .height = 1 });
const c = @get_color(4);
layout {
  @set_rectangle(2, 1);
  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0), .sender = true, .c = c });
  @set_tile_code(1, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(1), .sender = false, .c = c });
  @set_color_config(0, 0, c, .{ .routes = .{ .rx = .{ RAMP }, .tx = .{ EAST } } });
  @set_color_config(1, 0, c, .{ .routes = .{ .rx = .{ WEST }, .tx = .{ RAMP } } });
  @export_name("y", [*]f32, false);
  @export_name("compute", fn()void);
}
)";
const char* kRoutePe = R"(
param memcpy_params;
param sender: bool;
param c: color;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const oq = @get_output_queue(2);
const iq = @get_input_queue(2);
const done_id = @get_local_task_id(12);
var y: [4]f32;
const y_ptr: [*]f32 = &y;
const y_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> y[i] });
task done() void { sys_mod.unblock_cmd_stream(); }
fn compute() void {
  for (@range(u16, 4)) |i| {
    y[i] = @as(f32, i) + (if (sender) 10.0 else 100.0);
  }
  if (sender) {
    const out = @get_dsd(fabout_dsd, if (@is_arch("wse3")) .{ .extent = 4, .output_queue = oq }
                                     else .{ .extent = 4, .output_queue = oq, .fabric_color = c });
    @fmovs(out, y_dsd, .{ .async = true, .activate = done_id });
  } else {
    const in = @get_dsd(fabin_dsd, .{ .extent = 4, .input_queue = iq, .fabric_color = c });
    @fadds(y_dsd, y_dsd, in, .{ .async = true, .activate = done_id });
  }
}
comptime {
  @bind_local_task(done, done_id);
  @initialize_queue(oq, if (@is_arch("wse3")) .{ .color = c } else .{});
  @initialize_queue(iq, .{ .color = c });
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

const char* kDebugLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 1, .height = 1 });
layout {
  @set_rectangle(1, 1);
  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0) });
  @export_name("compute", fn()void);
}
)";
const char* kDebugPe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const trace = @import_module("<debug>", .{ .key = "log", .buffer_size = 16 });
fn compute() void {
  trace.trace_u16(0x1234);
  trace.trace_string("abc");
  trace.trace_f32(1.5);
  trace.trace_bool(true);
  sys_mod.unblock_cmd_stream();
}
comptime { @export_symbol(compute); }
)";

const char* kMapPe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var src = [4]f32{ 1.0, 2.0, 3.0, 4.0 };
var y: [4]f32;
var total: f32 = 0.0;
const y_ptr: [*]f32 = &y;
const src_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> src[i] });
const y_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> y[i] });
fn scaled_square(v: f32, k: f32) f32 { return v * v * k; }
fn accumulate(v: f32, acc: *f32) f32 { return acc.* + v; }
fn compute() void {
  @map(scaled_square, src_dsd, 2.0, y_dsd);
  @map(accumulate, y_dsd, &total, &total);
  y[0] = total;
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// @map over runtime DSDs (SRAM variables changed with @set_dsd_*), as the SDK's BLAS
// helpers do: the loop reads base, stride and length with DsdGet.
const char* kMapRuntimePe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var src = [8]f32{ 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0 };
var y: [4]f32;
const y_ptr: [*]f32 = &y;
var odd_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{2} -> src[2*i] });
var y_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> y[i] });
fn twice(v: f32) f32 { return 2.0 * v; }
fn accumulate(v: f32, acc: *f32) f32 { return acc.* + v; }
fn sum_every_other(n: i16, x: [*]f32) f32 {
  odd_dsd = @set_dsd_base_addr(odd_dsd, x);
  odd_dsd = @set_dsd_length(odd_dsd, @bitcast(u16, n));
  var s: f32 = 0.0;
  @map(accumulate, odd_dsd, &s, &s);
  return s;
}
fn compute() void {
  const s = sum_every_other(4, &src);
  @map(twice, odd_dsd, y_dsd);
  y[0] = y[0] + s;
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// DSDs built over an i16 array and rebound to f32 arrays: a DSD's stride counts elements,
// so @map, @set_dsd_stride and DSD operations step by the f32 size, not the i16 size the
// DSD was declared with.
const char* kMapRebindPe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var a = [6]f32{ 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 };
var b = [6]f32{ 2.0, 2.0, 2.0, 2.0, 2.0, 2.0 };
var c: [2]f32;
var y: [4]f32;
const y_ptr: [*]f32 = &y;
var words: [4]i16;
var lhs = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{1} -> words[i] });
var rhs = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{1} -> words[i] });
const fixed = @set_dsd_base_addr(@get_dsd(mem1d_dsd, .{ .tensor_access = |i|{3} -> words[i] }), &b);
fn mul_add(p: f32, q: f32, acc: *f32) f32 { return acc.* + p * q; }
fn accumulate(v: f32, acc: *f32) f32 { return acc.* + v; }
fn dot(n: u16, p: [*]f32, q: [*]f32) f32 {
  lhs = @set_dsd_length(@set_dsd_base_addr(lhs, p), n);
  rhs = @set_dsd_length(@set_dsd_base_addr(rhs, q), n);
  var s: f32 = 0.0;
  @map(mul_add, lhs, rhs, &s, &s);
  return s;
}
fn compute() void {
  y[0] = dot(6, &a, &b);
  lhs = @set_dsd_stride(@set_dsd_length(@set_dsd_base_addr(lhs, &a), 3), 2);
  var s: f32 = 0.0;
  @map(accumulate, lhs, &s, &s);
  y[1] = s;
  lhs = @set_dsd_length(@set_dsd_base_addr(lhs, &a), 2);
  rhs = @set_dsd_length(@set_dsd_base_addr(rhs, &c), 2);
  @fadds(rhs, lhs, 2.0);
  y[2] = c[0] + 10.0 * c[1];
  var t: f32 = 0.0;
  @map(accumulate, fixed, &t, &t);
  y[3] = t;
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// A teardown control wavelet built with <memcpy/memcpy_switches> puts color 3 in teardown
// mode at both routers; the @set_teardown_handler handler counts, checks and leaves
// teardown mode with <tile_config>, then rewrites the route.
const char* kTeardownLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 2, .height = 1 });
layout {
  @set_rectangle(2, 1);
  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0), .sender = true });
  @set_tile_code(1, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(1), .sender = false });
  @set_color_config(0, 0, @get_color(3), .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
  @set_color_config(1, 0, @get_color(3), .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });
  @export_name("y", [*]u32, false);
  @export_name("compute", fn()void);
}
)";

const char* kTeardownPe = R"(
param memcpy_params;
param sender: bool;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const tile_config = @import_module("<tile_config>");
const switches = @import_module("<memcpy/memcpy_switches>");
const C: color = @get_color(3);
var y = [4]u32{ 0, 0, 0, 0 };
const y_ptr: [*]u32 = &y;
const td = [1]u32{ switches.ctrl(switches.teardown_cmd_1()) };
const td_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{1} -> td[i] });
const out = @get_dsd(fabout_dsd, .{ .fabric_color = C, .extent = 1,
                                    .output_queue = @get_output_queue(2), .control = true });
fn on_teardown() void {
  y[0] += 1;
  y[1] = if (tile_config.teardown.is_active(C)) 1 else 0;
  tile_config.teardown.exit(C);
  y[2] = if (tile_config.teardown.is_active(C)) 1 else 0;
  tile_config.color_config.reset_routes(tile_config.color_config.get_color_config_addr(C),
                                        .{ .rx = RAMP, .tx = [2]direction{ EAST, NORTH } });
  tile_config.switch_config.set_rx_switch_pos1(C, WEST);
  tile_config.switch_config.clear_current_position(C);
  y[3] = tile_config.switch_config.get_current_position(C) + 7;
}
fn compute() void {
  if (sender) { @mov32(out, td_dsd); }
  sys_mod.unblock_cmd_stream();
}
comptime {
  @set_teardown_handler(on_teardown, C);
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// <random>.random_f32 draws from [a, b) with the PE generator; a Monte-Carlo estimate of pi
// over uniform points in [-1, 1)^2 must be close to pi (the SDK's topic-02 checks 200
// points against a tolerance of 0.1).
const char* kRandomPe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const random = @import_module("<random>");
var y = [4]f32{ 0.0, 0.0, 0.0, 0.0 };
const y_ptr: [*]f32 = &y;
fn compute() void {
  var hits: u32 = 0;
  var lo: f32 = 1.0;
  var hi: f32 = -1.0;
  for (@range(u32, 2000)) |i| {
    const a = random.random_f32(-1.0, 1.0);
    const b = random.random_f32(-1.0, 1.0);
    if (a * a + b * b <= 1.0) { hits += 1; }
    if (a < lo) { lo = a; }
    if (a > hi) { hi = a; }
  }
  y[0] = 4.0 * @as(f32, hits) / 2000.0;
  y[1] = lo;
  y[2] = hi;
  y[3] = random.random_f32(5.0, 6.0);
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// A DSR loaded with `.save_address = true` advances past the elements each operation used
// (single-tile-matvec's column walk): y = 10 * A[:, 0] + 100 * A[:, 1].
const char* kSaveAddressPe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var A = [8]f32{ 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0 };
var x = [2]f32{ 10.0, 100.0 };
var y = [4]f32{ 0.0, 0.0, 0.0, 0.0 };
const y_ptr: [*]f32 = &y;
const a_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> A[i] });
const y_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> y[i] });
var x_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{2} -> x[i] });
const dest = @get_dsr(dsr_dest, 1);
const src0 = @get_dsr(dsr_src0, 1);
const src1 = @get_dsr(dsr_src1, 1);
fn step(v: f32) void { @fmacs(dest, src0, src1, v); }
fn compute() void {
  @load_to_dsr(dest, y_dsd, .{ .save_address = false });
  @load_to_dsr(src0, y_dsd, .{ .save_address = false });
  @load_to_dsr(src1, a_dsd, .{ .save_address = true });
  @map(step, x_dsd);
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// `.index` on a DSD with wavelet_index_offset: A is 4x3 row-major, A[i][j] = 10i + j;
// each step adds column idx times (idx + 1), so y[i] = 60i + 8. `.index` counts 16-bit
// words, so an f32 column j is at index 2j (a runtime value).
const char* kIndexPe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var A = [12]f32{ 0.0, 1.0, 2.0, 10.0, 11.0, 12.0, 20.0, 21.0, 22.0, 30.0, 31.0, 32.0 };
var y = @zeros([4]f32);
const y_ptr: [*]f32 = &y;
const column = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> A[3 * i],
                                      .wavelet_index_offset = true });
const y_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> y[i] });
fn compute() void {
  var idx: u16 = 0;
  var factor: f32 = 1.0;
  while (idx < 3) {
    @fmacs(y_dsd, y_dsd, column, factor, .{ .index = 2 * idx });
    idx += 1;
    factor += 1.0;
  }
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

} // namespace

// @as between integers and an enum(u16), comptime and at run time, in both directions.
const char* kEnumCastPe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const Mode = enum(u16) { send = 0, receive = 1, idle = 7 };
const select: u16 = 7;
var sel_rt: u16 = 1;
var y: [4]f32;
const y_ptr: [*]f32 = &y;
fn score(m: Mode) f32 {
  return switch (m) { Mode.send => 1.0, Mode.receive => 2.0, Mode.idle => 3.0 };
}
fn compute() void {
  y[0] = score(@as(Mode, select));
  y[1] = score(@as(Mode, sel_rt));
  const m: Mode = @as(Mode, sel_rt + 6);
  y[2] = @as(f32, @as(u16, m)) + score(m);
  y[3] = @as(f32, @as(u16, Mode.idle)) + @as(f32, @as(i32, @as(Mode, 1)))
         + score(@as(Mode, .send)) - 1.0;
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// Double buffering through an exported var pointer: the host's copies of "buf" follow the
// pointer to whichever buffer it points at when the copy starts, as the SDK's memcpy does
// (it reads an exported tensor through the pointer's run-time value).
const char* kSwapLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 1, .height = 1 });
layout {
  @set_rectangle(1, 1);
  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0) });
  @export_name("buf", [*]u32, true);
  @export_name("swap", fn()void);
  @export_name("point_past_end", fn()void);
}
)";
const char* kSwapPe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var front = [4]u32{ 1, 2, 3, 4 };
var back = [4]u32{ 5, 6, 7, 8 };
var buf: [*]u32 = &front;
var at_front = true;
fn swap() void {
  if (at_front) { buf = &back; } else { buf = &front; }
  at_front = !at_front;
  sys_mod.unblock_cmd_stream();
}
fn point_past_end() void {
  var far: u16 = 49148;
  buf = @bitcast([*]u32, far);
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(buf, "buf");
  @export_symbol(swap);
  @export_symbol(point_past_end);
}
)";

class TstCslE2e : public QObject {
    Q_OBJECT
  private slots:
    void gemv_data() {
        QTest::addColumn<QString>("pe");
        QTest::addColumn<int>("arch");
        QTest::newRow("scalar-wse2") << QString(kScalarPe) << int(sim::Arch::Wse2);
        QTest::newRow("scalar-wse3") << QString(kScalarPe) << int(sim::Arch::Wse3);
        QTest::newRow("dsd-wse2") << QString(kDsdPe) << int(sim::Arch::Wse2);
        QTest::newRow("dsd-wse3") << QString(kDsdPe) << int(sim::Arch::Wse3);
    }
    void gemv() {
        QFETCH(QString, pe);
        QFETCH(int, arch);
        auto prog = build({{"layout.csl", kLayout}, {"pe.csl", pe.toStdString()}}, sim::Arch(arch));
        QVERIFY(prog);
        sim::Fabric fabric(prog);
        auto launched = fabric.launch("compute", {});
        auto r = fabric.runUntilDone(launched, 10'000'000);
        QVERIFY2(r.status == sim::RunStatus::CommandDone, r.message.c_str());
        sim::MemcpyRequest req;
        req.toDevice = false;
        req.symbol = "y";
        req.elementsPerPe = 4;
        auto id = fabric.memcpy(req);
        r = fabric.runUntilDone(id, 10'000'000);
        QVERIFY2(r.status == sim::RunStatus::CommandDone, r.message.c_str());
        std::vector<uint32_t> y = fabric.takeResult(id);
        QCOMPARE(y.size(), size_t(4));
        for (int i = 0; i < 4; ++i) {
            float expect = 2.0f;
            for (int j = 0; j < 6; ++j)
                expect += float(i * 6 + j);
            QCOMPARE(asFloat(y[size_t(i)]), expect);
        }
    }
    void copiesFollowAnExportedVarPointer_data() { addArchRows(); }
    void copiesFollowAnExportedVarPointer() {
        QFETCH(int, arch);
        auto prog = build({{"layout.csl", kSwapLayout}, {"pe.csl", kSwapPe}}, sim::Arch(arch));
        QVERIFY(prog);
        sim::Fabric fabric(prog);
        const auto copy = [&fabric](bool toDevice, std::vector<uint32_t> data) {
            sim::MemcpyRequest req;
            req.toDevice = toDevice;
            req.symbol = "buf";
            req.elementsPerPe = 4;
            const auto id = fabric.memcpy(req, std::move(data));
            const auto r = fabric.runUntilDone(id, 1'000'000);
            if (r.status != sim::RunStatus::CommandDone)
                qWarning("%s", r.message.c_str());
            return toDevice ? std::vector<uint32_t>{} : fabric.takeResult(id);
        };
        const auto swap = [&fabric] {
            return fabric.runUntilDone(fabric.launch("swap", {}), 1'000'000).status ==
                   sim::RunStatus::CommandDone;
        };
        QCOMPARE(copy(false, {}), (std::vector<uint32_t>{1, 2, 3, 4}));
        QVERIFY(swap());
        QCOMPARE(copy(false, {}), (std::vector<uint32_t>{5, 6, 7, 8}));
        copy(true, {50, 60, 70, 80}); // into back
        QVERIFY(swap());
        QCOMPARE(copy(false, {}), (std::vector<uint32_t>{1, 2, 3, 4}));
        QVERIFY(swap());
        QCOMPARE(copy(false, {}), (std::vector<uint32_t>{50, 60, 70, 80}));
        // A pointer re-pointed past the PE's memory: the copy stops the run with an error
        // naming the symbol and the address, not a write outside SRAM.
        QCOMPARE(fabric.runUntilDone(fabric.launch("point_past_end", {}), 1'000'000).status,
                 sim::RunStatus::CommandDone);
        sim::MemcpyRequest req;
        req.toDevice = false;
        req.symbol = "buf";
        req.elementsPerPe = 4;
        std::string error;
        try {
            error = fabric.runUntilDone(fabric.memcpy(req), 1'000'000).message;
        } catch (const std::invalid_argument& e) {
            error = e.what();
        }
        QVERIFY2(error.find("'buf' (address 49148) exceed 48 KB on PE(0,0)") != std::string::npos,
                 error.c_str());
    }
    void enumCasts_data() { addArchRows(); }
    void enumCasts() {
        QFETCH(int, arch);
        auto prog = build({{"layout.csl", kLayout}, {"pe.csl", kEnumCastPe}}, sim::Arch(arch));
        QVERIFY(prog);
        std::vector<uint32_t> y;
        const std::string error = launchComputeAndReadY(prog, 4, &y);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(asFloat(y[0]), 3.0f);  // comptime 7 -> idle
        QCOMPARE(asFloat(y[1]), 2.0f);  // runtime 1 -> receive
        QCOMPARE(asFloat(y[2]), 10.0f); // runtime 7 -> idle -> 7, plus its score 3
        QCOMPARE(asFloat(y[3]), 8.0f);  // idle -> 7, plus receive -> 1
    }
    void mapBuiltin() {
        auto prog = build({{"layout.csl", kLayout}, {"pe.csl", kMapPe}}, sim::Arch::Wse2);
        QVERIFY(prog);
        std::vector<uint32_t> y;
        const std::string error = launchComputeAndReadY(prog, 4, &y);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(asFloat(y[0]), 60.0f); // 2 * (1 + 4 + 9 + 16)
        QCOMPARE(asFloat(y[1]), 8.0f);
        QCOMPARE(asFloat(y[2]), 18.0f);
        QCOMPARE(asFloat(y[3]), 32.0f);
    }
    void mapRuntimeDsd_data() { addArchRows(); }
    void mapRuntimeDsd() {
        QFETCH(int, arch);
        auto prog = build({{"layout.csl", kLayout}, {"pe.csl", kMapRuntimePe}}, sim::Arch(arch));
        QVERIFY(prog);
        std::vector<uint32_t> y;
        const std::string error = launchComputeAndReadY(prog, 4, &y);
        QVERIFY2(error.empty(), error.c_str());
        // s = 1 + 3 + 5 + 7; y = 2 * src[0, 2, 4, 6] over the DSD's runtime length 4.
        QCOMPARE(asFloat(y[0]), 18.0f);
        QCOMPARE(asFloat(y[1]), 6.0f);
        QCOMPARE(asFloat(y[2]), 10.0f);
        QCOMPARE(asFloat(y[3]), 14.0f);
    }
    void mapRebindsI16DsdToF32_data() { addArchRows(); }
    void mapRebindsI16DsdToF32() {
        QFETCH(int, arch);
        auto prog = build({{"layout.csl", kLayout}, {"pe.csl", kMapRebindPe}}, sim::Arch(arch));
        QVERIFY(prog);
        std::vector<uint32_t> y;
        const std::string error = launchComputeAndReadY(prog, 4, &y);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(asFloat(y[0]), 42.0f); // 2 * (1 + ... + 6)
        QCOMPARE(asFloat(y[1]), 9.0f);  // a[0] + a[2] + a[4] (stride 2 elements)
        QCOMPARE(asFloat(y[2]), 53.0f); // c = a[0], a[2] + 2 (the stride stays 2 elements)
        QCOMPARE(asFloat(y[3]), 6.0f);  // comptime DSD rebound to b, 3 elements
    }
    void indexOffsetsWaveletIndexDsd_data() { addArchRows(); }
    void indexOffsetsWaveletIndexDsd() {
        QFETCH(int, arch);
        auto prog = build({{"layout.csl", kLayout}, {"pe.csl", kIndexPe}}, sim::Arch(arch));
        QVERIFY(prog);
        std::vector<uint32_t> y;
        const std::string error = launchComputeAndReadY(prog, 4, &y);
        QVERIFY2(error.empty(), error.c_str());
        for (int i = 0; i < 4; ++i)
            QCOMPARE(asFloat(y[size_t(i)]), float(60 * i + 8));
    }
    void teardownHandler() {
        auto prog =
            build({{"layout.csl", kTeardownLayout}, {"pe.csl", kTeardownPe}}, sim::Arch::Wse2);
        QVERIFY(prog);
        sim::Fabric fabric(prog);
        auto r = fabric.runUntilDone(fabric.launch("compute", {}), 10'000'000);
        QVERIFY2(r.status == sim::RunStatus::CommandDone, r.message.c_str());
        // The teardown handlers run after compute has returned.
        r = fabric.runUntilIdle(10'000'000);
        QVERIFY2(r.status != sim::RunStatus::Fault, r.message.c_str());
        sim::MemcpyRequest req;
        req.toDevice = false;
        req.symbol = "y";
        req.w = 2;
        req.elementsPerPe = 4;
        auto id = fabric.memcpy(req);
        r = fabric.runUntilDone(id, 10'000'000);
        QVERIFY2(r.status == sim::RunStatus::CommandDone, r.message.c_str());
        auto y = fabric.takeResult(id);
        QCOMPARE(y.size(), size_t(8));
        for (size_t pe = 0; pe < 2; ++pe) {
            QCOMPARE(y[pe * 4 + 0], 1u); // the handler ran once
            QCOMPARE(y[pe * 4 + 1], 1u); // in teardown mode
            QCOMPARE(y[pe * 4 + 2], 0u); // teardown.exit left it
            QCOMPARE(y[pe * 4 + 3], 7u); // switch position reset to 0
        }
    }
    void randomF32() {
        auto prog = build({{"layout.csl", kLayout}, {"pe.csl", kRandomPe}}, sim::Arch::Wse2);
        QVERIFY(prog);
        sim::Fabric fabric(prog);
        auto r = fabric.runUntilDone(fabric.launch("compute", {}), 100'000'000);
        QVERIFY2(r.status == sim::RunStatus::CommandDone, r.message.c_str());
        sim::MemcpyRequest req;
        req.toDevice = false;
        req.symbol = "y";
        req.elementsPerPe = 4;
        auto id = fabric.memcpy(req);
        r = fabric.runUntilDone(id, 10'000'000);
        QVERIFY2(r.status == sim::RunStatus::CommandDone, r.message.c_str());
        auto y = fabric.takeResult(id);
        QVERIFY2(std::abs(asFloat(y[0]) - 3.14159f) < 0.1f, std::to_string(asFloat(y[0])).c_str());
        QVERIFY(asFloat(y[1]) >= -1.0f && asFloat(y[1]) < -0.99f);
        QVERIFY(asFloat(y[2]) < 1.0f && asFloat(y[2]) > 0.99f);
        QVERIFY(asFloat(y[3]) >= 5.0f && asFloat(y[3]) < 6.0f);
    }
    void dsrSaveAddress_data() { addArchRows(); }
    void dsrSaveAddress() {
        QFETCH(int, arch);
        auto prog = build({{"layout.csl", kLayout}, {"pe.csl", kSaveAddressPe}}, sim::Arch(arch));
        QVERIFY(prog);
        std::vector<uint32_t> y;
        const std::string error = launchComputeAndReadY(prog, 4, &y);
        QVERIFY2(error.empty(), error.c_str());
        for (int i = 0; i < 4; ++i)
            QCOMPARE(asFloat(y[size_t(i)]), float(10 * (i + 1) + 100 * (5 + i)));
    }
    void debugTrace() {
        auto prog = build({{"layout.csl", kDebugLayout}, {"pe.csl", kDebugPe}}, sim::Arch::Wse2);
        QVERIFY(prog);
        const sim::Symbol* buf = nullptr;
        const sim::Symbol* idx = nullptr;
        for (const auto& s : prog->classes[0].symbols) {
            if (s.name == "$$csl_debug.log.buffer")
                buf = &s;
            if (s.name == "$$csl_debug.log.buffer_index")
                idx = &s;
        }
        QVERIFY(buf && idx);
        QCOMPARE(buf->sizeBytes, 32u);
        sim::Fabric fabric(prog);
        auto r = fabric.runUntilDone(fabric.launch("compute", {}), 10'000'000);
        QVERIFY2(r.status == sim::RunStatus::CommandDone, r.message.c_str());
        auto count = fabric.readMemory(0, 0, idx->address, 2);
        auto words = fabric.readMemory(0, 0, buf->address, 32);
        auto word = [&](int i) {
            return uint16_t(words[size_t(2 * i)] | words[size_t(2 * i + 1)] << 8);
        };
        QCOMPARE(int(count[0] | count[1] << 8), 9);
        QCOMPARE(word(0), uint16_t('H'));
        QCOMPARE(word(1), uint16_t(0x1234));
        QCOMPARE(word(2), uint16_t(3 << 8 | 's'));
        QCOMPARE(word(3), uint16_t('a' | 'b' << 8));
        QCOMPARE(word(4), uint16_t('c'));
        QCOMPARE(word(5), uint16_t('f'));
        QCOMPARE(word(6), uint16_t(0x0000)); // 1.5f = 0x3fc00000
        QCOMPARE(word(7), uint16_t(0x3fc0));
        QCOMPARE(word(8), uint16_t(1 << 8 | '?'));
    }
    void route_data() { addArchRows(); }
    void route() {
        QFETCH(int, arch);
        auto prog = build({{"layout.csl", kRouteLayout}, {"pe.csl", kRoutePe}}, sim::Arch(arch));
        QVERIFY(prog);
        QCOMPARE(prog->classes.size(), size_t(2));
        sim::Fabric fabric(prog);
        auto launched = fabric.launch("compute", {});
        auto r = fabric.runUntilDone(launched, 10'000'000);
        QVERIFY2(r.status == sim::RunStatus::CommandDone, r.message.c_str());
        sim::MemcpyRequest req;
        req.toDevice = false;
        req.symbol = "y";
        req.w = 2;
        req.elementsPerPe = 4;
        auto id = fabric.memcpy(req);
        r = fabric.runUntilDone(id, 10'000'000);
        QVERIFY2(r.status == sim::RunStatus::CommandDone, r.message.c_str());
        std::vector<uint32_t> y = fabric.takeResult(id);
        QCOMPARE(y.size(), size_t(8));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(asFloat(y[size_t(i)]), float(i) + 10.0f);             // sender keeps its own
            QCOMPARE(asFloat(y[size_t(4 + i)]), 2.0f * float(i) + 110.0f); // receiver adds
        }
    }
};

QTEST_GUILESS_MAIN(TstCslE2e)
#include "tst_csl_e2e.moc"
