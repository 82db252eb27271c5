#!/usr/bin/env cs_python
"""pointer-tables-hygiene: a Python replay of run(rot) (pointer targets as names, expanded
functions as ordinary Python functions with their own locals) for rot = 1 then 0."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
HV = [3, -1, 8, 5]


def model(rot):
    out = [0] * 16
    g = {"a": 1, "b": 2, "c": 3}
    ptrs = ["a", "b", "c"]
    for i in range(6):
        g[ptrs[(i + rot) % 3]] += i
    out[0] = g["a"] * 10000 + g["b"] * 100 + g["c"]
    ptrs[0], ptrs[2] = ptrs[2], ptrs[0]
    g[ptrs[rot % 3]] = 50
    out[1] = g["a"] * 10000 + g["b"] * 100 + g["c"]
    recs = [{"a": i, "w": [1, 2, 3]} for i in range(4)]
    recs[rot + 1]["w"][2] = 9

    def sum_const():
        s = 0
        for i in range(4):
            s = s * 10 + recs[i]["a"] + recs[i]["w"][i % 3]
        return s

    recs[rot]["a"] = sum_const()
    out[2], out[3] = recs[rot]["a"], sum_const()
    pp = [0, 3]
    recs[pp[rot]]["w"][0] = -4
    pp[1 - rot] = pp[rot]
    recs[pp[0]]["a"] += 100
    out[4] = recs[3]["a"] * 100 + recs[3]["w"][0]
    out[5] = recs[0]["a"] * 100 + recs[0]["w"][0]
    acc = 0
    for v in range(8):
        r = 10 if (v & 1) == rot else 20
        t = v & 3
        x, y = (1, 2) if t == 0 else (v, -1) if t in (1, 2) else (0, v * 2)
        acc = acc * 3 + r + x * 100 + y
    out[6] = acc

    def first_neg(vv, x):
        for i in range(4):
            if vv[i] + x < 0:
                return i * 10 + x
        return -100 + x

    def with_arr(a, x):
        for v in a:
            if v > x:
                return v - x
            x -= 1
        return x

    def mk(k):
        if k < 0:
            return [k] * 4, 0
        v = [0, 1, 2, 3]
        for i in range(2):
            v[i] += k
        return v, k

    acc2, i, x = 0, 0, 0
    while i < 6:
        x = i - 2 - rot
        r = first_neg(HV, x)
        acc2 = acc2 * 7 + r
        if r < -95:
            i += 1
            continue
        if i == 4:
            break
        i += 1
    out[7], out[8], out[9] = acc2, i, with_arr(HV, x + 1)
    m1, m2 = mk(HV[3] + rot), mk(HV[1])
    out[10] = m1[0][0] * 1000 + m1[0][1] * 100 + m1[0][2] * 10 + m1[0][3] + m1[1] * 10000
    out[11] = m2[0][3] * 10 + m2[1]
    out[12] = first_neg(mk(HV[3])[0], -6) * 1000 + first_neg(mk(-2)[0], 1)
    return [v & 0xffffffff for v in out]


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
out_id = runner.get_id("out")
runner.load()
runner.run()
failures = 0
for rot in (1, 0):
    runner.launch("run", np.uint16(rot), nonblock=False)
    got = np.zeros(16, dtype=np.uint32)
    runner.memcpy_d2h(got, out_id, 0, 0, 1, 1, 16, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    for k, w in enumerate(model(rot)):
        if int(got[k]) != w:
            failures += 1
            print(f"MISMATCH rot {rot} out[{k}]: got {int(got[k]):#x} want {w:#x}")
runner.stop()
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
