#!/usr/bin/env cs_python
"""mistake-reports: the correct program runs three steps (checked against numpy); then
run.py makes one slip at a time in a copy of the sources and checks that it is reported
where it was made: cslc must fail naming file:line and the problem, a run-time slip must
stop the run with a message naming the PE and the cause (in a child cs_python)."""
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
args = parser.parse_args()

n = 4
f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR

# ---- the correct program ----
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vec = runner.get_id("vec")
runner.load()
runner.run()
start = np.arange(2 * n, dtype=np.float32).reshape(2, n) - 2.5
runner.memcpy_h2d(vec, start.ravel(), 0, 0, 2, 1, n, streaming=False, order=row,
                  data_type=f32, nonblock=False)
want = start.copy()
for k in (1.0, -0.5, 4.0):
    runner.launch("step", np.float32(k), nonblock=False)
    want[1] = (want[1] + (start[0] * np.float32(k)).astype(np.float32)).astype(np.float32)
got = np.zeros(2 * n, dtype=np.float32)
runner.memcpy_d2h(got, vec, 0, 0, 2, 1, n, streaming=False, order=row, data_type=f32,
                  nonblock=False)
runner.stop()
np.testing.assert_array_equal(got.reshape(2, n), want)
print("correct program ok")

# ---- slips ----
here = os.path.dirname(os.path.abspath(__file__))
sources = ["layout.csl", "send.csl", "recv.csl", "one_run.py"]
cslc_base = ["cslc", f"--arch={args.arch}", "layout.csl", "--fabric-dims=9,3",
             "--fabric-offsets=4,1", "-o", "out", "--memcpy", "--channels", "1"]

# (name, file, old text, new text, file and text of the line the report must name,
#  words the report must contain, architectures)
compile_slips = [
    ("redefinition", "recv.csl", "task added() void {", "const added: u16 = 1;\ntask added() void {",
     ("recv.csl", "task added() void {"), ["redefinition of 'added'", "previous definition is here"],
     ("wse2", "wse3")),
    ("export type", "recv.csl", "var vec: [*]f32 = &data;",
     "var idata = @zeros([n]i32);\nvar vec: [*]i32 = &idata;",
     ("recv.csl", '@export_symbol(vec, "vec");'), ["[*]f32", "[*]i32"], ("wse2", "wse3")),
    ("task ID bound twice", "recv.csl", "  @bind_local_task(added, added_id);",
     "  @bind_local_task(added, added_id);\n  @bind_local_task(spare, added_id);",
     ("recv.csl", "@bind_local_task(spare, added_id);"), ["already bound"], ("wse2", "wse3")),
    ("memcpy's task ID", "recv.csl", "@get_local_task_id(12)", "@get_local_task_id(28)",
     ("recv.csl", "@bind_local_task(added, added_id);"), ["28", "memcpy"], ("wse2", "wse3")),
    ("color out of range", "layout.csl", "@get_color(4)", "@get_color(24)",
     ("layout.csl", "@get_color(24)"), ["24"], ("wse2", "wse3")),
    ("color configured twice", "layout.csl", '  @export_name("vec"',
     '  @set_color_config(1, 0, link, .{ .routes = .{ .rx = .{SOUTH}, .tx = .{RAMP} } });\n'
     '  @export_name("vec"',
     ("layout.csl", ".rx = .{SOUTH}"), ["twice"], ("wse2", "wse3")),
    ("PE without code", "layout.csl",
     '  @set_tile_code(1, 0, "recv.csl", .{ .memcpy_params = memcpy.get_params(1), .n = n, .link = link });\n',
     "", ("layout.csl", "layout {"), ["(1, 0)", "code"], ("wse2", "wse3")),
    ("tile outside the rectangle", "layout.csl", '@set_tile_code(1, 0, "recv.csl"',
     '@set_tile_code(2, 0, "recv.csl"', ("layout.csl", '@set_tile_code(2, 0, "recv.csl"'),
     ["(2, 0)", "outside"], ("wse2", "wse3")),
    ("task called", "recv.csl", "  _ = k;\n", "  _ = k;\n  added();\n",
     ("recv.csl", "  added();"), ["added", "@activate"], ("wse2", "wse3")),
    ("local task with a parameter", "recv.csl", "task added() void {",
     "task added(extra: u16) void {\n  _ = extra;", ("recv.csl", "@bind_local_task(added, added_id);"),
     ["parameter"], ("wse2", "wse3")),
    ("index past the end", "recv.csl", "  _ = k;\n", "  _ = k;\n  data[n] = 1.0;\n",
     ("recv.csl", "data[n] = 1.0;"), ["out of bounds"], ("wse2", "wse3")),
    ("export not declared", "layout.csl", '  @export_name("vec", [*]f32, true);\n', "",
     ("send.csl", '@export_symbol(vec, "vec");'), ["vec", "@export_name"], ("wse2", "wse3")),
    ("microthread out of range", "recv.csl", ".activate = added_id }",
     ".activate = added_id, .ut_id = @get_ut_id(8) }", ("recv.csl", "@get_ut_id(8)"), ["8"],
     ("wse3",)),
    ("color blocked on WSE-3", "recv.csl", "  _ = k;\n", "  _ = k;\n  @block(link);\n",
     ("recv.csl", "@block(link);"), ["wse2"], ("wse3",)),
    ("local task ID below WSE-3's range", "recv.csl", "@get_local_task_id(12)",
     "@get_local_task_id(5)", ("recv.csl", "@get_local_task_id(5)"), ["5", "range"], ("wse3",)),
]

