#!/usr/bin/env cs_python
"""hostile-comptime-bombs: the program runs (one_run.py); then run.py appends one piece of
comptime code at a time to a copy of pe_program.csl (or replaces the layout) that never
finishes or grows without bound: endless and 4e9-step loops, an `inline for` over 4e9,
exponential recursion, recursion without a base case, arrays of 400 MB, integers past 64
bits, strings and arrays doubled 40 times, rectangles past the wafer, a chain of 5000
forward-referencing consts, modules importing each other. cslc, limited to 3 GB of address
space, must refuse each within 30 s (exit 1) naming file:line:col of the appended line; a
signal (std::bad_alloc), a hang or a message without location is a failure. The doubled
strings aborted cslc with std::bad_alloc before 8b4381b (build/h-hostile/NOTES.md 8)."""
import argparse
import os
import re
import resource
import shutil
import subprocess
import tempfile
import time

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", default="wse2", choices=["wse2", "wse3"])
args = parser.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL", what)


r = subprocess.run(["cs_python", os.path.join(here, "one_run.py"), "--name", args.name],
                   capture_output=True, text=True, timeout=300)
check("run ok" in r.stdout, f"the correct program:\n{r.stdout}{r.stderr}")
print("correct program ok")

pe_text = open(os.path.join(here, "pe_program.csl")).read()
layout_text = open(os.path.join(here, "layout.csl")).read()
CSLC = ["cslc", f"--arch={args.arch}", "layout.csl", "--fabric-dims=9,3",
        "--fabric-offsets=4,1", "--params=n:4,bias:0.5", "--memcpy", "--channels=1"]

