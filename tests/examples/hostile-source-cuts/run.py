#!/usr/bin/env cs_python
"""hostile-source-cuts: the correct program runs three steps (checked against a numpy model);
then cslc gets damaged copies of its sources, the way an editor crash, a bad merge or a
careless script leaves them:
  - each of the three files cut at every byte offset,
  - each token deleted, and each token doubled, one at a time,
  - binary garbage, NUL bytes, invalid UTF-8, empty and comment-only files,
  - a directory, a missing file, an import cycle, a layout without @set_rectangle or
    without a layout block, paths with spaces and non-ASCII letters, -o into a file.
cslc must never crash or hang (10 s): it exits 0 or 1, and when it refuses a source its
first error names file:line:col inside the damaged file set (or names the path it could
not read); an empty output directory name or a file as -o is an argument error."""
import argparse
import os
import random
import re
import shutil
import subprocess
import tempfile
import time

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", default="wse2", choices=["wse2", "wse3"])
args = parser.parse_args()

N = 7
here = os.path.dirname(os.path.abspath(__file__))
SOURCES = ["layout.csl", "pe_program.csl", "lib/shape.csl"]
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL", what)


# ---- the correct program ----
def model_step(vec, k, mode, x):
    bias = 3 * x + 1
    for i in range(N):
        if i % 3 == 2:
            continue
        v = int(vec[i])
        v = v if mode == 0 else (2 * v if mode == 1 else -v)
        vec[i] = np.int32(v + bias)
    first = 1 if vec[0] == 1 else (2 if vec[0] == 2 else 0)
    vec[N - 1] = np.int32(int(vec[N - 1]) + first)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vec_id = runner.get_id("vec")
runner.load()
runner.run()
start = np.array([[1, -5, 9, 0, 3, -2, 7], [-4, 2, 6, 8, -1, 5, 0]], dtype=np.int32)
runner.memcpy_h2d(vec_id, start.ravel(), 0, 0, 2, 1, N, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)
want = start.copy()
for k, mode in ((3, 0), (-2, 1), (5, 2)):
    runner.launch("step", np.int32(k), np.uint16(mode), nonblock=False)
    for x in range(2):
        model_step(want[x], k, mode, x)
