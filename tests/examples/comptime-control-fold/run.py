#!/usr/bin/env cs_python
"""comptime-control-fold: Python versions of pe.csl's functions give the expected values
for the folded table (fixed arguments) and for each host argument set (run time)."""
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
NUM = 24


def w(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


def collatz(x):
    s = 0
    while x != 1:
        x = x // 2 if x % 2 == 0 else (3 * x + 1) & 0xffffffff
        s += 1
    return s


def find_pair(limit):
    for a in range(1, limit):
        b = a
        while b < limit:
            if a * a + b * b == 625 and a > 5:
                return a * 100 + b
            if b > 40:
                break
            b += 1
    return -1


def blocky(v):
    if v < 0:
        return -v * 2
    acc = 0
    for i in range(v):
        if i % 3 == 0:
            continue
        acc += i
        if acc > 50:
            return acc + 1000
    return acc


def classify(v):
    if v <= -1000000000000:
        return 1
    if v <= -1:
        return 2
    if v == 0:
        return 3
    if v <= 4294967295:
        return 4
    return 5


def build(seed):
    a = [seed, 2, 3, 4]
    b = list(a)
    b[0] = 9
    a[1] = w(b[0] + a[0], 16)
    a[2] = 7
    c = list(a)
    c[3] = 100
    a[3] = w(a[3] + c[3] - b[3], 16)
    return a


def modify(x):
    return w(50 + x[0], 16)


def structs(seed):
    s = {"v": [1, 2, 30], "k": seed}
    t = {"v": [1, 20, 3], "k": 6}
    arr0k, arr1v0 = 99, s["v"][2]
    return [s["v"][1], w(s["v"][2] + s["k"], 32), t["v"][2] * 100 + t["k"],
            w(arr0k * 1000 + s["k"] + arr1v0, 32)]


def all_results(a, lo, hi):
    r = [collatz(a[0]), collatz(a[1]), find_pair(a[2]), find_pair(a[3]), blocky(a[4]),
         blocky(a[5]), blocky(a[6]), classify(lo), classify(hi), classify(w(lo + hi, 64)),
         classify(a[7]), classify(w(hi - lo, 64))]
    b = build(w(a[4], 16))
    r += b + [modify(b)] + structs(a[5])
    r.append(build(7)[1] * 1000 + modify(build(-2)))
    r.append(classify(w(-9223372036854775807 + a[7], 64)))  # wraps for a[7] < -1
    r.append(classify(w(lo * 2, 64)))
    return [v & 0xffffffff for v in r]


folded = all_results([27, 97, 100, 20, -7, 9, 30, 0], -5000000000000, 4294967296)
cases = [([27, 97, 100, 20, -7, 9, 30, 0], -5000000000000, 4294967296),
         ([6171, 1, 30, 42, 12, -40, 0, -1], -999999999999, -1000000000000),
         ([9, 871, 26, 7, -32768, 100, 11, 123456], 1 << 40, -(1 << 62)),
         ([255, 3, 41, 25, 5, 31, 15, -2147483648], 0, 4294967295)]
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("args", "out")}
runner.load()
runner.run()
failures = 0
for c, (a, lo, hi) in enumerate(cases):
    words = list(a) + [w(lo, 32), w(lo >> 32, 32), w(hi, 32), w(hi >> 32, 32)]
    words += [0] * (32 - len(words))
    runner.memcpy_h2d(ids["args"], np.array(words, dtype=np.int32), 0, 0, 1, 1, 32,
                      streaming=False, order=ROW, data_type=m32, nonblock=False)
    runner.launch("run", nonblock=False)
    got = np.zeros(64, dtype=np.uint32)
    runner.memcpy_d2h(got, ids["out"], 0, 0, 1, 1, 64, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)
    live = all_results(a, lo, hi)
    for k in range(NUM):
        for part, at, want in (("folded", k, folded[k]), ("run time", 32 + k, live[k])):
            if int(got[at]) != want:
                failures += 1
                print(f"MISMATCH case {c} {part} result {k}: got {w(int(got[at]), 32)} "
                      f"want {w(want, 32)}")
runner.stop()
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
