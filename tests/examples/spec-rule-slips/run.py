#!/usr/bin/env cs_python
"""spec-rule-slips: the correct program summarises eight u16 values (checked against numpy
exactly); then run.py breaks one rule of the SDK's CSL language pages (Types, Syntax,
Comptime, Generics, Builtins) at a time in a copy of the sources, none of them a slip that
mistake-reports or mistake-reports-2 already makes, and checks that cslc fails with the
FIRST error at the slip's file:line and words naming the problem."""
import argparse
import os
import re
import shutil
import subprocess
import tempfile

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", default="wse2", choices=["wse2", "wse3"])
parser.add_argument("--filed", action="store_true",
                    help="also check the slips filed as compiler bugs (build/h-spec/NOTES.md)")
args = parser.parse_args()

n = 8
vals = np.array([7, 1500, 42, 999, 100, 65535, 3, 1000], dtype=np.uint16)
bias = -20000


def model(v, b):
    v = [int(x) for x in v]
    first_big = next((i for i, x in enumerate(v) if x >= 1000), n)
    bands = sum(1 if x < 100 else 4 if x < 1000 else 16 for x in v)
    return np.array([sum(v), first_big, sum(x % 2 for x in v), bands, min(v), max(v),
                     max(v) - min(v), (v[0] + b) & 0xFFFFFFFF], dtype=np.uint32)


# ---- the correct program ----
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vals_id = runner.get_id("vals")
res_id = runner.get_id("res")
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
runner.memcpy_h2d(vals_id, vals.astype(np.uint32), 0, 0, 1, 1, n, streaming=False, order=row,
                  data_type=MemcpyDataType.MEMCPY_16BIT, nonblock=False)
runner.launch("summarise", np.int16(bias), nonblock=False)
got = np.zeros(8, dtype=np.uint32)
runner.memcpy_d2h(got, res_id, 0, 0, 1, 1, 8, streaming=False, order=row, data_type=u32,
                  nonblock=False)
runner.stop()
np.testing.assert_array_equal(got, model(vals, bias))
print("correct program ok:", got)

# ---- slips ----
here = os.path.dirname(os.path.abspath(__file__))
sources = ["layout.csl", "pe_program.csl"]
cslc_cmd = ["cslc", f"--arch={args.arch}", "layout.csl", "--fabric-dims=8,3",
            "--fabric-offsets=4,1", "-o", "out", "--memcpy", "--channels", "1"]
FN = "  // (slips in the function go here)\n"   # statements at the end of summarise()
TOP = "// (slips at file scope go here)\n"      # declarations at file scope
PE = "pe_program.csl"
LAYOUT = "layout.csl"
# a data task ID: from a color on WSE-2, from an input queue on WSE-3
DATA_ID = ("@get_data_task_id(@get_color(3))" if args.arch == "wse2"
           else "@get_data_task_id(@get_input_queue(2))")
TILE = '  @set_tile_code(0, 0, "pe_program.csl", .{ .memcpy_params = memcpy.get_params(0) });\n'


def fn(code):
    return (PE, FN, FN + code)


def top(code):
    return (PE, TOP, TOP + code)


