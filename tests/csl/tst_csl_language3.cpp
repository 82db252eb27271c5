// The CSL language, third round: the SDK's language pages (Syntax, Types, Comptime, Generics,
// Storage Classes, Task IDs, Builtins) read rule by rule against our compiler. `programs`
// runs documented examples that we compile correctly, on both architectures, every result
// word checked. The SDK's documented behaviour that we do not match yet is kept in two
// tables that expect the failure (QEXPECT_FAIL naming the bug of the session report "docs
// round 3", bug numbers B1..B44): documented programs we reject, and documented errors we
// accept. When a bug is fixed its row XPASSes and fails the test: move it to `programs`
// (or to a corpus file lang3_*.csl) then. Errors we report as documented are in the corpus
// files tests/csl/corpus/lang3_*.csl.
#include "tests/csl/language_programs.h"

#include <QTest>

#include <set>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace csl_tests;

std::vector<LanguageCase> cases() {
    std::vector<LanguageCase> c;
    // The Syntax page (https://sdk.cerebras.net/csl/Language/Syntax.html): an export fn with its
    // linkname after the return type; a function value coerced to a `*const fn` without `&`;
    // `ptr.*[1]` and `ptr.*` copying the array; a switch as the operand of `return` coerced to
    // the requested type; case values combined with a comma and an if inside for the
    // "fall-through" idiom; labels in their own namespace (a label named like the enclosing
    // function and like a variable in scope, two sibling loops with one label); a while's
    // continue expression runs after `continue`; `~` on a u8; colors compared at run time
    // (`@get_color` of a run-time u16) and directions compared.
    c.push_back({"syntax_page_functions_switch_labels",
                 program(R"(
export fn twice(x: *i16) i16 linkname("alias_for_twice") { return x.* * 2; }
fn addf(a: i16, b: f32) f32 { return b + @as(f32, a); }
var addPtr: *const fn(i16, f32) f32 = addf;
var pair = [2]i16{ 0, 7 };
var pairPtr = &pair;
const Kind = enum(u16) { A, B, C };
fn kindValue(e: Kind) i16 {
  return switch (e) {
    Kind.A => 1,
    Kind.B => -10,
    else => 100,
  };
}
fn classify(v: u16) u16 {
  var r: u16 = 0;
  switch (v) {
    0, 1 => {
      if (v == 0) { r += 10; }
      r += 1;
    },
    2 => { r = 20; },
    else => { r = 99; },
  }
  return r;
}
var arr = [3]u16{ 1, 2, 3 };
fn labels() u16 {
  var r: u16 = 0;
  labels: for (arr) |z| { r += z; if (z == 2) break :labels; }
  baz: for (arr) |a| { r += a * 10; continue :baz; }
  baz: for (arr) |b| { r += b * 100; }
  arr: while (r < 5000) { r += 1000; break :arr; }
  return r;
}
)",
                         R"(
  var v: i16 = 21;
  y[0] = @bitcast(u16, twice(&v));
  y[1] = @bitcast(u32, addPtr(67, 42.0) + addf(1, 0.5));
  y[2] = @bitcast(u16, pairPtr.*[1]);
  var copy = pairPtr.*;
  copy[0] = 5;
  y[3] = @bitcast(u16, copy[0] + pair[0]);
  y[4] = @bitcast(u16, kindValue(Kind.B));
  y[5] = @bitcast(u16, kindValue(Kind.C));
  y[6] = classify(0);
  y[7] = classify(1);
  y[8] = classify(2);
  y[9] = classify(7);
  y[10] = labels();
  var i: u16 = 0;
  var s: u16 = 0;
  while (i < 10) : (i += 3) {
    if (i == 3) continue;
    s += i;
  }
  y[11] = s * 100 + i;
  var b8: u8 = 0b10101111;
  y[12] = ~b8;
  var cid: u16 = 3;
  if (@get_color(cid) == @get_color(3)) { y[13] = 1; }
  var d = EAST;
  if (d != WEST) { y[14] = 2; }
)"),
                 {42, 0x42dd0000, 7, 5, 0xfff6, 100, 11, 1, 20, 99, 1663, 1512, 0x50, 1, 2}});
    // The Types page (https://sdk.cerebras.net/csl/Language/Types.html and the 2.10 page):
    // character literals, `@as(u16, 1) | 0xbeef`, enums cast to f32 and through a numeric type
    // to another enum, type values compared with == and != (named structs from two struct
    // expressions differ; a parameterized struct is the same type each time), `void` values,
    // an `extern struct` exported, function-type constants, a `comptime_struct` variable
    // holding an anonymous and then a named struct, comptime strings (NUL inside, UTF-8
    // bytes), the FP16 bit patterns of f16 and bf16, comptime_int arithmetic past 32 bits.
    c.push_back({"types_page_literals_enums_structs",
                 program(R"(
const colors = enum(u16) { red, white = 1, blue };
const game = enum(i16) { rock, paper = -3, scissors };
const some_struct = struct { x: i16, y: i16 };
const some_other_struct = struct { x: i16, y: i16 };
fn pair(comptime T1: type, comptime T2: type) type { return struct { first: T1, second: T2 }; }
const my_pair = pair(i32, comptime_string) { .first = 42, .second = "this is a struct" };
const void_val = {};
fn nothing() void {}
const also_void_val: void = nothing();
const Shared = extern struct { x: i16, y: f32, };
export var shared_s = Shared { .x = -1, .y = -1.5 };
fn foo(arg1: i16, arg2: f16) i16 { return arg1 + @as(i16, arg2); }
const also_foo1 = foo;
const also_foo2: fn(i16, f16) i16 = foo;
const typesCompare = @type_of(my_pair) == pair(i32, comptime_string) and
  some_struct != some_other_struct and some_struct == some_struct and
  @type_of(my_pair.second) == comptime_string and @type_of(void_val) == void;
fn lastAge() i32 {
  comptime var any_struct: comptime_struct = .{ .a = 10, .b = 1.0 };
  any_struct = .{ .name = "Bob" };
  const Named = struct { name: comptime_string, age: i32 };
  any_struct = Named { .name = "Mary", .age = 61 };
  return any_struct.age;
}
fn boolToStr(b: bool) comptime_string {
  if (b) { return "true"; } else { return "false"; }
}
comptime {
  @comptime_assert(boolToStr(true) == "true");
  var s = "hello";
  @comptime_assert(s == "hello");
  s = "goodbye";
  @comptime_assert(s != "hello" and s == "goodbye");
  @comptime_assert("abc\x00xyz" != "abc" and @strlen("abc\x00xyz") == 7);
  @comptime_assert(@strlen("\xf0\x9f\x91\x8d") == 4);
  const ieee_six: f16 = 6.0;
  const bf_six: bf16 = 6.0;
  @comptime_assert(@bitcast(u16, ieee_six) == 0b0100011000000000);
  @comptime_assert(@bitcast(u16, bf_six) == 0b0100000011000000);
  const thousand = 1000;
  const trillion = thousand * thousand * thousand * thousand;
  @comptime_assert(trillion / trillion == 1);
}
)",
                         R"(
  y[0] = 'a' + @as(u32, '\x0a') * 1000 + @as(u32, '\n') * 100000;
  y[1] = @as(u16, 1) | 0xbeef;
  y[2] = @as(u32, @as(f32, colors.blue) * 10.0);
  y[3] = @as(u16, @as(colors, @as(i16, colors.white) + 1));
  y[4] = @bitcast(u16, @as(i16, game.paper));
  y[5] = @as(u32, typesCompare);
  y[6] = @bitcast(u32, my_pair.first);
  shared_s.x += 3;
  y[7] = @bitcast(u16, shared_s.x);
  y[8] = @bitcast(u32, shared_s.y);
  y[9] = @bitcast(u16, also_foo1(10, 10.0) + also_foo2(20, 20.5));
  y[10] = @bitcast(u32, comptime lastAge());
  var e = colors.white;
  y[11] = @as(u32, e == colors.white) + @as(u32, e != colors.blue) * 2;
  y[12] = @as(u16, @as(colors, @as(u16, game.rock)));
)"),
                 {1010097, 0xbeef, 20, 2, 0xfffd, 1, 42, 2, 0xbfc00000, 60, 61, 3, 0}});
    // The 2.10 Types page (https://sdk.cerebras.ai/csl/language/types), "Type Coercions" and
    // "Peer Type Resolution": integer widening (i8 -> i32, u16 -> i32, u8 -> i16, u32 -> i64),
    // f16 -> f32, adding const to `*T`, `*[N]T` and `[*]T`, `*[N]T` -> `[*]T`; if-expressions
    // whose branches are a run-time value and a comptime number, i16 and i32, f16 and f32,
    // `&var` and `&const` (-> `*const i32`), arrays of two lengths (-> `[*]i32`); `*T` ->
    // `*[1]T` and `*const T` -> `*const [1]T`, and `&x` with `&arr` of one element (-> `*const
    // [1]i32`: "&x coerced to *[1]i32, then both to *const [1]i32").
    c.push_back({"types_page_numeric_pointer_coercions_peer_types",
                 program(R"(
var small: i8 = -42;
var u16v: u16 = 60000;
var u8v: u8 = 200;
var u32v: u32 = 0xfffffff0;
var half: f16 = 1.5;
var gx: i32 = 1;
const gy: i32 = 2;
var arr1 = [2]i32{ 11, 12 };
var arr2 = [3]i32{ 21, 22, 23 };
fn pickInt(c: bool) i32 { var x: i32 = 10; return if (c) x else 20; }
fn pickFloat(c: bool) f32 { var v: f32 = 1.0; return if (c) v else 2.0; }
fn pickWide(c: bool) i32 { var s: i16 = -100; var l: i32 = 200; return if (c) s else l; }
fn pickWideF(c: bool) f32 { var h: f16 = 1.5; var s: f32 = 2.5; return if (c) h else s; }
fn pickPtr(c: bool) *const i32 { return if (c) &gx else &gy; }
fn pickMany(c: bool) [*]i32 { return if (c) &arr1 else &arr2; }
var single = [1]i32{ 7 };
fn pickOne(c: bool) *const [1]i32 { return if (c) &gx else &single; }
)",
                         R"(
  var large: i32 = small;
  y[0] = @bitcast(u32, large);
  var sv: i32 = u16v;
  y[1] = @bitcast(u32, sv);
  var w16: i16 = u8v;
  y[2] = @bitcast(u16, w16);
  var w64: i64 = u32v;
  y[3] = @as(u32, w64 >> 4);
  var single: f32 = half;
  y[4] = @bitcast(u32, single);
  var t: bool = u8v == 200;
  var f: bool = !t;
  y[5] = @bitcast(u32, pickInt(t)) * 100 + @bitcast(u32, pickInt(f));
  y[6] = @bitcast(u32, pickFloat(f));
  y[7] = @bitcast(u32, pickWide(t));
  y[8] = @bitcast(u32, pickWideF(t));
  y[9] = @bitcast(u32, pickPtr(t).* * 10 + pickPtr(f).*);
  y[10] = @bitcast(u32, pickMany(t)[1] + pickMany(f)[2]);
  var ptr: *i32 = &gx;
  var cptr: *const i32 = ptr;
  var ap: *[2]i32 = &arr1;
  var cap: *const [2]i32 = ap;
  var mp: [*]i32 = ap;
  var mcp: [*]const i32 = cap;
  var mcp2: [*]const i32 = mp;
  y[11] = @bitcast(u32, cptr.* + cap.*[0] + mp[1] + mcp[0] + mcp2[1]);
  var asOne: *[1]i32 = ptr;
  asOne.*[0] += 4;
  const cAsOne: *const [1]i32 = cptr;
  y[12] = @bitcast(u32, gx * 10 + cAsOne.*[0]);
  y[13] = @bitcast(u32, pickOne(t).*[0] * 10 + pickOne(f).*[0]);
)"),
                 {0xffffffd6, 60000, 200, 0x0fffffff, 0x3fc00000, 1020, 0x40000000, 0xffffff9c,
                  0x3fc00000, 12, 35, 47, 55, 57}});
    // The Storage Classes page (https://sdk.cerebras.net/csl/Language/Storage-Classes.html):
    // export var/fn, an exported const function pointer initialized with `&internal_func`, an
    // export var renamed by linkname still used under its CSL name, and one module imported
    // twice whose `export var x: i16 linkname(sym_name)` gives two separate variables.
    c.push_back({"storage_classes_page_exports_linknames",
                 program(R"(
fn internalFunc(x: i16) i16 { return x + 1; }
export var ex: i16 = 42;
export var exFn: *const fn(i16) i16 = &internalFunc;
export fn bump() void { ex += 1; }
export fn plusTwo(v: i16) i16 { return v + 2; }
export var renamed: i16 linkname("foo_sym") = 99;
const m1 = @import_module("sub.csl", .{ .sym_name = "m1_foo" });
const m2 = @import_module("sub.csl", .{ .sym_name = "m2_foo" });
)",
                         R"(
  bump();
  y[0] = @bitcast(u16, ex);
  y[1] = @bitcast(u16, plusTwo(ex) + exFn(ex));
  renamed += 1;
  y[2] = @bitcast(u16, renamed);
  m1.x = 1;
  m2.x = 2;
  m1.set(m1.x + 10);
  y[3] = @bitcast(u16, m1.x * 100 + m2.x);
)"),
                 {43, 89, 100, 1102},
                 {{"sub.csl", R"(
param sym_name: comptime_string;
export var x: i16 linkname(sym_name);
fn set(v: i16) void { x = v; }
)"}}});
    // The Storage Classes page: an extern fn binds to the export fn of the same symbol in this
    // object ("the object file currently being compiled"), by name or by linkname, also from
    // a module; an `align(N)` local is aligned (h-lang8: both failed, "has no definition" and
    // addresses 68 and 76 for align(16) and align(64)).
    c.push_back({"storage_classes_extern_fn_binds_export_fn_and_local_align",
                 program(R"(
export fn doubled(x: i16) i16 { return 2 * x; }
extern fn twice(x: i16) i16 linkname("doubled");
const user = @import_module("user.csl");
)",
                         R"(
  y[0] = @bitcast(u16, twice(21));
  y[1] = @bitcast(u16, user.quadrupled(5));
  var a: [2]u32 align(16) = [2]u32 { 5, 6 };
  var b: [3]u16 align(64) = [3]u16 { 1, 2, 3 };
  y[2] = @as(u16, @bitcast(u16, &a) % 16) + @as(u16, @bitcast(u16, &b) % 64);
  y[3] = @as(u16, a[1]) + b[2];
)"),
                 {42, 20, 0, 9},
                 {{"user.csl", R"(
extern fn doubled(x: i16) i16;
fn quadrupled(x: i16) i16 { return doubled(doubled(x)); }
)"}}});
    // The Task IDs page (https://sdk.cerebras.net/csl/Language/Task-IDs.html): its data task
    // binding example, whose ID is color 12 on WSE-2 and input queue 2 on WSE-3; the Builtins
    // page: @get_string_from_byte, @get_array of @strcat(s, "\x00") and of UTF-8 text,
    // @strlen of an if-expression, @get_int's result types (u16 for IDs, the enum's tag type,
    // the integer's own type), @range with a negative step.
    c.push_back({"task_ids_and_builtins_pages_ids_strings_ranges",
                 program(R"(
const iq = @get_input_queue(2);
const rc = @get_color(12);
const task_id =
  if (@is_arch("wse3")) @get_data_task_id(iq)
  else                  @get_data_task_id(rc);
var got: u32 = 0;
task my_task(w: u32) void { got = w; }
comptime {
  @bind_data_task(my_task, task_id);
  if (@is_arch("wse3")) @initialize_queue(iq, .{ .color = rc });
}
const s = @get_string_from_byte(65);
const arr = @get_array(@strcat(s, "bc\x00"));
const has_unicode = "こんにちは";
const unicode_arr = @get_array(has_unicode);
const an_id = @get_local_task_id(29);
const an_enum = enum(u32) { FOO = 1, BAR = 2, BAZ = 3 };
const a_num: i8 = -10;
)",
                         R"(
  y[0] = @get_int(task_id) + (if (@is_arch("wse3")) 10 else 0);
  var k: u16 = 3;
  y[1] = arr[k];
  y[2] = @as(u32, arr[0]) + @as(u32, arr[2]) * 1000;
  y[3] = @strlen(if (42 == 42) "abc" else "abc123") * 100 + @strlen(has_unicode);
  y[4] = unicode_arr[14];
  y[5] = @as(u32, @get_int(an_id)) + @as(u32, @is_same_type(@type_of(@get_int(an_id)), u16)) * 1000;
  y[6] = @get_int(an_enum.BAZ) + @as(u32, @is_same_type(@type_of(@get_int(an_enum.FOO)), u32)) * 1000;
  y[7] = @bitcast(u8, @get_int(a_num));
  var n: u32 = 0;
  var sq: i32 = 0;
  for (@range(i32, 2, -3, -1)) |v| {
    n += 1;
    sq += v * v;
  }
  y[8] = n * 100 + @bitcast(u32, sq);
)"),
                 {12, 0, 99065, 315, 0xaf, 1029, 1003, 0xf6, 510}});
    // Session 11: `fp.*(x)` calls the function (it called garbage), `&a[f()].v` runs f once
    // (it ran twice, taking the second element), `&` of a loop capture and of a local scalar
    // const give read-only copies, a list node points at its own type and a sentinel at
    // itself, and a u64 past 2^63 converts to a positive f32.
    c.push_back({"session11_pointers_and_self_reference",
                 program(R"(
fn inc(x: u16) u16 { return x + 1; }
var fp: *const fn (u16) u16 = &inc;
const Node = struct { v: u16, next: *const Node };
var sentinel = Node{ .v = 40, .next = &sentinel };
var cells = [3]Node{ .{ .v = 1, .next = &sentinel }, .{ .v = 2, .next = &sentinel },
                     .{ .v = 3, .next = &sentinel } };
var calls: u16 = 0;
fn next() u16 { calls += 1; return calls; }
fn rd(p: *const u16) u16 { return p.*; }
const big: u64 = 9223372036854775808;
)",
                         R"(
  y[0] = fp.*(3);
  const p = &cells[next()].v;
  y[1] = p.*;
  y[2] = calls;
  var sum: u16 = 0;
  for (@range(u16, 4)) |i| { sum += rd(&i); }
  y[3] = sum;
  const c: u16 = 6;
  y[4] = rd(&c);
  y[5] = cells[0].next.next.v;
  const f: f32 = big;
  y[6] = @bitcast(u32, f);
)"),
                 {4, 2, 1, 6, 6, 40, 0x5f000000}});
    // Session 19 (build/h-rand5): a u8 and an i16 meet in i16 whichever comes first, in an
    // `if` and in a labelled block's breaks (an f16 and an f32 break meet in f32); u63 holds
    // comptime values; a u64 converts to f32 rounding once (2^54 + 2^30 + 1 is above the
    // tie: 0x5a800001, which the run-time conversion gives); a comptime bool converts to f16;
    // the lowest i64 % -1 is 0 at comptime as at run time (it was an overflow); 64-bit ranges
    // next to their type's ends stop (an i64 one looped for ever at run time, a u64 one
    // across 2^63 or with a step from 2^63 up ran 0 times); @map over comptime mem4d DSDs
    // (refused), in the order a DSD operation walks them.
    c.push_back({"session19_peer_types_and_wide_integers",
                 program(R"(
var small: u8 = 200;
var neg: i16 = -5;
var h: f16 = 1.5;
var w: f32 = 0.25;
var sel: bool = true;
const wide: u63 = 5;
var wideVar: u63 = 7;
const roundOnce: f32 = @as(f32, @as(u64, 0x40000040000001));
var roundRuntime: u64 = 0x40000040000001;
const fromBool: f16 = @as(f16, true);
fn blockInt(c: bool) u16 {
  const r = blk: { if (c) break :blk small; break :blk neg; };
  return @bitcast(u16, r);
}
fn blockFloat(c: bool) u32 {
  const r = blk: { if (c) break :blk h; break :blk w; };
  return @bitcast(u32, r);
}
fn blockTypedComptime(c: bool) u16 {
  const r = blk: { if (c) break :blk small; break :blk @as(u16, 60000); };
  return r;
}
const remainderOfLowest: i64 = @as(i64, -9223372036854775807 - 1) % -1;
fn ranges64() u32 {
  var n: u32 = 0;
  for (@range(i64, 0x7FFFFFFFFFFFFFF0, 0x7FFFFFFFFFFFFFFF, 10)) |_| { n += 1; }
  for (@range(u64, 0x7FFFFFFFFFFFFFFE, 0x8000000000000002, 1)) |_| { n += 10; }
  for (@range(u64, 0, 0xFFFFFFFFFFFFFFFF, 0x8000000000000000)) |_| { n += 100; }
  for (@range(i64, -9223372036854775800, -9223372036854775807 - 1, -5)) |_| { n += 1000; }
  var step: i64 = 10;
  for (@range(i64, 0x7FFFFFFFFFFFFFF0, 0x7FFFFFFFFFFFFFFF, step)) |_| { n += 10000; }
  step = -5;
  for (@range(i64, -9223372036854775800, -9223372036854775807 - 1, step)) |_| { n += 100000; }
  return n;
}
const ranges64AtComptime = ranges64();
var grid = @zeros([2, 3]f32);
var turned = @zeros([3, 2]f32);
var byMap = @zeros([6]f32);
var byMove = @zeros([6]f32);
const gridD = @get_dsd(mem4d_dsd, .{ .tensor_access = |i, j|{2, 3} -> grid[i, j] });
const turnedD = @get_dsd(mem4d_dsd, .{ .tensor_access = |i, j|{2, 3} -> turned[j, i] });
const byMapD = @get_dsd(mem1d_dsd, .{ .tensor_access = |k|{6} -> byMap[k] });
const byMoveD = @get_dsd(mem1d_dsd, .{ .tensor_access = |k|{6} -> byMove[k] });
fn twiceOf(v: f32) f32 { return 2.0 * v; }
fn same(v: f32) f32 { return v; }
fn mapMem4d() u32 {
  for (@range(u16, 6)) |k| { grid[k / 3, k % 3] = @as(f32, k + 1); }
  @map(twiceOf, gridD, turnedD);
  @map(same, gridD, byMapD);
  @fmovs(byMoveD, gridD);
  var equal: u32 = 0;
  for (@range(u16, 6)) |k| { if (byMap[k] == byMove[k]) equal += 1; }
  return equal * 10000 + @as(u32, turned[2, 1]) * 100 + @as(u32, turned[0, 1]);
}
)",
                         R"(
  const first = if (sel) small else neg;
  y[0] = @bitcast(u16, first);
  const second = if (!sel) small else neg;
  y[1] = @bitcast(u16, second);
  y[2] = blockInt(true);
  y[3] = blockInt(false);
  y[4] = blockFloat(true);
  y[5] = blockFloat(false);
  wideVar += wide;
  y[6] = @as(u32, wideVar);
  y[7] = @bitcast(u32, roundOnce);
  y[8] = @bitcast(u32, @as(f32, roundRuntime));
  y[9] = @bitcast(u16, fromBool);
  y[10] = blockTypedComptime(false);
  y[11] = @as(u32, remainderOfLowest + 9);
  y[12] = ranges64();
  y[13] = ranges64AtComptime;
  y[14] = mapMem4d();
)"),
                 {200, 0xfffb, 200, 0xfffb, 0x3fc00000, 0x3e800000, 12, 0x5a800001, 0x5a800001,
                  0x3c00, 60000, 9, 222242, 222242, 61208}});
    // Session 20: @map through DSRs (the Builtins page: inputs "DSR of type dsr_src1", the
    // output "DSR of type dsr_dest"; they were "@map supports memory DSDs only"), moving on
    // with `.save_address` as a DSD operation through them does. @dimensions is a [rank]u32
    // array (h-spec6 F3: it was a tuple, not indexable at run time nor copied into a var).
    c.push_back({"session20_map_dsrs_and_library_formats",
                 program(R"(
var src = [6]f32{ 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 };
var dst = @zeros([6]f32);
var wide = @zeros([3]f32);
const srcD = @get_dsd(mem1d_dsd, .{ .tensor_access = |k|{3} -> src[k] });
const dstD = @get_dsd(mem1d_dsd, .{ .tensor_access = |k|{3} -> dst[k] });
const strided = @get_dsd(mem1d_dsd, .{ .tensor_access = |k|{3} -> src[2 * k + 1] });
const inDsr = @get_dsr(dsr_src1, 1);
const outDsr = @get_dsr(dsr_dest, 2);
const stridedDsr = @get_dsr(dsr_src0, 3);
fn addTen(v: f32) f32 { return v + 10.0; }
fn mapThroughDsrs() u32 {
  @load_to_dsr(inDsr, srcD, .{ .save_address = true });
  @load_to_dsr(outDsr, dstD, .{ .save_address = true });
  @map(addTen, inDsr, outDsr);
  @map(addTen, inDsr, outDsr);
  @load_to_dsr(stridedDsr, strided);
  @map(addTen, stridedDsr, &wide[1]);
  return @as(u32, dst[0]) + @as(u32, dst[5]) * 100 + @as(u32, wide[1]) * 10000;
}
const dims = @dimensions([2, 3, 4]f32);
var which: u16 = 2;
)",
                         R"(
  y[0] = mapThroughDsrs();
  var copy = dims;
  copy[0] += 10;
  y[1] = dims[which] * 100 + copy[0] * 10 + @as(u32, @rank(@type_of(dims)));
)"),
                 {161611, 521}});
    // Session 20 (build/h-lib5 7, 7b, 11): under --fp16-format=bf16 the libraries' _f16
    // members take and give bf16, @fp16() (the Libraries page; they were f16 only, "expected
    // type 'f16', found 'bf16'", and NaN_f16 and POSITIVE_INF_f16 had f16 bits); isSignaling
    // takes bf16 (its quiet bit is 0x0040); max and min with one NaN give the other operand
    // whichever side it is on (max(1, NaN) was NaN).
    c.push_back({"session20_fp16_library_members_bf16",
                 program(R"(
const math = @import_module("<math>");
const prng = @import_module("<random>");
const heap = @import_module("<malloc>", .{ .buffer_num_words = 64 });
const ops = @import_module("<dsd_ops>");
const dbg = @import_module("<debug>", .{ .key = "k", .buffer_size = 16 });
const prt = @import_module("<simprint>");
var h: bf16 = 2.25;
var hs = [4]bf16{ 1.0, -2.0, 3.0, -4.0 };
var hd = @zeros([4]bf16);
const hsD = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> hs[i] });
const hdD = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> hd[i] });
var nan: f32 = 0.0;
)",
                         R"(
  y[0] = @bitcast(u16, math.sqrt_f16(h));
  y[1] = @bitcast(u16, math.POSITIVE_INF_f16);
  y[2] = @bitcast(u16, math.NaN_f16);
  y[3] = @as(u32, math.isSignaling(@bitcast(bf16, @as(u16, 0x7f81)))) +
         10 * @as(u32, math.isSignaling_f16(math.NaN_f16));
  y[4] = @bitcast(u16, math.abs_f16(-h));
  const r = prng.random_f16(1.0, 2.0);
  y[5] = if (r >= 1.0 and r < 2.0) 1 else 0;
  const p = heap.malloc_f16(3);
  p[1] = math.exp_f16(h);
  y[6] = @bitcast(u16, p[1]);
  _ = ops.neg(bf16, hdD, hsD, .{});
  y[7] = @bitcast(u16, hd[1]);
  nan = math.NaN_f32;
  y[8] = @as(u32, math.max_f32(nan, 1.0)) + 10 * @as(u32, math.max_f32(1.0, nan)) +
         100 * @as(u32, math.min(nan, 2.0)) + 1000 * @as(u32, math.min(@as(f32, 2.0), nan));
  dbg.trace_f16(h);
  dbg.trace(h);
  prt.print_f16(h);
  prt.fmt("{f}", .{h});
)"),
                 {0x3fc0, 0x7f80, 0x7fc0, 1, 0x4010, 1, 0x4118, 0x4000, 2211},
                 {},
                 "bf16"});
    return c;
}

