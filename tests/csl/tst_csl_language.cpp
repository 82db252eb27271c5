// The CSL language as the SDK's language pages document it (issue #3): small programs of
// our own, each exercising a few features alone and together, compiled by backend/csl for
// both architectures and run on the simulator; the u32 words they leave in `y` are
// checked. Every row that fixed a compiler bug says which.
#include "tests/csl/language_programs.h"

#include <QTest>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace csl_tests;

// A module imported twice with different params (two independent instances).
const char* kScaleModule = R"(
param scale: u16;
param offset: u16 = 1;
var counter: u16 = 0;
fn apply(x: u16) u16 { counter += 1; return x * scale + offset; }
fn count() u16 { return counter; }
)";

std::vector<LanguageCase> cases() {
    std::vector<LanguageCase> c;
    c.push_back({"integers_64bit_wrapping_shifts",
                 program(R"(
var g64: i64 = -5;
var gmax: u64 = 0x7FFFFFFFFFFFFFFF;
const A align(16) = [4]i16{1, -2, 3, -4};
var buf: [8]u8 align(64) linksection(".mySection") = @zeros([8]u8);
)",
                         R"(
  var a: i64 = 3000000000;
  var b: i64 = a * 4;
  y[0] = @as(u32, b & 0xffffffff);
  y[1] = @as(u32, b >> 32);
  var u: u64 = gmax + 2;
  y[2] = @as(u32, u >> 32);
  y[3] = @bitcast(u32, @as(i32, g64));
  var x: u8 = 250;
  x += 10;
  y[4] = x;
  var s: i16 = -32767 - 1;
  s -= 1;
  y[5] = @bitcast(u16, s);
  var sh: i16 = -16;
  y[6] = @bitcast(u16, sh >> 2);
  var us: u16 = 0x8000;
  y[7] = us >> 3;
  y[8] = @as(u32, A[3] + 10);
  buf[7] = 200;
  y[9] = buf[7];
)"),
                 {0xcb417800, 2, 0x80000000, 0xfffffffb, 4, 0x7fff, 0xfffc, 0x1000, 6, 200}});
    // Fixed: a u64 literal above the i64 range was "too large"; `-32768` for an i16 was
    // negated after coercing 32768 to i16.
    c.push_back({"u64_literal_and_signed_minimum",
                 program(R"(
var gu64: u64 = 0xFFFFFFFFFFFFFFFF;
)",
                         R"(
  var u: u64 = gu64 + 2;
  y[0] = @as(u32, u & 0xffffffff);
  y[1] = @as(u32, gu64 >> 60);
  var big: u64 = 0x8000000000000000;
  y[2] = @as(u32, big >> 63);
  var s: i16 = -32768;
  y[3] = @bitcast(u16, s);
  var t: i8 = -128;
  y[4] = @bitcast(u8, t);
)"),
                 {1, 15, 1, 0x8000, 0x80}});
    c.push_back({"floats_f16_bf16_cb16_casts",
                 program("",
                         R"(
  var h: f16 = 1.5;
  var h2: f16 = h * 3.0 + 0.25;
  y[0] = @bitcast(u16, h2);
  var b: bf16 = 2.5;
  var b2: bf16 = b * b;
  y[1] = @bitcast(u16, b2);
  const c: cb16 = 1.0;
  y[2] = @bitcast(u16, c + c);
  var f: f32 = @as(f32, h2) + @as(f32, b2);
  y[3] = @bitcast(u32, f);
  y[4] = @bitcast(u32, @as(i32, -7.9));
  var neg: f32 = -7.9;
  y[5] = @bitcast(u32, @as(i32, neg));
  y[6] = @as(u32, @as(f32, 3.99));
  var i: i16 = -3;
  y[7] = @bitcast(u32, @as(f32, i));
  var hb: bf16 = @as(bf16, h2);
  y[8] = @bitcast(u16, hb);
  var bigf: f32 = 1.0e10;
  var hinf: f16 = @as(f16, bigf);
  y[9] = @bitcast(u16, hinf);
  y[10] = @as(u32, @as(u16, h2));
  var fm: f32 = 7.5;
  y[11] = @bitcast(u32, fm / 2.0);
)"),
                 {0x44c0, 0x40c8, 0x4000, 0x41300000, 0xfffffff9, 0xfffffff9, 3, 0xc0400000, 0x4098,
                  0x7c00, 4, 0x40700000},
                 {},
                 "bf16"});
    c.push_back({"cb16_runtime_arithmetic",
                 program("",
                         R"(
  var c: cb16 = 1.0;
  var c2: cb16 = c + c;
  y[0] = @bitcast(u16, c2);
)"),
                 {0x4000},
                 {},
                 "cb16"});
    c.push_back({"operators_division_compare_bitwise",
                 program("",
                         R"(
  var a: i16 = -7;
  var b: i16 = 2;
  y[0] = @bitcast(u16, a / b);
  y[1] = @bitcast(u16, a % b);
  var c: i8 = 127;
  c += 1;
  y[2] = @bitcast(u8, c);
  var d: u32 = 0x10000;
  d *= 0x10000;
  y[3] = d;
  var e: u32 = 0xffffffff;
  y[4] = @as(u32, e > 5);
  var f: i32 = -1;
  y[5] = @as(u32, f < 5);
  var s: u16 = 1;
  y[6] = s << 15;
  var t: i32 = -1024;
  y[7] = @bitcast(u32, t >> 4);
  var g: u8 = 0;
  g -= 1;
  y[8] = g;
  var x64: i64 = -1;
  var u64v: u64 = @bitcast(u64, x64);
  y[9] = @as(u32, u64v >> 40);
  var sh: u16 = 3;
  var w: u32 = 1;
  y[10] = w << sh;
  var bb: bool = true;
  bb = !bb or (a < 0 and b > 0);
  y[11] = @as(u32, bb);
  y[12] = @as(u32, 7 / 2 + 7 % 3);
  var q: u16 = 0xabcd;
  y[13] = (q & 0xff) | ((q ^ 0xffff) & 0xff00);
  y[14] = ~q;
)"),
                 {0xfffd, 0xffff, 0x80, 0, 1, 1, 0x8000, 0xffffffc0, 255, 0xffffff, 8, 1, 4, 0x54cd,
                  0x5432}});
    // Fixed: default field values were ignored ("missing field"); `bp.lo.x = 42` through a
    // const pointer to a struct was "no field named 'lo' in '*Box'"; `[_]T{...}` was an
    // undeclared identifier '_'.
    c.push_back({"arrays_pointers_structs",
                 program(R"(
var m: [4,5]i32 = @zeros([4,5]i32);
const Point = struct { x: i16, y: i16 = 7 };
const Box = struct { lo: Point, hi: Point, tag: u8 = 3 };
var box: Box = .{ .lo = .{ .x = 1 }, .hi = .{ .x = 10, .y = 20 } };
fn bump(p: *i16, by: i16) void { p.* += by; }
fn readAt(p: [*]const i32, k: u16) i32 { return p[k]; }
fn sumRow(row: [*]const i32, n: u16) i32 {
  var s: i32 = 0;
  for (@range(u16, n)) |k| { s += row[k]; }
  return s;
}
)",
                         R"(
  for (@range(u16, 4)) |i| {
    for (@range(u16, 5)) |j| {
      m[i, j] = @as(i32, i) * 10 + @as(i32, j);
    }
  }
  y[0] = @bitcast(u32, m[2, 3]);
  var total: i32 = 0;
  for (@range(u16, 4)) |ri| {
    for (@range(u16, 5)) |ci| { total += m[ri, ci]; }
  }
  y[1] = @bitcast(u32, total);
  y[2] = @bitcast(u32, sumRow(&m[1, 0], 5));
  const p: *i32 = &m[3, 4];
  p.* = 99;
  y[3] = @bitcast(u32, m[3, 4]);
  bump(&box.hi.y, 5);
  y[4] = @as(u32, box.hi.y);
  y[5] = @as(u32, box.lo.y);
  y[6] = box.tag;
  const bp: *Box = &box;
  bp.lo.x = 42;
  y[7] = @as(u32, box.lo.x);
  const many: [*]i32 = &m[0, 0];
  y[8] = @bitcast(u32, readAt(many, 7));
  var arr = [_]u16{ 5, 6, 7 };
  const ap: *[3]u16 = &arr;
  ap[1] = 60;
  y[9] = arr[1];
  y[10] = ap.*[2];
  const tup = .{ @as(u16, 1), true, 2.5 };
  y[11] = tup[0];
  y[12] = if (tup[1]) 1 else 0;
  var pts = [2]Point{ .{ .x = 1 }, .{ .x = 2, .y = 3 } };
  y[13] = @as(u32, pts[0].y + pts[1].y);
  y[14] = @as(u32, @bitcast(u16, @as(i16, arr.len)));
)"),
                 {23, 340, 60, 99, 25, 7, 3, 42, 12, 60, 7, 1, 1, 10, 3}});
    // Fixed: `4...9` switch ranges were a parse error; `.x => return 1,` (return as a
    // prong expression) was a parse error; a switch whose prongs all return was "must return
    // a value on every path".
    c.push_back(
        {"control_flow_switch_loops_labels",
         program(R"(
const Color3 = enum(u8) { red = 1, green = 5, blue };
const Mode = enum { idle, run, stop };
fn classify(x: i16) u16 {
  return switch (x) {
    0 => 100,
    1, 2, 3 => 200,
    4...9 => 300,
    -20...-10, 50 => 500,
    else => 400,
  };
}
fn modeCode(m: Mode) u16 {
  switch (m) {
    Mode.idle => return 1,
    .run => return 2,
    else => return 3,
  }
}
fn sign(x: i32) i32 {
  if (x < 0) { return -1; } else if (x == 0) { return 0; } else { return 1; }
}
)",
                 R"(
  y[0] = classify(0); y[1] = classify(2); y[2] = classify(7); y[3] = classify(-5);
  y[4] = classify(-15); y[5] = classify(50);
  y[6] = modeCode(Mode.run); y[7] = modeCode(.stop);
  y[8] = @as(u32, @as(u8, Color3.blue));
  const c: Color3 = .green;
  y[9] = @get_int(c);
  const v = blk: {
    var acc: u16 = 0;
    var k: u16 = 0;
    while (k < 10) : (k += 1) {
      if (k % 2 == 0) continue;
      acc += k;
    }
    break :blk acc;
  };
  y[10] = v;
  var found: u16 = 99;
  outer: for (@range(u16, 5)) |i| {
    for (@range(u16, 5)) |j| {
      if (i * j == 6) { found = i * 10 + j; break :outer; }
    }
  }
  y[11] = found;
  var s: u16 = 0;
  inline for ([3]u16{ 4, 5, 6 }) |e, idx| { s += e * @as(u16, idx); }
  y[12] = s;
  const arr = [4]f32{ 1.0, 2.0, 3.0, 4.0 };
  var fsum: f32 = 0.0;
  for (arr) |e, idx| { fsum += e * @as(f32, idx); }
  y[13] = @as(u32, fsum);
  var w: u16 = 0;
  while (true) { w += 3; if (w > 10) break; }
  y[14] = w;
  y[15] = if (w == 12) @as(u32, 1) else @as(u32, 2);
  y[16] = @bitcast(u32, sign(-9) * 10 + sign(0) + sign(4));
  var r: u16 = 0;
  for (@range(i16, 10, 0, -3)) |k| { r = r * 10 + @as(u16, k); }
  y[17] = r;
)"),
         {100, 200, 300, 400, 500, 500, 2, 3, 6, 5, 25, 23, 17, 20, 12, 1, 0xfffffff7, 10741}});
    c.push_back({"functions_generic_pointers_comptime",
                 program(R"(
fn fact(comptime n: u32) u32 {
  if (n <= 1) return 1;
  return n * fact(n - 1);
}
fn twice(x: anytype) @type_of(x) { return x + x; }
fn maxOf(comptime T: type, a: T, b: T) T { return if (a > b) a else b; }
fn addOne(x: i16) i16 { return x + 1; }
fn negate(x: i16) i16 { return -x; }
fn apply(f: *const fn(i16) i16, v: i16) i16 { return f(v); }
const table = blk: {
  var t: [5]u16 = undefined;
  for (@range(u16, 5)) |i| { t[i] = i * i; }
  break :blk t;
};
)",
                         R"(
  y[0] = comptime fact(6);
  y[1] = @as(u32, twice(@as(u16, 21)));
  y[2] = @bitcast(u32, @as(f32, twice(@as(f32, 1.25))));
  y[3] = @as(u32, maxOf(i32, -3, 8));
  y[4] = @as(u32, apply(addOne, 41));
  var fp: *const fn(i16) i16 = addOne;
  y[5] = @as(u32, fp(9));
  fp = negate;
  y[6] = @bitcast(u16, fp(9));
  y[7] = table[4];
  var k: u16 = 3;
  y[8] = table[k];
)"),
                 {720, 42, 0x40200000, 8, 42, 10, 0xfff7, 16, 9}});
    // Fixed: struct and array values built from runtime values were refused ("runtime
    // values in typed aggregate initializers are not supported"); functions taking or
    // returning a struct by value were refused ("not allowed in a runtime function").
    c.push_back({"runtime_aggregates_and_struct_values",
                 program(R"(
const Pair = struct { a: u16, b: u16 };
var gp: Pair = .{ .a = 1, .b = 2 };
fn mk(a: u16, b: u16) Pair { return .{ .a = a, .b = b }; }
fn sumPair(p: Pair) u16 { return p.a + p.b; }
fn swap(p: Pair) Pair { return Pair{ .a = p.b, .b = p.a }; }
)",
                         R"(
  var k: u16 = 5;
  var p: Pair = .{ .a = k, .b = k * 2 };
  y[0] = p.b;
  gp = .{ .a = k + 1, .b = 3 };
  y[1] = gp.a;
  const q = mk(7, 8);
  y[2] = q.a + q.b;
  y[3] = sumPair(gp);
  var arr: [3]u16 = [3]u16{ k, k + 1, k + 2 };
  y[4] = arr[2];
  const snap = .{ .v = k };
  k = 100;
  y[5] = snap.v;
  const s = swap(p);
  y[6] = s.a * 100 + s.b;
)"),
                 {10, 6, 15, 9, 7, 5, 1005}});
    c.push_back({"modules_two_instances_comptime_builtins",
                 program(R"(
const m2 = @import_module("mod.csl", .{ .scale = 2 });
const m3 = @import_module("mod.csl", .{ .scale = 3, .offset = 10 });
const S = struct { a: i16, b: f32 };
const T = @concat_structs(.{ .a = 1 }, .{ .b = 2 });
const name = @strcat("ab", "cd");
comptime {
  @comptime_print("compiling ", name, @strlen(name));
  @comptime_assert(@strlen(name) == 4);
}
)",
                         R"(
  y[0] = m2.apply(5);
  y[1] = m3.apply(5);
  _ = m2.apply(1);
  y[2] = m2.count();
  y[3] = m3.count();
  y[4] = T.a + T.b;
  y[5] = @as(u32, @has_field(S, "b"));
  var p: [*]u16 = @ptrcast([*]u16, &y);
  p[12] = 77;
  y[7] = @as(u32, @rank([2,3]f32)) + @as(u32, @element_count([2,3]f32)) * 10;
  var i: u16 = 0;
  var acc: u16 = 0;
  while (i < 10) : (i += 2) { acc += i; }
  y[8] = acc;
  comptime var j = 0;
  inline while (j < 3) : (j += 1) { y[9 + j] = j * j; }
  const arr = [_]i32{ -1, 5, -7 };
  var idxsum: u32 = 0;
  for (arr) |v, k| { if (v < 0) idxsum += @as(u32, k) + 1; }
  y[12] = idxsum;
  y[13] = @as(u32, @get_array("AZ")[1]);
  y[14] = comptime @as(u32, @dimensions([3,7]u8)[1]);
)"),
                 {11, 25, 2, 1, 3, 1, 77, 62, 20, 0, 1, 4, 4, 90, 7},
                 {{"mod.csl", kScaleModule}}});
    // Fixed: @zeros of a struct with an enum field was refused; copying a struct with an
    // array field (or an array) as a whole was "cannot be used as a whole here".
    c.push_back({"enums_in_structs_and_whole_copies",
                 program(R"(
const State = enum(u16) { off = 0, on = 1, broken = 7 };
const Rec = struct { vals: [3]i16, st: State, scale: f32 };
var recs: [2]Rec = @zeros([2]Rec);
var other: Rec = .{ .vals = [3]i16{ 9, 8, 7 }, .st = .broken, .scale = 0.5 };
fn total(r: *const Rec) i32 {
  var s: i32 = 0;
  for (r.vals) |v| { s += @as(i32, v); }
  return s;
}
fn fill(p: *[3]i16, base: i16) void {
  for (@range(u16, 3)) |i| { p.*[i] = base + @as(i16, i); }
}
)",
                         R"(
  var k: u16 = 1;
  recs[k].vals[2] = 40;
  recs[k].st = .on;
  recs[0] = other;
  y[0] = @as(u32, recs[1].vals[2]);
  y[1] = @as(u32, recs[0].vals[0]);
  y[2] = @as(u32, if (recs[k].st == State.on) 1 else 0);
  y[3] = @get_int(recs[0].st);
  fill(&recs[1].vals, 100);
  y[4] = @bitcast(u32, total(&recs[1]));
  y[5] = @bitcast(u32, recs[0].scale * 4.0);
  var st: State = recs[0].st;
  y[6] = switch (st) { .off => 10, .on => 11, .broken => 12 };
  y[7] = @as(u32, st != State.off);
  var copy: [3]i16 = recs[1].vals;
  recs[1].vals[0] = 0;
  y[8] = @as(u32, copy[0]);
  y[9] = @get_int(recs[1].st) + @get_int(@zeros([1]State)[0]);
)"),
                 {40, 9, 1, 7, 303, 0x40000000, 12, 1, 100, 1}});
    c.push_back({"strings_labelled_continue_type_tuples",
                 program(R"(
const types = .{ u16, f32, i32 };
)",
                         R"(
  var n: u32 = 0;
  for ("hello") |ch| { n += @as(u32, ch); }
  y[0] = n;
  var cnt: u16 = 0;
  outer: for (@range(u16, 4)) |i| {
    var j: u16 = 0;
    while (j < 4) : (j += 1) {
      if (j > i) continue :outer;
      cnt += 1;
    }
  }
  y[1] = cnt;
  var sz: u32 = 0;
  inline for (types) |T| { sz += @as(u32, @as(T, 2)); }
  y[2] = sz;
  y[3] = if (@is_arch("wse2") or @is_arch("wse3")) 1 else 0;
  var k: u16 = 0;
  while (k < 100) : (k += 7) { if (k > 20) break; }
  y[4] = k;
  y[5] = '\n' + 'a';
)"),
                 {532, 10, 6, 1, 21, 107}});
    c.push_back(
        {"i64_u64_i8_u8_runtime",
         program(R"(
var bytes = [5]u8{ 250, 3, 4, 5, 6 };
var sbytes = [3]i8{ -128, 127, -1 };
)",
                 R"(
  var a: i64 = -123456789012;
  var b: i64 = 1000;
  var q: i64 = a / b;
  var r: i64 = a % b;
  y[0] = @bitcast(u32, @as(i32, q));
  y[1] = @bitcast(u32, @as(i32, r));
  var u: u64 = 0xFFFFFFFFFFFFFFFF;
  var v: u64 = u / 3;
  y[2] = @as(u32, v >> 32);
  y[3] = @as(u32, u > v);
  y[4] = @as(u32, a < b);
  var bs: u16 = 0;
  for (bytes) |x| { bs += @as(u16, x); }
  y[5] = bs;
  bytes[0] += 10;
  y[6] = bytes[0];
  var si: i16 = 0;
  for (sbytes) |x| { si += @as(i16, x); }
  y[7] = @bitcast(u16, si);
  var sh: i64 = 1;
  sh = sh << 40;
  y[8] = @as(u32, sh >> 38);
  var neg: i64 = -8;
  y[9] = @bitcast(u32, @as(i32, neg >> 1));
  var fl: f32 = @as(f32, a);
  y[10] = @bitcast(u32, fl);
)"),
         {0xf8a432eb, 0xfffffff4, 0x55555555, 1, 1, 268, 4, 0xfffe, 4, 0xfffffffc, 0xd1e5f4c9}});
    // Two instances of one module, each binding its own task from its params.
    c.push_back({"module_instances_bind_their_own_tasks",
                 program(R"(
const a = @import_module("tick.csl", .{ .task_num = 10, .slot = 0, .out = y_ptr });
const b = @import_module("tick.csl", .{ .task_num = 11, .slot = 1, .out = y_ptr });
task finish() void { sys_mod.unblock_cmd_stream(); }
comptime { @bind_local_task(finish, @get_local_task_id(12)); }
)",
                         R"(
  a.kick();
  b.kick();
  b.kick();
  a.bump(5);
  y[2] = a.hits + b.hits;
  @activate(@get_local_task_id(12));
  return;
)"),
                 {610, 111, 5},
                 {{"tick.csl", R"(
param task_num: u16;
param slot: u16;
param out: [*]u32;
var hits: u32 = 0;
task tick() void { hits += 1; out[slot] = hits * 100 + @as(u32, task_num); }
fn kick() void { @activate(@get_local_task_id(task_num)); }
fn bump(n: u32) void { hits += n; }
comptime { @bind_local_task(tick, @get_local_task_id(task_num)); }
)"}}});
    // Fixed: `for` over a multi-dimensional array (rows) or an array of structs was "not
    // supported".
    c.push_back({"rows_and_struct_arrays_iterated",
                 program(R"(
var m: [3,4]i32 = @zeros([3,4]i32);
const P = struct { a: u16, b: u16 };
var ps = [3]P{ .{ .a = 1, .b = 2 }, .{ .a = 3, .b = 4 }, .{ .a = 5, .b = 6 } };
fn rowSum(r: *[4]i32) i32 { var s: i32 = 0; for (r.*) |v| { s += v; } return s; }
)",
                         R"(
  for (@range(u16, 3)) |i| { for (@range(u16, 4)) |j| { m[i, j] = @as(i32, i * 10 + j); } }
  var total: i32 = 0;
  for (m) |row, ri| {
    for (row) |v| { total += v * @as(i32, ri + 1); }
  }
  y[0] = @bitcast(u32, total);
  var s: u16 = 0;
  for (ps) |p, k| { s += p.a * p.b + k; }
  y[1] = s;
  y[2] = @bitcast(u32, m[1][2]);
  const p: *[4]i32 = &m[2];
  p.*[3] = 99;
  y[3] = @bitcast(u32, m[2, 3]);
  y[4] = @bitcast(u32, rowSum(&m[2]));
  var k: u16 = 2;
  y[5] = @bitcast(u32, m[k][1]);
)"),
                 {356, 47, 12, 99, 162, 21}});
    // Fixed: a typed initializer after a call returning a type (`PairOf(u16){ ... }`) was
    // a parse error.
    c.push_back({"generic_types_fn_pointer_tables_nan",
                 program(R"(
fn PairOf(comptime T: type) type { return struct { a: T, b: T }; }
var pf: PairOf(f32) = .{ .a = 1.5, .b = 2.5 };
fn inc(p: anytype) void { p.* += 1; }
fn addOne(x: i16) i16 { return x + 1; }
fn negate(x: i16) i16 { return -x; }
const ops = [2]*const fn(i16) i16{ addOne, negate };
const Temp = enum(i8) { cold = -5, mild = 0, hot = 40 };
)",
                         R"(
  var pi: PairOf(u16) = .{ .a = 3, .b = 4 };
  inc(&pi.a);
  y[0] = pi.a + pi.b;
  y[1] = @bitcast(u32, pf.a + pf.b);
  var sel: u16 = 1;
  var fp = ops[sel];
  y[2] = @bitcast(u16, fp(5));
  y[3] = @bitcast(u16, ops[0](5));
  var t: Temp = .cold;
  y[4] = @bitcast(u32, @as(i32, @as(i8, t)));
  var hot = sel == 1;
  var h: f16 = if (hot) 2.5 else 0.5;
  y[5] = @bitcast(u16, h);
  const res = blk: {
    if (sel > 5) break :blk PairOf(u16){ .a = 0, .b = 0 };
    break :blk PairOf(u16){ .a = sel, .b = sel * 7 };
  };
  y[6] = res.b;
  var zero: f32 = 0.0;
  var nan: f32 = zero / zero;
  y[7] = @as(u32, nan == nan);
  y[8] = @as(u32, nan != nan);
  var hh: f16 = -2.0;
  y[9] = @bitcast(u16, hh);
  var bi: i16 = @bitcast(i16, hh);
  y[10] = @bitcast(u16, bi >> 15);
)"),
                 {8, 0x40800000, 0xfffb, 6, 0xfffffffb, 0x4100, 7, 0, 1, 0xc000, 0xffff}});
    // Fixed: a labelled block at run time whose breaks all carry the same comptime number
    // gave an i32 (`const a = blk: { break :blk 40000; }; var b: u16 = a;` was an error).
    c.push_back({"labelled_blocks_keep_comptime_numbers",
                 program("",
                         R"(
  var sel: u16 = 3;
  const a = blk: { break :blk 40000; };
  var b: u16 = a;
  const c = blk: { if (sel > 2) break :blk 5; break :blk 5; };
  var d: u8 = c;
  const e = blk: { if (sel > 2) break :blk 7; break :blk 9; };
  const f = blk: { if (sel > 2) break :blk 2.5; break :blk 2.5; };
  var h: f16 = f;
  y[0] = b;
  y[1] = d;
  y[2] = @bitcast(u32, e);
  y[3] = @bitcast(u16, h);
)"),
                 {40000, 5, 7, 0x4100}});
    // A module generic over a type param and a struct param, imported for f32 and i32.
    c.push_back({"module_type_and_struct_params",
                 program(R"(
const gf = @import_module("gmod.csl", .{ .T = f32, .cfg = .{ .n = 3, .scale = 2.0 } });
const gi = @import_module("gmod.csl", .{ .T = i32, .cfg = .{ .n = 2, .scale = 3.0 } });
)",
                         R"(
  gf.put(0, 1.5);
  gf.put(2, 2.0);
  gi.put(1, -4);
  y[0] = @bitcast(u32, gf.sum());
  y[1] = @bitcast(u32, gi.sum());
)"),
                 {0x40e00000, 0xfffffff4},
                 {{"gmod.csl", R"(
param T: type;
param cfg: struct { n: u16, scale: f32 };
var acc: [cfg.n]T = @zeros([cfg.n]T);
fn put(i: u16, v: T) void { acc[i] = v * @as(T, cfg.scale); }
fn sum() T { var s: T = 0; for (acc) |v| { s += v; } return s; }
)"}}});
    // A generic struct that points to its own instance (`next: *List(T)` inside List(T)):
    // the call in progress gives the struct it is making (it was "nested too deeply";
    // h-randcomptime 2).
    c.push_back({"generic_self_referential_struct",
                 program(R"(
fn List(comptime T: type) type { return struct { next: *List(T), v: T }; }
var a: List(u16) = undefined;
var b: List(u16) = undefined;
var c: List(f32) = undefined;
comptime {
  @comptime_assert(@is_same_type(List(u16), @type_of(a)));
  @comptime_assert(!@is_same_type(List(u16), List(f32)));
}
)",
                         R"(
  a.next = &b;
  b.next = &a;
  a.v = 3;
  b.v = 4;
  c.next = &c;
  c.v = 2.5;
  y[0] = a.next.v;
  y[1] = a.next.next.v;
  y[2] = @bitcast(u32, c.next.next.v);
)"),
                 {4, 3, 0x40200000}});
    // `&arr[i]` of a function's const array (a copy of a global here) points into a
    // read-only copy, as `&arr` and `&one.b` do (it was "cannot take the address of this
    // expression"; h-randstmt 7).
    c.push_back({"address_of_const_local_array_element",
                 program(R"(
const S = struct { a: u32, b: u32 };
var garr = [3]u32{ 10, 20, 30 };
var gs = [2]S{ S{ .a = 1, .b = 2 }, S{ .a = 3, .b = 4 } };
var k: u16 = 2;
)",
                         R"(
  const arr: [3]u32 = garr;
  const p: *const u32 = &arr[1];
  const ss: [2]S = gs;
  const q: *const S = &ss[1];
  const one: S = gs[0];
  const r: *const u32 = &one.b;
  const pk: *const u32 = &arr[k];
  y[0] = p.*;
  y[1] = q.*.a;
  y[2] = r.*;
  y[3] = pk.*;
)"),
                 {20, 3, 2, 30}});
    // The Types page, "Peer Type Resolution": if branches and switch prongs meet in the
    // widest type ("i16 can be widened to i32, and f16 can be widened to f32"), whichever
    // comes first (a switch took its first prong's type and refused the rest).
    c.push_back({"peer_types_of_switch_and_if",
                 program(R"(
var small: i16 = -5;
var large: i32 = 70000;
var half: f16 = 1.5;
var k: u16 = 1;
var c: bool = false;
)",
                         R"(
  const s = switch (k) { 0 => small, 1 => large, else => 5 };
  const f = switch (k) { 0 => half, else => @as(f32, 2.5) };
  const g = if (c) large else small;
  @comptime_assert(@is_same_type(@type_of(s), i32));
  @comptime_assert(@is_same_type(@type_of(f), f32));
  @comptime_assert(@is_same_type(@type_of(g), i32));
  y[0] = @bitcast(u32, s);
  y[1] = @bitcast(u32, f);
  y[2] = @bitcast(u32, g);
  k = 0;
  const t = switch (k) { 0 => small, 1 => large, else => 5 };
  y[3] = @bitcast(u32, t);
)"),
                 {70000, 0x40200000, 0xfffffffb, 0xfffffffb}});
    // The Types page: "A field of pointer type uses as many bits as the target
    // architecture's word size" (its example, i8 + i8 + [*]u16, is 32 bits); a bit-packed
    // struct holds one too.
    c.push_back({"packed_struct_pointer_fields",
                 program(R"(
const Pair = packed struct { x: i8, y: i8, p: [*]u16 };
const Bits = packed struct { flag: bool, n: u7, q: *u16 };
var buf = @zeros([4]u16);
var cell: u16 = 0;
var pair = Pair { .x = 1, .y = -2, .p = &buf };
var bits = Bits { .flag = true, .n = 100, .q = &cell };
)",
                         R"(
  pair.p[2] = 9;
  bits.q.* = 77;
  var moved = pair;
  moved.p[3] = 4;
  y[0] = buf[2];
  y[1] = buf[3];
  y[2] = cell;
  y[3] = bits.n;
  y[4] = @bitcast(u8, pair.y);
  y[5] = @bitcast(u32, pair) & 0xffff;
  y[6] = @as(u32, @bitcast(u24, bits) & 0xff);
)"),
                 {9, 4, 77, 100, 0xfe, 0xfe01, 0xc9}});
    c.push_back({"bf16_f16_rounding_subnormals_overflow",
                 program("",
                         R"(
  var one: f32 = 1.0;
  var three: f32 = 3.0;
  var b: bf16 = @as(bf16, one / three);
  y[0] = @bitcast(u16, b);
  var tiny: f32 = 1.0e-6;
  var h: f16 = @as(f16, tiny);
  y[1] = @bitcast(u16, h);
  const cb: bf16 = 1.0 / 3.0;
  y[2] = @bitcast(u16, cb);
  var hb: f16 = 65504.0;
  var hb2: f16 = hb + hb;
  y[3] = @bitcast(u16, hb2);
  var bb: bf16 = 3.0e38;
  var bb2: bf16 = bb * @as(bf16, 2.0);
  y[4] = @bitcast(u16, bb2);
)"),
                 {0x3eab, 0x0011, 0x3eab, 0x7c00, 0x7f80},
                 {},
                 "bf16"});
    return c;
}

} // namespace

