#!/usr/bin/env cs_python
"""dsd-pointer-reduce: `@op(&acc, acc, vector)` reduces the vector into acc, one element
after another, each step rounded to acc's type (the SDK's own 25-pt-stencil benchmark
finds its maximum with `@fmaxs(&maxValue, maxValue, dsd)`; the DSD-operations page itself
does not say). Checked bit for bit against a left fold in numpy for globals and a local,
f32, f16 and the mixed @faddhs, over two launches with different starting values. The same
idiom on an array element (`&slots[2], slots[2]`) and through a pointer (`p, p.*`) is only
reported: the SDK shows no such use."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import input_array_to_u32, memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])
width = 2
m16, m32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
f32, f16 = np.float32, np.float16
rng = np.random.default_rng(71)
a32 = rng.uniform(-1000, 1000, (width, n)).astype(f32)
a32[:, ::4] = rng.uniform(-1e-3, 1e-3, (width, (n + 3) // 4)).astype(f32)
b32 = rng.uniform(0.5, 1.6, (width, n)).astype(f32)
a16 = rng.uniform(-30, 30, (width, n)).astype(f16)
b16 = rng.uniform(0.8, 1.25, (width, n)).astype(f16)
rounds = [(f32(0.0), f16(0.0)), (f32(-2.5e3), f16(-60.0))]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("a32", "b32", "a16", "b16", "r32", "r16")}
runner.load()
runner.run()
for name, arr in (("a32", a32), ("b32", b32)):
    runner.memcpy_h2d(ids[name], arr.ravel(), 0, 0, width, 1, n, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)
for name, arr in (("a16", a16), ("b16", b16)):
    runner.memcpy_h2d(ids[name], input_array_to_u32(arr.ravel(), None, n), 0, 0, width, 1, n,
                      streaming=False, order=ROW, data_type=m16, nonblock=False)


def fold(start, vec, op):
    acc = start
    for v in vec:
        acc = op(acc, v)
    return acc


failures = 0
for rnd, (start, hstart) in enumerate(rounds):
    runner.launch("reduce", start, hstart, nonblock=False)
    r32 = np.zeros(width * 9, dtype=f32)
    runner.memcpy_d2h(r32, ids["r32"], 0, 0, width, 1, 9, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)
    raw = np.zeros(width * 5, dtype=np.uint32)
    runner.memcpy_d2h(raw, ids["r16"], 0, 0, width, 1, 5, streaming=False, order=ROW,
                      data_type=m16, nonblock=False)
    r32 = r32.reshape(width, 9)
    r16 = memcpy_view(raw, np.dtype(f16)).reshape(width, 5)
    for px in range(width):
        A, B, H, K = a32[px], b32[px], a16[px], b16[px]
        want32 = [
            ("fadds(&sum, sum, a)", fold(start, A, lambda s, v: s + v)),
            ("fmaxs(&top, top, a)", fold(start, A, lambda s, v: max(s, v))),
            ("fmuls(&prod, prod, b)", fold(start, B, lambda s, v: s * v)),
            ("fsubs(&diff, diff, a)", fold(start, A, lambda s, v: s - v)),
            ("faddhs(&mixed, mixed, a16)", fold(start, H, lambda s, v: s + f32(v))),
            ("fadds(&local, local, b)", fold(start, B, lambda s, v: s + v)),
            ("fmaxs(&slots[2], slots[2], b)", fold(start, B, lambda s, v: max(s, v))),
            ("fadds(p, p.*, b) through a pointer", fold(start, B, lambda s, v: s + v)),
            ("slots[1] untouched", f32(0.0)),
        ]
        want16 = [
            ("faddh(&hsum, hsum, a16)", fold(hstart, H, lambda s, v: s + v)),
            ("fmaxh(&htop, htop, a16)", fold(hstart, H, lambda s, v: max(s, v))),
            ("fmulh(&hprod, hprod, b16)", fold(hstart, K, lambda s, v: s * v)),
            ("fsubh(&hdiff, hdiff, a16)", fold(hstart, H, lambda s, v: s - v)),
            ("faddh(&hlocal, hlocal, b16)", fold(hstart, K, lambda s, v: s + v)),
        ]
        for got_row, wants, u_t in ((r32[px], want32, np.uint32), (r16[px], want16, np.uint16)):
            for k, (label, want) in enumerate(wants):
                got = got_row[k:k + 1]
                want = np.array([want], dtype=got.dtype)
                if got.view(u_t)[0] != want.view(u_t)[0]:
                    if "slots[2]" in label or "pointer" in label:
                        print(f"note: {label} round {rnd} PE {px}: got {got[0]!r}, a "
                              f"reduction gives {want[0]!r}")
                        continue
                    failures += 1
                    print(f"MISMATCH {label} round {rnd} PE {px}: got {got[0]!r} "
                          f"want {want[0]!r}")
runner.stop()
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
