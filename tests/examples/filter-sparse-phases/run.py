#!/usr/bin/env cs_python
"""filter-sparse-phases: two rounds (24 then 8 wavelets, the filter state carries over) and
each taker's log against a replay of the Builtins page's filter rules."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT


class Sparse:
    """The page: counts up to limit1 (inclusive) then resets; the first time, limit2 is
    copied to limit1; when the counter reaches limit1 a second time the filter is disabled.
    A wavelet is rejected while the counter is greater than max_counter."""

    def __init__(self, limit1, limit2, max_counter, init=0):
        self.c, self.lim, self.second, self.m, self.on = init, limit1, limit2, max_counter, True
        self.phase = 1

    def passes(self):
        ok = (not self.on) or self.c <= self.m
        if self.on:
            if self.c >= self.lim:
                if self.phase == 1:
                    self.lim, self.c, self.phase = self.second, 0, 2
                else:
                    self.on = False
            else:
                self.c += 1
        return ok


class Counter:
    def __init__(self, limit1, max_counter, init=0):
        self.c, self.lim, self.m = init, limit1, max_counter

    def passes(self):
        ok = self.c <= self.m
        self.c = 0 if self.c >= self.lim else self.c + 1
        return ok


models = {1: Sparse(3, 5, 1), 2: Sparse(4, 0, 0), 3: Sparse(0, 0, 0), 4: Sparse(2, 2, 0, 1),
          5: Counter(3, 1, 2)}
expect = {x: [] for x in models}

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
words_id = runner.get_id("words")
log_id = runner.get_id("log")
runner.load()
runner.run()

failures = []
seq = 0
for rnd, n in enumerate([24, 8]):
    words = np.array([(0xA000 + seq + k) | ((rnd + 1) << 24) for k in range(n)], dtype=np.uint32)
    seq += n
    buf = np.zeros(64, dtype=np.uint32)
    buf[:n] = words
    runner.memcpy_h2d(words_id, buf, 0, 0, 1, 1, 64, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    runner.launch("send", np.uint16(n), nonblock=False)
    for x, m in models.items():
        for w in words:
            if m.passes():
                expect[x].append(int(w))
    logs = np.zeros(6 * 65, dtype=np.uint32)
    runner.memcpy_d2h(logs, log_id, 0, 0, 6, 1, 65, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    logs = logs.reshape(6, 65)
    for x in models:
        got = [int(v) for v in logs[x, :min(64, int(logs[x, 64]))]]
        if int(logs[x, 64]) != len(expect[x]) or got != expect[x]:
            failures.append(f"round {rnd} PE {x}: kept {[hex(v & 0xFFFF) for v in got]}, "
                            f"the page's rules keep {[hex(v & 0xFFFF) for v in expect[x]]}")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