class TestCslLanguage : public QObject {
    Q_OBJECT
  private slots:
    void programs_data() { addLanguageCaseRows(cases()); }
    void programs() {
        QFETCH(int, index);
        QFETCH(int, arch);
        checkLanguageCase(cases()[size_t(index)], sim::Arch(arch));
    }
    // align(N) holds for vars and for consts given storage (a const array indexed at run
    // time), and linkname("x") names the global's symbol (the SDK: its ELF symbol name).
    // Fixed: a const's align was ignored, linkname was read as a link section.
    void alignAndLinkname_data() { addArchRows(); }
    void alignAndLinkname() {
        QFETCH(int, arch);
        const std::string pe = program(R"(
var named: u16 linkname("other_name") = 5;
const table align(128) = [2]u32{ 7, 8 };
var pad: u8 = 1;
var buf: [8]u8 align(64) linksection(".mySection") = @zeros([8]u8);
)",
                                       R"(
  var k: u16 = 1;
  y[0] = named + @as(u16, buf[k]);
  y[1] = table[k];
  y[2] = pad;
)");
        const csl::CompileResult r =
            compileFiles({{"layout.csl", kLanguageLayout}, {"pe.csl", pe}}, sim::Arch(arch));
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        std::map<std::string, uint32_t> at;
        for (const sim::Symbol& sym : r.program->classes.at(0).symbols)
            at[sym.name] = sym.address;
        QVERIFY(at.count("other_name"));
        QVERIFY(!at.count("named"));
        QVERIFY(at.count("table") && at.count("buf"));
        QCOMPARE(at["table"] % 128, uint32_t(0));
        QCOMPARE(at["buf"] % 64, uint32_t(0));
        std::string error;
        const std::vector<uint32_t> y =
            launchAndReadWords(r.program, "compute", {}, "y", 3, kLanguageMaxCycles, &error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(y, (std::vector<uint32_t>{5, 8, 1}));
    }
    // --link-section-start-address-bytes (CompileOptions::linkSectionStartBytes) places the
    // globals of a link section from the given byte address (the SDK's syntax page example:
    // two u16 sections at 40960 and 40980); other data, here an array that would cover
    // that range, is allocated around them. Sections that overlap or leave PE memory are
    // errors naming the globals.
    void linkSectionAddresses_data() { addArchRows(); }
    void linkSectionAddresses() {
        QFETCH(int, arch);
        const std::string pe = program(R"(
var first: u16 linksection(".mySection1") = 0xabcd;
var second: u16 linksection(".mySection2") = 0x1234;
var third: u32 linksection(".mySection1") = 77;
var unplaced: u16 linksection(".elsewhere") = 9;
var big = @zeros([20400]u16);
)",
                                       R"(
  var k: u16 = 20399;
  big[k] = 5;
  big[0] = 6;
  y[0] = first;
  y[1] = second;
  y[2] = third + @as(u32, unplaced);
  y[3] = big[k] + big[0];
)");
        auto compileWith = [&](std::vector<std::pair<std::string, uint32_t>> sections) {
            csl::CompileOptions o;
            o.layoutFile = "layout.csl";
            o.arch = sim::Arch(arch);
            o.memcpy = true;
            o.linkSectionStartBytes = std::move(sections);
            o.readFile = [&](const std::string& f) -> std::optional<std::string> {
                if (f == "layout.csl")
                    return std::string(kLanguageLayout);
                if (f == "pe.csl" || f == "./pe.csl")
                    return pe;
                return std::nullopt;
            };
            return csl::compile(o);
        };
        const csl::CompileResult r = compileWith({{".mySection1", 40960}, {".mySection2", 40980}});
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        std::map<std::string, std::pair<uint32_t, uint32_t>> at;
        for (const sim::Symbol& sym : r.program->classes.at(0).symbols)
            at[sym.name] = {sym.address, sym.sizeBytes};
        QCOMPARE(at["first"].first, uint32_t(40960));
        QCOMPARE(at["second"].first, uint32_t(40980));
        QCOMPARE(at["third"].first, uint32_t(40964)); // after `first`, 4-byte aligned
        for (const auto& [name, place] : at) {        // nothing else overlaps the sections
            if (name == "first" || name == "second" || name == "third")
                continue;
            const uint32_t end = place.first + place.second;
            QVERIFY2(end <= 40960 || place.first >= 40984, name.c_str());
        }
        std::string error;
        const std::vector<uint32_t> y =
            launchAndReadWords(r.program, "compute", {}, "y", 4, kLanguageMaxCycles, &error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(y, (std::vector<uint32_t>{0xabcd, 0x1234, 86, 11}));

        const csl::CompileResult overlap =
            compileWith({{".mySection1", 40960}, {".mySection2", 40964}});
        QVERIFY(!overlap.ok);
        QVERIFY2(allDiagnostics(overlap).find("overlaps 'third'") != std::string::npos ||
                     allDiagnostics(overlap).find("overlaps 'second'") != std::string::npos,
                 allDiagnostics(overlap).c_str());
        const csl::CompileResult outside = compileWith({{".mySection1", 49150}});
        QVERIFY(!outside.ok);
        QVERIFY2(allDiagnostics(outside).find("does not fit in the 49152 bytes") !=
                     std::string::npos,
                 allDiagnostics(outside).c_str());
    }
    // An error raised inside a library module's code names the user's call that led there:
    // a note "called from here" at pe.csl's call, once per distinct caller.
    void libraryErrorNamesTheCaller() {
        const std::string pe = program(R"(
const dbg = @import_module("<debug>", .{ .key = "k", .buffer_size = 64 });
fn traceWide(v: i64) void {
  dbg.trace(v);
}
)",
                                       R"(
  var v: i64 = 3;
  dbg.trace(v);
  traceWide(v);
)");
        const csl::CompileResult r =
            compileFiles({{"layout.csl", kLanguageLayout}, {"pe.csl", pe}});
        QVERIFY(!r.ok);
        std::vector<const csl::Diagnostic*> errors;
        for (const csl::Diagnostic& d : r.diagnostics) {
            if (d.severity == csl::Severity::Error)
                errors.push_back(&d);
        }
        QCOMPARE(errors.size(), size_t(2));
        // pe.csl's lines: trace(v) in traceWide is line 9, in compute line 15 (the program's
        // prologue takes 5 lines). Each caller gets its own error; lowering order decides
        // which comes first.
        std::vector<uint32_t> lines;
        for (const csl::Diagnostic* e : errors) {
            QCOMPARE(QString::fromStdString(e->range.file), QStringLiteral("<debug>"));
            QVERIFY2(e->message.find("<debug>.trace takes bool") != std::string::npos,
                     e->message.c_str());
            QCOMPARE(e->notes.size(), size_t(1));
            QCOMPARE(QString::fromStdString(e->notes[0].message),
                     QStringLiteral("called from here"));
            QCOMPARE(QString::fromStdString(e->notes[0].range.file), QStringLiteral("pe.csl"));
            QCOMPARE(e->notes[0].range.column, uint32_t(3));
            lines.push_back(e->notes[0].range.line);
        }
        std::sort(lines.begin(), lines.end());
        QCOMPARE(lines, (std::vector<uint32_t>{9, 15}));
        QVERIFY(allDiagnostics(r).find("pe.csl:15:3: note: called from here") != std::string::npos);
    }
    // An error in a library's own comptime code that no user call reached names the user's
    // @import_module of the library instead.
    void libraryErrorNamesTheImport() {
        const char* layout = R"(
const tally = @import_module("<kernels/tally/layout>", .{
  .kernel_height = 2, .kernel_width = 2, .phase2_tally = 0,
  .colors = [3]color{ @get_color(1), @get_color(2), @get_color(3) },
  .output_color = @get_color(0) });
layout {
  @set_rectangle(2, 2);
  for (@range(u16, 2)) |i| {
    for (@range(u16, 2)) |j| {
      @set_tile_code(i, j, "pe.csl", .{ .tally_params = tally.get_params(i, j) });
    }
  }
}
)";
        const char* pe = R"(param tally_params;