// A one-PE layout without memcpy running "pe.csl".
const std::string kPlainLayout = R"(
layout {
  @set_rectangle(1, 1);
  @set_tile_code(0, 0, "pe.csl", .{});
}
)";

// A documented rule we do not follow yet: `pe` (with kPlainLayout unless `layout` is given)
// for `arch`; `bug` names the bug (B<n>, the page and its sentence).
struct DocDeviation {
    const char* name;
    const char* bug;
    std::string pe;
    sim::Arch arch = sim::Arch::Wse2;
    std::string layout = kPlainLayout;
    std::map<std::string, std::string> moreFiles = {};
};

csl::CompileResult compileDeviation(const DocDeviation& d) {
    std::map<std::string, std::string> files = d.moreFiles;
    files["layout.csl"] = d.layout;
    if (!d.pe.empty())
        files["pe.csl"] = d.pe;
    return compileFiles(files, d.arch);
}

void addDeviationRows(const std::vector<DocDeviation>& rows) {
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < rows.size(); ++i)
        QTest::newRow(rows[i].name) << int(i);
}

// Programs the pages show as valid (or whose value they give in a @comptime_assert) that
// our compiler rejects.
std::vector<DocDeviation> rejectedDocumentedPrograms() {
    std::vector<DocDeviation> d;
    d.push_back({"cb16_bit_pattern",
                 "B7 Types page, FP16 Types: cb16 has a 6-bit exponent with a customized bias and "
                 "9 mantissa bits; '@bitcast(u16, cb_six) == 0b0101100100000000' (we encode cb16 "
                 "as IEEE f16: 0x4600)",
                 R"(
const cb_six: cb16 = 6.0;
comptime { @comptime_assert(@bitcast(u16, cb_six) == 0b0101100100000000); }
)"});
    d.push_back({"inline_assembly",
                 "B12 Syntax page, Inline assembly expressions: the doubleIt example (we fail to "
                 "parse it: \"expected ')' to close the argument list, found ':'\")",
                 R"(
fn doubleIt(x: i16, y: i16) i16 {
  var ret: i16;
  asm (
    @strcat("mov16 r6 = %[argval1]\n",
            "add16 r6 = r6, %[argval2]\n",
            "add16 r6 = r6, r6\n",
            "mov16 %[retval] = r6")
      : [retval] "=r" (ret)
      : [argval1] "{r2}" (x), [argval2] "==[retval]" (y)
      : "r6"
  );
  return ret;
}
)"});
    d.push_back({"comptime_int_beyond_64_bits",
                 "B13 Types page: comptime_int values 'can hold arbitrarily large (or small) "
                 "integers' and 'never underflow or overflow' (we hold them in 64 bits)",
                 R"(
const trillion = 1000 * 1000 * 1000 * 1000;
const huge = trillion * trillion * trillion;
comptime { @comptime_assert(huge / trillion / trillion == trillion); }
)"});
    return d;
}

// Programs the pages call errors that our compiler accepts.
std::vector<DocDeviation> acceptedDocumentedErrors() {
    std::vector<DocDeviation> d;
    d.push_back(
        {"ptrcast_at_comptime",
         "B31 Builtins page, @ptrcast: 'This builtin is not valid in comptime expressions.' (not "
         "enforced on purpose: "
         "programs reinterpret a global's address in module-scope initializers and tensor "
         "accesses, which are comptime, and the page's own examples show only run-time uses)",
         "var x: u32 = 10;\ncomptime { const q = @ptrcast(*i16, &x); _ = q; }\n"});
    d.push_back(
        {"get_dsr_id_used_twice",
         "B42 DSRs page, @get_dsr: 'If the provided integer identifier has already been "
         "used for the given DSR type ... an error will be emitted' (not enforced on purpose: "
         "the SDK's spmv-hypersparse benchmark takes dest_dsr_ids[4] and [5] twice each)",
         R"(
const dsr1 = @get_dsr(dsr_dest, 0);
const dsr1b = @get_dsr(dsr_dest, 0);
var A = @zeros([10]i16);
var B = @zeros([10]i16);
const m = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{10} -> A[i] });
const n = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{10} -> B[i] });
fn f() void {
  @load_to_dsr(dsr1, m);
  @load_to_dsr(dsr1b, n);
  @mov16(dsr1, n);
  @mov16(dsr1b, m);
}
)"});
    return d;
}