got = np.zeros(2 * N, np.int32)
runner.memcpy_d2h(got, vec_id, 0, 0, 2, 1, N, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()
check(np.array_equal(got.reshape(2, N), want), f"device {got.reshape(2, N)} != model {want}")
print("correct program ok")

# ---- damaged copies ----
CSLC = ["cslc", f"--arch={args.arch}", "--fabric-dims=9,3", "--fabric-offsets=4,1",
        f"--params=n:{N}", "--memcpy", "--channels=1"]
originals = {s: open(os.path.join(here, s), "rb").read() for s in SOURCES}
work = tempfile.mkdtemp(prefix="hostile-cuts-")
os.makedirs(os.path.join(work, "lib"))
LOC = re.compile(r"^(?P<file>[^\n:]+\.csl):(?P<line>\d+):(?P<col>\d+): error: ", re.M)
counts = {"runs": 0, "refused": 0, "accepted": 0}
slowest = 0.0


def compile_in(directory, extra=(), layout="layout.csl"):
    global slowest
    start = time.monotonic()
    try:
        r = subprocess.run(CSLC + [layout, "-o", os.path.join(directory, "o")] + list(extra),
                           cwd=directory, capture_output=True, text=True, errors="replace",
                           timeout=10)
    except subprocess.TimeoutExpired:
        return None, "timed out after 10 s"
    slowest = max(slowest, time.monotonic() - start)
    return r.returncode, r.stdout + r.stderr


def judge(what, damaged):
    """Compiles the damaged file set; a refusal must name a location in one of its files."""
    rc, report = compile_in(work)
    counts["runs"] += 1
    if rc is None or rc < 0 or rc not in (0, 1):
        check(False, f"{what}: cslc rc={rc}\n{report[-600:]}")
        return
    if rc == 0:
        counts["accepted"] += 1
        return
    counts["refused"] += 1
    m = LOC.search(report)
    if not m and re.search(r"^error: --params: the layout has no param named 'n'$", report, re.M):
        return  # the cut removed the param --params names: the argument is named instead
    if not m:
        check(False, f"{what}: refusal without file:line:col\n{report[-600:]}")
        return
    first = LOC.search(report)
    fname = os.path.normpath(first.group("file"))
    check(fname in SOURCES, f"{what}: first error names {fname!r}\n{report[-400:]}")
    if fname in SOURCES:
        lines = (damaged.get(fname, originals[fname])).count(b"\n") + 1
        check(1 <= int(first.group("line")) <= lines,
              f"{what}: line {first.group('line')} outside {fname} ({lines} lines)")


def write_set(damaged):
    for s in SOURCES:
        with open(os.path.join(work, s), "wb") as f:
            f.write(damaged.get(s, originals[s]))


# Every byte offset of every file.
for s in SOURCES:
    src = originals[s]
    for cut in range(len(src)):
        damaged = {s: src[:cut]}
        write_set(damaged)
        judge(f"{s} cut at byte {cut}", damaged)
print(f"cuts: {counts}")

# Every token deleted, and every token doubled.
TOKEN = re.compile(rb"//[^\n]*|\"[^\"\n]*\"|@?[A-Za-z_][A-Za-z0-9_]*|\d[\w.]*|\S")
for s in SOURCES:
    src = originals[s]
    toks = [m for m in TOKEN.finditer(src) if not m.group().startswith(b"//")]
    for t in toks:
        for kind, repl in (("deleted", b""), ("doubled", t.group() + b" " + t.group())):
            damaged = {s: src[:t.start()] + repl + src[t.end():]}
            write_set(damaged)
            judge(f"{s} token {t.group()!r} at {t.start()} {kind}", damaged)
print(f"cuts and token edits: {counts}")

# Garbage of several kinds in each file.
rng = random.Random(20261126)
printable = bytes(range(32, 127)) + b"\n\t"
garbage = {
    "random bytes": bytes(rng.randrange(1, 256) for _ in range(3000)),
    "NUL bytes": b"\0" * 64,
    "a NUL inside": b"var x: i16 = 1;\0\n",
    "printable noise": bytes(rng.choice(printable) for _ in range(3000)),
    "invalid UTF-8 in code": b"var x\xff\xfe: i16 = 1;\n",
    "a lone continuation byte": b"\x80\n",
    "empty": b"",
    "only comments": b"// nothing but a comment\n// and another, with no line end",
    "only whitespace": b"   \n\t\n\r\n  ",
    "ten thousand open parens": b"const x = " + b"(" * 10000 + b"\n",
    "ten thousand open braces": b"fn f() void " + b"{" * 10000 + b"\n",
    "unterminated string": b"const s = \"never closed\n",
    "unterminated char": b"const c = '\n",
    "a lone backslash": b"\\\n",
    "a 100,000-character line": b"const x = 1" + b" + 1" * 25000 + b"\n",
}
for s in SOURCES:
    for what, text in garbage.items():
        damaged = {s: text}
        write_set(damaged)
        judge(f"{s}: {what}", damaged)
    for what, text in (("random bytes appended", garbage["random bytes"]),
                       ("noise appended", garbage["printable noise"])):
        damaged = {s: originals[s] + text}
        write_set(damaged)
        judge(f"{s}: {what}", damaged)
print(f"with garbage: {counts}; slowest cslc {slowest:.2f} s")
check(slowest < 10, f"slowest cslc took {slowest:.1f} s")


# ---- files, directories and paths ----
def fresh(edits=None, files=None):
    d = tempfile.mkdtemp(prefix="hostile-files-", dir=work)
    os.makedirs(os.path.join(d, "lib"))
    for s in SOURCES:
        text = originals[s].decode()
        for (fname, old, new) in (edits or []):
            if fname == s:
                assert old in text, (s, old)
                text = text.replace(old, new, 1)
        with open(os.path.join(d, s), "w", encoding="utf-8") as f:
            f.write(text)
    for name, text in (files or {}).items():
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)
    return d


def refused(what, d, words, where=None, extra=(), layout="layout.csl", rc_want=1):
    rc, report = compile_in(d, extra, layout)
    counts["runs"] += 1
    if rc != rc_want:
        check(False, f"{what}: cslc rc={rc} (want {rc_want})\n{report[-600:]}")
        return
    for w in words:
        check(w in report, f"{what}: {w!r} not in\n{report[-600:]}")
    if where:
        check(re.search(r"(^|/)" + re.escape(where), report, re.M) is not None,
              f"{what}: no {where}\n{report[-600:]}")
    check(not os.path.exists(os.path.join(d, "o")), f"{what}: an output directory was written")


TILE = '@set_tile_code(x, 0, "pe_program.csl"'
refused("tile code is a directory", fresh([("layout.csl", TILE, '@set_tile_code(x, 0, "lib"')]),
        ["'lib'", "directory"], "layout.csl:10:")
refused("tile code missing", fresh([("layout.csl", TILE, '@set_tile_code(x, 0, "pe_progam.csl"')]),
        ["pe_progam.csl", "not found"], "layout.csl:10:")
