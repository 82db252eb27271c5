#!/usr/bin/env cs_python
"""inline-returns: two launches with different data and probes; every answer of the
inline functions (early returns from unrolled and run-time loops, pointer writes, struct
and array results, nested comptime-selected calls, comptime and run-time Collatz counts)
must equal the Python replay."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

N = 8


def collatz(x):
    steps = 0
    while x != 1:
        x = x // 2 if x % 2 == 0 else 3 * x + 1
        steps += 1
    return steps


def model(data, probe):
    d = [int(v) for v in data]
    index = next((i for i, v in enumerate(d) if v == probe), N)
    above = next((v for v in d if v > probe), 0)
    acc, hits = probe, 0
    for v in d:
        if v > 60000 or acc > 60000 - v:
            acc, hits = 60000, hits + 1
        else:
            acc += v
    lo, hi, at_hi = d[0], d[0], 0
    for i, v in enumerate(d):
        lo = min(lo, v)
        if v > hi:
            hi, at_hi = v, i
    left, right = max(at_hi - 1, 0), min(at_hi + 1, N - 1)

    def step(up):
        if index == N:
            return 0xFFFF
        if up:
            return d[index + 1] if index + 1 < N else d[index]
        return d[index - 1] if index > 0 else d[index]

    return [index, above, acc, hits, lo, hi, at_hi, d[left], d[at_hi], d[right], step(True),
            step(False), collatz(27), collatz(97), collatz(probe % 50 + 1), 0]


cases = [(np.array([300, 12, 45000, 7, 45000, 9000, 12, 1], dtype=np.uint16), 7),
         (np.array([5, 60001, 3, 2, 65535, 4, 100, 0], dtype=np.uint16), 11)]
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
data_id = runner.get_id("data")
answers_id = runner.get_id("answers")
runner.load()
runner.run()
row = MemcpyOrder.ROW_MAJOR
for data, probe in cases:
    runner.memcpy_h2d(data_id, data.astype(np.uint32), 0, 0, 1, 1, N, streaming=False, order=row,
                      data_type=MemcpyDataType.MEMCPY_16BIT, nonblock=False)
    runner.launch("run", np.uint16(probe), nonblock=False)
    got = np.zeros(16, dtype=np.uint32)
    runner.memcpy_d2h(got, answers_id, 0, 0, 1, 1, 16, streaming=False, order=row,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    want = model(data, probe)
    assert list(got) == want, f"probe {probe}:\n got {list(got)}\nwant {want}"
runner.stop()
print("SUCCESS!")
