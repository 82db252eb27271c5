#!/usr/bin/env cs_python
"""filter-control-gate: two rounds of control wavelets (12 then 7; the counters carry over)
and each taker's log against the Builtins page's filter rules for control wavelets."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT


class ControlGate:
    """Counter filter with filter_control: a control wavelet passes only when the counter
    it finds equals max_counter; the counter counts control wavelets only when
    count_control is set, up to limit1 inclusive, then resets."""

    def __init__(self, limit1, max_counter, init=0, counts=True):
        self.c, self.lim, self.m, self.counts = init, limit1, max_counter, counts

    def passes(self):
        ok = self.c == self.m
        if self.counts:
            self.c = 0 if self.c >= self.lim else self.c + 1
        return ok


class Everything:
    def passes(self):
        return True


models = {1: ControlGate(3, 2), 2: Everything(), 3: ControlGate(2, 0, 1), 4: ControlGate(3, 1, 0, False)}
expect = {x: [] for x in models}

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
log_id = runner.get_id("log")
runner.load()
runner.run()

failures = []
first = 0x40
for rnd, n in enumerate([12, 7]):
    runner.launch("send", np.uint16(first), np.uint16(n), nonblock=False)
    for x, m in models.items():
        for k in range(n):
            if m.passes():
                expect[x].append(0x10000 | (first + k))
    first += n
    logs = np.zeros(5 * 65, dtype=np.uint32)
    runner.memcpy_d2h(logs, log_id, 0, 0, 5, 1, 65, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    logs = logs.reshape(5, 65)
    for x in models:
        got = [int(v) for v in logs[x, :min(64, int(logs[x, 64]))]]
        if int(logs[x, 64]) != len(expect[x]) or got != expect[x]:
            failures.append(f"round {rnd} PE {x}: kept {[hex(v) for v in got]}, "
                            f"the page's rules keep {[hex(v) for v in expect[x]]}")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