run_slips = [
    ("no unblock_cmd_stream", "recv.csl", "  sys_mod.unblock_cmd_stream();\n", "",
     ["PE(5,1)", "unblock_cmd_stream", "step"]),
    # A copy routed off the rectangle is dropped (the PEs outside are not simulated); a
    # receiver that passes its data on instead of taking it waits, and the report says
    # where the data went.
    ("route off the rectangle", "layout.csl", ".rx = .{WEST}, .tx = .{RAMP}",
     ".rx = .{WEST}, .tx = .{EAST}",
     ["PE(5,1)", "wavelet(s) on color 4 left the program rectangle going EAST from PE(5,1)",
      "the PEs outside it are not simulated"]),
    ("receiver not routed", "layout.csl",
     "  @set_color_config(1, 0, link, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });\n", "",
     ["unrouted color 4", "WEST"]),
    ("assert", "recv.csl", "@assert(steps < 100);", "@assert(steps < 1);",
     ["@assert failed", "PE(5,1)", "recv.csl:19"]),
]


def copy_with(file, old, new):
    work = tempfile.mkdtemp(prefix="mistake-")
    for s in sources:
        shutil.copy(os.path.join(here, s), work)
    text = open(os.path.join(work, file)).read()
    assert old in text, (file, old)
    text = text.replace(old, new, 1)
    if "spare" in new:
        text = text.replace("task added() void {", "task spare() void {}\ntask added() void {", 1)
    open(os.path.join(work, file), "w").write(text)
    return work


def line_of(work, file, text):
    for i, line in enumerate(open(os.path.join(work, file)), start=1):
        if text in line:
            return i
    raise AssertionError(f"{text!r} not in {file}")


checked = 0
for name, file, old, new, (at_file, at_text), words, arches in compile_slips:
    if args.arch not in arches:
        continue
    work = copy_with(file, old, new)
    r = subprocess.run(cslc_base + [f"--params=n:{n}"], cwd=work, capture_output=True,
                       text=True)
    report = r.stdout + r.stderr
    where = f"{at_file}:{line_of(work, at_file, at_text)}:"
    assert r.returncode == 1, f"{name}: cslc exit {r.returncode}\n{report}"
    assert re.search(r"(^|/)" + re.escape(where), report, re.M), f"{name}: no {where}\n{report}"
    for w in words:
        assert w in report, f"{name}: {w!r} not in\n{report}"
    # A note is printed once, followed by its source line (cslc printed each one twice).
    lines = report.splitlines()
    assert all(a != b for a, b in zip(lines, lines[1:]) if ": note: " in a), f"{name}:\n{report}"
    shutil.rmtree(work)
    checked += 1

work = copy_with("layout.csl", "param n: u16;", "param n: u16;")
r = subprocess.run(cslc_base, cwd=work, capture_output=True, text=True)
assert r.returncode == 1 and "'n'" in r.stdout + r.stderr, r.stdout + r.stderr
shutil.rmtree(work)
checked += 1
print(f"{checked} compile-time slips reported at their lines")

for name, file, old, new, words in run_slips:
    work = copy_with(file, old, new)
    r = subprocess.run(cslc_base + [f"--params=n:{n}"], cwd=work, capture_output=True,
                       text=True)
    assert r.returncode == 0, f"{name}: cslc failed\n{r.stdout}{r.stderr}"
    r = subprocess.run(["cs_python", "one_run.py", "--name", "out"], cwd=work,
                       capture_output=True, text=True, timeout=120)
    report = r.stdout + r.stderr
    assert r.returncode != 0 and "finished" not in r.stdout, f"{name}: the run went on\n{report}"
    for w in words:
        assert w in report, f"{name}: {w!r} not in\n{report}"
    shutil.rmtree(work)
    print(f"run-time slip reported: {name}")

print("SUCCESS!")
