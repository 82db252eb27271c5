#!/usr/bin/env cs_python
"""complex-bits: <complex> results bit for bit. The model does every part operation in the
part type with its own rounding (numpy float32 / float16 scalars): add/sub part by part,
multiply (ar br - ai bi, ar bi + ai br), then (a*b + a) - b. Inputs include values whose
f16 products overflow or fall into subnormals, so a wider intermediate shows up."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    N = int(json.load(f)["params"]["n"])
ROW = MemcpyOrder.ROW_MAJOR
B32, B16 = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT
rng = np.random.default_rng(77)


def values(dt, scale, edges):
    v = (rng.normal(0, scale, 2 * N)).astype(dt)
    v[: len(edges)] = np.array(edges, dtype=dt)
    return v


a32 = values(np.float32, 1e3, [1e20, 1e20, 3e-30, 1e-30, 1.0, -0.0, 3.4e38, 1.0, 1.1, 2.2])
b32 = values(np.float32, 1e3, [1e20, -1e20, 2e-30, 3e-20, -0.0, 0.0, 2.0, 1.0, 3.3, 4.4])
a16 = values(np.float16, 30.0, [300.0, 300.0, 0.01, 0.003, 1.0, -0.0, 60000.0, 1.0, 1.1, 2.2,
                                255.9, 256.1, 0.1, 0.2])
b16 = values(np.float16, 30.0, [300.0, -300.0, 0.002, 0.004, -0.0, 0.0, 2.0, 1.0, 3.3, 4.4,
                                256.1, 255.9, 0.3, 0.7])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
sym = {s: runner.get_id(s) for s in ("a32", "b32", "a16", "b16", "o32", "o16")}
runner.load()
runner.run()
for s, v in (("a32", a32), ("b32", b32)):
    runner.memcpy_h2d(sym[s], v.view(np.uint32), 0, 0, 1, 1, 2 * N, streaming=False,
                      order=ROW, data_type=B32, nonblock=False)
for s, v in (("a16", a16), ("b16", b16)):
    runner.memcpy_h2d(sym[s], v.view(np.uint16).astype(np.uint32), 0, 0, 1, 1, 2 * N,
                      streaming=False, order=ROW, data_type=B16, nonblock=False)
runner.launch("run", nonblock=False)
o32 = np.zeros(12 * N, dtype=np.uint32)
runner.memcpy_d2h(o32, sym["o32"], 0, 0, 1, 1, 12 * N, streaming=False, order=ROW,
                  data_type=B32, nonblock=False)
o16 = np.zeros(12 * N, dtype=np.uint32)
runner.memcpy_d2h(o16, sym["o16"], 0, 0, 1, 1, 12 * N, streaming=False, order=ROW,
                  data_type=B16, nonblock=False)
runner.stop()
got = {np.float32: o32.view(np.float32).reshape(6, N, 2),
       np.float16: (o16 & 0xffff).astype(np.uint16).view(np.float16).reshape(6, N, 2)}


def model(a, b):
    ar, ai, br, bi = a[0::2], a[1::2], b[0::2], b[1::2]
    with np.errstate(all="ignore"):
        add = (ar + br, ai + bi)
        sub = (ar - br, ai - bi)
        mul = (ar * br - ai * bi, ar * bi + ai * br)
        chain = ((mul[0] + ar) - br, (mul[1] + ai) - bi)
    rows = [add, sub, mul, mul, chain, (ai, ar)]
    return [np.stack(r, axis=1) for r in rows]


NAMES = ["add", "subtract", "multiply (named)", "multiply (generic)", "(a*b + a) - b",
         "get_complex swapped"]
bad = 0
for dt, a, b, label in ((np.float32, a32, b32, "complex_64"), (np.float16, a16, b16, "complex_32")):
    want = model(a, b)
    ut = np.uint32 if dt == np.float32 else np.uint16
    for r, name in enumerate(NAMES):
        g, w = got[dt][r], want[r].astype(dt)
        wrong = ~((g.view(ut) == w.view(ut)) | (np.isnan(g) & np.isnan(w)))
        if wrong.any():
            bad += 1
            i, part = np.argwhere(wrong)[0]
            print(f"{label} {name}: {int(wrong.sum())} parts wrong, first #{i} "
                  f"({'real' if part == 0 else 'imag'}) got {g[i, part]!r} want {w[i, part]!r}; "
                  f"a = {a[2 * i]!r}{a[2 * i + 1]:+}i, b = {b[2 * i]!r}{b[2 * i + 1]:+}i")

if bad:
    print(f"FAIL: {bad} operations wrong")
    sys.exit(1)
print("SUCCESS!")
