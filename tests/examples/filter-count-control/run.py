#!/usr/bin/env cs_python
"""filter-count-control: two seeded mixed streams of data and control wavelets; each PE's log
against a counter-filter model in which counted control wavelets move the counter."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT


class Counter:
    def __init__(self, count_data, count_control, limit1, max_counter):
        self.c, self.cd, self.cc, self.lim, self.m = 0, count_data, count_control, limit1, max_counter

    def passes(self, control):
        ok = True if control else self.c <= self.m
        if (control and self.cc) or (not control and self.cd):
            self.c = 0 if self.c >= self.lim else self.c + 1
        return ok


models = {1: Counter(True, True, 1, 0), 2: Counter(True, False, 1, 0), 3: Counter(False, True, 2, 0)}
expect = {x: [] for x in models}

rng = np.random.default_rng(11)
scripts = []
seq = 1
for n in (20, 28):
    s = []
    for _ in range(n):
        if rng.random() < 0.35:
            s.append(0xFFFF0000 | seq)
        else:
            s.append(0x7000 + seq)
        seq += 1
    scripts.append(s)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
script_id = runner.get_id("script")
log_id = runner.get_id("log")
runner.load()
runner.run()

failures = []
for r, s in enumerate(scripts):
    buf = np.zeros(48, dtype=np.uint32)
    buf[:len(s)] = s
    runner.memcpy_h2d(script_id, buf, 0, 0, 1, 1, 48, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    runner.launch("play", np.uint16(len(s)), nonblock=False)
    for w in s:
        control = (w >> 16) == 0xFFFF
        for x, m in models.items():
            if m.passes(control):
                expect[x].append(0xC0000 | (w & 0xFFFF) if control else w)
    logs = np.zeros(4 * 49, dtype=np.uint32)
    runner.memcpy_d2h(logs, log_id, 0, 0, 4, 1, 49, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    logs = logs.reshape(4, 49)
    for x in models:
        got = [int(v) for v in logs[x, :min(48, int(logs[x, 48]))]]
        if int(logs[x, 48]) != len(expect[x]) or got != expect[x][:48]:
            failures.append(f"script {r} PE {x}: {[hex(v) for v in got]}, want {[hex(v) for v in expect[x]]}")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
