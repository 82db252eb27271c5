#!/usr/bin/env cs_python
"""struct-array-copies: a Python replay of pe.csl's run() with explicit copies
(copy.deepcopy where CSL assigns an aggregate) and shared lists where CSL aliases,
for three host input sets; every result compared bit for bit."""
import argparse
import copy
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
m32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
NUM = 41


def wrap(v, w, signed=True):
    v &= (1 << w) - 1
    return v - (1 << w) if signed and v >> (w - 1) else v


def w16(v):
    return wrap(v, 16)


def w32(v):
    return wrap(v, 32)


def make_inner(x, t):
    return {"v": [x, w16(x + 1), w16(x * 2)], "tag": t}


def make_outer(x):
    s = w16(x)
    return {"a": make_inner(s, 1), "b": [make_inner(w16(s + 10), 2), make_inner(w16(s - 10), 3)],
            "k": w32(x * 3)}


def model(h):
    x0, x1, i, j, idx = h[0], h[1], h[2], h[3], h[4]
    out = [0] * NUM
    s1 = make_outer(x0)
    s2 = copy.deepcopy(s1)
    s2["a"]["v"][1] = 99
    s2["b"][j]["v"][i] = -5
    out[0:6] = [s1["a"]["v"][1], s2["a"]["v"][1], s1["b"][j]["v"][i], s2["b"][j]["v"][i],
                s1["b"][1 - j]["v"][i], s2["b"][1 - j]["v"][i]]
    c_k = w32(s1["k"] + 100)
    out[6] = w32(c_k + 7 + s1["b"][1]["v"][2])
    out[7] = s1["k"]
    s1["k"] = w32(s1["k"] + 5)
    s1["b"][0]["v"][0] = w16(s1["b"][0]["v"][0] * 2)
    s1["b"][1]["tag"] = (s1["b"][1]["tag"] + 250) & 0xff
    out[8] = s1["k"]
    out[9] = s1["b"][0]["v"][0] * 1000 + s1["b"][1]["tag"]
    s1["b"][j]["v"][i] = 1234
    out[10] = s1["b"][j]["v"][i]
    out[11] = s2["b"][j]["v"][i]
    s1["k"] = w32(s1["k"] * 2 + 1)
    out[12] = s1["k"]
    g = [make_outer(x1), copy.deepcopy(s1)]
    t = copy.deepcopy(g[1])
    g[1]["k"] = 0
    g[1]["b"][0] = copy.deepcopy(g[0]["a"])
    out[13] = t["k"]
    out[14] = g[1]["k"]
    out[15] = g[1]["b"][0]["v"][2] - t["b"][0]["v"][2]
    g[0], g[1] = g[1], g[0]
    out[16] = w32(g[0]["k"] * 7 + g[1]["k"])
    out[17] = g[0]["b"][0]["tag"] * 10 + g[1]["b"][0]["tag"]
    out[18] = g[0]["k"]
    s2 = copy.deepcopy(g[1])
    g[1]["a"]["v"][0] = 555
    out[19] = s2["a"]["v"][0] * 1000 + g[1]["a"]["v"][0]
    arr1 = [x0 & 0xffff, 2, 3, 4]
    arr2 = list(arr1)
    arr2[i] = (arr2[i] + 65535) & 0xffff
    out[20], out[21] = arr1[i], arr2[i]
    inner_copy = list(s1["b"][j]["v"])
    inner_copy[0] = -1
    out[22], out[23] = s1["b"][j]["v"][0], inner_copy[0]
    buf = [k * 11 - 20 for k in range(8)]
    buf[idx] = x1
    out[24] = buf[idx]
    buf[idx + 2] = w32(buf[idx + 2] + 1000)
    out[25] = out[26] = buf[idx + 2]
    buf[idx] = w32(buf[idx] + buf[idx + 1])
    out[27] = buf[idx]
    buf[idx] = w32(buf[idx] + buf[idx])
    out[28] = buf[idx]
    s = 0
    for v in buf:
        s = w32(s * 3 + v)
    out[29] = s
    buf = [w32(v * 2 - k) for k, v in enumerate(buf)]
    out[30] = w32(buf[0] + buf[7] * 3)
    arr_s = [make_inner(1, 1), make_inner(2, 2), make_inner(w16(x0), 3)]
    for e in arr_s:
        e["v"][1] = w16(e["v"][1] + e["tag"])
        e["tag"] = (e["tag"] * 3) & 0xff
    acc = 0
    for e in arr_s:
        acc = w32(acc * 10 + e["v"][1] + e["tag"])
    out[31], out[32], out[33] = acc, arr_s[2]["v"][1], arr_s[2]["tag"]
    out[34] = make_outer(x1)["b"][1]["v"][2]
    out[35] = make_inner(w16(x1), 9)["v"][i]
    out[36] = w32(4 + make_outer(-x0)["k"])
    m = [[w16(a * 4 + b - (x0 & 0xff)) for b in range(4)] for a in range(3)]
    row = list(m[i])
    row[3] = 77
    m[2 - i][0] = -77
    out[37], out[38], out[39] = m[i][3], row[3], m[2 - i][0]
    m[0] = list(m[2])
    m[2][1] = 9
    out[40] = m[0][1] * 100 + m[2][1]
    return [v & 0xffffffff for v in out]


cases = [[-1234, 4321, 2, 1, 3, 0, 0, 0], [77, -30000, 0, 0, 0, 0, 0, 0],
         [16000, 255, 1, 1, 5, 0, 0, 0]]
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
            print(f"MISMATCH case {c} check {k}: got {int(got[k]):#x} ({wrap(int(got[k]), 32)}) "
                  f"want {want[k]:#x} ({wrap(want[k], 32)})")
runner.stop()
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