# (name, an edit (file, old text, new text) or a list of them, text of the line the first
#  error must name (in the first edit's file, or a (file, text) pair), words the report
#  must contain)
slips = [
    # Types page: integers, coercions, operators
    ("u16 value into an i16", fn("  const signed: i16 = vals[0];\n  res[0] = @bitcast(u16, signed);\n"),
     "const signed: i16 = vals[0];", ["'i16'", "'u16'"]),
    ("i16 parameter into a u32", fn("  const wide_u: u32 = bias;\n  res[0] = wide_u;\n"),
     "const wide_u: u32 = bias;", ["'u32'", "'i16'"]),
    ("u32 into a u16 without @as", fn("  const narrow: u16 = total;\n  res[0] = narrow;\n"),
     "const narrow: u16 = total;", ["'u16'", "'u32'"]),
    ("negative literal added to a u16", fn("  odd = odd + (-1);\n"),
     "odd = odd + (-1);", ["-1", "'u16'"]),
    ("u16 compared with an i16", fn("  if (odd < bias) res[0] = 1;\n"),
     "if (odd < bias) res[0] = 1;", ["'<'", "'u16'", "'i16'"]),
    ("u16 into an f32 without @as", fn("  const as_float: f32 = odd;\n  res[0] = @bitcast(u32, as_float);\n"),
     "const as_float: f32 = odd;", ["'f32'", "'u16'"]),
    ("f32 into a u32 without @as", fn("  const ratio: f32 = 0.5;\n  var r: f32 = ratio;\n  res[0] = r;\n"),
     "res[0] = r;", ["'u32'", "'f32'"]),
    ("f16 plus i16", fn("  var a16: f16 = 1.0;\n  var i16v: i16 = 1;\n  const mixed = a16 + i16v;\n  res[0] = @as(u32, @bitcast(u16, mixed));\n"),
     "const mixed = a16 + i16v;", ["'f16'", "'i16'"]),
    ("bitwise and of floats", fn("  var fa: f32 = 1.0;\n  const masked = fa & 1.0;\n  res[0] = @bitcast(u32, masked);\n"),
     "const masked = fa & 1.0;", ["'&'", "floating-point"]),
    ("shift of a float", fn("  var fs: f32 = 1.0;\n  const doubled = fs << 1;\n  res[0] = @bitcast(u32, doubled);\n"),
     "const doubled = fs << 1;", ["'<<'", "floating-point"]),
    ("'~' of a comptime_int", top("const all_ones = ~0;\n"),
     "const all_ones = ~0;", ["'~'", "fixed-size integer"]),
    ("bool plus one", fn("  var flag: bool = true;\n  res[0] = flag + 1;\n"),
     "res[0] = flag + 1;", ["'+'", "'bool'"]),
    ("if on an integer", fn("  if (odd) res[0] = 1;\n"), "if (odd) res[0] = 1;",
     ["'bool'", "'u16'"]),
    ("'and' with an integer operand", fn("  if (odd and true) res[0] = 1;\n"),
     "if (odd and true) res[0] = 1;", ["'bool'", "'u16'"]),
    ("'!' of an integer", fn("  if (!odd) res[0] = 1;\n"), "if (!odd) res[0] = 1;",
     ["'bool'", "'u16'"]),
    ("'~' of a bool", fn("  var yes: bool = true;\n  if (~yes) res[0] = 1;\n"),
     "if (~yes) res[0] = 1;", ["'~'", "'bool'"]),
    ("comptime u16 subtraction below zero", top("const few: u16 = 2;\nconst many: u16 = 3;\nconst gap = few - many;\n"),
     "const gap = few - many;", ["overflow", "'u16'"]),
    ("comptime i16 minimum divided by -1", top("const lowest: i16 = -32768;\nconst flipped = lowest / -1;\n"),
     "const flipped = lowest / -1;", ["overflow", "'i16'"]),
    ("comptime remainder by zero", top("const rem = n % (n - 8);\n"),
     "const rem = n % (n - 8);", ["division by zero"]),
    ("fractional literal into a u16", top("const half_n: u16 = 4.5;\n"),
     "const half_n: u16 = 4.5;", ["'u16'", "'comptime_float'"]),
    ("shifted literal too big for a u16", top("const top_bit: u16 = 1 << 16;\n"),
     "const top_bit: u16 = 1 << 16;", ["65536", "'u16'"]),
    ("data task with a u8 parameter", top("task byte_in(b: u8) void { res[0] = b; }\n"
                                          "comptime { @bind_data_task(byte_in, " + DATA_ID + "); }\n"),
     "comptime { @bind_data_task(byte_in", ["'byte_in'", "'u8'", "ABI"]),
    # Types page: arrays and pointers
    ("array address as a single-item pointer", fn("  const one: *u16 = &vals;\n  res[0] = one.*;\n"),
     "const one: *u16 = &vals;", ["'*u16'", "'*[8]u16'"]),
    ("const array through a mutable pointer", [top("const table = [4]u16{ 1, 2, 3, 4 };\nfn poke() void {\n  const tp: [*]u16 = &table;\n  tp[0] = 9;\n}\n"),
                                               fn("  poke();\n")],
     "const tp: [*]u16 = &table;", ["'[*]u16'", "const"]),
    ("pointer to const into a pointer", fn("  const ro: *const u16 = &odd;\n  const rw: *u16 = ro;\n  rw.* = 3;\n"),
     "const rw: *u16 = ro;", ["'*u16'", "'*const u16'"]),
    ("array assigned from a shorter one", fn("  var three = @zeros([3]u16);\n  vals = three;\n"),
     "vals = three;", ["8", "3"]),
    ("negative constant index", fn("  res[0] = vals[-1];\n"), "res[0] = vals[-1];",
     ["-1", "out of bounds"]),
    ("constant index one past the end", fn("  res[0] = vals[8];\n"), "res[0] = vals[8];",
     ["8", "out of bounds"]),
    ("arithmetic on a many-item pointer", fn("  const next = vals_ptr + 1;\n  res[0] = next[0];\n"),
     "const next = vals_ptr + 1;", ["'+'", "'[*]u16'"]),
    ("float array index", fn("  res[0] = vals[1.0];\n"), "res[0] = vals[1.0];",
     ["index", "integer"]),
    ("'.len' of a many-item pointer", fn("  res[0] = vals_ptr.len;\n"), "res[0] = vals_ptr.len;",
     ["len", "'[*]u16'"]),
    ("arrays compared with '=='", fn("  var other = @zeros([8]u16);\n  if (vals == other) res[0] = 1;\n"),
     "if (vals == other) res[0] = 1;", ["'=='", "'[8]u16'"]),
    ("structs compared with '=='", fn("  const t = span_of(&vals);\n  if (s == t) res[0] = 1;\n"),
     "if (s == t) res[0] = 1;", ["'=='", "'Span'"]),
    ("'.*' of an integer", fn("  res[0] = odd.*;\n"), "res[0] = odd.*;",
     ["dereference", "'u16'"]),
    ("assignment to a parameter", ("pe_program.csl", "  const wide_bias: i32 = bias;", "  bias = 0;\n  const wide_bias: i32 = bias;"),
     "  bias = 0;", ["constant", "'bias'"]),
    ("assignment to a for capture", fn("  for (vals) |v| {\n    v = 0;\n  }\n"), "    v = 0;",
     ["constant", "'v'"]),
    # Types page: structs, enums, unions
    ("struct initializer without a field that has no default", ("pe_program.csl",
     "Span{ .lo = xs.*[0], .hi = xs.*[0] }", "Span{ .lo = xs.*[0] }"),
     "var s = Span{ .lo = xs.*[0] };", ["'hi'", "'Span'"]),
    ("struct field declared twice", ("pe_program.csl", "lo: u16, hi: u16, width", "lo: u16, hi: u16, lo: u16, width"),
     "const Span = struct", ["duplicate", "'lo'"]),
    ("struct initializer naming a field twice", ("pe_program.csl",
     "Span{ .lo = xs.*[0], .hi = xs.*[0] }", "Span{ .lo = xs.*[0], .hi = xs.*[0], .lo = 0 }"),
     "var s = Span{", ["duplicate", "'lo'"]),
    ("enum value past its tag type", ("pe_program.csl", "enum(u16) { low = 1, mid = 4, high = 16 }",
     "enum(u4) { low = 1, mid = 4, high = 16 }"), "const Band = enum(u4)", ["16", "'u4'"]),
    ("enum with more members than its tag type holds", top("const Dir = enum(u2) { n, e, s, w, up };\n"),
     "const Dir = enum(u2)", ["4", "'u2'"]),
    ("enum tagged by a float", top("const Level = enum(f32) { a, b };\n"),
     "const Level = enum(f32)", ["tag", "'f32'"]),
    ("negative value in an unsigned enum", top("const Sign = enum(u16) { minus = -1, plus = 1 };\n"),
     "const Sign = enum(u16)", ["-1", "'u16'"]),
    ("arithmetic on an enum value", fn("  const up = band_of(odd) + 1;\n  res[0] = @get_int(up);\n"),
     "const up = band_of(odd) + 1;", ["'+'", "'Band'"]),
    ("union value setting two fields", top("const Word = union { bits: u32, value: f32 };\n"
                                           "const both = Word{ .bits = 1, .value = 2.0 };\n"),
     "const both = Word{", ["'Word'", "exactly one"]),
    ("field of an integer", fn("  res[0] = odd.lo;\n"), "res[0] = odd.lo;", ["'lo'", "'u16'"]),
    # Syntax page: control flow
    ("label reused by a nested loop", fn("  outer: for (vals) |a| {\n    outer: for (vals) |b| {\n"
                                         "      if (a == b) break :outer;\n    }\n  }\n"),
     "    outer: for (vals) |b| {", ["redefinition", "'outer'"]),
    ("'continue' to a labelled block", fn("  blk: {\n    if (odd > 1) continue :blk;\n  }\n"),
     "continue :blk;", ["continue", "block"]),
    ("'break' outside a loop", fn("  if (odd > 100) break;\n"), "if (odd > 100) break;",
     ["break", "loop"]),
    ("'continue' outside a loop", fn("  if (odd > 100) continue;\n"), "if (odd > 100) continue;",
     ["continue", "loop"]),
    ("switch on an integer without 'else'", ("pe_program.csl", "    else => Band.high,\n", ""),
     "return switch (v) {", ["else"]),
    ("switch on a bool missing 'false'", fn("  res[0] = switch (odd > 3) { true => 1 };\n"),
     "res[0] = switch (odd > 3)", ["else"]),
    ("switch value outside the operand's type", fn("  var b8: u8 = 1;\n  res[0] = switch (b8) { 300 => 1, else => 0 };\n"),
     "switch (b8) { 300", ["300", "'u8'"]),
    ("two 'else' prongs", ("pe_program.csl", "    else => Band.high,\n", "    else => Band.high,\n    else => Band.low,\n"),
     "    else => Band.low,", ["else"]),
    ("overlapping switch ranges", ("pe_program.csl", "100...999 => Band.mid", "90...999 => Band.mid"),
     "90...999 => Band.mid", ["duplicate", "90"]),
    ("@range with step 0", fn("  for (@range(u16, 0, n, 0)) |k| {\n    res[0] += k;\n  }\n"),
     "for (@range(u16, 0, n, 0))", ["step", "zero"]),
    ("@range over f32", fn("  for (@range(f32, 0, 4, 1)) |k| {\n    res[0] += @as(u32, k);\n  }\n"),
     "for (@range(f32, 0, 4, 1))", ["'f32'", "integer"]),
    ("for over an integer", fn("  for (odd) |k| {\n    res[0] += k;\n  }\n"), "for (odd) |k| {",
     ["iterate", "'u16'"]),
    ("while on an integer", fn("  var left: u16 = 3;\n  while (left) {\n    left -= 1;\n  }\n"),
     "while (left) {", ["'bool'", "'u16'"]),
    ("recursion through a pointer with a local array",
     [top("var again: *const fn (u16) u16 = &rec;\nfn rec(k: u16) u16 {\n  var seen = @zeros([2]u16);\n"
          "  seen[k % 2] = k;\n  if (k == 0) return 0;\n  return again(k - 1) + seen[k % 2];\n}\n"),
      fn("  res[0] = rec(odd);\n")],
     "fn rec(k: u16) u16 {", ["recursion", "pointer", "fixed addresses"]),
    ("recursive frame larger than memory",
     [top("fn big(k: u16) u16 {\n  var block = @zeros([30000]u16);\n  block[k] = k;\n"
          "  if (k == 0) return 0;\n  return big(k - 1) + block[k];\n}\n"),
      fn("  res[0] = big(odd);\n")],
     "fn big(k: u16) u16 {", ["stack frame", "'big'"]),
    # Syntax and Comptime pages: declarations
    ("const without an initializer", top("const limit: u16;\n"), "const limit: u16;",
     ["'limit'", "initialized"]),
    ("alignment that is not a power of two", top("var padded: u16 align(6) = 0;\n"),
     "var padded: u16 align(6) = 0;", ["6", "power of two"]),
    ("run-time variable of type comptime_int", fn("  var count = 0;\n  count += 1;\n  res[0] = count;\n"),
     "var count = 0;", ["comptime_int", "const or comptime"]),
    ("run-time variable of type void", fn("  var nothing: void = {};\n  _ = nothing;\n"),
     "var nothing: void = {};", ["void"]),
    ("comptime expression of a run-time variable", fn("  const next_odd = comptime odd + 1;\n  res[0] = next_odd;\n"),
     "const next_odd = comptime odd + 1;", ["run", "comptime"]),
    ("array length from a run-time value", fn("  var scratch: [odd]u16 = undefined;\n  _ = scratch;\n"),
     "var scratch: [odd]u16 = undefined;", ["run", "comptime"]),
    ("global initialized from a run-time variable", top("var copy_of_n: u16 = vals[0];\n"),
     "var copy_of_n: u16 = vals[0];", ["run", "comptime"]),
    ("@comptime_assert on a run-time value", fn("  @comptime_assert(odd < 9);\n"),
     "@comptime_assert(odd < 9);", ["run", "comptime"]),
    ("run-time argument to a comptime parameter", [top("fn times(comptime k: u16, x: u16) u16 {\n  return k * x;\n}\n"),
                                                   fn("  res[0] = times(odd, 2);\n")],
     "res[0] = times(odd, 2);", ["comptime", "'k'"]),
    # Generics page
    ("generic unary minus of a comptime_string", top("fn negated(x: anytype) @type_of(x) {\n  return -x;\n}\n"
                                                     "const word = negated(\"abc\");\n"),
     "  return -x;", ["'-'", "comptime_string"]),
    ("comptime T given a float for an integer type", top("fn same(comptime T: type, x: T) T {\n  return x;\n}\n"
                                                          "const pick: u16 = same(u16, 1.5);\n"),
     "const pick: u16 = same(u16, 1.5);", ["'u16'", "'comptime_float'"]),
    # Tasks and exports (Builtins page)
    ("data task with three parameters", top("task triple(a: u16, b: u16, c: u16) void {\n  res[0] = a + b + c;\n}\n"
                                            "comptime { @bind_data_task(triple, " + DATA_ID + "); }\n"),
     "comptime { @bind_data_task(triple", ["2 parameters"]),
    ("data task with an i64 parameter", top("task wide_in(x: i64) void {\n  res[0] = @bitcast(u32, @as(i32, x));\n}\n"
                                            "comptime { @bind_data_task(wide_in, " + DATA_ID + "); }\n"),
     "comptime { @bind_data_task(wide_in", ["64 bits", "32"]),
    ("local task with a parameter", top("task tick(x: u16) void {\n  res[0] = x;\n}\n"
                                        "comptime { @bind_local_task(tick, @get_local_task_id(9)); }\n"),
     "comptime { @bind_local_task(tick", ["no parameters"]),
    ("function bound as a task", top("fn not_task() void {}\ncomptime { @bind_local_task(not_task, @get_local_task_id(9)); }\n"),
     "comptime { @bind_local_task(not_task", ["function", "not a task"]),
    ("@bind_local_task in run-time code", [top("task tock() void {}\n"), fn("  @bind_local_task(tock, @get_local_task_id(9));\n")],
     "@bind_local_task(tock", ["comptime"]),
    ("@export_symbol in run-time code", fn("  @export_symbol(summarise);\n"), "  @export_symbol(summarise);",
     ["comptime"]),
    ("exported inline function", ("pe_program.csl", "fn summarise(bias: i16) void {", "inline fn summarise(bias: i16) void {"),
     "  @export_symbol(summarise);", ["inline"]),
    ("exported function with a struct parameter", ("pe_program.csl", "fn summarise(bias: i16) void {",
                                                   "fn summarise(bias: Span) void {"),
     "  @export_symbol(summarise);", ["'Span'"]),
    ("extern variable nobody defines", [top("extern var from_elsewhere: u16;\n"), fn("  res[0] = from_elsewhere;\n")],
     "extern var from_elsewhere: u16;", ["'from_elsewhere'", "no definition"]),
    # Syntax and Types pages: literals
    ("decimal literal with letters", top("const mask = 12ab;\n"), "const mask = 12ab;",
     ["invalid number literal", "12ab"]),
    ("hex literal with a 'g'", top("const mask = 0xfg;\n"), "const mask = 0xfg;",
     ["invalid number literal", "0xfg"]),
    ("exponent without digits", top("const scale = 1e;\n"), "const scale = 1e;",
     ["invalid number literal", "1e"]),
    ("separator inside an exponent", top("const scale = 1e1_0;\n"), "const scale = 1e1_0;",
     ["invalid number literal"]),
    ("integer literal past 64 bits", top("const huge = 0xFFFF_FFFF_FFFF_FFFF_F;\n"),
     "const huge = 0xFFFF_FFFF_FFFF_FFFF_F;", ["too large"]),
    ("string literal left open", top("const label = \"abc;\n"), "const label = \"abc;",
     ["unterminated string"]),
    ("C block comment", top("/* not CSL */\n"), "/* not CSL */", ["'/'"]),
    ("character literal of two characters (was h-spec 7)", top("const pair = 'ab';\n"), "const pair = 'ab';",
     ["character literal"]),
    ("empty character literal (was h-spec 7)", top("const nothing = '';\n"), "const nothing = '';",
     ["character literal"]),
    ("unknown escape (was h-spec 7)", top("const odd_escape = '\\q';\n"), "const odd_escape = '\\q';",
     ["escape"]),
    ("\\x escape with one digit (was h-spec 7)", top("const short_hex = '\\x4';\n"), "const short_hex = '\\x4';",
     ["\\x"]),
    ("binary literal with a digit 2 (was h-spec 8)", top("const mask = 0b1021;\n"), "const mask = 0b1021;",
     ["invalid digit '2'", "0b1021"]),
    ("octal literal with a digit 8 (was h-spec 8)", top("const mode = 0o789;\n"), "const mode = 0o789;",
     ["invalid digit '8'", "0o789"]),
    ("hex prefix without digits (was h-spec 8)", top("const none = 0x;\n"), "const none = 0x;",
     ["digits", "'0x'"]),
    # Layout (the Builtins page's layout builtins)
    ("@set_rectangle twice", (LAYOUT, "  @set_rectangle(1, 1);\n", "  @set_rectangle(1, 1);\n  @set_rectangle(2, 1);\n"),
     "@set_rectangle(2, 1);", ["@set_rectangle", "more than once"]),
    ("a second layout block", (LAYOUT, "  @export_name(\"summarise\", fn(i16) void);\n}\n",
                               "  @export_name(\"summarise\", fn(i16) void);\n}\n\nlayout {\n}\n"),
     "layout {\n}", ["layout"]),
    ("'var' in the layout file", (LAYOUT, "layout {\n", "var placed: u16 = 0;\n\nlayout {\n"),
     "var placed: u16 = 0;", ["var", "layout"]),
    ("empty rectangle", (LAYOUT, "@set_rectangle(1, 1);", "@set_rectangle(1, 0);"),
     "@set_rectangle(1, 0);", ["1x0"]),
    ("tile code for a PE left of the rectangle", (LAYOUT, TILE, TILE + TILE.replace("(0, 0,", "(-1, 0,")),
     "@set_tile_code(-1, 0,", ["(-1, 0)", "outside"]),
    ("exported function with 16 parameters", (LAYOUT, "  @export_name(\"summarise\", fn(i16) void);\n",
                                              "  @export_name(\"summarise\", fn(i16) void);\n  @export_name(\"wide\", fn(" +
                                              ",".join(["u16"] * 16) + ") void);\n"),
     "@export_name(\"wide\"", ["15"]),
    ("exported array type", (LAYOUT, "  @export_name(\"summarise\", fn(i16) void);\n",
                             "  @export_name(\"summarise\", fn(i16) void);\n  @export_name(\"block\", [4]u16, true);\n"),
     "@export_name(\"block\"", ["[4]u16"]),
    ("@export_name mutability given as a number", (LAYOUT, "[*]u32, false", "[*]u32, 0"),
     "[*]u32, 0", ["'bool'"]),
]

