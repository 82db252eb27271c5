#!/usr/bin/env cs_python
"""loop-control-edges: a Python replay of each loop, written with explicit continue
expressions, for several (lo, hi, key) launches on both PEs (bias 1 and 4)."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

BIAS = [1, 4]
M = 0xFFFFFFFF


def model(lo, hi, key, bias):
    out = []
    a, b, steps, ticks = lo, hi, 0, 0
    while a < b:
        steps += 1
        if a % bias == 0:
            pass                      # continue: the continue expression still runs
        elif steps > key:
            break                     # break: it does not
        a, b, ticks = a + 3, (b - 2) & M, ticks + 1
    out += [a, (b * 1000 + steps) & M, ticks]
    i, seen = 0, 0
    while i < hi:
        m = i % 5
        if m == 0:
            i += 1
            continue
        if m == 3 and i > key:
            break
        seen += i * bias
        i += 1
    out.append((i * 100000 + seen) & M)
    inner, outer, r = 0, 0, 0
    while r < key % 7 + 2:
        c = 0
        while c < 6:
            if c == r + bias % 3:
                break                 # continue :outer
            c += 1
            inner += 1
        r += 1
        outer += 1
    out.append(outer * 1000 + inner)
    hit = next(((x, y) for x in range(9) for y in range(9) if x * y == key + bias and x < y),
               (99, 99))
    out.append(hit[0] * 100 + hit[1])
    s = 0
    for v in (1, 2, 3, 4, 5, 6):
        if v == bias % 4 + 1:
            continue
        if v * key > 40:
            break
        s = s * 10 + v
    out += [s, (lo + hi + key) & M]
    return out


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
out_id = runner.get_id("out")
runner.load()
runner.run()
for lo, hi, key in [(0, 100, 30), (5, 60, 4), (12, 13, 9), (50, 10, 0), (0, 2000, 1000), (7, 90, 13)]:
    runner.launch("run", np.uint32(lo), np.uint32(hi), np.uint32(key), nonblock=False)
    got = np.zeros(16, dtype=np.uint32)
    runner.memcpy_d2h(got, out_id, 0, 0, 2, 1, 8, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    got = got.reshape(2, 8)
    for x in range(2):
        want = model(lo, hi, key, BIAS[x])
        assert [int(v) for v in got[x]] == want, f"PE {x} {(lo, hi, key)}: {list(got[x])} want {want}"
runner.stop()
print("SUCCESS!")
