#!/usr/bin/env cs_python
"""aggcall-extern: export fns taking and returning extern structs by value, called from CSL
directly, through function pointers, from a generic and from an inline fn; every field is
checked against model() for several inputs."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

M = 0xFFFFFFFF
N_RESULTS = 48


def s16(v):
    v &= 0xFFFF
    return v - 0x10000 if v & 0x8000 else v


def s32(v):
    v &= M
    return v - 0x100000000 if v & 0x80000000 else v


def f32(x):
    return np.float32(x)


def make_rec(i, w, t):
    return (i & 0xFFFF, s16(w), t & M, f32(w) * f32(0.5))


def merge(p, q):
    return (p[0] | q[0], s16(p[1] - q[1]), (p[2] + q[2]) & M, f32(p[3] * q[3]))


def split(r, k):
    return make_rec(r[0], r[1], r[2] // k), make_rec(r[0] + 1, -r[1], r[2] % k)


def words(r):
    return [r[0], r[1] & M, r[2], int(np.float32(r[3]).view(np.uint32))]


def model(a, b):
    out = []
    r1 = make_rec(a & 0xFFFF, s32(b) >> 20, a ^ b)
    out += words(r1)
    r2 = make_rec(7, -3, b)
    out += words(merge(r1, r2))
    sa, sb = split(r1, (b & 0xFF) + 1)
    out += words(sa) + words(sb)
    p, q = split(r2, 3)
    out += words(merge(p, q) if a % 2 == 0 else merge(q, p))
    out += words(merge(r2, r2))
    out += words(merge(*split(r1, 5)))
    return out


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
input_id = runner.get_id("input")
results_id = runner.get_id("results")
runner.load()
runner.run()

CASES = [(3, 9), (0xFFFFFFF0, 0x12345678), (200, 0x80000000), (0x7FFFFFFF, 0xFFFFFFFF),
         (0x10001, 0xFFF00000)]
ok = True
for inputs in CASES:
    runner.memcpy_h2d(input_id, np.array(inputs + (0, 0), np.uint32), 0, 0, 1, 1, 4,
                      streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
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
    raise SystemExit("FAIL: aggcall-extern")
print("SUCCESS!")
