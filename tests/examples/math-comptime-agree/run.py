#!/usr/bin/env cs_python
"""math-comptime-agree: the compiler's tables (ct32, ct16) must equal the PE's run-time
results (rt32, rt16) bit for bit, and the run-time results must be near numpy (so a table
of zeros on both sides cannot pass)."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

M, R32, R16 = 12, 12, 8
F32 = ["sqrt", "invsqrt", "exp", "log", "sin", "cos", "tanh", "pow 2.5", "pow 7", "floor(3.3x)",
       "fscale -3", "x^3 - x/3"]
x32 = np.array([0.3, 1.0, 2.0, 0.1, 7.25, 33.5, 1.0e-3, 100.0, 0.7071, 3.14159, 12.5, 0.013],
               dtype=np.float32)
x16 = np.array([0.3, 1.0, 2.0, 0.1, 7.25, 3.5, 1.0e-3, 10.0, 0.7071, 3.14159, 1.25, 0.013],
               dtype=np.float16)
ROW = MemcpyOrder.ROW_MAJOR
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
runner.launch("go", nonblock=False)


def get(sym, n, kind):
    out = np.zeros(n, dtype=np.uint32)
    runner.memcpy_d2h(out, runner.get_id(sym), 0, 0, 1, 1, n, streaming=False, order=ROW,
                      data_type=kind, nonblock=False)
    return out


B16, B32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ct32 = get("ct32", R32 * M, B32).view(np.float32).reshape(R32, M)
rt32 = get("rt32", R32 * M, B32).view(np.float32).reshape(R32, M)
ct16 = (get("ct16", R16 * M, B16) & 0xffff).astype(np.uint16).view(np.float16).reshape(R16, M)
rt16 = (get("rt16", R16 * M, B16) & 0xffff).astype(np.uint16).view(np.float16).reshape(R16, M)
runner.stop()


def model(f, x):
    x = x.astype(np.float64)
    return [np.sqrt(x), 1 / np.sqrt(x), np.exp(x), np.log(x), np.sin(x), np.cos(x), np.tanh(x),
            x ** 2.5, x ** 7, np.floor(np.float32(3.3) * x.astype(np.float32)), x / 8,
            x ** 3 - x / 3][f]


bad = 0
for label, ct, rt, x, rows in (("f32", ct32, rt32, x32, R32), ("f16", ct16, rt16, x16, R16)):
    ut = np.uint32 if label == "f32" else np.uint16
    for f in range(rows):
        name = F32[f] if label == "f32" or f < 7 else F32[11]
        fi = f if label == "f32" or f < 7 else 11
        diff = ct[f].view(ut) != rt[f].view(ut)
        if diff.any():
            bad += 1
            i = np.flatnonzero(diff)[0]
            print(f"{label} {name}({x[i]!r}): compiler {ct[f][i]!r}, PE {rt[f][i]!r} "
                  f"({int(diff.sum())} of {M} differ)")
        with np.errstate(over="ignore"):
            want = model(fi, x).astype(x.dtype).astype(np.float64)
        near = np.allclose(rt[f].astype(np.float64), want, rtol=2e-3 if label == "f16" else 1e-5)
        if not near:
            bad += 1
            print(f"{label} {name}: PE results {rt[f]} far from numpy {want}")

if bad:
    print(f"FAIL: {bad} rows wrong")
    sys.exit(1)
print("SUCCESS!")
