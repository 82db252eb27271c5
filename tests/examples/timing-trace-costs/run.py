#!/usr/bin/env cs_python
"""timing-trace-costs: the traced sim.log (suppress_simfab_trace=False, written by stop())
against docs/simulator.md.

Format ("sim.log" section and SDK-NOTES 2.5): every line is a header (`@0 Architecture is:
<arch>`, `@0 dimX=W, dimY=H` with the fabric dims), an instruction line `@c Px.y: [EX OP] ^
0xPC: T<task> <OP> <function>` (a DSD op adds its builtin's name), a landing line, a stall
line, or a simprint line `@c text` (here the program prints its rectangle coordinates with
<simprint>'s fmt_with_coords: `@c PE(x,y): text`; P lines are physical, offset by
--fabric-offsets 4,1).

Timing (cost table): consecutive instructions of one PE are as many cycles apart as the
first one costs: scalar ALU/compare/move/immediate/convert 1, divide/remainder 8,
load/store 1, taken branch 3 (a conditional jump not taken 1), call 4, return 3,
builtin 2, DSD register op 1 (DSD load/store 2), and a memory DSD op setup 15 +
ceil(n / width) + ceil(c / width) (width 2 on WSE-2, 4 on WSE-3 for fadds/fmovs; c = n for
@fadds(v, v, v), whose two reads always share a bank). From a task's return to the first
instruction of the next task, already activated: return 3 + task end 2 + task start 5."""
import argparse
import math
import re
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", choices=("wse2", "wse3"), required=True)
args = parser.parse_args()
REPS, D, OFFX, OFFY, DIMS = 5, 3, 4, 1, (9, 3)
width = 4 if args.arch == "wse3" else 2

runner = SdkRuntime(args.name, cmaddr=args.cmaddr, suppress_simfab_trace=False)
result_id, vec_id = runner.get_id("result"), runner.get_id("vec")
runner.load()
runner.run()
vec0 = (np.arange(16, dtype=np.float32) * np.float32(0.75) - np.float32(3)).astype(np.float32)
runner.memcpy_h2d(vec_id, vec0.view(np.uint32), 0, 0, 2, 1, 8, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.launch("work", np.uint16(D), nonblock=False)
result = np.zeros(6, dtype=np.uint32)
runner.memcpy_d2h(result, result_id, 0, 0, 2, 1, 3, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
vec = np.zeros(16, dtype=np.uint32)
runner.memcpy_d2h(vec, vec_id, 0, 0, 2, 1, 8, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()

bad = []
sums = []
for x in range(2):
    reps = REPS + x
    s, h = 0, 2166136261
    for i in range(reps):
        v = i * 3 + 1
        s += v // D + v % D
        h = ((h ^ v) * 16777619) & 0xFFFFFFFF
    sums.append(s)
    if list(result[3 * x:3 * x + 3]) != [s, h, 2]:
        bad.append(f"PE {x}: result {list(result[3 * x:3 * x + 3])} != {[s, h, 2]}")
if vec.view(np.float32).tobytes() != (vec0 * np.float32(4)).tobytes():
    bad.append(f"vec {vec.view(np.float32)} != {vec0 * 4}")

HEADER = [f"@0 Architecture is: {args.arch}", f"@0 dimX={DIMS[0]}, dimY={DIMS[1]}"]
INS = re.compile(r"@(\d+) P(\d+)\.(\d+): \[EX OP\] \^ 0x([0-9a-f]{4}): T(\w+) ([A-Z0-9_]+)(?: (@\w+))? (\w+)")
LAND = re.compile(r"@(\d+) P(\d+)\.(\d+) \(hwtile\) landing C(\d+) from link [WENSR]")
STALL = re.compile(r"@(\d+) P(\d+)\.(\d+): @\w+ stalled at element \d+/\d+ \(.+\)")
PRINT = re.compile(r"@(\d+) PE\((\d+),(\d+)\): (.*)")

with open("sim.log", encoding="utf-8") as f:
    lines = f.read().splitlines()
if lines[:2] != HEADER:
    bad.append(f"header {lines[:2]} != {HEADER}")
trace = {}
prints = []
for line in lines[2:]:
    m = INS.fullmatch(line)
    if m:
        cyc, px, py, pc, task, op, dsdop, fn = m.groups()
        if (int(px) - OFFX, int(py) - OFFY) not in ((0, 0), (1, 0)):
            bad.append(f"instruction of a PE outside the program: {line}")
            continue
        trace.setdefault(int(px) - OFFX, []).append((int(cyc), int(pc, 16), task, op, dsdop, fn))
        continue
    m = PRINT.fullmatch(line)
    if m:
        prints.append((int(m.group(2)), int(m.group(3)), m.group(4)))
        continue
    if LAND.fullmatch(line) or STALL.fullmatch(line):
        continue
    bad.append(f"line of no documented form: {line!r}")

want_prints = sorted((x, 0, f"done {sums[x]}") for x in range(2))
if sorted(prints) != want_prints:
    bad.append(f"simprint lines {sorted(prints)} != {want_prints}")

SCALAR_COSTS = {"DIV": 8, "REM": 8, "CALL": 4, "RET": 3, "JMP": 3, "BUILTIN": 2,
                "DSDLOAD": 2, "DSDSTORE": 2}
DSD_COSTS = {"@fadds": 15 + 2 * math.ceil(8 / width), "@fmovs": 15 + math.ceil(8 / width)}
seen_ops = set()
for x, ins in sorted(trace.items()):
    ins.sort(key=lambda t: t[0])
    calls = sum(1 for t in ins if t[3] == "CALL" and t[5] == "work")
    if calls != REPS + x:
        bad.append(f"PE {x}: {calls} calls of mix traced, the loop runs {REPS + x} times")
    tasks = [t[2] for i, t in enumerate(ins) if i == 0 or ins[i - 1][2] != t[2]]
    if tasks != ["launch", "10", "11"]:
        bad.append(f"PE {x}: tasks in the trace {tasks} != ['launch', '10', '11']")
    for a, b in zip(ins, ins[1:]):
        cyc, pc, task, op, dsdop, fn = a
        seen_ops.add(dsdop or op)
        if b[2] != task:
            want, why = 3 + 2 + 5, "return 3 + task end 2 + task start 5"
        elif op == "DSDEXEC":
            want, why = DSD_COSTS[dsdop], f"{dsdop} of 8 f32, width {width}"
        elif op in ("JZ", "JNZ"):
            taken = b[5] == fn and b[1] != pc + 1
            want, why = (3, "taken branch") if taken else (1, "branch not taken")
        else:
            want, why = SCALAR_COSTS.get(op, 1), op
        if b[0] - cyc != want:
            bad.append(f"PE {x}: {op}{' ' + dsdop if dsdop else ''} at @{cyc} (T{task} {fn} pc {pc}) "
                       f"took {b[0] - cyc} cycles; the table gives {want} ({why})")
print(f"{args.arch}: {sum(len(v) for v in trace.values())} instructions traced, "
      f"kinds: {' '.join(sorted(seen_ops))}")
for line in bad[:40]:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
