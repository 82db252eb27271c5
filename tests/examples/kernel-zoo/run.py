#!/usr/bin/env cs_python
"""kernel-zoo: runs each kernel on every PE and compares `out` / `ints` with numpy."""
import argparse
import json
import math

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, R, C = int(params["width"]), int(params["rows"]), int(params["cols"])
N = R * C
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
KERNELS = ["transpose", "map3", "reverse", "half_math", "structs", "fnptrs", "search", "table", "wide"]

rng = np.random.default_rng(31)
mat = rng.uniform(-4, 4, size=(W, R, C)).astype(np.float32)
vec = rng.uniform(-4, 4, size=(W, N)).astype(np.float32)
mat[1, 2, :] = -1.0  # a row where the search finds nothing

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
mat_id, vec_id, out_id, ints_id = (runner.get_id(s) for s in ("mat", "vec", "out", "ints"))
runner.load()
runner.run()
runner.memcpy_h2d(mat_id, mat.ravel(), 0, 0, W, 1, N, streaming=False, order=ROW, data_type=f32, nonblock=True)
runner.memcpy_h2d(vec_id, vec.ravel(), 0, 0, W, 1, N, streaming=False, order=ROW, data_type=f32, nonblock=True)


def poly(t):
    t = np.float32(t)
    acc = np.float32(0.5)
    acc = np.float32(acc * t + np.float32(-2.0))
    return np.float32(acc * t + np.float32(1.0))


def expected(kernel, x, out, ints):
    m, v = mat[x], vec[x]
    out, ints = out.copy(), ints.copy()
    ints[7] += 1
    if kernel == "transpose":
        out[:] = m.T.ravel()
    elif kernel == "map3":
        a = m.ravel()
        out[:] = np.where(a > v, a * np.float32(0.75) + v, v * np.float32(0.75) - a)
    elif kernel == "reverse":
        out[:] = v[::-1] * np.float32(2)
    elif kernel == "half_math":
        ha, hb = v.astype(np.float16), m.ravel().astype(np.float16)
        hb = (ha.astype(np.float64) + hb.astype(np.float64) * 1.5).astype(np.float16)
        ha = np.maximum(ha, hb)
        out[:] = hb.astype(np.float32)
        ints[0] = int(ha[0].view(np.uint16))
    elif kernel == "structs":
        out[0:2 * C:2] = m.min(axis=0)
        out[1:2 * C:2] = m.max(axis=0) - np.float32(R)
    elif kernel == "fnptrs":
        ops = [lambda t: t + t, lambda t: t * t, lambda t: -t]
        out[:] = [ops[(i + x) % 3](v[i]) for i in range(N)]
    elif kernel == "search":
        for i in range(R):
            hits = [j for j in range(C) if m[i, j] >= 0 and m[i, j] > v[i]]
            ints[i] = hits[0] if hits else 0xFFFF
    elif kernel == "table":
        out[:8] = [poly(i) - poly(v[i]) for i in range(8)]
        ints[0] = math.gcd((x + 1) * 84, 120)
    elif kernel == "wide":
        a, b = int(v[0:1].view(np.uint32)[0]), int(v[1:2].view(np.uint32)[0])
        p = (a * b + (x << 40)) & (2**64 - 1)
        ints[0], ints[1] = p & 0xFFFFFFFF, p >> 32
        ints[2] = ((-(p >> 3)) & (2**64 - 1)) >> 32
    return out, ints


out_model = np.zeros((W, N), dtype=np.float32)
ints_model = np.zeros((W, 8), dtype=np.uint32)
for which, kernel in enumerate(KERNELS):
    runner.launch("run_kernel", np.uint16(which), nonblock=False)
    out = np.zeros(W * N, dtype=np.float32)
    ints = np.zeros(W * 8, dtype=np.uint32)
    runner.memcpy_d2h(out, out_id, 0, 0, W, 1, N, streaming=False, order=ROW, data_type=f32, nonblock=False)
    runner.memcpy_d2h(ints, ints_id, 0, 0, W, 1, 8, streaming=False, order=ROW, data_type=f32, nonblock=False)
    out, ints = out.reshape(W, N), ints.reshape(W, 8)
    for x in range(W):
        out_model[x], ints_model[x] = expected(kernel, x, out_model[x], ints_model[x])
    tol = 1e-3 if kernel == "half_math" else 1e-6
    np.testing.assert_allclose(out, out_model, rtol=tol, atol=tol, err_msg=kernel)
    np.testing.assert_array_equal(ints, ints_model, err_msg=kernel)
    out_model[...], ints_model[...] = out, ints  # keep exact device state for the next kernel
runner.launch("run_kernel", np.uint16(0xFFFF), nonblock=False)
ints = np.zeros(W * 8, dtype=np.uint32)
runner.memcpy_d2h(ints, ints_id, 0, 0, W, 1, 8, streaming=False, order=ROW, data_type=f32, nonblock=False)
runner.stop()
assert (ints_model[:, 7] == len(KERNELS)).all()
ints_model[:, 7] = 0
np.testing.assert_array_equal(ints.reshape(W, 8), ints_model)
print("SUCCESS!")