refused("tile code path empty", fresh([("layout.csl", TILE, '@set_tile_code(x, 0, ""')]),
        ["''"], "layout.csl:10:")
refused("import missing", fresh([("pe_program.csl", '"lib/shape.csl"', '"lib/shapes.csl"')]),
        ["lib/shapes.csl", "not found"], "pe_program.csl:7:")
refused("import of a directory", fresh([("pe_program.csl", '"lib/shape.csl"', '"lib"')]),
        ["'lib'", "directory"], "pe_program.csl:7:")
refused("import cycle through two modules",
        fresh([("pe_program.csl", 'const shape = @import_module("lib/shape.csl", .{ .scale = 2 });',
                'const shape = @import_module("lib/shape.csl", .{ .scale = 2 });\n'
                'const ring = @import_module("lib/ring_a.csl");\nconst ring_v = ring.a;')],
              {"lib/ring_a.csl": 'const b_mod = @import_module("ring_b.csl");\nconst a: i32 = b_mod.b + 1;\n',
               "lib/ring_b.csl": 'const a_mod = @import_module("ring_a.csl");\nconst b: i32 = a_mod.a + 1;\n'}),
        ["ring_a.csl"], "lib/ring")
refused("a module importing itself",
        fresh([("lib/shape.csl", "param scale: i32;",
                'param scale: i32;\nconst again = @import_module("shape.csl", .{ .scale = scale });\n'),
               ("lib/shape.csl", "return scale * @as(i32, x) + 1;",
                "return scale * @as(i32, x) + 1 + again.bias_of(x) - again.bias_of(x);")]),
        ["shape.csl"], "lib/shape.csl:")
refused("no @set_rectangle", fresh([("layout.csl", "  @set_rectangle(2, 1);\n", "")]),
        ["@set_rectangle"], "layout.csl:")
refused("no layout block", fresh([("layout.csl", "layout {", "fn not_a_layout() void {")]),
        ["layout"], "layout.csl:")
refused("two layout blocks", fresh([("layout.csl", "layout {", "layout {\n  @set_rectangle(2, 1);\n}\nlayout {")]),
        ["layout"], "layout.csl:")
refused("the layout is a directory", fresh(), ["'lib'", "directory"], layout="lib")
refused("the layout is missing", fresh(), ["'nothing.csl'"], layout="nothing.csl")
d = fresh()
open(os.path.join(d, "a file"), "w").write("not a directory\n")
refused("-o names a file", d, ["a file"], extra=["-o", "a file"])
refused("-o is empty", fresh(), ["-o"], extra=["-o", ""], rc_want=2)

# Spaces and non-ASCII letters in every path: must compile, and run.
d = fresh()
odd = os.path.join(d, "dir with spaces ü 日本")
os.makedirs(os.path.join(odd, "lib ø"))
for s in SOURCES:
    text = originals[s].decode().replace('"lib/shape.csl"', '"lib ø/shape é.csl"')
    text = text.replace('"pe_program.csl"', '"pe program ✓.csl"')
    target = {"layout.csl": "layout main.csl", "pe_program.csl": "pe program ✓.csl",
              "lib/shape.csl": "lib ø/shape é.csl"}[s]
    with open(os.path.join(odd, target), "w", encoding="utf-8") as f:
        f.write(text)
r = subprocess.run(CSLC + ["layout main.csl", "-o", "out ü ✓"], cwd=odd, capture_output=True,
                   text=True, timeout=60)
check(r.returncode == 0 and os.path.exists(os.path.join(odd, "out ü ✓", "out.json")),
      f"odd paths: rc={r.returncode}\n{r.stdout + r.stderr}")
# A refusal in such a file names it exactly.
with open(os.path.join(odd, "pe program ✓.csl"), "a", encoding="utf-8") as f:
    f.write("const broken: i32 = undeclared_name;\n")
r = subprocess.run(CSLC + ["layout main.csl", "-o", "out2"], cwd=odd, capture_output=True,
                   text=True, timeout=60)
check(r.returncode == 1 and "pe program ✓.csl:" in r.stdout + r.stderr
      and "undeclared_name" in r.stdout + r.stderr, f"odd path error:\n{r.stdout + r.stderr}")
if r.returncode == 1:
    odd_run = subprocess.run(["cs_python", os.path.join(here, "odd_path_run.py"), "--name",
                              os.path.join(odd, "out ü ✓")], capture_output=True, text=True,
                             timeout=300)
    check("odd path run ok" in odd_run.stdout, f"odd path run:\n{odd_run.stdout}{odd_run.stderr}")

shutil.rmtree(work)
print(f"all: {counts}")
if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