// Documented errors that were accepted (bugs B14, B16-B21, B23-B29, B33-B37, B40,
// B43) and are reported now, each with the page and sentence that asks for the error.
std::vector<DocDeviation> reportedDocumentedErrors() {
    std::vector<DocDeviation> d;
    d.push_back({"runtime_bf16_without_fp16_format",
                 "B20 Types page, FP16 Types: without --fp16-format=bf16, 'error: variable of type "
                 "'bf16' must be comptime-known'",
                 "var bf_one: bf16 = 1.0;\nfn f() void { bf_one += 1.0; }\n"});
    d.push_back({"anonymous_structs_of_other_field_types_assigned",
                 "B21 Types page, Anonymous Struct Types: 'struct3 = struct1; // error: different "
                 "types!'",
                 R"(
comptime {
  var struct1 = .{ .a = 10, .b = 1.0 };
  var struct3 = .{ .a = 10.0, .b = 1.0 };
  struct3 = struct1;
}
)"});
    d.push_back(
        {"comptime_print_of_runtime_loop_value",
         "B23 Builtins page, @comptime_print: in a non-comptime for loop "
         "'@comptime_print(val); // error: val is not comptime.'",
         "fn foo() void {\n  for ([2]i16 {1, 2}) |val| {\n    @comptime_print(val);\n  }\n}\n"});
    d.push_back({"data_task_without_argument",
                 "B16 Task IDs page: 'A data task must have at least one input argument'; Builtins "
                 "page, @bind_data_task: 'Tasks passed into this builtin must take at least one "
                 "argument'",
                 "task my_task() void {}\ncomptime { @bind_data_task(my_task, "
                 "@get_data_task_id(@get_color(3))); }\n"});
    d.push_back({"extern_fn_with_body",
                 "B17 Storage Classes page: 'a function declaration with the extern storage class "
                 "must not have a body block'",
                 "extern fn ef() void { }\n"});
    d.push_back({"export_fn_without_body",
                 "B17 Storage Classes page: 'A function declaration with the export storage class "
                 "*must* have a body block'",
                 "export fn nob() void;\n"});
    d.push_back({"bind_task_outside_top_level_comptime",
                 "B24 Builtins page, @bind_local_task: 'must appear in a top-level comptime block'",
                 "task my_task() void {}\nfn foo() void { @bind_local_task(my_task, "
                 "@get_local_task_id(10)); }\n"});
    d.push_back({"fifo_as_first_of_two_sources",
                 "B35 DSDs page, FIFOs: with two source operands 'the FIFO DSD operand must not be "
                 "the first (left-most) source operand'",
                 R"(
var buf = @zeros([32]i16);
const fifo = @allocate_fifo(buf);
var dst = @zeros([4]i16);
var src = @zeros([4]i16);
const d = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> dst[i] });
const s = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> src[i] });
fn f() void { @add16(d, fifo, s); }
)"});
    d.push_back(
        {"two_fifo_sources",
         "B35 DSDs page, FIFOs: with two source operands 'at most one operand may be a FIFO "
         "DSD'",
         R"(
var buf = @zeros([32]i16);
const fifo = @allocate_fifo(buf);
var buf2 = @zeros([32]i16);
const fifo2 = @allocate_fifo(buf2);
var dst = @zeros([4]i16);
const d = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> dst[i] });
fn f() void { @add16(d, fifo2, fifo); }
)"});
    d.push_back({"async_activate_and_unblock",
                 "B36 DSDs page, Completion of Asynchronous DSD Operations: 'At most one of "
                 "activate or unblock may be specified'",
                 R"(
var dst = @zeros([4]i16);
const d = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> dst[i] });
const fin = @get_dsd(fabin_dsd, .{ .extent = 4, .fabric_color = @get_color(3), .input_queue = @get_input_queue(2) });
task t1() void {}
task t2() void {}
comptime {
  @bind_local_task(t1, @get_local_task_id(9));
  @bind_local_task(t2, @get_local_task_id(10));
}
fn f() void { @mov16(d, fin, .{ .async = true, .activate = t1, .unblock = t2 }); }
)"});
    d.push_back({"set_dsd_length_of_mem4d",
                 "B37 DSDs page, @set_dsd_length: 'input_dsd is a DSD expression with any DSD type "
                 "except mem4d_dsd'",
                 R"(
var A = @zeros([4, 4]i16);
const d4 = @get_dsd(mem4d_dsd, .{ .tensor_access = |i, j|{2, 2} -> A[i, j] });
fn f() void { var x = @set_dsd_length(d4, 3); @mov16(x, x); }
)"});
    d.push_back({"set_dsd_stride_of_mem4d",
                 "B37 DSDs page, @set_dsd_stride: 'input_dsd ... must be of type mem1d_dsd'",
                 R"(
var A = @zeros([4, 4]i16);
const d4 = @get_dsd(mem4d_dsd, .{ .tensor_access = |i, j|{2, 2} -> A[i, j] });
fn f() void { var x = @set_dsd_stride(d4, 2); @mov16(x, x); }
)"});
    d.push_back({"set_dsd_stride_of_fabout",
                 "B37 DSDs page, @set_dsd_stride: 'input_dsd ... must be of type mem1d_dsd'",
                 R"(
const fo = @get_dsd(fabout_dsd, .{ .extent = 4, .fabric_color = @get_color(3), .output_queue = @get_output_queue(1) });
fn f() void { var z = @set_dsd_stride(fo, 2); _ = z; }
)"});
    d.push_back({"increment_dsd_offset_by_u8",
                 "B37 DSDs page, @increment_dsd_offset: elem_type 'must be a 16-bit or 32-bit "
                 "numeric type'",
                 R"(
var A = @zeros([8]i16);
const d1 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> A[i] });
fn f() void { var w = @increment_dsd_offset(d1, 1, u8); @mov16(w, w); }
)"});
    d.push_back({"if_without_else_giving_a_value",
                 "B14 Syntax page, If-expression: without 'else' 'expr_then must have type void'",
                 "var c: bool = true;\nfn f() void { const v = if (c) @as(i16, 5); }\n"});
    d.push_back({"teardown_handler_on_unroutable_color",
                 "B26 Builtins page, @set_teardown_handler: 'The color ... must be within the "
                 "range of routable colors'",
                 "fn foo() void {}\ncomptime { @set_teardown_handler(foo, @get_color(27)); }\n"});
    d.push_back({"get_color_not_routable",
                 "B28 Builtins page, @get_color: a comptime id 'must be within the range of valid "
                 "routable colors'; Task IDs page: 'the IDs 0 to 23 (inclusive) ... routable "
                 "colors' (we accept up to 31)",
                 "const c = @get_color(24);\ncomptime { @comptime_assert(@get_int(c) == 24); }\n"});
    d.push_back({"address_of_packed_struct_field",
                 "B19 2.10 Types page, packed struct: '// error: address of packed struct field is "
                 "unsupported'",
                 R"(
const some_struct = packed struct { x: i16, y: f32 };
var s0 = some_struct { .x = 2, .y = 0.0 };
const ptr = &s0.y;
fn f() void { ptr.* = 1.0; }
)"});
    d.push_back(
        {"f16_to_bf16_coercion",
         "B18 2.10 Types page, Float Widening: 'Cross-format: f16 -> bf16' is not allowed",
         "var h: f16 = 1.0;\nconst hc: f16 = 2.0;\nconst b: bf16 = hc;\nvar f32v: f32 = 0.0;\n"
         "fn f() void { f32v = @as(f32, b); }\n"});
    d.push_back({"module_value_in_a_function",
                 "B33 Modules page: imported_module values 'must always be assigned to a const "
                 "global variable'",
                 "fn f() void { const m = @import_module(\"sub.csl\"); m.a += 1; }\n",
                 sim::Arch::Wse2,
                 kPlainLayout,
                 {{"sub.csl", "var a: i16 = 0;\n"}}});
    d.push_back({"fifo_over_a_const_buffer",
                 "B34 DSDs page, FIFOs: the argument to @allocate_fifo 'must be marked as var'",
                 R"(
const buf = @zeros([32]i16);
const fifo = @allocate_fifo(buf);
var src = @zeros([4]i16);
const s = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> src[i] });
fn f() void { @mov16(fifo, s); }
)"});
    d.push_back({"fifo_of_u8",
                 "B34 DSDs page, FIFOs: the buffer 'must have elements of type i16, u16, f16, i32, "
                 "u32 or f32'",
                 "var buf = @zeros([32]u8);\nconst fifo = @allocate_fifo(buf);\n"});
    d.push_back({"zero_both_sources",
                 "B40 DSDs page, Reset a Source Operand: 'At any time, only one of first_source or "
                 "second_source can be used.'",
                 R"(
const out_dsd = @get_dsd(fabout_dsd, .{ .extent = 10, .fabric_color = @get_color(3),
  .output_queue = @get_output_queue(1), .zero = .{ .first_source = true, .second_source = true } });
var a = @zeros([10]i16);
const ad = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{10} -> a[i] });
fn f() void { @add16(out_dsd, ad, ad); }
)"});
    d.push_back({"fabin_loaded_to_dsr_dest",
                 "B43 DSRs page, @load_to_dsr: 'A DSD of type fabin_dsd cannot be loaded to a "
                 "dsr_dest DSR.'",
                 R"(
const dsr1 = @get_dsr(dsr_dest, 1);
const fab_dsd = @get_dsd(fabin_dsd, .{ .extent = 10, .fabric_color = @get_color(1), .input_queue = @get_input_queue(1) });
comptime { @initialize_queue(@get_input_queue(1), .{ .color = @get_color(1) }); }
fn f() void { @load_to_dsr(dsr1, fab_dsd); }
)"});
    d.push_back({"fabout_loaded_to_dsr_src1",
                 "B43 DSRs page, @load_to_dsr: 'A DSD of type fabout_dsd cannot be loaded to a "
                 "dsr_src0 or dsr_src1 DSRs.'",
                 R"(
const dsr2 = @get_dsr(dsr_src1, 2);
const fo = @get_dsd(fabout_dsd, .{ .extent = 10, .fabric_color = @get_color(1), .output_queue = @get_output_queue(1) });
fn f() void { @load_to_dsr(dsr2, fo); }
)"});
    d.push_back({"fifo_dsr_in_load_to_dsr",
                 "B43 DSRs page, @load_to_dsr: 'FIFO DSRs are not permitted in @load_to_dsr.'",
                 R"(
const dsr4 = @get_dsr(dsr_fifo_dest, 4);
var A = @zeros([10]i16);
const m = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{10} -> A[i] });
fn f() void { @load_to_dsr(dsr4, m); }
)"});
    d.push_back({"async_load_of_a_memory_dsd",
                 "B43 DSRs page, @load_to_dsr: the asynchronous settings 'are allowed only for "
                 "fabric DSDs'",
                 R"(
const dsr1 = @get_dsr(dsr_dest, 1);
var A = @zeros([10]i16);
const m = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{10} -> A[i] });
fn f() void { @load_to_dsr(dsr1, m, .{ .async = true }); }
)"});
    d.push_back({"save_address_of_a_fabric_dsd",
                 "B43 DSRs page, @load_to_dsr: 'The save_address setting ... is allowed only for "
                 "mem1d and mem4d DSDs'",
                 R"(
const dsr2 = @get_dsr(dsr_src0, 2);
const fab_dsd = @get_dsd(fabin_dsd, .{ .extent = 10, .fabric_color = @get_color(1), .input_queue = @get_input_queue(1) });
comptime { @initialize_queue(@get_input_queue(1), .{ .color = @get_color(1) }); }
fn f() void { @load_to_dsr(dsr2, fab_dsd, .{ .save_address = true }); }
)"});
    d.push_back(
        {"initialize_queue_twice",
         "B25 Builtins page, @initialize_queue: 'can only be called at most once per queue'",
         R"(
comptime {
  @initialize_queue(@get_input_queue(3), .{ .color = @get_color(4) });
  @initialize_queue(@get_input_queue(3), .{ .color = @get_color(5) });
}
)"});
    d.push_back({"wse2_input_queue_without_config",
                 "B25 Builtins page, @initialize_queue on WSE-2: for an input_queue 'the config "
                 "argument must be supplied'",
                 "comptime { @initialize_queue(@get_input_queue(3)); }\n"});
    d.push_back(
        {"wse2_output_queue_with_config",
         "B25 Builtins page, @initialize_queue on WSE-2: for an output_queue 'the builtin "
         "must have no more than a single argument'",
         "comptime { @initialize_queue(@get_output_queue(2), .{ .color = @get_color(5) }); }\n"});
    d.push_back({"wse2_ctrl_table_id",
                 "B25 Builtins page, @initialize_queue: 'ctrl_table_id is WSE-2: not supported'",
                 "comptime { @initialize_queue(@get_input_queue(4), .{ .color = @get_color(4), "
                 ".ctrl_table_id = 4 }); }\n"});
    d.push_back({"wse3_output_queue_without_config",
                 "B25 Builtins page, @initialize_queue on WSE-3: 'Both input and output queues "
                 "require both queue and config arguments'",
                 "comptime { @initialize_queue(@get_output_queue(2)); }\n", sim::Arch::Wse3});
    d.push_back({"wse3_ctrl_table_id_on_output_queue",
                 "B25 Builtins page, @initialize_queue on WSE-3: 'The ctrl_table_id field is "
                 "optional and allowed on input queues only'",
                 "comptime { @initialize_queue(@get_output_queue(4), .{ .color = @get_color(6), "
                 ".ctrl_table_id = 1 }); }\n",
                 sim::Arch::Wse3});
    d.push_back({"color_config_without_routes",
                 "B27 Builtins page, @set_color_config: 'a color configuration without a routes "
                 "field is not allowed and will result in an error'",
                 "comptime { @set_local_color_config(@get_color(3), .{ .switches = .{ .pos1 = .{ "
                 ".rx = EAST } } }); }\n"});
    d.push_back({"switch_position_rx_with_two_directions",
                 "B27 Builtins page, pos1/pos2/pos3: 'the one nested under the pos1, pos2 and pos3 "
                 "fields can only have a single direction value'",
                 "comptime { @set_local_color_config(@get_color(4), .{ .routes = .{ .rx = .{WEST}, "
                 ".tx = .{RAMP} }, .switches = .{ .pos1 = .{ .rx = .{ EAST, WEST } } } }); }\n"});
    d.push_back({"export_var_of_struct_type",
                 "B29 Storage Classes page, Type restrictions: 'struct types ... are not export "
                 "compatible'",
                 "const S = struct { a: i16 };\nexport var s: S = .{ .a = 1 };\n"});
    d.push_back({"export_var_of_direction_type",
                 "B29 Storage Classes page, Type restrictions: 'the direction type ... [is] not "
                 "export compatible'",
                 "export var d: direction = EAST;\n"});
    d.push_back({"export_non_const_function_pointer",
                 "B29 Storage Classes page, Type restrictions: function pointers are export "
                 "compatible as '*const T' ('The const qualifier is required.')",
                 "fn g() void {}\nexport var fp: *fn() void = &g;\n"});
    d.push_back({"export_fn_with_struct_parameter",
                 "B29 Storage Classes page, Type restrictions: an export fn's argument types must "
                 "be export compatible",
                 "const S = struct { a: i16 };\nexport fn takesS(v: S) void { }\n"});
    d.push_back(
        {"address_of_inline_fn",
         "B15 Syntax page, inline fn: 'it is not allowed to take the address of an inline "
         "function'",
         "inline fn foo() void {}\nconst p: *const fn() void = &foo;\nfn f() void { p(); }\n"});
    d.push_back({"named_anonymous_struct_indexed",
                 "B21 Types page, Anonymous Struct Types: 'var some_float = struct3[1]; // error: "
                 "struct3 is not a tuple type!'",
                 "comptime {\n  var struct3 = .{ .a = 10.0, .b = 1.0 };\n  var some_float = "
                 "struct3[1];\n}\n"});
    d.push_back(
        {"concat_named_and_nameless_structs",
         "B22 Builtins page, @concat_structs: 'concatenate a struct with named fields and a "
         "struct with nameless fields ... results in an error'",
         "const a = @concat_structs(.{ .foo = 10 }, .{ 1, 2 });\ncomptime { _ = a; }\n"});
    d.push_back({"tensor_access_with_fewer_indices_than_dimensions",
                 "B38 DSDs page, tensor_access: 'There must be exactly as many affine expressions "
                 "as the number of dimensions of the tensor'",
                 R"(
var A = @zeros([4, 4]i16);
const d1 = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> A[i] });
fn f() void { @mov16(d1, d1); }
)"});
    d.push_back(
        {"fifo_dsr_over_the_wrong_dsr_file",
         "B42 DSRs page, @get_dsr: 'if fifo_dsr_type is dsr_fifo_src1 ... non_fifo_dsr "
         "must have type dsr_src1'",
         "const dsr3 = @get_dsr(dsr_dest, 6);\nconst dsr5 = @get_dsr(dsr_fifo_src1, dsr3);\n"
         "fn f() void { _ = dsr5; }\n"});
    d.push_back(
        {"fifo_in_a_var",
         "B34 DSDs page, FIFOs: 'The @allocate_fifo builtin must be associated with a const "
         "variable in the global scope'",
         "var buf = @zeros([32]i16);\nvar fifo = @allocate_fifo(buf);\n"});
    d.push_back({"fabin_in_a_dsr_without_queue_initialization",
                 "B43 DSRs page, @load_to_dsr: 'When using a fabin_dsd loaded to a DSR, the input "
                 "queue used by the fabin_dsd must be explicitly initialized with the associated "
                 "color via @initialize_queue' (checked on WSE-3; on WSE-2 the fabin_dsd's "
                 "'.fabric_color' names the color)",
                 R"(
const dsr2 = @get_dsr(dsr_src0, 2);
const fab_dsd = @get_dsd(fabin_dsd, .{ .extent = 10, .input_queue = @get_input_queue(1) });
var A = @zeros([10]i16);
const m = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{10} -> A[i] });
fn f() void {
  @load_to_dsr(dsr2, fab_dsd);
  @mov16(m, dsr2);
}
)",
                 sim::Arch::Wse3});
    d.push_back({"plain_var_sharing_an_export_symbol_name",
                 "B30 Storage Classes page: 'A declaration without a storage class cannot have the "
                 "same symbol name as an export or extern declaration'",
                 "export var x: i16 = 1;\nvar bad_var_decl: i16 linkname(\"x\") = 2;\n"
                 "fn f() void { bad_var_decl += x; }\n"});
    return d;
}

} // namespace