# (name, code appended to pe_program.csl, the appended line the report must name (a
#  substring), words the report must contain)
BOMBS = [
    ("endless comptime while",
     "const endless = blk: { var i: u32 = 0; while (true) { i += 1; } break :blk i; };\n"
     "var keep_endless: u32 = endless;\n", "while (true)", ["comptime"]),
    ("a 4e9-step comptime loop",
     "fn spin() u32 { var i: u32 = 0; while (i < 4000000000) : (i += 1) {} return i; }\n"
     "var keep_spin: u32 = spin();\n", "fn spin()", ["comptime"]),
    ("inline for over 4e9",
     "fn unrolled() void { inline for (@range(u32, 4000000000)) |i| { v[0] = @as(f32, i); } }\n"
     "comptime { @export_symbol(unrolled); }\n", "fn unrolled()", []),
    ("exponential recursion",
     "fn fib(comptime k: u32) u32 { if (k < 2) return k; return fib(k - 1) + fib(k - 2); }\n"
     "var keep_fib: u32 = fib(60);\n", "fn fib(", []),
    ("recursion without a base case",
     "fn forever(comptime k: u32) u32 { return forever(k + 1); }\n"
     "var keep_forever: u32 = forever(0);\n", "fn forever(", ["forever"]),
    ("a 400 MB comptime array", "const huge = @zeros([100000000]u32);\nvar keep_huge: u32 = huge[5];\n",
     "const huge", ["1048576"]),
    ("a 400 MB run-time array", "var huge_var = @zeros([100000000]u32);\n", "var huge_var",
     ["1048576"]),
    ("a 65535 x 65535 array", "var square: [65535, 65535]u32;\n", "var square", ["1048576"]),
    ("a comptime integer past 64 bits",
     "fn grow() comptime_int { var a: comptime_int = 3; var i: u32 = 0;\n"
     "  while (i < 10) : (i += 1) { a = a * a; } return a; }\n"
     "var keep_grow: u32 = grow() % 7;\n", "while (i < 10)", ["64 bits"]),
    ("a comptime string doubled 40 times",
     "fn doubled() comptime_int { var s: comptime_string = \"x\"; var i: u32 = 0;\n"
     "  while (i < 40) : (i += 1) { s = @strcat(s, s); } return @strlen(s); }\n"
     "var keep_doubled: u32 = doubled() % 7;\n", "@strcat(s, s)", []),
    ("@get_array of a string doubled 30 times",
     "fn bytes() comptime_int { var s: comptime_string = \"x\"; var i: u32 = 0;\n"
     "  while (i < 30) : (i += 1) { s = @strcat(s, s); }\n"
     "  const a = @get_array(s); return @element_count(@type_of(a)); }\n"
     "var keep_bytes: u32 = bytes() % 7;\n", "@strcat(s, s)", []),
    ("a chain of 5000 forward-referencing consts",
     "".join(f"const c{i}: u32 = c{i + 1} + 1;\n" for i in range(5000)) +
     "const c5000: u32 = 0;\nvar keep_chain: u32 = c0;\n", "const c999:", ["1000"]),
    ("modules importing each other",
     'const ring = @import_module("ring_a.csl");\nvar keep_ring: u32 = ring.a;\n',
     "ring_a.csl", []),
]
LAYOUT_BOMBS = [
    ("a 100000 x 100000 rectangle", "@set_rectangle(2, 1);", "@set_rectangle(100000, 100000);",
     "@set_rectangle(100000", ["100000"]),
    ("a 2000 x 2000 rectangle", "@set_rectangle(2, 1);", "@set_rectangle(2000, 2000);",
     "@set_rectangle(2000", ["2000"]),
    ("a rectangle of 0 x 0", "@set_rectangle(2, 1);", "@set_rectangle(0, 0);",
     "@set_rectangle(0", ["0x0"]),
]
RING = {"ring_a.csl": 'const b_mod = @import_module("ring_b.csl");\nconst a: u32 = b_mod.b + 1;\n',
        "ring_b.csl": 'const a_mod = @import_module("ring_a.csl");\nconst b: u32 = a_mod.a + 1;\n'}


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def compile_copy(pe, layout):
    work = tempfile.mkdtemp(prefix="hostile-bombs-")
    open(os.path.join(work, "pe_program.csl"), "w").write(pe)
    open(os.path.join(work, "layout.csl"), "w").write(layout)
    for name, text in RING.items():
        open(os.path.join(work, name), "w").write(text)
    start = time.monotonic()
    try:
        r = subprocess.run(CSLC + ["-o", "out"], cwd=work, capture_output=True, text=True,
                           timeout=30, preexec_fn=limit_memory)
        rc, report = r.returncode, r.stdout + r.stderr
    except subprocess.TimeoutExpired:
        rc, report = None, "no answer within 30 s"
    took = time.monotonic() - start
    written = os.path.exists(os.path.join(work, "out"))
    shutil.rmtree(work)
    return rc, report, took, written


def line_of(text, needle):
    for i, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return i
    raise AssertionError(needle)


def judge(what, rc, report, took, written, file, line, words):
    if rc != 1:
        check(False, f"{what}: cslc rc={rc} after {took:.1f} s\n{report[-500:]}")
        return
    check(re.search(rf"(^|/){re.escape(file)}:{line}:\d+: error: ", report, re.M) is not None,
          f"{what}: no error at {file}:{line}\n{report[-700:]}")
    for w in words:
        check(w in report, f"{what}: {w!r} not in\n{report[-500:]}")
    check(not written, f"{what}: an output directory was written")


for what, code, at, words in BOMBS:
    pe = pe_text + "\n" + code
    rc, report, took, written = compile_copy(pe, layout_text)
    if at.endswith(".csl"):
        file, line = at, None
        check(rc == 1 and at in report and re.search(r"\.csl:\d+:\d+: error: ", report) is not None,
              f"{what}: rc={rc}\n{report[-600:]}")
        continue
    judge(what, rc, report, took, written, "pe_program.csl", line_of(pe, at), words)
    print(f"{what}: refused in {took:.2f} s")
for what, old, new, at, words in LAYOUT_BOMBS:
    assert old in layout_text
    layout = layout_text.replace(old, new, 1)
    rc, report, took, written = compile_copy(pe_text, layout)
    judge(what, rc, report, took, written, "layout.csl", line_of(layout, at), words)
    print(f"{what}: refused in {took:.2f} s")

if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
