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
    A wavelet is rejected while the counter is greater than max_counter. `early`: the page
    leaves open whether "reaches limit1" is the wavelet that finds the counter at limit1 (it
    is still filtered, then the counter resets: early=False, the counter filter's own edge)
    or the increment that brings it there (the phase changes at once: early=True); both are
    accepted, as long as one of them explains every PE."""

    def __init__(self, limit1, limit2, max_counter, init=0, early=False):
        self.c, self.lim, self.second, self.m, self.on = init, limit1, limit2, max_counter, True
        self.phase, self.early = 1, early
        if early:
            self._reached()

    def _reached(self):
        while self.on and self.c >= self.lim:
            if self.phase == 1:
                self.lim, self.c, self.phase = self.second, 0, 2
            else:
                self.on = False

    def passes(self):
        ok = (not self.on) or self.c <= self.m
        if self.on:
            if self.early:
                self.c += 1
                self._reached()
            elif self.c >= self.lim:
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


def make_models(early):
    return {1: Sparse(3, 5, 1, early=early), 2: Sparse(4, 0, 0, early=early),
            3: Sparse(0, 0, 0, early=early), 4: Sparse(2, 2, 0, 1, early=early),
            5: Counter(3, 1, 2)}


variants = {early: make_models(early) for early in (False, True)}
expect = {early: {x: [] for x in variants[early]} for early in variants}

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
    for early, models in variants.items():
        for x, m in models.items():
            for w in words:
                if m.passes():
                    expect[early][x].append(int(w))
    logs = np.zeros(6 * 65, dtype=np.uint32)
    runner.memcpy_d2h(logs, log_id, 0, 0, 6, 1, 65, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    logs = logs.reshape(6, 65)
    got = {x: [int(v) for v in logs[x, :min(64, int(logs[x, 64]))]] for x in range(1, 6)}
    count = {x: int(logs[x, 64]) for x in range(1, 6)}
    fits = [e for e in variants
            if all(count[x] == len(expect[e][x]) and got[x] == expect[e][x] for x in range(1, 6))]
    if not fits:
        for x in range(1, 6):
            if got[x] != expect[False][x] and got[x] != expect[True][x]:
                failures.append(f"round {rnd} PE {x}: kept {[hex(v & 0xFFFF) for v in got[x]]}, the page's "
                                f"rules keep {[hex(v & 0xFFFF) for v in expect[False][x]]} (or, with the "
                                f"other edge, {[hex(v & 0xFFFF) for v in expect[True][x]]})")
        if not failures:
            failures.append(f"round {rnd}: no single edge convention explains every PE")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
