// The CSL language, second round (issue #3): generic functions and types, function pointer
// tables, inline loops over tuples, @field/@concat_structs/@type_of, conversions at each
// width, pointers into nested aggregates, multi-dimensional arrays sliced into DSDs, enums
// with tag types, run-time wrapping and shifts per width, short-circuit evaluation and
// labelled loops. Each program is our own, compiled for both architectures and run on the
// simulator; every u32 word it leaves in `y` is checked against values worked out by hand.
// Every row that fixed a compiler bug says which.
#include "tests/csl/language_programs.h"

#include <QTest>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace csl_tests;

std::vector<LanguageCase> cases() {
    std::vector<LanguageCase> c;
    c.push_back({"generic_functions_and_type_functions",
                 program(R"(
fn Vec(comptime T: type, comptime n: u16) type { return struct { v: [n]T, len: u16 = n }; }
fn sum(comptime T: type, comptime n: u16, p: *const [n]T) T {
  var s: T = 0;
  for (p.*) |x| s += x;
  return s;
}
fn scale(x: anytype, k: anytype) @type_of(x) { return x * @as(@type_of(x), k); }
fn firstOf(t: anytype) @type_of(t[0]) { return t[0]; }
fn isInt(comptime T: type) bool { return @is_same_type(T, i16) or @is_same_type(T, u16); }
fn Id(comptime T: type) type { return T; }
fn zeroOf(comptime T: type) T { return @zeros(T); }
fn pick(c: bool, a: anytype, b: @type_of(a)) @type_of(a) { return if (c) a else b; }
)",
                         R"(
  var v3: Vec(i16, 3) = .{ .v = [3]i16{ -1, 5, 9 } };
  y[0] = @bitcast(u16, sum(i16, 3, &v3.v));
  y[1] = v3.len;
  var f: f32 = 1.5;
  y[2] = @bitcast(u32, scale(f, 4));
  var h: u8 = 200;
  y[3] = scale(h, 2);
  const arr = [3]u32{ 11, 22, 33 };
  y[4] = firstOf(arr);
  y[5] = @as(u32, isInt(u16)) * 10 + @as(u32, isInt(f32));
  var w: Id(u32) = 0xfffffff0;
  y[6] = w + 0x20;
  y[7] = @as(u32, zeroOf(u16)) + 1;
  var sel = w > 5;
  y[8] = pick(sel, @as(u32, 70), 80) + pick(!sel, @as(u32, 1), 2);
)"),
                 {13, 3, 0x40c00000, 144, 11, 10, 0x10, 1, 72}});
    c.push_back({"function_pointer_tables",
                 program(R"(
fn add(a: i32, b: i32) i32 { return a + b; }
fn sub(a: i32, b: i32) i32 { return a - b; }
fn mul(a: i32, b: i32) i32 { return a * b; }
const Op = *const fn(i32, i32) i32;
const table = [3]Op{ add, sub, mul };
const Named = struct { f: Op, k: i32 };
const named = [2]Named{ .{ .f = sub, .k = 100 }, .{ .f = mul, .k = -2 } };
fn fold(f: Op, xs: *const [4]i32) i32 {
  var acc = xs[0];
  var i: u16 = 1;
  while (i < 4) : (i += 1) acc = f(acc, xs[i]);
  return acc;
}
fn choose(comptime which: u16) Op { return table[which]; }
var current: Op = add;
fn setOp(f: Op) void { current = f; }
)",
                         R"(
  const xs = [4]i32{ 3, -4, 5, 6 };
  var i: u16 = 0;
  while (i < 3) : (i += 1) { y[i] = @bitcast(u32, fold(table[i], &xs)); }
  for (named) |n, k| { y[3 + k] = @bitcast(u32, n.f(n.k, 7)); }
  y[5] = @bitcast(u32, choose(2)(6, 7));
  setOp(sub);
  y[6] = @bitcast(u32, current(1, 2));
)"),
                 {10, 0xfffffffc, 0xfffffe98, 93, 0xfffffff2, 42, 0xffffffff}});
    c.push_back({"inline_for_tuples_and_comptime_arrays",
                 program(R"(
const vals = .{ @as(u16, 3), @as(i32, -2), @as(f32, 0.5), true };
fn asU32(x: anytype) u32 {
  const T = @type_of(x);
  if (@is_same_type(T, bool)) return if (x) 1 else 0;
  if (@is_same_type(T, f32)) return @as(u32, x * 10.0);
  if (@is_same_type(T, i32)) return @bitcast(u32, x);
  return @as(u32, x);
}
const primes = [5]u16{ 2, 3, 5, 7, 11 };
)",
                         R"(
  var acc: u32 = 0;
  inline for (vals) |v, i| { y[i] = asU32(v); acc += asU32(v); }
  y[4] = acc;
  comptime var prod: u32 = 1;
  inline for (primes) |p| { prod *= @as(u32, p); }
  y[5] = prod;
  comptime var cnt = 0;
  inline for (.{ u8, i16, f32, u64 }) |T| {
    if (@is_same_type(T, f32)) cnt += 10;
    cnt += 1;
  }
  y[6] = cnt;
  var k: u16 = 4;
  y[7] = primes[k];
)"),
                 {3, 0xfffffffe, 5, 1, 7, 2310, 14, 11}});
    c.push_back({"field_concat_structs_type_of_is_comptime",
                 program(R"(
const Base = struct { a: u16, b: i16 };
var s: Base = .{ .a = 1, .b = -1 };
fn setBoth(p: *Base, v: u16) void {
  @field(p.*, "a") = v;
  @field(p.*, "b") = -@as(i16, v);
}
const extra = @concat_structs(.{ .x = 5 }, .{ .y = 7, .z = 9 });
fn describe() u32 {
  if (@is_comptime()) return 1;
  return 2;
}
var initResult = describe();
fn get(p: *const Base, comptime name: comptime_string) @type_of(@field(p.*, name)) {
  return @field(p.*, name);
}
)",
                         R"(
  setBoth(&s, 9);
  y[0] = s.a;
  y[1] = @bitcast(u16, s.b);
  y[2] = @field(extra, "x") + extra.y + @field(extra, "z");
  var rt: u16 = 3;
  y[3] = initResult * 100 + (comptime describe()) * 10 + describe();
  y[4] = @as(u32, @is_same_type(@type_of(rt), u16));
  const T2 = @type_of(s);
  var s2: T2 = .{ .a = 4, .b = 5 };
  y[5] = s2.a + @bitcast(u16, s2.b);
  y[6] = @as(u32, @has_field(extra, "z")) * 10 + @as(u32, @has_field(s, "z"));
  y[7] = get(&s, "a");
)"),
                 {9, 0xfff7, 21, 112, 1, 9, 10, 9}});
    c.push_back({"conversions_signed_unsigned_float",
                 program("",
                         R"(
  var i8v: i8 = -100;
  y[0] = @bitcast(u32, @as(i32, i8v));
  var u8v: u8 = 200;
  var wide: i32 = u8v;
  y[1] = @bitcast(u32, wide);
  var i16v: i16 = -2;
  var w32: i32 = i16v;
  y[2] = @bitcast(u32, w32);
  var i32v: i32 = -70000;
  var w64: i64 = @as(i64, i32v) * 100000;
  y[3] = @bitcast(u32, @as(i32, w64 >> 32));
  y[4] = @as(u32, w64 & 0xffffffff);
  var f: f32 = -2.75;
  y[5] = @bitcast(u32, @as(i32, f));
  var big: f32 = 65535.9;
  y[6] = @as(u16, big);
  var mn: f32 = -32768.0;
  y[7] = @bitcast(u16, @as(i16, mn));
  var allOnes: u32 = 0xffffffff;
  y[8] = @bitcast(u32, @as(f32, allOnes));
  var m1: i64 = -1;
  y[9] = @bitcast(u32, @as(f32, m1));
  var m3: i16 = -3;
  y[10] = @bitcast(u16, @as(f16, m3));
  var hf: f16 = 100.5;
  var hf32: f32 = hf;
  y[11] = @bitcast(u32, hf32);
  var pos: f32 = 3000000000.0;
  y[12] = @as(u32, pos);
  var bt: bool = true;
  y[13] = @as(u32, bt) + @as(u32, !bt);
  var u16v: u16 = 0xffff;
  var su: i32 = u16v;
  y[14] = @bitcast(u32, su);
  var u8w: u16 = u8v;
  y[15] = u8w;
  var negf: f32 = -0.9;
  y[16] = @bitcast(u32, @as(i32, negf));
  var bits: u32 = 0x3fc00000;
  y[17] = @as(u32, @bitcast(f32, bits) * 2.0);
)"),
                 {0xffffff9c, 200, 0xfffffffe, 0xfffffffe, 0x5ec47a00, 0xfffffffe, 65535, 0x8000,
                  0x4f800000, 0xbf800000, 0xc200, 0x42c90000, 3000000000u, 1, 65535, 200, 0, 3}});
    c.push_back({"pointers_into_nested_aggregates",
                 program(R"(
const Inner = struct { vals: [4]u16, w: u32 };
const Outer = struct { id: u16, in: Inner, pair: [2]Inner };
var o: Outer = @zeros(Outer);
var grid: [3,4]u16 = @zeros([3,4]u16);
fn fillInner(p: *Inner, base: u16) void {
  for (@range(u16, 4)) |i| { p.vals[i] = base + i; }
  p.w = @as(u32, base) * 1000;
}
fn sumMany(p: [*]const u16, n: u16) u32 {
  var s: u32 = 0;
  var i: u16 = 0;
  while (i < n) : (i += 1) { s += @as(u32, p[i]); }
  return s;
}
fn ptrToField(p: *Outer) *u32 { return &p.pair[1].w; }
)",
                         R"(
  fillInner(&o.in, 10);
  fillInner(&o.pair[0], 20);
  fillInner(&o.pair[1], 30);
  y[0] = o.in.vals[3];
  y[1] = o.pair[1].w;
  y[2] = sumMany(&o.pair[0].vals, 4);
  const wp = ptrToField(&o);
  wp.* += 5;
  y[3] = o.pair[1].w;
  const ip: *Inner = &o.pair[0];
  const copy: Inner = ip.*;
  ip.vals[0] = 99;
  y[4] = copy.vals[0];
  y[5] = o.pair[0].vals[0];
  const ap: *[4]u16 = &o.in.vals;
  ap.*[2] = 7;
  y[6] = o.in.vals[2];
  var r: u16 = 0;
  while (r < 3) : (r += 1) {
    var c: u16 = 0;
    while (c < 4) : (c += 1) { grid[r, c] = r * 4 + c; }
  }
  const flat: [*]u16 = @ptrcast([*]u16, &grid);
  y[7] = flat[6];
  y[8] = sumMany(&grid[2], 4);
  var cur: [*]u16 = &o.in.vals;
  y[9] = cur[1] + cur[3];
  const op: *Outer = &o;
  y[10] = op.pair[1].vals[2] + op.*.in.vals[0];
)"),
                 {13, 30000, 86, 30005, 20, 99, 7, 6, 38, 24, 42}});
    c.push_back({"multidim_arrays_runtime_index_and_dsds",
                 program(R"(
var m: [4,5]f32 = @zeros([4,5]f32);
var out: [5]f32 = @zeros([5]f32);
var dst: [4]f32 = @zeros([4]f32);
const rowDsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |j|{5} -> m[2, j] });
const colDsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> m[i, 3] });
const outDsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |j|{5} -> out[j] });
const out4 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> out[i] });
const sub = @get_dsd(mem4d_dsd, .{ .tensor_access = |i, j|{2, 2} -> m[i + 1, 2 * j] });
const dstDsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |t|{4} -> dst[t] });
)",
                         R"(
  for (@range(u16, 4)) |i| {
    for (@range(u16, 5)) |j| { m[i, j] = @as(f32, i * 10 + j); }
  }
  @fmovs(outDsd, rowDsd);
  y[0] = @as(u32, out[0] + out[4]);
  @fadds(out4, out4, colDsd);
  y[1] = @as(u32, out[0]);
  y[2] = @as(u32, out[3]);
  var k: u16 = 3;
  var l: u16 = 1;
  y[3] = @as(u32, m[k, l]);
  m[k][l] = 5.0;
  y[4] = @as(u32, m[3, 1]);
  @fmovs(dstDsd, sub);
  y[5] = @as(u32, dst[1]);
  y[6] = @as(u32, dst[2]);
  y[7] = @as(u32, dst[3]);
)"),
                 {44, 23, 56, 31, 5, 12, 20, 22}});
    c.push_back({"enums_tag_types_values_switch",
                 program(R"(
const Op = enum(u8) { nop = 0, add = 3, sub, mul = 10 };
const Dir = enum(i16) { down = -1, none = 0, up = 1 };
fn apply(op: Op, a: u16, b: u16) u16 {
  return switch (op) { .nop => a, .add => a + b, .sub => a - b, .mul => a * b };
}
fn next(d: Dir) Dir { return switch (d) { .down => .none, .none => .up, .up => .down }; }
)",
                         R"(
  y[0] = apply(.add, 7, 5);
  y[1] = apply(Op.sub, 7, 5);
  var code: u8 = 10;
  const op: Op = @as(Op, code);
  y[2] = apply(op, 7, 5);
  y[3] = @as(u32, @as(u8, Op.sub));
  var d: Dir = .down;
  d = next(next(d));
  y[4] = @bitcast(u16, @as(i16, d));
  d = next(d);
  y[5] = @bitcast(u16, @as(i16, d));
  y[6] = @as(u32, d == Dir.down);
  const ops = [3]Op{ .mul, .add, .nop };
  var acc: u16 = 2;
  for (ops) |o| { acc = apply(o, acc, 3); }
  y[7] = acc;
  y[8] = @get_int(Op.mul);
)"),
                 {12, 2, 35, 4, 1, 0xffff, 1, 9, 10}});
    c.push_back({"wrapping_and_shifts_per_width",
                 program("",
                         R"(
  var a8: u8 = 0xf0;
  a8 = a8 << 2;
  y[0] = a8;
  var s8: i8 = -128;
  s8 = s8 >> 7;
  y[1] = @bitcast(u8, s8);
  var s8b: i8 = 100;
  s8b = s8b + 100;
  y[2] = @bitcast(u8, s8b);
  var u16a: u16 = 0xffff;
  u16a += 2;
  y[3] = u16a;
  var i16a: i16 = 0x4001;
  i16a = i16a * 3;
  y[4] = @bitcast(u16, i16a);
  var i16s: i16 = -1;
  y[5] = @bitcast(u16, i16s << 15);
  var u32a: u32 = 0x80000001;
  y[6] = u32a << 1;
  var i32a: i32 = -0x7fffffff - 1;
  i32a -= 1;
  y[7] = @bitcast(u32, i32a);
  var i32b: i32 = -9;
  y[8] = @bitcast(u32, i32b >> 1);
  var u32b: u32 = 0x80000000;
  y[9] = u32b >> 31;
  var u64a: u64 = 0xffffffff;
  u64a = u64a * u64a;
  y[10] = @as(u32, u64a >> 32);
  y[11] = @as(u32, u64a & 0xffffffff);
  var i64b: i64 = 0x7fffffffffffffff;
  i64b += 1;
  y[12] = @as(u32, @bitcast(u64, i64b) >> 32);
  var i64c: i64 = -0x100000000;
  y[13] = @bitcast(u32, @as(i32, i64c >> 32));
  var shv: u16 = 5;
  var u8s: u8 = 0xff;
  y[14] = u8s >> shv;
  var i8d: i8 = -7;
  y[15] = @bitcast(u8, i8d / 2);
  y[16] = @bitcast(u8, i8d % 2);
  var u8m: u8 = 250;
  y[17] = u8m / 3;
  var u16d: u16 = 60000;
  y[18] = u16d / 7;
  var u64d: u64 = 0xfedcba9876543210;
  y[19] = @as(u32, (u64d >> 4) & 0xffffffff);
  var i16n: i16 = -32768;
  i16n = -i16n;
  y[20] = @bitcast(u16, i16n);
  var u8n: u8 = 1;
  u8n = ~u8n;
  y[21] = u8n;
)"),
                 {0xc0,       0xff, 0xc8,       1,          0xc003,     0x8000,     2, 0x7fffffff,
                  0xfffffffb, 1,    0xfffffffe, 1,          0x80000000, 0xffffffff, 7, 0xfd,
                  0xff,       83,   8571,       0x87654321, 0x8000,     0xfe}});
    c.push_back({"short_circuit_side_effects",
                 program(R"(
var calls: u16 = 0;
fn tick(v: bool) bool { calls += 1; return v; }
)",
                         R"(
  var r1 = tick(false) and tick(true);
  y[0] = calls;
  var r2 = tick(true) or tick(false);
  y[1] = calls;
  var r3 = tick(true) and tick(false) or tick(true);
  y[2] = calls;
  y[3] = @as(u32, r1) * 100 + @as(u32, r2) * 10 + @as(u32, r3);
  var k: u16 = 0;
  while (k < 10 and tick(k != 7)) : (k += 1) {}
  y[4] = k;
  y[5] = calls;
  if (k > 100 and tick(true)) { y[6] = 1; }
  y[6] = calls;
  const both = !(tick(false) or tick(false));
  y[7] = calls * 10 + @as(u16, both);
)"),
                 {1, 2, 5, 11, 7, 13, 13, 151}});
    c.push_back({"labelled_loops_and_continue_expressions",
                 program("",
                         R"(
  var count: u16 = 0;
  var i: u16 = 0;
  outer: while (i < 5) : (i += 1) {
    var j: u16 = 0;
    while (j < 5) : (j += 1) {
      if (j == i) continue :outer;
      if (i == 4) break :outer;
      count += 1;
    }
  }
  y[0] = count;
  y[1] = i;
  var total: u16 = 0;
  rows: for (@range(u16, 4)) |r| {
    const v = blk: {
      if (r == 2) break :blk 100;
      break :blk r;
    };
    for (@range(u16, 3)) |c| {
      if (c == 2) continue :rows;
      total += v + c;
    }
  }
  y[2] = total;
  var a: u16 = 0;
  var b: u16 = 0;
  while (a < 5) : ({ a += 1; b += 2; }) {
    if (a == 2) continue;
    b += 100;
  }
  y[3] = b;
  const found = search: {
    for (@range(u16, 5)) |p| {
      for (@range(u16, 5)) |q| {
        if (p * q == 12) break :search p * 10 + q;
      }
    }
    break :search 999;
  };
  y[4] = found;
)"),
                 {6, 4, 212, 410, 34}});
    c.push_back({"structs_of_arrays_by_pointer",
                 program(R"(
const Particle = struct { pos: [2]f32, vel: [2]f32, alive: bool };
var ps: [3]Particle = @zeros([3]Particle);
fn step(p: *Particle, dt: f32) void {
  if (!p.alive) return;
  for (@range(u16, 2)) |d| { p.pos[d] += p.vel[d] * dt; }
}
fn stepAll(arr: *[3]Particle, dt: f32) void {
  for (@range(u16, 3)) |i| { step(&arr[i], dt); }
}
fn countAlive(arr: *const [3]Particle) u16 {
  var n: u16 = 0;
  for (arr.*) |p| { if (p.alive) n += 1; }
  return n;
}
)",
                         R"(
  ps[0] = .{ .pos = [2]f32{ 1.0, 2.0 }, .vel = [2]f32{ 0.5, -1.0 }, .alive = true };
  ps[2].alive = true;
  ps[2].vel[0] = 4.0;
  ps[1].vel[0] = 9.0;
  stepAll(&ps, 2.0);
  y[0] = @bitcast(u32, ps[0].pos[0]);
  y[1] = @bitcast(u32, ps[0].pos[1]);
  y[2] = @bitcast(u32, ps[2].pos[0]);
  y[3] = @bitcast(u32, ps[1].pos[0]);
  y[4] = countAlive(&ps);
)"),
                 {0x40000000, 0, 0x41000000, 0, 2}});
    c.push_back({"comptime_strings_and_functions",
                 program(R"(
fn strSum(comptime s: comptime_string) u32 {
  comptime var t: u32 = 0;
  inline for (@get_array(s)) |ch| { t += @as(u32, ch); }
  return t;
}
const name = @strcat("ab", "cd");
const nameLen = @strlen(name);
fn fib(comptime n: u16) u32 {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}
const fibs = blk: {
  var t: [8]u32 = undefined;
  for (@range(u16, 8)) |i| { t[i] = fib(i); }
  break :blk t;
};
comptime {
  @comptime_assert(nameLen == 4);
  @comptime_print("name is ", name);
}
)",
                         R"(
  y[0] = strSum("AB");
  y[1] = strSum(name);
  y[2] = nameLen;
  var k: u16 = 7;
  y[3] = fibs[k];
  y[4] = comptime fib(12);
  y[5] = @get_array(name)[3];
)"),
                 {131, 394, 4, 13, 144, 100}});
    // The SDK's Builtins page: @as to bool compares with zero (unordered, so a NaN is
    // true); its Types page: enums cast to and from numbers, enum types made by a function
    // or named struct types declared at different places are different types; comptime
    // strings compare with == and may hold NULs.
    c.push_back({"as_bool_enum_casts_type_identity_strings",
                 program(R"(
const colors = enum(u16) { red, white = 4, blue };
const game = enum(i16) { rock, paper = -3, scissors };
fn enumType(comptime base: type) type { return enum(base) { lo, hi }; }
const e3 = enumType(i16);
const e4 = enumType(i32);
const S1 = struct { x: i16 };
const S2 = struct { x: i16 };
fn toStr(b: bool) comptime_string {
  if (b) {
    return "true";
  } else {
    return "false";
  }
}
comptime {
  @comptime_assert(!@is_same_type(S1, S2));
  @comptime_assert(@is_same_type(S1, S1));
  @comptime_assert(!@is_same_type(e3, e4));
  @comptime_assert(toStr(true) == "true");
  @comptime_assert("abc\x00xyz" != "abc");
  @comptime_assert(@strlen("abc\x00xyz") == 7);
  @comptime_assert(@strlen(if (42 == 42) "abc" else "abc123") == 3);
  @comptime_assert(@strlen(@strcat()) == 0);
  @comptime_assert(@as(colors, 4) == colors.white);
  @comptime_assert(@as(f32, colors.blue) == 5.0);
}
)",
                         R"(
  var zi: i16 = 0;
  var ni: i16 = -5;
  var zf: f32 = -0.0;
  var quarter: f32 = 0.25;
  var zero: f32 = 0.0;
  var nan: f32 = zero / zero;
  y[0] = @as(u32, @as(bool, zi)) + @as(u32, @as(bool, ni)) * 2 + @as(u32, @as(bool, zf)) * 4 +
         @as(u32, @as(bool, quarter)) * 8 + @as(u32, @as(bool, nan)) * 16;
  y[1] = @as(u32, comptime @as(bool, -5)) + @as(u32, comptime @as(bool, 0)) * 2;
  y[2] = @as(u16, colors.blue);
  y[3] = @bitcast(u32, @as(f32, colors.blue));
  var g: game = .scissors;
  y[4] = @bitcast(u16, @as(i16, g));
  const myred = @as(colors, @as(u16, game.rock));
  y[5] = @as(u16, myred);
  var w: colors = .white;
  y[6] = @as(u32, w != colors.blue);
  var lo: e4 = .hi;
  y[7] = @bitcast(u32, @as(i32, lo));
  y[8] = @strlen(toStr(false));
)"),
                 {26, 1, 5, 0x40a00000, 0xfffe, 0, 1, 1, 5}});
    // The Types page: `&` of a const global is a pointer to const; `ptr.* = ...` assigns a
    // whole array; a pointer to an array coerces to a many-item pointer.
    c.push_back({"pointers_const_many_whole_array",
                 program(R"(
const carr = @constants([4]i32, 7);
var arr10 = @zeros([10]i32);
var m2 = @zeros([2,3]u16);
fn fill(ptr: [*]i32, n: u16, v: i32) void {
  var i: u16 = 0;
  while (i < n) : (i += 1) { ptr[i] = v + @as(i32, i); }
}
fn sumConst(p: *const [4]i32) i32 {
  var s: i32 = 0;
  for (p.*) |x| { s += x; }
  return s;
}
)",
                         R"(
  const cp = &carr;
  y[0] = @bitcast(u32, sumConst(cp));
  const ap = &arr10;
  ap.* = @constants([10]i32, 3);
  ap.*[2] = 1;
  y[1] = @bitcast(u32, arr10[0] + arr10[2]);
  var mp: [*]i32 = &arr10;
  fill(mp, 3, 100);
  y[2] = @bitcast(u32, arr10[1] + arr10[3]);
  const rowp = &m2[1];
  rowp.*[2] = 9;
  y[3] = m2[1, 2];
  y[4] = @as(u32, @is_same_type(@type_of(cp), *const [4]i32));
)"),
                 {28, 4, 104, 9, 1}});
    // The Builtins page: "No code is generated for the input expression" of @type_of.
    c.push_back({"type_of_has_no_runtime_effects",
                 program(R"(
var calls: u16 = 0;
fn bump() u16 { calls += 1; return calls; }
)",
                         R"(
  const T = @type_of(bump());
  var v: T = 7;
  y[0] = calls;
  y[1] = v;
  y[2] = @as(u32, @is_same_type(@type_of(bump() + 1), u16));
  y[3] = calls;
  y[4] = bump();
)"),
                 {0, 7, 1, 0, 1}});
    // The Builtins page's @range forms: a negative step, an empty range, comptime_int
    // ranges, a range with a run-time bound held in a const, @range_start/stop/step.
    c.push_back({"range_forms",
                 program("",
                         R"(
  var s: i32 = 0;
  for (@range(i32, 2, -3, -1)) |i| { s = s * 10 + i; }
  y[0] = @bitcast(u32, s);
  var cnt: i16 = 0;
  for (@range(i16, 2, 7, -1)) |i| { cnt += i; }
  y[1] = @bitcast(u16, cnt);
  comptime var t = 0;
  inline for (@range(comptime_int, 4)) |i| { t += i; }
  y[2] = t;
  var stopArg: u32 = 13;
  const r2 = @range(u32, stopArg);
  y[3] = @range_stop(r2);
  const r = @range(i32, 3, 9, 2);
  var sum: i32 = 0;
  for (r) |i| { sum += i; }
  y[4] = @bitcast(u32, sum * 10 + @range_start(r));
  var k: u16 = 0;
  var acc: u16 = 0;
  for (@range(u16, k, 10, 3)) |i| acc += i;
  y[5] = acc;
  y[6] = @bitcast(u32, @range_step(r));
)"),
                 {20988, 0, 6, 13, 153, 18, 2}});
    // The Types page's struct examples: a comptime variable of a named struct type changed
    // field by field; a type-returning function called twice gives the same type.
    c.push_back({"comptime_structs_and_type_functions",
                 program(R"(
const s = struct { x: i32, y: i32 };
const mutated = blk: {
  var my_s = s { .x = 15, .y = 99 };
  my_s.x = 0;
  my_s.y = 33;
  break :blk my_s;
};
fn pair(comptime T1: type, comptime T2: type) type { return struct { first: T1, second: T2 }; }
const my_pair = pair(i32, comptime_string) { .first = 42, .second = "this is a struct" };
comptime {
  @comptime_assert(@is_same_type(@type_of(my_pair), pair(i32, comptime_string)));
  @comptime_assert(@is_same_type(@type_of(my_pair.first), i32));
  @comptime_assert(mutated.x == 0);
}
var runtimePair: pair(u16, u16) = .{ .first = 1, .second = 2 };
fn swapPair(p: *pair(u16, u16)) void {
  const t = p.first;
  p.first = p.second;
  p.second = t;
}
)",
                         R"(
  y[0] = @bitcast(u32, mutated.y);
  y[1] = @bitcast(u32, my_pair.first);
  y[2] = @strlen(my_pair.second);
  swapPair(&runtimePair);
  y[3] = runtimePair.first * 10 + runtimePair.second;
)"),
                 {33, 42, 16, 21}});
    // The SDK's Comptime page: comptime variables in a function, a comptime block with a
    // for loop, `false and invalid` not analysing `invalid`, a global initialized by a
    // function building an identity matrix, branches pruned on a comptime type test.
    c.push_back({"comptime_page_examples",
                 program(R"(
const size: u16 = 4;
const identity = createIdentityMatrix();
fn createIdentityMatrix() [size, size]f16 {
  var result = @zeros([size, size]f16);
  var i: u16 = 0;
  while (i < size) : (i += 1) {
    result[i, i] = 1.0;
  }
  return result;
}
const mytype: type = f16;
fn one() mytype {
  if (@is_same_type(mytype, f16)) {
    return 1.0;
  } else {
    return 1;
  }
}
const andResult = false and invalid;
const orResult = true or invalid;
fn twice(arg: u16) u16 { return arg * 2; }
)",
                         R"(
  comptime var bitmap: u16 = 0xffff;
  bitmap &= 0x0400;
  y[0] = bitmap;
  comptime var sumValues: u16 = 0;
  comptime var sumIndices: u16 = 0;
  const three: u16 = 3;
  comptime {
    for ([3]u16{ 1, 2, three }) |value, idx| {
      sumValues += value;
      sumIndices += idx;
    }
  }
  y[1] = sumValues * 10 + sumIndices;
  var k: u16 = 2;
  y[2] = @bitcast(u16, identity[k, k]) + @bitcast(u16, identity[1, k]);
  y[3] = @bitcast(u16, one());
  y[4] = @as(u32, andResult) * 10 + @as(u32, orResult);
  var myVar = comptime twice(size);
  y[5] = myVar;
)"),
                 {0x0400, 63, 0x3c00, 0x3c00, 1, 8}});
    // The SDK's Syntax page: labelled void blocks left with `break :blk`, an unlabelled
    // `break` inside a block leaving the loop, a local array without initializer filled
    // through a many-item pointer, a function's address with `&`, an inline function whose
    // comptime arguments give a comptime result, a block with run-time code breaking a
    // comptime value, a function linkname (its symbol), float to enum.
    c.push_back({"syntax_page_blocks_functions",
                 program(R"(
fn copy(n: u16, comptime T: type, dest: [*]T, src: [*]const T) void {
  for (@range(u16, n)) |idx| { dest[idx] = src[idx]; }
}
fn foo() u16 { return 5; }
var fooPtr: *const fn() u16 = &foo;
inline fn add(a: i32, b: i32) i32 { return a + b; }
fn named() linkname("renamed_fn") u16 { return 9; }
const Level = enum(u16) { low = 1, mid = 2, high = 3 };
var sideEffects: u16 = 0;
fn runtimeCode() void { sideEffects += 1; }
)",
                         R"(
  var x: i32 = 0;
  var cond = sideEffects == 0;
  outer: {
    if (cond) {
      break :outer;
    }
    x += 1;
  }
  y[0] = @bitcast(u32, x);
  var loops: u16 = 0;
  while (loops < 10) {
    loops += 1;
    {
      if (loops == 3) {
        break;
      }
    }
  }
  y[1] = loops;
  var src = @constants([4]u16, 42);
  var dest: [4]u16;
  copy(4, u16, &dest, &src);
  y[2] = dest[3];
  y[3] = fooPtr() + named();
  if (add(1200, 34) != 1234) {
    @comptime_assert(false);
  }
  const z = b: {
    runtimeCode();
    break :b 1;
  } + 42;
  @comptime_assert(z == 43);
  y[4] = z + sideEffects;
  var f: f32 = 2.7;
  const lvl = @as(Level, f);
  y[5] = @as(u16, lvl);
  y[6] = @as(u16, comptime @as(Level, 3.0));
)"),
                 {0, 3, 42, 14, 44, 2, 3}});
    // The SDK's Generics page, run on run-time values: `sign` specialised with a comptime
    // type test, a generic struct built from @type_of, functions computing with types (an
    // if-expression whose untaken else is a failing @comptime_assert), the float mantissa.
    c.push_back({"generics_page_examples",
                 program(R"(
fn isSigned(comptime T: type) bool {
  return @is_same_type(T, f16) or @is_same_type(T, f32)
    or @is_same_type(T, i8) or @is_same_type(T, i16)
    or @is_same_type(T, i32) or @is_same_type(T, i64);
}
fn sign(x: anytype) @type_of(x) {
  const T = @type_of(x);
  if (comptime isSigned(T)) {
    if (x < @as(T, 0)) {
      return @as(T, -1);
    }
  }
  if (x > @as(T, 0)) {
    return @as(T, 1);
  }
  return x;
}
fn Point(comptime T: type) type { return struct { x: T, y: T }; }
fn makePoint(n: anytype) Point(@type_of(n)) {
  return Point(@type_of(n)) { .x = n, .y = n + 1 };
}
fn sizeOfInt(comptime T: type) comptime_int {
  return if (@is_same_type(T, i8)) 1
    else if (@is_same_type(T, i16)) 2
    else if (@is_same_type(T, i32)) 4
    else if (@is_same_type(T, i64)) 8
    else @comptime_assert(false, "not an int");
}
fn bitsType(comptime T: type) type {
  return if (@is_same_type(T, f16)) u16
    else if (@is_same_type(T, f32)) u32
    else @comptime_assert(false, "not a float");
}
fn mantissaLen(comptime T: type) comptime_int {
  return if (@is_same_type(T, f16)) 10
    else if (@is_same_type(T, f32)) 23
    else @comptime_assert(false, "not a float");
}
fn mantissaMask(comptime T: type) comptime_int {
  return comptime (1 << mantissaLen(T)) - 1;
}
fn getMantissa(x: anytype) bitsType(@type_of(x)) {
  const T = @type_of(x);
  const bits = @bitcast(bitsType(T), x);
  return bits & mantissaMask(T);
}
)",
                         R"(
  var a: i16 = -12;
  var b: u16 = 25;
  var h: f16 = 0.0;
  var f: f32 = -3.5;
  y[0] = @bitcast(u16, sign(a));
  y[1] = sign(b);
  y[2] = @bitcast(u16, sign(h));
  y[3] = @bitcast(u32, sign(f));
  const p = makePoint(b);
  y[4] = p.x * 100 + p.y;
  y[5] = sizeOfInt(i16) * 10 + sizeOfInt(i64);
  var hx: f16 = 1.5;
  y[6] = getMantissa(hx);
  y[7] = getMantissa(@as(f32, hx));
)"),
                 {0xffff, 1, 0, 0xbf800000, 2526, 28, 0x200, 0x400000}});
    // The SDK's Modules page: a module path relative to the importing file (also from a
    // module in a subdirectory), an unknown param name in the binding (a warning), a module
    // variable changed by the importer, a copy of a module value naming the same module.
    c.push_back({"modules_page_examples",
                 program(R"(
const mulMod = @import_module("sub/mul.csl", .{ .factor = 42, .notAParam = 1 });
const accMod = @import_module("acc.csl");
const alias = accMod;
)",
                         R"(
  const x = mulMod.multiply(10);
  accMod.accumulator += x;
  alias.accumulator += 1;
  y[0] = @bitcast(u16, accMod.accumulator);
  y[1] = mulMod.inner.bump();
  y[2] = mulMod.inner.bump();
)"),
                 {421, 7, 8},
                 {{"sub/mul.csl", R"(
param factor: i16;
const inner = @import_module("helper.csl");
fn multiply(arg: i16) i16 { return arg * factor; }
)"},
                  {"sub/helper.csl", "var n: u16 = 6;\nfn bump() u16 { n += 1; return n; }\n"},
                  {"acc.csl", "var accumulator: i16 = 0;\n"}}});
    // 64-bit and 8-bit run-time arithmetic against each other's extremes, signed/unsigned
    // comparisons per width, variable shift amounts past 32 on 64-bit values, f16
    // arithmetic and comparisons, bit casts both ways at run time.
    c.push_back(
        {"widths_compare_shift_f16_bitcasts",
         program("",
                 R"(
  var a64: u64 = 0x0000000100000000;
  var sh: u16 = 33;
  y[0] = @as(u32, (a64 << 3) >> sh);
  var b64: i64 = -0x100000000;
  var sh2: u16 = 36;
  y[1] = @bitcast(u32, @as(i32, b64 >> sh2));
  var m64: u64 = 0xffffffff00000000;
  var n64: u64 = 0x00000000ffffffff;
  y[2] = @as(u32, m64 > n64) + @as(u32, m64 / n64 == 0x100000000) * 2;
  var i8a: i8 = -1;
  var i8b: i8 = 1;
  y[3] = @as(u32, i8a < i8b) + @as(u32, @bitcast(u8, i8a) > @bitcast(u8, i8b)) * 2;
  var i16m: i16 = -32768;
  y[4] = @as(u32, i16m < 0) + @as(u32, i16m <= -32768) * 2 + @as(u32, i16m != 0) * 4;
  var i32m: i32 = -2147483647 - 1;
  var i32p: i32 = 2147483647;
  y[5] = @as(u32, i32m < i32p);
  var h1: f16 = 0.5;
  var h2: f16 = 0.25;
  var h3: f16 = h1 * h2 - h1 / h2;
  y[6] = @bitcast(u16, h3);
  y[7] = @as(u32, h1 > h2) + @as(u32, h3 < h2) * 2;
  var nz: f32 = -0.0;
  var pz: f32 = 0.0;
  y[8] = @as(u32, nz == pz) + @bitcast(u32, nz) ;
  var bits16: u16 = 0x3c00;
  var asH: f16 = @bitcast(f16, bits16);
  y[9] = @bitcast(u32, @as(f32, asH) * 3.0);
  var sgn: i16 = -2;
  y[10] = @bitcast(u16, sgn);
  var fromU: i16 = @bitcast(i16, @as(u16, 0xfffe));
  y[11] = @bitcast(u32, @as(i32, fromU));
)"),
         {4, 0xffffffff, 3, 3, 7, 1, 0xbf80, 3, 0x80000001, 0x40400000, 0xfffe, 0xfffffffe}});
    // Run-time conditions choosing structs and tuples (the Syntax page: if and switch
    // branches of compatible types), struct-returning calls used directly, tuples of
    // run-time values, @constants assigned to an array at run time.
    c.push_back({"runtime_aggregate_selection",
                 program(R"(
const P = struct { a: u16, b: u16 };
fn mk(a: u16, b: u16) P { return .{ .a = a, .b = b }; }
const Kind = enum(u8) { one, two, three };
)",
                         R"(
  var k: u16 = 3;
  const p1 = P{ .a = 1, .b = 2 };
  const p2 = P{ .a = k, .b = k * 2 };
  const sel = if (k > 2) p2 else p1;
  y[0] = sel.a * 10 + sel.b;
  var kind: Kind = .two;
  const q = switch (kind) { .one => mk(1, 1), .two => mk(2, 20), .three => mk(3, 30) };
  y[1] = q.b;
  y[2] = mk(k, 7).b + mk(4, k).a;
  const t = .{ k, k + 1, @as(u32, 9) };
  y[3] = t[1] + @as(u16, t[2]);
  var arr = [3]u16{ 1, 2, 3 };
  arr = @constants([3]u16, 5);
  y[4] = arr[0] + arr[2];
  var e2: Kind = @as(Kind, @as(u8, 2));
  y[5] = @get_int(e2);
)"),
                 {36, 20, 11, 13, 10, 2}});
    // @ptrcast views a u32 as two u16 halves (little-endian: the low half first) and an
    // array of f32 as u32 words; inline while with a comptime counter around run-time code;
    // switch on u8 and i64 run-time values with ranges; a switch prong block with its own
    // labelled break.
    c.push_back({"ptrcast_views_inline_while_switch_widths",
                 program(R"(
var w: u32 = 0x12345678;
var fs = [2]f32{ 1.0, -2.0 };
fn classify8(v: u8) u16 {
  return switch (v) { 0...9 => 1, 10, 20, 30 => 2, 200...255 => 3, else => 4 };
}
fn classify64(v: i64) u16 {
  return switch (v) { -5000000000 => 1, -1...1 => 2, 0x100000000 => 3, else => 4 };
}
)",
                         R"(
  const hp = @ptrcast(*[2]u16, &w);
  y[0] = hp.*[0];
  y[1] = hp.*[1];
  hp.*[1] = 0xabcd;
  y[2] = w;
  const wp = @ptrcast([*]u32, &fs);
  y[3] = wp[1];
  comptime var j = 0;
  var acc: u32 = 0;
  inline while (j < 4) : (j += 1) {
    acc = acc * 10 + @as(u32, j) + w % 2;
  }
  y[4] = acc;
  var b1: u8 = 7;
  var b2: u8 = 30;
  var b3: u8 = 255;
  var b4: u8 = 100;
  y[5] = classify8(b1) * 1000 + classify8(b2) * 100 + classify8(b3) * 10 + classify8(b4);
  var c1: i64 = -5000000000;
  var c2: i64 = -1;
  var c3: i64 = 0x100000000;
  var c4: i64 = 2;
  y[6] = classify64(c1) * 1000 + classify64(c2) * 100 + classify64(c3) * 10 + classify64(c4);
  var sel: u16 = 2;
  const r = switch (sel) {
    2 => blk: {
      var t: u16 = 0;
      for (@range(u16, 5)) |i| {
        if (i == 3) break :blk t;
        t += i;
      }
      break :blk 100;
    },
    else => 0,
  };
  y[7] = r;
)"),
                 {0x5678, 0x1234, 0xabcd5678, 0xc0000000, 123, 1234, 1234, 3}});
    // The SDK's DSDs page: a tensor access as a comptime_struct value and its fields given
    // one by one, an anonymous struct as the tensor access, the explicit mem4d form with
    // extent and stride tuples (stride read innermost first), run-time mem1d properties.
    c.push_back({"dsd_page_access_forms",
                 program(R"(
var A = @zeros([20]f32);
var B = @zeros([20]f32);
var out1 = @zeros([25]f32);
var out2 = @zeros([25]f32);
var out3 = @zeros([5]f32);
var out4 = @zeros([5]f32);
var out5 = @zeros([5]f32);
var out6 = @zeros([4]f32);
const dsd1 = @get_dsd(mem4d_dsd, .{ .tensor_access = |i, j|{5, 5} -> A[2 * i + j] });
const dsd2 = @get_dsd(mem4d_dsd, .{ .base_address = &A, .extent = .{5, 5}, .stride = .{1, -2} });
const o1 = @get_dsd(mem1d_dsd, .{ .tensor_access = |t|{25} -> out1[t] });
const o2 = @get_dsd(mem1d_dsd, .{ .tensor_access = |t|{25} -> out2[t] });
const accessOfB: comptime_struct = |i|{5} -> B[2 * i + 3];
const b1 = @get_dsd(mem1d_dsd, .{ .tensor_access = accessOfB });
const b2 = @get_dsd(mem1d_dsd, .{ .base_address = accessOfB.base_address,
                                  .offset = accessOfB.offset,
                                  .stride = accessOfB.stride,
                                  .extent = accessOfB.extent });
const anonAccess = .{ .base_address = &B, .stride = 2, .extent = 5 };
const b3 = @get_dsd(mem1d_dsd, .{ .tensor_access = anonAccess });
const o3 = @get_dsd(mem1d_dsd, .{ .tensor_access = |t|{5} -> out3[t] });
const o4 = @get_dsd(mem1d_dsd, .{ .tensor_access = |t|{5} -> out4[t] });
const o5 = @get_dsd(mem1d_dsd, .{ .tensor_access = |t|{5} -> out5[t] });
var C = @zeros([4, 5]i16);
const accessOfC = |i, j, k, l|{5, 5, 5, 5} -> C[i + j, k + l + 2];
comptime {
  @comptime_assert(accessOfC.stride[0] == 1 and accessOfC.stride[1] == -3);
  @comptime_assert(accessOfC.stride[2] == -3 and accessOfC.stride[3] == -23);
  @comptime_assert(accessOfC.extent[0] == 5 and @strlen("x") == 1);
}
var out7 = @zeros([6]f32);
const contiguous = @get_dsd(mem4d_dsd, .{ .base_address = &A, .offset = 4, .extent = .{2, 3} });
const o7 = @get_dsd(mem1d_dsd, .{ .tensor_access = |t|{6} -> out7[t] });
var ptr: [*]f32 = &B;
fn runtimeDsd(stride: i16, len: u16) void {
  var d = @get_dsd(mem1d_dsd, .{ .base_address = ptr, .stride = @as(i8, stride), .extent = len });
  const o6 = @get_dsd(mem1d_dsd, .{ .tensor_access = |t|{4} -> out6[t] });
  @fmovs(o6, d);
}
)",
                         R"(
  for (@range(u16, 20)) |k| {
    A[k] = @as(f32, k);
    B[k] = @as(f32, k) * 10.0;
  }
  @fmovs(o1, dsd1);
  @fmovs(o2, dsd2);
  y[0] = @as(u32, out1[7]) * 100 + @as(u32, out1[24]);
  y[1] = @as(u32, out2[7]) * 100 + @as(u32, out2[24]);
  @fmovs(o3, b1);
  @fmovs(o4, b2);
  @fmovs(o5, b3);
  y[2] = @as(u32, out3[0]) * 1000 + @as(u32, out3[4]);
  y[3] = @as(u32, out4[0]) * 1000 + @as(u32, out4[4]);
  y[4] = @as(u32, out5[1]) * 1000 + @as(u32, out5[4]);
  runtimeDsd(3, 4);
  y[5] = @as(u32, out6[1]) * 1000 + @as(u32, out6[3]);
  @fmovs(o7, contiguous);
  y[6] = @as(u32, out7[0]) * 100 + @as(u32, out7[5]);
)"),
                 {412, 412, 30110, 30110, 20080, 30090, 409}});
    // The Builtins page's result types and values: @dimensions gives u32s, @element_count a
    // u32, @rank a u16, @get_int keeps an integer's type and gives an enum's tag type or u16
    // for IDs; @concat_structs of tuples; @import_comptime_value of a JSON array and of an
    // object with typed field labels.
    c.push_back(
        {"builtin_result_types_and_json",
         program(R"(
const anEnum = enum(u32) { FOO = 1, BAR = 2, BAZ = 3 };
const aNum: i8 = -10;
const json = @import_comptime_value([8]u16, "array.json");
const cfg = @import_comptime_value(comptime_struct, "cfg.json");
comptime {
  @comptime_assert(@is_same_type(@type_of(@dimensions([3, 5, 7]f16)[2]), u32));
  @comptime_assert(@dimensions([3, 5, 7]f16)[1] == 5);
  @comptime_assert(@is_same_type(@type_of(@element_count([3, 5, 7]f16)), u32));
  @comptime_assert(@is_same_type(@type_of(@rank([3, 5, 7]f16)), u16));
  @comptime_assert(@is_same_type(@element_type([3, 5, 7]f16), f16));
  @comptime_assert(@is_same_type(@type_of(@get_int(aNum)), i8));
  @comptime_assert(@is_same_type(@type_of(@get_int(anEnum.FOO)), u32));
  @comptime_assert(@is_same_type(@type_of(@get_int(@get_local_task_id(29))), u16));
  @comptime_assert(@get_int(@get_local_task_id(29)) == 29);
  for (@range(u16, 8)) |i| {
    @comptime_assert(json[i] == i + 1);
  }
}
const tup = @concat_structs(.{ 1, 2 }, .{3});
)",
                 R"(
  y[0] = @element_count([3, 5, 7]f16);
  y[1] = @bitcast(u8, @get_int(aNum));
  y[2] = @get_int(anEnum.BAZ);
  y[3] = tup[0] + tup[1] * 10 + tup[2] * 100;
  var k: u16 = 5;
  y[4] = json[k];
  y[5] = @as(u32, cfg.flag) * 1000 + @as(u32, cfg.arr[2]) + @as(u32, cfg.count);
)"),
         {105, 0xf6, 3, 321, 6, 1000 + 30 + 7},
         {{"array.json", "[1,2,3,4,5,6,7,8]"},
          {"cfg.json", R"({"flag:bool": true, "arr:[4]i16": [10, 20, 30, 40], "count:u16": 7})"}}});
    // break and continue in switch prongs inside loops, a return from nested loops, a
    // run-time break out of an inline for, while conditions calling functions.
    c.push_back({"jumps_through_switches_and_nested_loops",
                 program(R"(
fn firstAbove(xs: *const [6]u16, limit: u16) u16 {
  for (@range(u16, 2)) |pass| {
    for (xs.*) |x, i| {
      if (pass == 1 and x > limit) return @as(u16, i);
    }
  }
  return 99;
}
var budget: u16 = 4;
fn take() bool {
  if (budget == 0) return false;
  budget -= 1;
  return true;
}
)",
                         R"(
  var acc: u16 = 0;
  var i: u16 = 0;
  while (i < 10) : (i += 1) {
    switch (i % 4) {
      0 => continue,
      3 => if (i > 6) break,
      else => {},
    }
    acc += i;
  }
  y[0] = acc;
  y[1] = i;
  const xs = [6]u16{ 3, 9, 4, 12, 1, 15 };
  y[2] = firstAbove(&xs, 10);
  y[3] = firstAbove(&xs, 20);
  var found: u16 = 0;
  inline for (.{ 5, 7, 9, 11 }) |v| {
    if (found == 0 and v * xs[1] > 70) {
      found = v;
      break;
    }
  }
  y[4] = found;
  var n: u16 = 0;
  while (take()) { n += 10; }
  y[5] = n + budget;
)"),
                 {1 + 2 + 3 + 5 + 6, 7, 3, 99, 9, 40}});
    // The Types page's arbitrary-width integers: run-time results wrap to the type's own
    // width (held in the next 8/16/32/64-bit container), in variables, struct fields, arrays,
    // parameters, enum tags, @as and @bitcast; a switch listing every value needs no else.
    c.push_back(
        {"arbitrary-width-integers",
         program(R"(
const Tint = enum(u3) { red, green, blue = 6 };
const Fields = struct { a: u3, b: i5, c: u24 };
var small: u3 = 7;
var tiny: i4 = -8;
var flags = [4]u1{ 1, 0, 1, 1 };
var fields = Fields{ .a = 5, .b = -16, .c = 16777215 };
fn addWrap(a: u5, b: u5) u5 { return a + b; }
fn quarter(x: u2) u16 {
  return switch (x) { 0 => 10, 1 => 11, 2...3 => 12 };
}
fn signed32(x: anytype) u32 { return @bitcast(u32, @as(i32, x)); }
)",
                 R"(
  small += 1;
  y[0] = small;
  tiny -= 1;
  y[1] = signed32(tiny);
  var n: i4 = 7;
  n = -n - 1;
  y[2] = signed32(n);
  y[3] = addWrap(30, 5);
  var s: u16 = 0;
  for (flags) |f| { s += @as(u16, f); }
  y[4] = s;
  fields.c += 2;
  fields.b -= 1;
  y[5] = fields.c;
  y[6] = signed32(fields.b);
  y[7] = @as(u16, Tint.blue);
  var w: u3 = 5;
  w = w << 1;
  y[8] = w;
  w = ~w;
  y[9] = w;
  var big: u16 = 1234;
  y[10] = @as(u7, big);
  var m: i3 = 3;
  m = m * 2;
  y[11] = signed32(m);
  y[12] = quarter(@as(u2, w & 3));
  y[13] = @bitcast(u3, @as(i3, -2));
  var q: i5 = -16;
  q = q / -1;
  y[14] = signed32(q);
  var wide: u33 = 8589934591;
  wide += 2;
  y[15] = @as(u32, wide);
  var z: u0 = 0;
  z += 0;
  y[16] = z;
  y[17] = @as(u16, fields.a) * 10 + @as(u16, small < 1);
)"),
         {0, 7, 0xfffffff8u, 3, 3, 1, 15, 6, 2, 5, 82, 0xfffffffeu, 11, 6, 0xfffffff0u, 1, 0, 51}});
    // The Types page (SDK 2.10): a packed struct lays its fields out with no gaps (an f32
    // after an i16 starts at byte 2), in variables, arrays and through a byte pointer.
    c.push_back({"packed-struct-layout",
                 program(R"(
const P = packed struct { x: i16, y: f32, z: u8, w: u8 };
var p = P{ .x = -3, .y = 2.5, .z = 7, .w = 9 };
var arr = [2]P{ P{ .x = 1, .y = 1.5, .z = 2, .w = 3 }, P{ .x = 4, .y = 4.5, .z = 5, .w = 6 } };
)",
                         R"(
  p.y += 1.0;
  arr[1].x += 10;
  y[0] = @bitcast(u16, p.x);
  y[1] = @bitcast(u32, p.y);
  y[2] = @as(u16, p.z) + 16 * @as(u16, p.w);
  y[3] = @bitcast(u16, arr[1].x);
  y[4] = @bitcast(u32, arr[1].y);
  const bytes = @ptrcast([*]u8, &p);
  y[5] = bytes[5];
  y[6] = bytes[6];
)"),
                 {0xfffd, 0x40600000, 7 + 16 * 9, 14, 0x40900000, 0x40, 7}});
    // Struct types are nominal (corpus sema_nominal_struct_types), but one declaration's type
    // in two instances of a module is taken for the other when its fields match: a layout
    // passes a shared module's struct to a tile param of that module's type the same way.
    c.push_back({"struct-of-one-declaration-in-two-module-instances",
                 program(R"(
const m2 = @import_module("shapes.csl", .{ .scale = 2 });
const m3 = @import_module("shapes.csl", .{ .scale = 3 });
fn area(c: m3.Cell) u32 { return @as(u32, c.x) * c.y; }
)",
                         R"(
  var n: u16 = 4;
  const c = m2.Cell{ .x = n, .y = 5 };
  y[0] = area(c);
  y[1] = m2.factor + m3.factor;
)"),
                 {20, 50},
                 {{"shapes.csl",
                   "param scale: u32;\nconst Cell = struct { x: u16, y: u32 };\nconst factor: u32 "
                   "= scale * 10;\n"}}});
    // An index into a local const array (or a struct's array field, or a literal) with
    // run-time elements is evaluated once: `xs[next() % 3]` called next() twice and read
    // xs[2] (session 17, found by the recursion tester).
    c.push_back({"const-array-index-evaluated-once",
                 program(R"(
var counter: u32 = 0;
fn next() u32 { counter += 1; return counter; }
const Holder = struct { vals: [3]u32 };
)",
                         R"(
  const a = y[23] + 100;
  const xs = [3]u32{ a, a + 10, a + 20 };
  y[0] = xs[next() % 3];
  y[1] = counter;
  const h = Holder{ .vals = [3]u32{ a, a + 1, a + 2 } };
  y[2] = h.vals[next() % 3];
  y[3] = ([3]u32{ a, a * 2, a * 3 })[next() % 3];
  y[4] = counter;
)"),
                 {110, 1, 102, 100, 3}});
    // A recursive function that only comptime code calls builds a table; checking the tile
    // file whole lowered the helper and reported "recursion is not supported" (session 8,
    // when run-time recursion was refused).
    c.push_back({"comptime-only-recursive-helper",
                 program(R"(
fn fact(n: u32) u32 {
  if (n <= 1) return 1;
  return n * fact(n - 1);
}
const table = [4]u32{ fact(1), fact(3), fact(5), fact(7) };
)",
                         R"(
  var i: u16 = 0;
  while (i < 4) : (i += 1) y[i] = table[i];
)"),
                 {1, 6, 120, 5040}});
    // Peer types (Zig's rule): `if (c) 0 else n` with n a u16 is a u16 wherever it goes,
    // also as an anytype argument (it was an i32, so a library function taking a u16 refused
    // it); `if (c) 1.5 else h` with h an f16 is an f16.
    c.push_back({"if-literal-branch-takes-peer-type",
                 program(R"(
fn bitsOf(x: anytype) u32 {
  return if (@type_of(x) == u16) 16 else if (@type_of(x) == f16) 116 else 32;
}
)",
                         R"(
  var n: u16 = 7;
  var h: f16 = 2.0;
  const v = if (n > 2) 0 else n;
  y[0] = bitsOf(v);
  y[1] = bitsOf(if (n > 9) 1.5 else h);
  y[2] = @as(u32, v) + bitsOf(if (n < 9) 3 else n);
)"),
                 {16, 116, 16}});
    // The Types page: comptime_int "never underflow or overflow", so the i64 minimum is a
    // literal under '-' (it was "integer literal '9223372036854775808' is too large").
    c.push_back({"i64-minimum-literal",
                 program(R"(
const lowest: i64 = -9223372036854775808;
var x: i64 = -9223372036854775808;
comptime { @comptime_assert(lowest == -9223372036854775807 - 1); }
)",
                         R"(
  x += 5;
  y[0] = @as(u32, @bitcast(u64, x) >> 32);
  y[1] = @as(u32, @bitcast(u64, x) & 0xffffffff);
)"),
                 {0x80000000u, 5}});
    // The DSDs page, one-dimensional memory vectors: `.offset` is "any expression of type
    // i16", so a run-time offset moves the base like a run-time extent or stride changes
    // theirs (refused before session 8), also with a run-time base address.
    c.push_back({"runtime-dsd-offset",
                 program(R"(
var src = [12]u32{ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
var dst = @zeros([12]u32);
)",
                         R"(
  var n: u16 = 3;
  const len: u16 = n + 1;
  const off: i16 = @bitcast(i16, n);
  const s = @get_dsd(mem1d_dsd, .{ .base_address = &src, .extent = len, .stride = 2, .offset = off });
  const d = @get_dsd(mem1d_dsd, .{ .base_address = &dst, .extent = len });
  @mov32(d, s);
  var base: [*]u32 = &src;
  const back = @get_dsd(mem1d_dsd, .{ .base_address = base, .extent = 2, .offset = off - 1 });
  const d2 = @get_dsd(mem1d_dsd, .{ .base_address = &dst, .extent = 2, .offset = 4 });
  @mov32(d2, back);
  var i: u16 = 0;
  while (i < 6) : (i += 1) y[i] = dst[i];
)"),
                 {4, 6, 8, 10, 3, 4}});
    // The Syntax page: a function's `return` and a labelled block's `break :label value` may
    // give a struct or array from any point at run time (the last one was used, bug of
    // session 8), `&` of a by-value struct parameter, `for (arr) |*x|` pointer captures that
    // change the array, and a `switch` on a bool that lists both values.
    c.push_back({"aggregate-results-and-captures",
                 program(R"(
const P = struct { a: u16, b: i32 };
const Ev = struct { time: u32, id: u16 };
var arr = [4]u16{ 1, 2, 3, 4 };
fn pick(c: u16) P {
  if (c < 10) return P{ .a = c + 1, .b = @as(i32, c) + 100 };
  return P{ .a = c + 2, .b = @as(i32, c) + 200 };
}
fn pickConst(c: u16) P {
  if (c < 10) { return P{ .a = 1, .b = 100 }; } else { return P{ .a = 2, .b = 200 }; }
}
fn pair(c: u16) [2]u32 {
  if (c < 10) return [2]u32{ 1, @as(u32, c) };
  return [2]u32{ 2, @as(u32, c) + 50 };
}
fn idOf(p: *const Ev) u16 { return p.id + 1; }
fn byValue(e: Ev) u16 { return idOf(&e); }
fn label(b: bool) u16 {
  return switch (b) { true => 10, false => 20 };
}
)",
                         R"(
  var n: u16 = 3;
  const r = pick(n);
  const far = pick(n + 20);
  const t = pickConst(n);
  const a = pair(n);
  y[0] = r.a;
  y[1] = @bitcast(u32, r.b);
  y[2] = far.a;
  y[3] = @bitcast(u32, t.b);
  y[4] = a[0] * 100 + a[1];
  const blk = found: {
    var i: u16 = 0;
    while (i < 8) : (i += 1) {
      if (i == n) break :found P{ .a = i, .b = 30 };
    }
    break :found P{ .a = 99, .b = -1 };
  };
  y[5] = blk.a;
  y[6] = @bitcast(u32, blk.b);
  y[7] = byValue(Ev{ .time = 1, .id = n });
  for (arr) |*x| x.* += 10;
  for (arr) |*x, i| x.* *= (i + 1);
  y[8] = @as(u32, arr[0]) * 1000000 + @as(u32, arr[1]) * 10000 + @as(u32, arr[3]);
  y[9] = label(n > 2) + label(n > 5);
)"),
                 {4, 103, 25, 100, 103, 3, 30, 4, 11240056, 30}});
    // The Types page (SDK 2.10): packed struct fields are "a sequence of bits with no gaps",
    // the first field lowest, and "Non-ABI-sized types are primarily intended for compact
    // data structures such as packed structs": bools, u2/i3, enum(u2), f16 and packed
    // structs nested off byte boundaries, read and written in place, through pointers and
    // array elements, copied, and converted to and from integers with @bitcast.
    c.push_back({"packed-struct-bit-fields",
                 program(R"(
const Kind = enum(u2) { a, b, c, d };
const Flags = packed struct { ready: bool, mode: u2, level: i3, kind: Kind };
const Header = packed struct { tag: u4, len: u12, scale: f16 };
const Odd = packed struct { a: u3, inner: Flags, b: u5 };
var g = Flags{ .ready = true, .mode = 2, .level = -3, .kind = .c };
var h = Header{ .tag = 9, .len = 0x123, .scale = 1.5 };
var o = Odd{ .a = 5, .inner = Flags{ .ready = false, .mode = 1, .level = -1, .kind = .d }, .b = 17 };
var arr = [3]Flags{ @bitcast(Flags, @as(u8, 0x01)), @bitcast(Flags, @as(u8, 0x42)),
                    @bitcast(Flags, @as(u8, 0xff)) };
comptime {
  @comptime_assert(@bitcast(u8, Flags{ .ready = true, .mode = 2, .level = -3, .kind = .c }) == 0xad);
  const f = @bitcast(Flags, @as(u8, 0x97));
  @comptime_assert(f.level == 2 and f.mode == 3 and f.kind == Kind.c);
}
fn grow(p: *Header) void {
  p.len += 1;
  p.scale *= 2.0;
}
)",
                         R"(
  y[0] = @bitcast(u8, g);
  y[1] = @bitcast(u16, @as(i16, g.level));
  g.level += 3;
  g.level += 2;
  g.mode = 3;
  y[2] = @bitcast(u8, g);
  y[3] = if (g.ready) 1 else 0;
  g.ready = false;
  y[4] = @bitcast(u8, g);
  y[5] = @as(u16, g.kind);
  grow(&h);
  y[6] = @bitcast(u32, h);
  const hb = @ptrcast([*]u8, &h);
  y[7] = hb[1];
  var copy = h;
  copy.tag = 15;
  y[8] = @bitcast(u32, copy);
  y[9] = h.tag;
  y[10] = @bitcast(u16, o);
  o.inner.mode = 2;
  y[11] = @bitcast(u16, o);
  y[12] = @bitcast(u16, @as(i16, o.inner.level));
  var i: u16 = 0;
  var acc: u32 = 0;
  while (i < 3) : (i += 1) {
    arr[i].mode = @as(u2, i);
    acc = acc * 256 + @as(u32, @bitcast(u8, arr[i]));
  }
  y[13] = acc;
)"),
                 {0xad, 0xfffd, 0x97, 1, 0x96, 2, 0x42001249, 0x12, 0x4200124f, 9, 0x8fd5, 0x8fe5,
                  0xffff, 0x0142fd}});
    // A local const array of run-time values indexed at run time, and its address passed on
    // (it was an error: "initializer is not comptime-known" at the index).
    c.push_back({"runtime-const-array-indexed",
                 program(R"(
fn total(p: *const [3]u32) u32 { return p.*[0] + p.*[1] + p.*[2]; }
fn weigh(a: u32, b: u32) u32 {
  const taps = [3]u32{ a, b, a + b };
  var s: u32 = 0;
  for (@range(u16, 3)) |t| {
    s = s * 10 + taps[t];
  }
  return s * 1000 + total(&taps);
}
)",
                         R"(
  y[0] = weigh(1, 2);
  y[1] = weigh(4, 5);
)"),
                 {123006, 459018}});
    // `.save_address` belongs to the DSR wherever it is used (the DSRs page): `put` is lowered
    // before the function that loads the DSR, and still moves it on. It used to be applied
    // only to operations compiled after the load (in the loading function, say), so every
    // put here wrote the first word.
    c.push_back({"save-address-follows-the-dsr",
                 program(R"(
var words = @zeros([4]u32);
var tmp = @zeros([1]u32);
const tmp_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{1} -> tmp[i] });
const walk = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{1} -> words[i] });
const wdst = @get_dsr(dsr_dest, 5);
fn put(v: u32) void { tmp[0] = v; @mov32(wdst, tmp_dsd); }
fn load() void { @load_to_dsr(wdst, walk, .{ .save_address = true }); }
fn step(loading: bool, v: u32) void {
  if (!loading) { put(v); put(v + 1); } else { load(); }
}
)",
                         R"(
  step(true, 0);
  step(false, 5);
  step(false, 7);
  y[0] = words[0];
  y[1] = words[1];
  y[2] = words[2];
  y[3] = words[3];
)"),
                 {5, 6, 7, 8}});
    // @type_of of run-time globals at comptime (the Libraries page's <dsd_ops> example does
    // `const bufType = @type_of(buf.*);` at top level; it was "cannot read a runtime variable
    // in a comptime context"), and prefix type operators over an indexed tuple of types
    // (`[4]types[1]` is `[4](types[1])`, as in Zig; it was `([4]types)[1]`).
    c.push_back({"type-of-globals-at-comptime-and-indexed-types",
                 program(R"(
const S = struct { data: [6]u16, hits: u32 };
var s: S = @zeros(S);
var count: u32 = 0;
const types = .{ f32, u16 };
var arr: [4]types[1] = @zeros([4]u16);
const arr_ptr: *[4]types[1] = &arr;
const n = @element_count(@type_of(s.data));
const Elem = @type_of(s.data[0]);
comptime {
  @comptime_assert(@is_same_type(@type_of(count), u32));
  @comptime_assert(@is_same_type(@type_of(s.hits), u32));
  @comptime_assert(@is_same_type(@type_of(arr_ptr.*), [4]u16));
}
)",
                         R"(
  arr[3] = 40;
  var e: Elem = 2;
  y[0] = n;
  y[1] = arr_ptr.*[3] + e;
  y[2] = @as(u32, @is_same_type(Elem, types[1]));
)"),
                 {6, 42, 1}});
    // A run-time @range ending next to its type's limit stops: the counter wrapped
    // (65534 + 4 is 2 in u16) and the loop never ended.
    c.push_back({"range-at-the-type-limit",
                 program(R"(
fn count(lo: u16) u32 {
  var n: u32 = 0;
  for (@range(u16, lo, 65535, 4)) |v| { n += 1; _ = v; }
  return n;
}
fn last8(lo: u8) u32 {
  var l: u32 = 0;
  for (@range(u8, lo, 255, 7)) |v| { l = v; }
  return l;
}
)",
                         R"(
  y[0] = count(65530);
  y[1] = last8(240);
  var down: i16 = 0;
  for (@range(i16, -32760, -32768, -3)) |v| { down = v; }
  y[2] = @bitcast(u16, down);
)"),
                 {2, 254, 0x8002}});
    // An 'if' or 'switch' on a run-time value that gives DSDs (the Syntax page: both are
    // expressions; DSDs are run-time values): three rotating views picked by step % 3. Both
    // were refused ("must produce a runtime value"); the first switch's DSD then took the
    // switch's scalar result register, so a second switch overwrote it.
    c.push_back({"runtime-if-and-switch-give-dsds",
                 program(R"(
var src = [6]u32 { 1, 2, 3, 4, 5, 6 };
var out = @zeros([6]u32);
fn view(comptime b: u16) mem1d_dsd {
  return @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{2} -> src[b * 2 + i] });
}
fn pick(flag: bool, x: mem1d_dsd, z: mem1d_dsd) mem1d_dsd { return if (flag) x else z; }
const o0 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{2} -> out[i] });
const o1 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{2} -> out[i + 2] });
const o2 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{2} -> out[i + 4] });
fn rotate(step: u16) u32 {
  const r = step % 3;
  const a = switch (r) { 0 => view(0), 1 => view(1), else => view(2) };
  const b = switch (r) { 0 => view(1), 1 => view(2), else => view(0) };
  const c = if (r == 2) view(1) else pick(r == 0, view(2), view(0));
  @mov32(o0, a);
  @mov32(o1, b);
  @mov32(o2, c);
  return out[0] * 100000 + out[1] * 10000 + out[2] * 1000 + out[3] * 100 + out[4] * 10 + out[5];
}
)",
                         R"(
  y[0] = rotate(3);
  y[1] = rotate(4);
  y[2] = rotate(5);
)"),
                 {123456, 345612, 561234}});
    // The Types page (SDK 2.10), Union Types: a bare union's active field changes at comptime;
    // extern and packed unions overlay their fields on the same bytes (an f32 read as i32, an
    // i16 read as a packed struct of two i8), in globals, struct fields, through pointers and
    // when copied or chosen as a whole at run time.
    c.push_back({"unions",
                 program(R"(
const Word = extern union { i: i32, f: f32 };
const Pair = packed struct { lo: i8, hi: i8 };
const Half = packed union { p: Pair, i: i16 };
const Tagged = union { count: u16, scale: f32 };
const Holder = struct { tag: u16, w: Word };
var g = Word{ .f = 1.5 };
var h = Half{ .i = 0x0302 };
var holder = Holder{ .tag = 9, .w = Word{ .i = 0x40800000 } };
var zero: Word = @zeros(Word);
var halves = [2]Half{ Half{ .i = 5 }, Half{ .p = Pair{ .lo = 6, .hi = 1 } } };
comptime {
  var t = Tagged{ .count = 15 };
  @comptime_assert(t.count == 15);
  t.count = 0;
  @comptime_assert(t.count == 0);
  t = Tagged{ .scale = 33.0 };
  @comptime_assert(t.scale == 33.0);
  const one = Word{ .f = 1.0 };
  @comptime_assert(one.i == 0x3f800000);
  @comptime_assert(@has_field(Tagged, "scale") and @has_field(t, "count"));
}
fn widen(p: *Word) void { p.f *= 2.0; }
)",
                         R"(
  y[0] = @bitcast(u32, g.i);
  g.i += 1;
  y[1] = @bitcast(u32, g.f);
  y[2] = @bitcast(u16, @as(i16, h.p.lo)) + 256 * @bitcast(u16, @as(i16, h.p.hi));
  h.p.hi = -1;
  y[3] = @bitcast(u16, h.i);
  widen(&holder.w);
  y[4] = @bitcast(u32, holder.w.i);
  var copy = holder.w;
  copy.f += 1.0;
  y[5] = @bitcast(u32, copy.i);
  y[6] = @bitcast(u32, holder.w.f);
  var flag: u16 = holder.tag;
  const chosen = if (flag > 5) Word{ .f = -2.0 } else Word{ .i = 7 };
  y[7] = @bitcast(u32, chosen.i);
  y[8] = @bitcast(u32, zero.f);
  const holderBytes = @ptrcast([*]u8, &holder);
  y[9] = holderBytes[7];
  const halfWords = @ptrcast([*]u16, &halves);
  y[10] = halfWords[1];
)"),
                 {0x3fc00000, 0x3fc00001, 0x0302, 0xff02, 0x41000000, 0x41100000, 0x41000000,
                  0xc0000000, 0, 0x41, 0x0106}});
    // SDK 2.10 (release notes): `linksection` on functions, *T coerces to *[1]T, a trailing
    // comma after enum members, and == / != between types; the Syntax page's `&x[1]` of a
    // const array (at comptime and with a run-time index); the Builtins page's @get_rectangle
    // (u16 sizes, the fabric's and the offsets) and `.routes = .{}`; the Syntax page's extern
    // functions with unnamed parameters; the Types page's *anyopaque (any pointer coerces to
    // it, @ptrcast brings the type back).
    c.push_back({"sdk-2.10-language-additions",
                 program(R"(
const Mode = enum(u16) { idle, busy, done, };
var count: i16 = 7;
const table = [3]i16{ 4, 5, 6 };
const second = &table[1];
var opaqueTarget: i32 = 42;
var erased: *anyopaque = &opaqueTarget;
const erasedConst: *const anyopaque = &table;
extern fn g(f16, f16) f16;
extern fn alias_for_bar(*f16) f16 linkname("bar");
const rect = @get_rectangle();
comptime {
  @comptime_assert(@type_of(rect.width) == u16 and @type_of(rect.fabric.height) == u16);
  @set_local_color_config(@get_color(6), .{ .routes = .{} });
}
fn first(a: *[1]i16) i16 { return a[0]; }
fn bump() linksection(".fast_code") void { count += 1; }
export fn twice(x: i16) linksection(".fast_code") i16 { return 2 * x; }
)",
                         R"(
  y[0] = @as(u16, Mode.done);
  y[1] = @bitcast(u16, first(&count));
  bump();
  y[2] = @bitcast(u16, twice(count));
  y[3] = if (i16 == i16 and i16 != u16) 1 else 0;
  y[4] = @bitcast(u16, second.*);
  var i: u16 = 2;
  const p = &table[i];
  y[5] = @bitcast(u16, p.*);
  y[6] = rect.width * 1000 + rect.height;
  y[7] = rect.fabric.width * 1000 + rect.fabric.height;
  y[8] = rect.offsets.width * 1000 + rect.offsets.height;
  const typed: *i32 = @ptrcast(*i32, erased);
  typed.* += 58;
  y[9] = @bitcast(u32, opaqueTarget);
  y[10] = @bitcast(u16, @ptrcast(*const [3]i16, erasedConst).*[2]);
)"),
                 {2, 7, 16, 1, 5, 6, 1001, 8003, 4001, 100, 6}});
    // The Storage Classes page: `extern` names the `export` declaration of another module of
    // the same program, a var (one variable, changed from both) or a const pointer; the
    // module holding the exports is used by nothing else before the externs; a linkname
    // aliases an export by its symbol name.
    c.push_back({"extern-binds-export",
                 program(R"(
const counter = @import_module("counter.csl");
extern var hits: i16;
extern const table: [*]const u32;
extern var alias: i16 linkname("hits");
)",
                         R"(
  hits += 5;
  counter.bump();
  y[0] = @bitcast(u16, hits);
  y[1] = table[2];
  alias += 100;
  y[2] = @bitcast(u16, hits);
)"),
                 {16, 30, 116},
                 {{"counter.csl", R"(
export var hits: i16 = 10;
const values = [4]u32{ 1, 2, 30, 4 };
export const table: [*]const u32 = &values;
fn bump() void { hits += 1; }
)"}}});
    return c;
}

} // namespace

