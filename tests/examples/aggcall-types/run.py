#!/usr/bin/env cs_python
"""aggcall-types: by-copy structs and arrays of i64/u64, i8, f16/f32, bool and enum values,
passed and returned through chains of calls; every word is checked bit for bit against
model() (f16 arithmetic rounded at each operation, as numpy's float16 does)."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

M32 = 0xFFFFFFFF
M64 = (1 << 64) - 1
N_RESULTS = 64


def s64(v):
    v &= M64
    return v - (1 << 64) if v >> 63 else v


def s8(v):
    v &= 0xFF
    return v - 0x100 if v & 0x80 else v


def hbits(h):
    return int(np.float16(h).view(np.uint16))


def fbits(f):
    return int(np.float32(f).view(np.uint32))


def model(a, b, c, d):
    out = []

    def put64(v):
        out.extend([v & M32, (v >> 32) & M32])

    def widen(x, y):
        u = (x << 32) | y
        return (s64(-s64(u)), u, (y & 0x7F) - 100)

    def step(w):
        s, u, small = w
        return (s64(s * 3 - small), ((u >> 3) ^ (u << 7)) & M64, s8(small + 77))

    w = widen(a, b)
    put64(w[0] & M64)
    put64(w[1])
    out.append(w[2] & M32)
    w2 = step(step(w))
    put64(w2[0] & M64)
    put64(w2[1])
    out.append(w2[2] & M32)
    total = 0
    for s, u, small in (w, w2, widen(c, d)):
        total = s64(total + s + s64(u) + small)
    put64(total & M64)

    f16, f32 = np.float16, np.float32
    h0 = f16((c & 0xFF) * 0.25)
    m = {"h": h0, "f": np.uint32((d & 0x0FFFFFFF) | 0x30000000).view(np.float32),
         "on": (a & 1) == 1, "mode": b & 3, "hs": [f16(1.5), f16(h0 + f16(2.0)), f16(-0.75)]}

    def mixed_step(m, k):
        k = f16(k)
        return {"h": f16(f16(m["h"] * k) + m["hs"][0]),
                "f": f32(f32(m["f"] * f32(2.0)) + f32(m["h"])),
                "on": (not m["on"]) and m["mode"] != 3,
                "mode": (m["mode"] + 1) % 4,
                "hs": [m["hs"][1], m["hs"][2], f16(m["hs"][0] + k)]}

    for _ in range(3):
        m = mixed_step(m, 0.5)
        out += [hbits(m["h"]), fbits(m["f"]), 1 if m["on"] else 0, m["mode"],
                hbits(m["hs"][0]), hbits(m["hs"][2])]

    def pick(on, m):
        return m["hs"][m["mode"] % 3] if m["on"] == on else m["h"]

    out.append(hbits(pick(True, m)))
    out.append(hbits(pick(False, mixed_step(m, -2.0))))

    bs = [(v & 2) != 0 for v in (a, b, c, d)]
    flags = lambda bs: sum(1 << i for i, v in enumerate(bs) if v)
    invert = lambda bs: [not v for v in reversed(bs)]
    out += [flags(bs), flags(invert(bs)), flags([True, False, False, True])]
    return out


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
input_id = runner.get_id("input")
results_id = runner.get_id("results")
runner.load()
runner.run()

CASES = [(3, 9, 4, 1), (0xFFFFFFF0, 0x12345678, 7, 6), (200, 0, 0x80000000, 3),
         (0x7FFFFFFF, 0xFFFFFFFF, 0xABCDEF, 0xFFFFFFFE), (0x80000001, 0x7F, 0x1F, 0x2A)]
ok = True
for inputs in CASES:
    runner.memcpy_h2d(input_id, np.array(inputs, np.uint32), 0, 0, 1, 1, 4, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    runner.launch("compute", nonblock=False)
    want = model(*inputs)
    got = np.zeros(N_RESULTS, np.uint32)
    runner.memcpy_d2h(got, results_id, 0, 0, 1, 1, N_RESULTS, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    for i, w in enumerate(want):
        if int(got[i]) != w:
            print(f"inputs {inputs}: results[{i}] = {int(got[i]):#x}, expected {w:#x}")
            ok = False
runner.stop()

if not ok:
    raise SystemExit("FAIL: aggcall-types")
print("SUCCESS!")
