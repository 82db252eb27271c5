#!/usr/bin/env cs_python
"""fifo-event-activations: nine synchronous pushes and pops; after each, the op's result,
the popped words and both task counters against a FIFO model with the page's event rules."""
import argparse
from collections import deque

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT
CAP = 8


class Fifo:
    def __init__(self):
        self.q = deque()
        self.empty_event = False  # a pop found it empty and waits for one element
        self.full_event = False   # a push found it full and waits for room for one
        self.push_runs = self.pop_runs = 0

    def push(self, vals):
        for v in vals:
            if len(self.q) == CAP:
                self.full_event = True
                return False
            self.q.append(v)
            if self.empty_event:  # insufficient -> sufficient data for the pending pop
                self.empty_event = False
                self.push_runs += 1
        return True

    def pop(self, n):
        out = []
        for _ in range(n):
            if not self.q:
                self.empty_event = True
                return False, out
            out.append(self.q.popleft())
            if self.full_event:
                self.full_event = False
                self.pop_runs += 1
        return True, out


rounds = [(0, 4), (1, 4), (1, 1), (0, 1), (0, 8), (1, 1), (1, 2), (1, 6), (0, 3), (1, 3)]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
src_id = runner.get_id("src")
state_id = runner.get_id("state")
runner.load()
runner.run()

model = Fifo()
failures = []
seq = 100
for r, (kind, n) in enumerate(rounds):
    if kind == 0:
        vals = list(range(seq, seq + n))
        seq += n
        buf = np.zeros(16, dtype=np.uint32)
        buf[:n] = vals
        runner.memcpy_h2d(src_id, buf, 0, 0, 1, 1, 16, streaming=False, order=row, data_type=u32,
                          nonblock=False)
        ok = model.push(vals)
        popped = None
    else:
        ok, popped = model.pop(n)
    runner.launch("step", np.uint16(kind), np.uint16(n), nonblock=False)
    st = np.zeros(24, dtype=np.uint32)
    runner.memcpy_d2h(st, state_id, 0, 0, 1, 1, 24, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    what = f"round {r} ({'push' if kind == 0 else 'pop'} {n})"
    if int(st[2]) != int(ok):
        failures.append(f"{what}: result {bool(st[2])}, the page: {ok}")
    if popped is not None:
        got = [int(v) for v in st[8:8 + int(st[3])]]
        if got != popped:
            failures.append(f"{what}: popped {got}, want {popped}")
    if (int(st[0]), int(st[1])) != (model.push_runs, model.pop_runs):
        failures.append(f"{what}: push task ran {st[0]}x, pop task {st[1]}x; the page's rule "
                        f"gives {model.push_runs}x and {model.pop_runs}x")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