class TestCslLanguage2 : public QObject {
    Q_OBJECT
  private slots:
    void programs_data() { addLanguageCaseRows(cases()); }
    void programs() {
        QFETCH(int, index);
        QFETCH(int, arch);
        checkLanguageCase(cases()[size_t(index)], sim::Arch(arch));
    }
    // A function's linkname (the SDK's Syntax page: "the function known as foo within CSL
    // gets assigned the name bar in the compiled object file") names its code.
    void functionLinkname() {
        const std::vector<LanguageCase> all = cases();
        const auto it = std::find_if(all.begin(), all.end(), [](const LanguageCase& k) {
            return std::string(k.name) == "syntax_page_blocks_functions";
        });
        QVERIFY(it != all.end());
        const LanguageCase& c = *it;
        const csl::CompileResult r =
            compileFiles({{"layout.csl", kLanguageLayout}, {"pe.csl", c.pe}});
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        std::vector<std::string> names;
        for (const sim::Function& f : r.program->classes.at(0).functions)
            names.push_back(f.name);
        QVERIFY(std::find(names.begin(), names.end(), "renamed_fn") != names.end());
        QVERIFY(std::find(names.begin(), names.end(), "named") == names.end());
    }
    // The Modules page: "its symbol name in the resulting binary will be
    // basename.importedname"; an unknown param name in the binding is a warning.
    void moduleSymbolNamesAndUnknownParamWarning() {
        const std::vector<LanguageCase> all = cases();
        const auto it = std::find_if(all.begin(), all.end(), [](const LanguageCase& k) {
            return std::string(k.name) == "modules_page_examples";
        });
        QVERIFY(it != all.end());
        std::map<std::string, std::string> files = it->moreFiles;
        files["layout.csl"] = kLanguageLayout;
        files["pe.csl"] = it->pe;
        const csl::CompileResult r = compileFiles(files);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        bool found = false;
        for (const sim::Symbol& sym : r.program->classes.at(0).symbols)
            found = found || sym.name == "accMod.accumulator";
        QVERIFY(found);
        QCOMPARE(r.diagnostics.size(), size_t(1));
        QCOMPARE(r.diagnostics[0].severity, csl::Severity::Warning);
        QVERIFY2(r.diagnostics[0].message.find("no param named 'notAParam'") != std::string::npos,
                 r.diagnostics[0].message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCslLanguage2)
#include "tst_csl_language2.moc"