class TestCslLanguage3 : public QObject {
    Q_OBJECT
  private slots:
    void programs_data() { addLanguageCaseRows(cases()); }
    void programs() {
        QFETCH(int, index);
        QFETCH(int, arch);
        checkLanguageCase(cases()[size_t(index)], sim::Arch(arch));
    }
    void documentedProgramsRejected_data() { addDeviationRows(rejectedDocumentedPrograms()); }
    void documentedProgramsRejected() {
        QFETCH(int, index);
        const DocDeviation d = rejectedDocumentedPrograms()[size_t(index)];
        const csl::CompileResult r = compileDeviation(d);
        QEXPECT_FAIL("", d.bug, Continue);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
    }
    void documentedErrorsReported_data() { addDeviationRows(reportedDocumentedErrors()); }
    void documentedErrorsReported() {
        QFETCH(int, index);
        const DocDeviation d = reportedDocumentedErrors()[size_t(index)];
        QVERIFY2(!compileDeviation(d).ok, d.bug);
    }
    void documentedErrorsAccepted_data() { addDeviationRows(acceptedDocumentedErrors()); }
    void documentedErrorsAccepted() {
        QFETCH(int, index);
        const DocDeviation d = acceptedDocumentedErrors()[size_t(index)];
        const csl::CompileResult r = compileDeviation(d);
        QEXPECT_FAIL("", d.bug, Continue);
        QVERIFY2(!r.ok, "compiled without an error");
    }
    // The Storage Classes page: "the symbol name for an export or extern declaration will be
    // the same as its CSL variable name, even if the variable is declared inside an imported
    // module", and a linkname names it (fixed: an export inside a module was named 'm.y',
    // bug B32).
    // The Builtins page, @set_tile_code: "@set_tile_code(0, 0); // Specify to the compiler
    // that *this* file contains code for PE #0,0" (bug B9, fixed in session 8): the layout
    // file is the PE program, with the layout's params; its variables, tasks and comptime
    // blocks are the PE's.
    void layoutFileAsTileCode() {
        const csl::CompileResult r = compileFiles({{"layout.csl", R"(
param step: u16 = 1;
layout {
  @set_rectangle(2, 1);
  @set_tile_code(0, 0);
  @set_tile_code(1, 0);
}
const bump_id = @get_local_task_id(9);
var r: u16 = 5;
task bump() void { r += step; }
comptime {
  @bind_local_task(bump, bump_id);
  @activate(bump_id);
}
)"}},
                                                  sim::Arch::Wse2, {{"step", "3"}});
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        QCOMPARE(r.program->classes.size(), size_t(1));
        sim::Fabric fabric(r.program);
        const sim::RunResult run = fabric.runUntilIdle(100'000);
        QVERIFY2(run.status == sim::RunStatus::Idle, run.message.c_str());
        const sim::CodeClass& cls = r.program->classes[0];
        const auto sym = std::find_if(cls.symbols.begin(), cls.symbols.end(),
                                      [](const sim::Symbol& s) { return s.name == "r"; });
        QVERIFY(sym != cls.symbols.end());
        for (uint32_t x = 0; x < 2; ++x) {
            const std::vector<uint8_t> bytes = fabric.readMemory(x, 0, sym->address, 2);
            QCOMPARE(int(bytes[0] | bytes[1] << 8), 5 + 3);
        }
    }
    void exportSymbolNames() {
        const csl::CompileResult r = compileFiles({{"layout.csl", kPlainLayout},
                                                   {"pe.csl", R"(
export var x: i16 = 32;
export var renamed: i16 linkname("foo_sym") = 99;
const m = @import_module("submodule.csl");
task t() void { x += m.y + renamed; }
comptime { @bind_local_task(t, @get_local_task_id(9)); }
)"},
                                                   {"submodule.csl", "export var y: i16 = 42;\n"}});
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        std::vector<std::string> names;
        for (const sim::Symbol& sym : r.program->classes.at(0).symbols)
            names.push_back(sym.name);
        const auto has = [&](const std::string& n) {
            return std::find(names.begin(), names.end(), n) != names.end();
        };
        QVERIFY(has("x"));
        QVERIFY(has("foo_sym"));
        QVERIFY(!has("renamed"));
        QVERIFY(has("y"));
        QVERIFY(!has("m.y"));
    }
    // `@export_symbol(m.ptr, "name")` of a pointer declared in an imported module: the host's
    // copies go where it points. They read the pointer's own bytes before session 12.
    void exportedModulePointerIsFollowed() {
        const csl::CompileResult r = compileFiles(
            {{"layout.csl", onePeLayoutExporting("  @export_name(\"grid\", [*]u32, false);\n"
                                                 "  @export_name(\"main\", fn()void);\n")},
             {"pe.csl",
              memcpyTile("const m = @import_module(\"grid.csl\");\n",
                         "\nfn main() void {\n  m.fill();\n  sys_mod.unblock_cmd_stream();\n}\n",
                         "  @export_symbol(m.grid_ptr, \"grid\");\n")},
             {"grid.csl",
              "var grid = @zeros([4]u32);\nvar grid_ptr: [*]u32 = &grid;\n"
              "fn fill() void {\n  for (@range(u16, 4)) |i| { grid[i] = 10 + i; }\n}\n"}});
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        sim::Fabric fabric(r.program);
        fabric.launch("main", {});
        QCOMPARE(readSymbol(fabric, "grid", 0, 0, 4, 1'000'000),
                 (std::vector<uint32_t>{10, 11, 12, 13}));
    }
    // A module chosen by an `if` on @is_arch, a labelled block or a function returning it
    // is named by its const like a direct import ("m.calls"); such modules had no prefix,
    // and a global of the same name in the importer was a symbol clash.
    void chosenModulesAreNamedByTheirConst() {
        const csl::CompileResult r = compileFiles(
            {{"layout.csl", onePeLayoutExporting("  @export_name(\"out\", [*]u32, false);\n"
                                                 "  @export_name(\"main\", fn()void);\n")},
             {"pe.csl",
              memcpyTile("var calls: u32 = 5;\nvar out = @zeros([4]u32);\n"
                         "var out_ptr: [*]u32 = &out;\n"
                         "const a = if (@is_arch(\"wse2\")) @import_module(\"impl.csl\", .{ "
                         ".k = 1 }) else @import_module(\"impl.csl\", .{ .k = 1 });\n"
                         "const b = blk: { break :blk @import_module(\"impl.csl\", .{ .k = 2 "
                         "}); };\n"
                         "fn pick() imported_module { return @import_module(\"impl.csl\", .{ "
                         ".k = 3 }); }\nconst c = pick();\n",
                         "\nfn main() void {\n  out[0] = a.bump() + b.bump() + c.bump();\n"
                         "  out[1] = a.calls; out[2] = c.calls; out[3] = calls;\n"
                         "  sys_mod.unblock_cmd_stream();\n}\n",
                         "  @export_symbol(out_ptr, \"out\");\n")},
             {"impl.csl", "param k: u32;\nvar calls: u32 = 0;\n"
                          "fn bump() u32 { calls += k; return calls; }\n"}});
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        std::set<std::string> names;
        for (const sim::Symbol& sym : r.program->classes.at(0).symbols)
            names.insert(sym.name);
        for (const char* name : {"a.calls", "b.calls", "c.calls", "calls"})
            QVERIFY2(names.count(name), name);
        sim::Fabric fabric(r.program);
        fabric.launch("main", {});
        QCOMPARE(readSymbol(fabric, "out", 0, 0, 4, 1'000'000),
                 (std::vector<uint32_t>{6, 1, 3, 5}));
    }
    // A struct of a module that the layout and the PE both import, with an enum field,
    // passed as a typed param: one declaration, so one type (the Types page). It was
    // "expected type 'Cfg', found 'Cfg'" since the field's enum types were compared by
    // instance.
    void sharedStructWithEnumFieldIsOneType() {
        const std::string layout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 1, .height = 1 });
const sh = @import_module("shared.csl");
layout {
  @set_rectangle(1, 1);
  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0),
                                   .cfg = sh.Cfg{ .k = -3, .m = sh.Mode.slow } });
  @export_name("out", [*]u32, false);
  @export_name("main", fn()void);
}
)";
        const csl::CompileResult r =
            compileFiles({{"layout.csl", layout},
                          {"shared.csl", "const Cfg = struct { k: i16, m: Mode };\n"
                                         "const Mode = enum(u8) { slow, fast };\n"},
                          {"pe.csl", memcpyTile("const sh = @import_module(\"shared.csl\");\n"
                                                "param cfg: sh.Cfg;\nvar out = @zeros([2]u32);\n"
                                                "var out_ptr: [*]u32 = &out;\n",
                                                "\nfn main() void {\n"
                                                "  out[0] = if (cfg.m == sh.Mode.slow) 1 else 2;\n"
                                                "  out[1] = @bitcast(u16, cfg.k);\n"
                                                "  sys_mod.unblock_cmd_stream();\n}\n",
                                                "  @export_symbol(out_ptr, \"out\");\n")}});
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        sim::Fabric fabric(r.program);
        fabric.launch("main", {});
        QCOMPARE(readSymbol(fabric, "out", 0, 0, 2, 1'000'000), (std::vector<uint32_t>{1, 0xfffd}));
    }
    // The Builtins page, @has_field: "The input expressions are guaranteed to have no
    // run-time effects": a call in the argument does not run (it counted).
    void hasFieldRunsNothing() {
        const csl::CompileResult r = compileFiles(
            {{"layout.csl", onePeLayoutExporting("  @export_name(\"out\", [*]u32, false);\n"
                                                 "  @export_name(\"main\", fn()void);\n")},
             {"pe.csl", memcpyTile("var out = @zeros([2]u32);\nvar out_ptr: [*]u32 = &out;\n"
                                   "var counter: u32 = 0;\nconst S = struct { a: u32 };\n"
                                   "fn bump() S { counter += 1; return S{ .a = counter }; }\n",
                                   "\nfn main() void {\n"
                                   "  out[0] = if (@has_field(bump(), \"a\")) 1 else 0;\n"
                                   "  out[1] = counter;\n  sys_mod.unblock_cmd_stream();\n}\n",
                                   "  @export_symbol(out_ptr, \"out\");\n")}});
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        sim::Fabric fabric(r.program);
        fabric.launch("main", {});
        QCOMPARE(readSymbol(fabric, "out", 0, 0, 2, 1'000'000), (std::vector<uint32_t>{1, 0}));
    }
    void comptimePrintInRunTimeLoopPrintsOnce() {
        // The Builtins page, @comptime_print: in a non-comptime loop "the builtin is evaluated
        // exactly once" (`for ([2]i16 {1, 2}) |val| { @comptime_print("hello world"); // printed
        // once`); the unrolled copies of a run-time for over a comptime array printed it once
        // each. An inline for prints once per iteration.
        const csl::CompileResult r = compileFiles(
            {{"layout.csl", kPlainLayout},
             {"pe.csl",
              "var n: i16 = 0;\nfn f() void {\n"
              "  for ([3]i16{ 1, 2, 3 }) |val| { @comptime_print(\"body\"); n += val; }\n"
              "  inline for ([2]i16{ 1, 2 }) |val| { @comptime_print(\"inline\", val); }\n"
              "}\ntask t() void { f(); }\n"
              "comptime { @bind_local_task(t, @get_local_task_id(8)); }\n"}});
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        const std::string printed = allDiagnostics(r);
        const auto count = [&](const std::string& text) {
            size_t n = 0;
            for (size_t at = printed.find(text); at != std::string::npos;
                 at = printed.find(text, at + 1))
                ++n;
            return n;
        };
        QCOMPARE(count("comptime_print: body"), size_t(1));
        QCOMPARE(count("comptime_print: inline"), size_t(2));
    }
};

QTEST_GUILESS_MAIN(TestCslLanguage3)
#include "tst_csl_language3.moc"