const tally = @import_module("<kernels/tally/pe>", @concat_structs(tally_params, .{
  .input_queues = [2]u16{ 2, 3 }, .output_queues = [2]u16{ 0, 12 } }));
)";
        const csl::CompileResult r =
            compileFiles({{"layout.csl", layout}, {"pe.csl", pe}}, sim::Arch::Wse3);
        QVERIFY(!r.ok);
        QCOMPARE(r.diagnostics.size(), size_t(1));
        const csl::Diagnostic& e = r.diagnostics[0];
        QCOMPARE(QString::fromStdString(e.range.file), QStringLiteral("<kernels/tally/pe>"));
        QVERIFY2(e.message.find("output queue 12 is out of range") != std::string::npos,
                 e.message.c_str());
        // Then the PE whose params showed it (pe.csl is built with four params).
        QCOMPARE(e.notes.size(), size_t(2));
        QCOMPARE(QString::fromStdString(e.notes[1].message),
                 QStringLiteral(
                     "in the code of PE (1, 1) with the params this @set_tile_code gives it"));
        QCOMPARE(QString::fromStdString(e.notes[0].message), QStringLiteral("imported from here"));
        QCOMPARE(QString::fromStdString(e.notes[0].range.file), QStringLiteral("pe.csl"));
        QCOMPARE(e.notes[0].range.line, uint32_t(2));
        QCOMPARE(e.notes[0].range.column, uint32_t(30));
    }
};

QTEST_GUILESS_MAIN(TestCslLanguage)
#include "tst_csl_language.moc"
