#!/usr/bin/env cs_python
"""dbg-live-snapshots: while a nonblocking launch runs its loop on six PEs, read_symbol of
`count`, `arr` and the trace index (in that order, so each later read sees at least as much
progress), and dump_core() snapshots read with debug_util(core=): every view must be one the
program order allows (arr is a prefix of written values, the trace holds those values in
order, count trails them by at most one). After the launch, everything is complete."""
import argparse

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

W, H, OX, OY = 3, 2, 4, 1
N0 = 600
SPIN = 300
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL", what)


def values(pe, n):
    return (np.arange(n, dtype=np.int64) * 7 + pe + 1).astype(np.uint16)


def prefix(arr):
    nz = np.flatnonzero(arr == 0)
    return int(nz[0]) if nz.size else len(arr)


def snapshot_ok(pe, count, arr, entries, what):
    p = prefix(arr)
    check(np.array_equal(arr[:p], values(pe, p)) and not arr[p:].any(), f"{what}: arr is no prefix")
    check(p in (count, count + 1), f"{what}: arr prefix {p}, count {count}")
    check(len(entries) in (count, count + 1) and len(entries) <= p,
          f"{what}: {len(entries)} trace entries, count {count}, prefix {p}")
    check(list(entries) == list(values(pe, len(entries))), f"{what}: trace values")
    return p


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
task = runner.launch("fill", np.uint16(N0), np.uint16(SPIN), nonblock=True)
progress = {pe: 0 for pe in range(W * H)}
seen_partial = 0
# Simulated time advances only while the host waits: each is_task_done() poll runs one
# chunk (docs/appliance.md, "Execution model"); the reads and dumps between polls see it stand.
snaps = 0
for step in range(400):
    if runner.is_task_done(task):
        break
    for pe in range(W * H):
        x, y = pe % W, pe // W
        c1 = int(runner.read_symbol(x, y, "count", np.uint16)[0])
        arr = runner.read_symbol(x, y, "arr", np.uint16)
        index = int(runner.read_symbol(x, y, "$$csl_debug.log.buffer_index", np.uint16)[0])
        c2 = int(runner.read_symbol(x, y, "count", np.uint16)[0])
        p = prefix(arr)
        what = f"live step {step} PE ({x},{y})"
        check(c1 <= c2 and progress[pe] <= c1, f"{what}: count went back ({progress[pe]}, {c1}, {c2})")
        check(c1 <= p <= c2 + 1, f"{what}: arr prefix {p} outside [{c1}, {c2 + 1}]")
        check(np.array_equal(arr[:p], values(pe, p)) and not arr[p:].any(), f"{what}: arr is no prefix")
        check(index % 2 == 0 and c1 <= index // 2 <= c2 + 1, f"{what}: trace index {index}")
        progress[pe] = c2
        seen_partial += c2 < N0 + 150 * pe
    if step % 3 == 0 and snaps < 8:
        runner.dump_core(f"snap{snaps}.cs1")
        snaps += 1
print(f"{seen_partial} live reads saw a PE before its end; last counts {progress}")
runner.task_wait(task)
runner.stop()

check(snaps >= 3 and seen_partial >= 20, f"only {snaps} cores, {seen_partial} partial reads")
for step in range(snaps):
    dbg = debug_util(args.name, core=f"snap{step}.cs1")
    for pe in range(W * H):
        x, y = pe % W, pe // W
        count = int(dbg.get_symbol(OX + x, OY + y, "count", np.uint16)[0])
        arr = dbg.get_symbol(OX + x, OY + y, "arr", np.uint16)
        entries = dbg.read_trace(OX + x, OY + y, "log")
        snapshot_ok(pe, count, arr, entries, f"core snap{step}.cs1 PE ({x},{y})")
        stamps = dbg.read_trace(OX + x, OY + y, "times")
        check(len(stamps) == (len(entries) + 63) // 64, f"snap{step} PE ({x},{y}): {len(stamps)} stamps")
        check(stamps == sorted(stamps), f"snap{step} PE ({x},{y}): stamps decrease")

# The snapshots' machine state (docs/coredump.md): a PE still short of its count is inside
# the launched function (current task -2), its innermost frame is fill() at a line of
# fill's body; a finished PE is inside fill (between the loop and its return) or idle.
import os  # noqa: E402
import struct  # noqa: E402

from tessera import program_pb2  # noqa: E402  the program file Tessera's cslc wrote

with open(os.path.join(args.name, "bin", "out_program.pb"), "rb") as f:
    program = program_pb2.FabricProgram.FromString(f.read())
src = open("pe_program.csl").read().splitlines()
first = next(i for i, line in enumerate(src, 1) if line.startswith("fn fill("))
last = next(i for i, line in enumerate(src, 1) if i > first and line == "}")
running_seen = 0
lines_seen = set()
for step in range(snaps):
    data = open(f"snap{step}.cs1", "rb").read()
    table, = struct.unpack_from("<Q", data, 56)
    dbg = debug_util(args.name, core=f"snap{step}.cs1")
    for pe in range(W * H):
        x, y = pe % W, pe // W
        at = table + pe * 224
        _, _, cls_index, current, _, _, function, pc, depth = struct.unpack_from("<IIIiQQiII", data, at)
        count = int(dbg.get_symbol(OX + x, OY + y, "count", np.uint16)[0])
        what = f"snap{step}.cs1 PE ({x},{y}) (count {count})"
        if current == -1:
            check(count == N0 + 150 * pe and depth == 0, f"{what}: idle before its end (depth {depth})")
            continue
        running_seen += 1
        cls = program.classes[cls_index]
        check(current == -2 and depth >= 1 and 0 <= function < len(cls.functions),
              f"{what}: task {current}, depth {depth}, function {function}")
        if current == -2 and 0 <= function < len(cls.functions):
            fn = cls.functions[function]
            line = fn.locs[pc].line if pc < len(fn.locs) else fn.locs[-1].line
            lines_seen.add(line)
            check(fn.name == "fill" and first <= line <= last,
                  f"{what}: innermost frame {fn.name} at line {line}, want fill at {first}..{last}")
check(running_seen >= 6, f"only {running_seen} snapshot PEs were inside the launch")
print(f"{running_seen} snapshot PEs inside fill, at lines {sorted(lines_seen)}")

dbg = debug_util(args.name)
for pe in range(W * H):
    x, y = pe % W, pe // W
    n = N0 + 150 * pe
    count = int(dbg.get_symbol(OX + x, OY + y, "count", np.uint16)[0])
    arr = dbg.get_symbol(OX + x, OY + y, "arr", np.uint16)
    entries = dbg.read_trace(OX + x, OY + y, "log")
    check(count == n and snapshot_ok(pe, count, arr, entries, f"final PE ({x},{y})") == n,
          f"final PE ({x},{y}): count {count}, want {n}")
    check(len(entries) == n, f"final PE ({x},{y}): {len(entries)} entries, want {n}")
if failures:
    raise SystemExit(f"FAIL: {len(failures)} check(s)")
print("SUCCESS!")