# Slips cslc still accepts (build/h-spec/NOTES.md, numbered); checked only with --filed.
filed_slips = [
    ("1: anytype as a constant's type", [top("const loose: anytype = 3;\n"), fn("  res[0] = loose;\n")],
     "const loose: anytype = 3;", ["anytype", "parameter"]),
    ("1: anytype as a struct field's type", [top("const Box = struct { item: anytype };\n"
                                                 "const boxed = Box{ .item = 7 };\n"), fn("  res[0] = boxed.item;\n")],
     "const Box = struct { item: anytype };", ["anytype", "parameter"]),
    ("2: duplicate prong on a comptime operand", fn("  res[0] = switch (n) { 8 => 1, 8 => 2, else => 0 };\n"),
     "res[0] = switch (n) { 8 => 1, 8 => 2", ["duplicate", "8"]),
    ("4: task with a u16 result", top("task counted() u16 {\n  return 1;\n}\n"
                                      "comptime { @bind_local_task(counted, @get_local_task_id(9)); }\n"),
     "task counted() u16 {", ["task", "void"]),
    ("5: u16 shifted by 16", fn("  res[0] = odd << 16;\n"), "res[0] = odd << 16;", ["16", "'u16'"]),
    ("11: float past i64's maximum converted to i64", [top("const past = @as(i64, 1e19);\n"),
                                                      fn("  res[0] = @as(u32, past & 0xFFFF);\n")],
     "const past = @as(i64, 1e19);", ["does not fit", "'i64'"]),
    ("12: pointer to const exported as a mutable [*]u32",
     [(LAYOUT, "  @export_name(\"summarise\"", "  @export_name(\"table\", [*]u32, true);\n  @export_name(\"summarise\""),
      top("const table = [2]u32{ 1, 2 };\nconst table_ptr: [*]const u32 = &table;\n"
          "comptime {\n  @export_symbol(table_ptr, \"table\");\n}\n")],
     (PE, "@export_symbol(table_ptr"), ["'table'", "const"]),
    ("16: run-time value divided by a literal 0", fn("  res[0] = total / 0;\n"), "res[0] = total / 0;",
     ["division by zero"]),
    ("19: @set_rectangle in a comptime block of the layout file",
     (LAYOUT, "layout {\n  @set_rectangle(1, 1);\n", "comptime {\n  @set_rectangle(1, 1);\n}\n\nlayout {\n"),
     "  @set_rectangle(1, 1);", ["@set_rectangle", "layout block"]),
    ("13: exported function's result type differs from @export_name's",
     (LAYOUT, "fn(i16) void);", "fn(i16) f32);"), (PE, "  @export_symbol(summarise);"),
     ["'summarise'", "f32"]),
]
if args.filed:
    slips += filed_slips


