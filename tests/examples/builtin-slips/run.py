#!/usr/bin/env cs_python
"""builtin-slips: the correct program once, then one broken builtin rule at a time in a copy
of its sources; cslc must exit 1 with the first error at the slip's line and the given words."""
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
                    help="also check the slips filed in build/h-builtins/NOTES.md")
args = parser.parse_args()

# ---- the correct program ----
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
out_id = runner.get_id("out")
runner.load()
runner.run()
runner.launch("go", np.uint16(30), nonblock=False)
got = np.zeros(16, dtype=np.uint32)
runner.memcpy_d2h(got, out_id, 0, 0, 1, 1, 16, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()
f = (np.array([1.5, 2.5, -3.0, 8.0], np.float32) * np.float32(0.25)).astype(np.float32)
want = np.zeros(16, dtype=np.uint32)
want[0:4] = f.view(np.uint32)
want[4:8] = (np.array([-3, 7, 100, -1000], np.int16) + np.int16(5)).view(np.uint16)
want[8:12] = (-np.array([1.0, -2.0, 0.5, 4.0], np.float16)).view(np.uint16)
want[12] = f[0:1].view(np.uint32)[0]
want[13] = 30 + 12
want[14] = 0  # the task runs after go() returned
assert np.array_equal(got, want), f"correct program: {got} != {want}"
print("correct program ok")

TOP, BODY = "// TOP\n", "  // BODY\n"
A = ("wse2", "wse3")
# (name, where, text to insert, text of the line the first error must be on, words, arches)
slips = [
    ("@bitcast of another size", BODY, "  out[15] = @bitcast(u16, fval);\n",
     "@bitcast(u16, fval)", ["@bitcast", "32", "16"], A),
    ("@bitcast of an f16 to a pointer", BODY, "  const p = @bitcast(*u32, hval);\n  out[15] = p.*;\n",
     "@bitcast(*u32, hval)", ["pointer"], A),
    ("@bitcast to an array", BODY, "  const two = @bitcast([2]u16, uval);\n  out[15] = two[0];\n",
     "@bitcast([2]u16, uval)", ["[2]u16"], A),
    ("@ptrcast of an integer", BODY, "  const p = @ptrcast(*u16, k);\n  out[15] = p.*;\n",
     "@ptrcast(*u16, k)", ["@ptrcast", "pointer"], A),
    ("@ptrcast to an integer type", BODY, "  out[15] = @ptrcast(u32, &uval);\n",
     "@ptrcast(u32, &uval)", ["@ptrcast", "pointer"], A),
    ("@as of a pointer", BODY, "  out[15] = @as(u32, &uval);\n", "@as(u32, &uval)", ["@as"], A),
    ("@concat_structs with a field twice", TOP,
     "const both = @concat_structs(.{ .x = 1, .y = 2 }, .{ .x = 3 });\n", "const both =",
     ["duplicate", "'x'"], A),
    ("@concat_structs of a number", TOP, "const both = @concat_structs(.{ .x = 1 }, 5);\n",
     "const both =", ["@concat_structs", "struct"], A),
    ("@field with a name the struct lacks", TOP,
     "const cfg = .{ .gain = 2 };\nconst g = @field(cfg, \"gian\");\n", "@field(cfg, \"gian\")",
     ["gian"], A),
    ("@has_field of a number", BODY, "  out[15] = if (@has_field(5, \"x\")) 1 else 0;\n",
     "@has_field(5", ["@has_field", "struct"], A),
    ("@strcat of a number", TOP, "const name = @strcat(\"pe\", 5);\n", "@strcat(\"pe\", 5)",
     ["@strcat", "string"], A),
    ("@get_array of a number", TOP, "const bytes = @get_array(42);\n", "@get_array(42)",
     ["@get_array", "string"], A),
    ("@is_same_type of a value", BODY, "  out[15] = if (@is_same_type(u16, 3)) 1 else 0;\n",
     "@is_same_type(u16, 3)", ["type"], A),
    ("@rank of a scalar type", BODY, "  out[15] = @rank(u16);\n", "@rank(u16)", ["@rank", "array"], A),
    ("@dimensions of a scalar type", BODY, "  const d = @dimensions(f32);\n  out[15] = d[0];\n",
     "@dimensions(f32)", ["@dimensions", "array"], A),
    ("@constants of a scalar type", TOP, "var one = @constants(u16, 3);\n", "@constants(u16, 3)",
     ["@constants", "array"], A),
    ("@constants with a fractional u16", TOP, "var ones = @constants([4]u16, 1.5);\n",
     "@constants([4]u16, 1.5)", ["u16"], A),
    ("@zeros of a value", TOP, "var nothing = @zeros(5);\n", "@zeros(5)", ["type"], A),
    ("@comptime_assert with a message", TOP, "comptime {\n  @comptime_assert(1 > 2, \"width too small\");\n}\n",
     "@comptime_assert(1 > 2", ["width too small"], A),
    ("@comptime_assert on a run-time value", BODY, "  @comptime_assert(k > 2);\n",
     "@comptime_assert(k > 2)", ["comptime"], A),
    ("@assert of a u32", BODY, "  @assert(uval);\n", "@assert(uval)", ["bool", "u32"], A),
    ("@is_arch with an unknown name", BODY, "  if (@is_arch(\"wse4\")) out[15] = 1;\n",
     "@is_arch(\"wse4\")", ["wse4"], A),
    ("@random16 with an argument", BODY, "  out[15] = @random16(7);\n", "@random16(7)",
     ["@random16", "0"], A),
    ("@random16 at comptime", TOP, "const seed = @random16();\n", "const seed = @random16();",
     ["@random16", "run"], A),
    ("@set_active_prng of a u32", BODY, "  @set_active_prng(uval);\n", "@set_active_prng(uval)",
     ["u16", "u32"], A),
    ("@range over f32", BODY, "  for (@range(f32, 0, 3, 1)) |v| { fval += v; }\n",
     "@range(f32, 0, 3, 1)", ["@range", "f32"], A),
    ("@range with step 0", BODY, "  for (@range(u16, 0, 3, 0)) |v| { out[v] = 0; }\n",
     "@range(u16, 0, 3, 0)", ["step", "zero"], A),
    ("@range_start of a number", BODY, "  out[15] = @range_start(5);\n", "@range_start(5)",
     ["@range_start", "range"], A),
    ("@activate of a data task ID", BODY, "  @activate(@get_data_task_id(wire));\n",
     "@activate(@get_data_task_id(wire))", ["@activate", "local_task_id"], ("wse2",)),
    ("@activate of a color", BODY, "  @activate(wire);\n", "@activate(wire)",
     ["@activate", "local_task_id", "color"], A),
    ("local task with a parameter", TOP,
     "task tick(n: u16) void { out[15] = n; }\ncomptime { @bind_local_task(tick, @get_local_task_id(13)); }\n",
     "@bind_local_task(tick", ["local task", "parameter"], A),
    ("a function bound as a task", TOP,
     "fn tick() void { out[15] = 1; }\ncomptime { @bind_local_task(tick, @get_local_task_id(13)); }\n",
     "@bind_local_task(tick", ["tick", "task"], A),
    ("data task with three parameters", TOP,
     "task land(a: u16, b: u16, c: u16) void { out[15] = a + b + c; }\n"
     "comptime { @bind_data_task(land, @get_data_task_id(@get_color(5))); }\n",
     "@bind_data_task(land", ["2 parameters"], ("wse2",)),
    ("data task with 48 bits of parameters", TOP,
     "task land(a: f32, b: u16) void { out[15] = b; fval = a; }\n"
     "comptime { @bind_data_task(land, @get_data_task_id(@get_color(5))); }\n",
     "@bind_data_task(land", ["48 bits", "32"], ("wse2",)),
    ("local task ID 31", TOP, "const t_far: local_task_id = @get_local_task_id(31);\n",
     "@get_local_task_id(31)", ["31", "out of range"], A),
    ("control task ID 64", TOP, "const c_far: control_task_id = @get_control_task_id(64);\n",
     "@get_control_task_id(64)", ["64", "out of range"], A),
    ("color 24", TOP, "const c24: color = @get_color(24);\n", "@get_color(24)", ["24"], A),
    ("input queue 8", TOP, "const q8 = @get_input_queue(8);\n", "@get_input_queue(8)",
     ["8", "out of range"], A),
    ("output queue 6 on WSE-2", TOP, "const q6 = @get_output_queue(6);\n", "@get_output_queue(6)",
     ["6", "out of range"], ("wse2",)),
    ("@set_dsd_length of a mem4d DSD", BODY, "  @fmovs(@set_dsd_length(d_grid, 3), fval);\n",
     "@set_dsd_length(d_grid, 3)", ["@set_dsd_length", "mem4d"], A),
    ("@set_dsd_stride of a fabout DSD", BODY, "  @fmovs(@set_dsd_stride(d_out, 2), d_f);\n",
     "@set_dsd_stride(d_out, 2)", ["@set_dsd_stride", "fabout"], A),
    ("@increment_dsd_offset of a fabout DSD", BODY, "  @fmovs(@increment_dsd_offset(d_out, 1, f32), d_f);\n",
     "@increment_dsd_offset(d_out, 1, f32)", ["@increment_dsd_offset", "fabout"], A),
    ("@set_dsd_base_addr with a number", BODY, "  @fmovs(@set_dsd_base_addr(d_f, 5), fval);\n",
     "@set_dsd_base_addr(d_f, 5)", ["@set_dsd_base_addr", "pointer"], A),
    ("@increment_dsd_offset in u8 elements", BODY, "  @fmovs(@increment_dsd_offset(d_f, 1, u8), fval);\n",
     "@increment_dsd_offset(d_f, 1, u8)", ["u8"], A),
    ("DSD extent 70000", TOP, "const d_long = @get_dsd(mem1d_dsd, .{ .base_address = &f32s, .extent = 70000 });\n",
     ".extent = 70000", ["70000"], A),
    ("a dsr_src1 as a destination", BODY, "  @mov32(r_src1, r_dest);\n", "@mov32(r_src1, r_dest)",
     ["dsr_src1", "destination"], A),
    ("a dsr_dest as a source", BODY, "  @load_to_dsr(r_src0, d_u);\n  @mov32(r_src0, r_dest);\n",
     "@mov32(r_src0, r_dest)", ["dsr_dest", "source"], A),
    ("DSR ID 64", TOP, "const r_far = @get_dsr(dsr_dest, 64);\n", "@get_dsr(dsr_dest, 64)", ["64"], A),
    ("a fabout DSD loaded into a dsr_src1", BODY, "  @load_to_dsr(r_src1, d_out);\n",
     "@load_to_dsr(r_src1, d_out)", ["fabout", "dsr_src1"], A),
    ("misspelt @load_to_dsr setting", BODY, "  @load_to_dsr(r_dest, d_u, .{ .save_adress = true });\n",
     ".save_adress", ["save_adress"], A),
    ("'.async' on memory operands (WSE-2)", BODY, "  @fmovs(d_f, d_f, .{ .async = true });\n",
     ".async = true", ["async"], ("wse2",)),
    ("'.activate' given a color", BODY, "  @fmovs(d_f, d_f, .{ .activate = wire });\n",
     ".activate = wire", ["local_task_id", "color"], A),
    ("@fadds with a u32 scalar", BODY, "  @fadds(d_f, d_f, uval);\n", "@fadds(d_f, d_f, uval)",
     ["f32", "u32"], A),
    ("@fadds over an i16 array", BODY, "  @fadds(d_i, d_i, d_i);\n", "@fadds(d_i, d_i, d_i)",
     ["@fadds", "i16"], A),
    ("@fh2s from an f32 array", BODY, "  @fh2s(d_f, d_f);\n", "@fh2s(d_f, d_f)", ["@fh2s", "f32"], A),
]
filed = [
    ("1: @set_dsd_length past u16", BODY, "  @fmovs(@set_dsd_length(d_f, 70000), fval);\n",
     "@set_dsd_length(d_f, 70000)", ["70000"], A),
    ("1: @set_dsd_stride past i8", BODY, "  @fmovs(@set_dsd_stride(d_f, 200), fval);\n",
     "@set_dsd_stride(d_f, 200)", ["200", "i8"], A),
    ("1: @set_dsd_length of an f32", BODY, "  @fmovs(@set_dsd_length(d_f, fval), fval);\n",
     "@set_dsd_length(d_f, fval)", ["f32"], A),
    ("1: @increment_dsd_offset by a bool", BODY, "  @fmovs(@increment_dsd_offset(d_f, true, f32), fval);\n",
     "@increment_dsd_offset(d_f, true, f32)", ["bool"], A),
    ("2: @fnegs over an i16 array", BODY, "  @fnegs(d_i, d_i);\n", "@fnegs(d_i, d_i)", ["@fnegs", "i16"], A),
    ("2: @mov16 over a u32 array", BODY, "  @mov16(d_u, d_u);\n", "@mov16(d_u, d_u)", ["@mov16", "u32"], A),
    ("3: @fmovs through an *f16", BODY, "  @fmovs(&hval, d_f);\n", "@fmovs(&hval, d_f)", ["f16"], A),
    ("5: @map callback taking a u8", TOP, "fn low_byte(x: u8) u16 {\n  return x;\n}\n",
     "@map(low_byte", ["u8"], A),
    ("5: @map callback taking f32 over an i16 DSD", TOP, "fn as_f(x: f32) f32 {\n  return x;\n}\n",
     "@map(as_f", ["i16", "f32"], A),
    ("6: @get_color of a run-time f32", BODY, "  out[15] = @get_int(@get_color(fval));\n",
     "@get_color(fval)", ["f32"], A),
    ("6: @get_input_queue(true)", TOP, "const q_true = @get_input_queue(true);\n",
     "@get_input_queue(true)", ["bool"], A),
    ("8: @zeros of an enum with no 0 member", TOP,
     "const Tri = enum(u16) { lo = 1, mid = 2, hi = 3 };\nvar tri: Tri = @zeros(Tri);\n",
     "@zeros(Tri)", ["Tri", "0"], A),
    ("9: a DSD over a const array as a destination", TOP,
     "const table = [4]f32{ 1.0, 2.0, 3.0, 4.0 };\n"
     "const d_table = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> table[i] });\n",
     "@fmovs(d_table, fval)", ["table", "const"], A),
    ("10: @faddh over bf16 arrays in an f16 compile", TOP,
     "var brain = [4]bf16{ 1.0, 2.0, 3.0, 4.0 };\n"
     "const d_brain = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> brain[i] });\n",
     "@faddh(d_brain, d_brain, d_brain)", ["bf16"], A),
    ("12: a pointer to an array as a scalar-pointer operand", BODY, "  @fmovs(&f32s, d_f);\n",
     "@fmovs(&f32s, d_f)", ["[4]f32"], A),
]
if args.filed:
    slips += filed

here = os.path.dirname(os.path.abspath(__file__))
cslc_cmd = ["cslc", f"--arch={args.arch}", "layout.csl", "--fabric-dims=8,3",
            "--fabric-offsets=4,1", "-o", "out", "--memcpy", "--channels", "1"]
checked = 0
for name, where, text, at_text, words, arches in slips:
    if args.arch not in arches:
        continue
    work = tempfile.mkdtemp(prefix="builtin-slips-")
    for s in ("layout.csl", "pe.csl"):
        shutil.copy(os.path.join(here, s), work)
    path = os.path.join(work, "pe.csl")
    src = open(path).read()
    assert src.count(where) == 1
    src = src.replace(where, where + text)
    if "fn low_byte" in text:
        src = src.replace(BODY, BODY + "  @map(low_byte, d_i, d_i);\n")
    if "const d_brain" in text:
        src = src.replace(BODY, BODY + "  @faddh(d_brain, d_brain, d_brain);\n")
    if "const d_table" in text:
        src = src.replace(BODY, BODY + "  @fmovs(d_table, fval);\n")
    if "fn as_f" in text:
        src = src.replace(BODY, BODY + "  @map(as_f, d_i, d_f);\n")
    open(path, "w").write(src)
    line = next(i for i, l in enumerate(src.splitlines(), start=1) if at_text in l)
    r = subprocess.run(cslc_cmd, cwd=work, capture_output=True, text=True)
    report = r.stdout + r.stderr
    shutil.rmtree(work)
    assert r.returncode == 1, f"{name}: cslc exit {r.returncode}\n{report}"
    errors = [l for l in report.splitlines() if ": error: " in l]
    assert errors and re.match(r"(.*/)?pe\.csl:%d:" % line, errors[0]), \
        f"{name}: first error not at pe.csl:{line}\n{report}"
    for w in words:
        assert w in errors[0], f"{name}: {w!r} not in {errors[0]!r}"
    checked += 1
print(f"{checked} slips refused at their lines")
print("SUCCESS!")
