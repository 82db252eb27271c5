#!/usr/bin/env cs_python
"""alias-side-effects: a Python replay of pe.csl's run() (aliases are the same Python
objects, calls happen where CSL calls them, i32 wrapping), for four host input sets."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
m32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
NUM = 28


def w32(v):
    v &= 0xffffffff
    return v - (1 << 32) if v >> 31 else v


def model(h):
    x0, x1, n, sel, k = h[0], h[1], h[2], h[3], h[4]
    out = [0] * NUM
    cell = {"x": x0, "y": x1}

    def add_then_double(a, b):
        cell[a] = w32(cell[a] + 3)
        cell[b] = w32(cell[b] * 2)
        return w32(cell[a] * 100 + cell[b])

    out[0] = add_then_double("x", "x")
    out[1] = cell["x"]
    out[2] = add_then_double("x", "y")
    out[3] = w32(cell["x"] * 7 + cell["y"])
    g = x0
    before = g
    g = x1
    r = x1 + 1
    out[4], out[5] = before, w32(g + r)
    g, r2 = 5, 6
    out[6] = g * 10 + r2
    arr = [i - x0 for i in range(12)]
    for i in range(n):
        arr[i + 1] = w32(arr[i] * 2 + 1)
    out[7], out[8] = arr[n], arr[n + 1]
    s = 0
    for v in arr:
        s = w32(s * 5 + v)
    out[9] = s
    calls = 1
    arr[1 + calls] = w32(arr[1 + calls] + 10)
    calls = 2
    arr[1 + calls] = w32(arr[1 + calls] * 3)
    out[10], out[11], out[12] = calls, arr[2], arr[3]
    log = []
    c1 = (log.append(1) or x0 > k) and (log.append(2) or x1 > k)
    c2 = (log.append(3) or x0 > k) or (log.append(4) or x1 > k)
    c3 = (log.append(5) or not (x1 <= k)) and ((log.append(6) or True) or (log.append(7) or True))
    out[13] = int("".join(map(str, log)))
    out[14] = int(c1) * 4 + int(c2) * 2 + int(c3)
    log, cnt = [], 0
    while (log.append(8) or cnt < 3) and (log.append(9) or True):
        cnt += 1
    out[15], out[16] = int("".join(map(str, log))), cnt

    def first_above(kk):
        for i in range(12):
            for j in range(2):
                if arr[i] + j > kk:
                    return i * 10 + j
        return -1

    out[17] = w32(first_above(k) * 1000 + first_above(k + 50))
    out[18] = first_above(1 << 30)
    out[19] = sum(first_above(k + i) for i in range(3))
    fns = [lambda a, b: w32(a + b), lambda a, b: w32(a - b), lambda a, b: w32(a * b)]
    out[20] = fns[sel](x0, x1)
    out[21] = fns[2 - sel](x1, 3)
    z = w32((x0 + 1) * 3)
    out[22] = out[23] = z
    y = cell["y"]
    z, y = y, z
    out[24] = w32(z * 3 + y)
    for i in range(5):
        arr[4 + i] = w32(arr[4 + i] * -2 + 1)
    s2 = 0
    for v in arr:
        s2 = w32(s2 * 3 + v)
    out[25] = s2
    out[26] = w32((x1 + 1000) * 2)
    out[27] = w32((x0 + 1000) * 2)
    return [v & 0xffffffff for v in out]


cases = [[7, -3, 5, 0, 4, 0, 0, 0], [-20, 100, 10, 2, -100, 0, 0, 0], [1000, 1000, 3, 1, 999, 0, 0, 0],
         [123456, -654321, 9, 2, 30, 0, 0, 0]]
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
h_id, out_id = runner.get_id("h"), runner.get_id("out")
runner.load()
runner.run()
failures = 0
for c, h in enumerate(cases):
    runner.memcpy_h2d(h_id, np.array(h, dtype=np.int32), 0, 0, 1, 1, 8, streaming=False,
                      order=ROW, data_type=m32, nonblock=False)
    runner.launch("run", nonblock=False)
    got = np.zeros(64, dtype=np.uint32)
    runner.memcpy_d2h(got, out_id, 0, 0, 1, 1, 64, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)
    want = model(h)
    for k in range(NUM):
        if int(got[k]) != want[k]:
            failures += 1
            print(f"MISMATCH case {c} check {k}: got {w32(int(got[k]))} want {w32(want[k])}")
runner.stop()
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
