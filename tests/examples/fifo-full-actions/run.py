#!/usr/bin/env cs_python
"""fifo-full-actions: two plays of `rounds` push/pop rounds with random lengths (pushes
that overflow, pops that find too few values), checked against a model of the DSD page's
FIFO actions: test_or_suspend ends a synchronous op at a full (empty) FIFO and returns
false; terminate ends it and returns true; values come out in the order they went in.
Then a copy with `.full_action = .{ .fault = true }` must stop with a fault report, and a
copy with `.empty_action = .{ .suspend = true }` whose pop waits for ever must end with a
hang report naming the pop and the FIFO."""
import argparse
import json
import os
import shutil
import subprocess
import tempfile
from collections import deque

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
cap, max_len, rounds = (int(params[k]) for k in ("cap", "max_len", "rounds"))

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("plan", "src", "out_t", "out_x", "oks")}
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
u16 = MemcpyDataType.MEMCPY_16BIT
row = MemcpyOrder.ROW_MAJOR


def put(name, values, dtype):
    runner.memcpy_h2d(ids[name], values, 0, 0, 1, 1, len(values), streaming=False, order=row,
                      data_type=dtype, nonblock=False)


def get(name, count, dtype):
    out = np.zeros(count, dtype=np.uint32)
    runner.memcpy_d2h(out, ids[name], 0, 0, 1, 1, count, streaming=False, order=row,
                      data_type=dtype, nonblock=False)
    return out


rng = np.random.default_rng(12)
ring_t, ring_x = deque(), deque()
for play in (1, 2):
    plan = rng.integers(1, max_len + 1, size=2 * rounds).astype(np.uint32)
    src = rng.integers(0, 0xFFFFFFFF, size=rounds * max_len, dtype=np.uint32)
    put("plan", plan, u16)
    put("src", src, u32)
    sentinel = np.full(rounds * max_len, 0xFFFFFFFF, dtype=np.uint32)
    put("out_t", sentinel, u32)
    put("out_x", sentinel, u32)
    runner.launch("play", nonblock=False)
    want_t, want_x = sentinel.copy(), sentinel.copy()
    want_oks = np.zeros(4 * rounds, dtype=np.uint32)
    underflows = 0
    for r in range(rounds):
        pushes, pops = int(plan[2 * r]), int(plan[2 * r + 1])
        values = src[r * max_len: r * max_len + pushes]
        for ring, slot in ((ring_t, 0), (ring_x, 1)):
            room = cap - len(ring)
            ring.extend(int(v) for v in values[:room])
            want_oks[4 * r + slot] = 1 if slot == 1 or pushes <= room else 0
        for ring, want, slot in ((ring_t, want_t, 2), (ring_x, want_x, 3)):
            have = len(ring)
            for i in range(min(pops, have)):
                want[r * max_len + i] = ring.popleft()
            if slot == 2:
                want_oks[4 * r + 2] = 1 if pops <= have else 0
                underflows += pops > have
            else:
                want_oks[4 * r + 3] = 1
    np.testing.assert_array_equal(get("oks", 4 * rounds, u16), want_oks,
                                  err_msg=f"play {play}: bool results")
    np.testing.assert_array_equal(get("out_t", rounds * max_len, u32), want_t,
                                  err_msg=f"play {play}: test_or_suspend FIFO")
    np.testing.assert_array_equal(get("out_x", rounds * max_len, u32), want_x,
                                  err_msg=f"play {play}: terminate FIFO")
    false_pushes = int(np.sum(want_oks[0::4] == 0))
    assert false_pushes > 0 and underflows > 0, "the plan never filled or emptied a FIFO"
    print(f"play {play}: {false_pushes} pushes and {underflows} pops ended early")
runner.stop()

# The same FIFO with .full_action = .fault: the first overflowing push must stop the run.
here = os.path.dirname(os.path.abspath(__file__))
work = tempfile.mkdtemp(prefix="fifo-fault-")
for s in ("layout.csl", "fifos.csl"):
    shutil.copy(os.path.join(here, s), work)