def edited_copy(edits):
    """A copy of the sources with each (file, old, new) edit applied; returns its folder."""
    work = tempfile.mkdtemp(prefix="spec-slips-")
    for s in sources:
        shutil.copy(os.path.join(here, s), os.path.join(work, s))
    for file, old, new in edits:
        path = os.path.join(work, file)
        text = open(path).read()
        assert text.count(old) >= 1, (file, old)
        open(path, "w").write(text.replace(old, new, 1))
    return work


def line_of(work, file, text):
    content = open(os.path.join(work, file)).read()
    at = content.find(text)
    assert at >= 0, f"{text!r} not in {file}"
    return content.count("\n", 0, at) + 1


def check(name, edits, at_text, words):
    """None when cslc reports the slip as expected, else what went wrong."""
    edits = edits if isinstance(edits, list) else [edits]
    file = edits[0][0]
    if isinstance(at_text, tuple):
        file, at_text = at_text
    work = edited_copy(edits)
    r = subprocess.run(cslc_cmd, cwd=work, capture_output=True, text=True)
    report = r.stdout + r.stderr
    where = f"{file}:{line_of(work, file, at_text)}:"
    shutil.rmtree(work)
    errors = [l for l in report.splitlines() if ": error: " in l]
    if r.returncode != 1 or not errors:
        return f"cslc exit {r.returncode}, no error\n{report}"
    if not re.match(r"(.*/)?" + re.escape(where), errors[0]):
        return f"first error not at {where}\n{report}"
    missing = [w for w in words if w not in report]
    if missing:
        return f"{missing} not in\n{report}"
    return None


failures = []
for name, edits, at_text, words in slips:
    problem = check(name, edits, at_text, words)
    if problem:
        failures.append(f"{name}: {problem}")
for f in failures:
    print("NOT REPORTED AS EXPECTED:", f)
assert not failures, f"{len(failures)} of {len(slips)} slips not reported as expected"
print(f"{len(slips)} slips reported at their lines")
print("SUCCESS!")
