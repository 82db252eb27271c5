#!/usr/bin/env cs_python
"""switch-allreduce-8x8: iterated allreduces through router switches, the loop on the
device; every PE's history of totals must be identical (one multicast), and the vectors
must follow a float32 model summing in the device's order (rows west to east, then rows
north to south). Three launches (20, 0 and 9 iterations) keep the switches in step."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
w, h, n = int(params["width"]), int(params["height"]), int(params["n"])
MAX_ITERS = 32
f32 = MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
rng = np.random.default_rng(4)


def model(v, iters, a, b):
    v = v.copy()
    hist = []
    for _ in range(iters):
        rows = v[:, 0, :].copy()
        for x in range(1, w):
            rows = (rows + v[:, x, :]).astype(np.float32)
        total = rows[0].copy()
        for y in range(1, h):
            total = (total + rows[y]).astype(np.float32)
        hist.append(total[0])
        v = (v * a).astype(np.float32)
        v = (v + total * b).astype(np.float32)
    return v, np.array(hist, dtype=np.float32)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vec_id, hist_id = runner.get_id("vec"), runner.get_id("hist")
runner.load()
runner.run()

v = rng.uniform(-1, 1, size=(h, w, n)).astype(np.float32)
runner.memcpy_h2d(vec_id, v.ravel(), 0, 0, w, h, n, streaming=False, data_type=f32, order=ROW,
                  nonblock=False)
for iters, a, b in ((20, 0.5, 0.004), (0, 1.0, 0.0), (9, 0.9, -0.001)):
    a32, b32 = np.float32(a), np.float32(b)
    runner.launch("mix", np.uint16(iters), a32, b32, nonblock=False)
    flat = np.zeros(h * w * n, dtype=np.float32)
    runner.memcpy_d2h(flat, vec_id, 0, 0, w, h, n, streaming=False, data_type=f32, order=COL,
                      nonblock=False)
    got = flat.reshape(n, w, h).transpose(2, 1, 0)
    hflat = np.zeros(h * w * MAX_ITERS, dtype=np.float32)
    runner.memcpy_d2h(hflat, hist_id, 0, 0, w, h, MAX_ITERS, streaming=False, data_type=f32,
                      order=ROW, nonblock=False)
    hist = hflat.reshape(h, w, MAX_ITERS)[:, :, :iters]
    want, want_hist = model(v, iters, a32, b32)
    for yy in range(h):
        for xx in range(w):
            np.testing.assert_array_equal(hist[yy, xx], hist[0, 0], err_msg=f"PE ({xx},{yy})")
    np.testing.assert_allclose(hist[0, 0], want_hist, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    v = got
    print(f"{iters} iterations: totals {hist[0, 0][:3].tolist()} ...")
runner.stop()
print("SUCCESS!")