text = open(os.path.join(work, "fifos.csl"), encoding="utf-8").read()
old = ".full_action = .{ .terminate = true }"
assert old in text
text = text.replace(old, ".full_action = .{ .fault = true }")
open(os.path.join(work, "fifos.csl"), "w", encoding="utf-8").write(text)
line = next(i for i, l in enumerate(text.splitlines(), 1) if "@mov32(fifo_x, from)" in l)
child = f"""
import numpy as np
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
r = SdkRuntime("out")
plan = r.get_id("plan")
r.load()
r.run()
p = np.array([{cap - 1}, 1] + [3, 0] * {rounds - 1}, dtype=np.uint32)
p[3] = 1
r.memcpy_h2d(plan, p, 0, 0, 1, 1, len(p), streaming=False, order=MemcpyOrder.ROW_MAJOR,
             data_type=MemcpyDataType.MEMCPY_16BIT, nonblock=False)
r.launch("play", nonblock=False)
r.stop()
print("finished")
"""
open(os.path.join(work, "child.py"), "w", encoding="utf-8").write(child)
cslc = ["cslc", "--arch=wse3", "./layout.csl", "--fabric-dims=8,3", "--fabric-offsets=4,1",
        f"--params=cap:{cap},max_len:{max_len},rounds:{rounds}", "-o", "out", "--memcpy",
        "--channels", "1"]
r = subprocess.run(cslc, cwd=work, capture_output=True, text=True)
assert r.returncode == 0, r.stdout + r.stderr
r = subprocess.run(["cs_python", "child.py"], cwd=work, capture_output=True, text=True,
                   timeout=120)
report = r.stdout + r.stderr
assert r.returncode != 0 and "finished" not in r.stdout, f"the overflowing push went on:\n{report}"
for word in ("PE(4,1)", f"fifos.csl:{line}", "fault", "FIFO"):
    assert word in report, f"{word!r} not in the fault report:\n{report}"
shutil.rmtree(work)
print("a push into a full .fault FIFO stops the run naming the op")

# The same FIFO with .empty_action = .suspend: a pop that finds it empty waits for ever
# (nothing else pushes), so the launch must end with a hang report naming the pop and FIFO.
work = tempfile.mkdtemp(prefix="fifo-suspend-")
for s in ("layout.csl", "fifos.csl"):
    shutil.copy(os.path.join(here, s), work)
text = open(os.path.join(work, "fifos.csl"), encoding="utf-8").read()
old = ".empty_action = .{ .terminate = true }"
assert old in text
text = text.replace(old, ".empty_action = .{ .suspend = true }")
open(os.path.join(work, "fifos.csl"), "w", encoding="utf-8").write(text)
line = next(i for i, l in enumerate(text.splitlines(), 1) if "@mov32(to_x, fifo_x)" in l)
# Round 0 pushes 1 value and pops 2 from each FIFO.
open(os.path.join(work, "child.py"), "w", encoding="utf-8").write(
    child.replace(f"[{cap - 1}, 1]", "[1, 2]"))
r = subprocess.run(cslc, cwd=work, capture_output=True, text=True)
assert r.returncode == 0, r.stdout + r.stderr
try:
    r = subprocess.run(["cs_python", "child.py"], cwd=work, capture_output=True, text=True,
                       timeout=120)
except subprocess.TimeoutExpired:
    raise AssertionError("a pop from an empty .suspend FIFO hung the run without a report")
report = r.stdout + r.stderr
assert r.returncode != 0 and "finished" not in r.stdout, f"the suspended pop went on:\n{report}"
for word in ("PE(4,1)", f"fifos.csl:{line}", "FIFO 1"):
    assert word in report, f"{word!r} not in the hang report:\n{report}"
shutil.rmtree(work)
print("a pop from an empty .suspend FIFO ends the run with a report naming the pop")
print("SUCCESS!")
