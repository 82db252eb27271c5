#!/usr/bin/env cs_python
"""wide-halo-12x10: runs of explicit stencil steps (odd and even counts, so the halo
buffers' parity carries across launches, and a zero-step run), coefficients as launch
arguments; u copied in ROW_MAJOR, out COL_MAJOR, against a float64 model."""
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
w, h, nz = int(params["width"]), int(params["height"]), int(params["nz"])
f32 = MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR


def shifted(u, axis, d):
    """u moved by d along axis, zero filled: out[i] = u[i + d]."""
    out = np.zeros_like(u)
    src = [slice(None)] * 3
    dst = [slice(None)] * 3
    n = u.shape[axis]
    if d > 0:
        src[axis], dst[axis] = slice(d, n), slice(0, n - d)
    else:
        src[axis], dst[axis] = slice(0, n + d), slice(-d, n)
    out[tuple(dst)] = u[tuple(src)]
    return out


def model(u, steps, c):
    u = u.astype(np.float64)
    a0, ax1, ax2, ay, az = (float(v) for v in c)
    for _ in range(steps):
        u = (a0 * u + ax1 * (shifted(u, 1, -1) + shifted(u, 1, 1))
             + ax2 * (shifted(u, 1, -2) + shifted(u, 1, 2))
             + ay * (shifted(u, 0, -1) + shifted(u, 0, 1))
             + az * (shifted(u, 2, -1) + shifted(u, 2, 1)))
    return u


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
u_id, steps_id = runner.get_id("u"), runner.get_id("steps_done")
runner.load()
runner.run()

rng = np.random.default_rng(21)
u = rng.uniform(0, 1, size=(h, w, nz)).astype(np.float32)
runner.memcpy_h2d(u_id, u.ravel(), 0, 0, w, h, nz, streaming=False, data_type=f32, order=ROW,
                  nonblock=False)
total = 0
for steps, c in ((7, (0.5, 0.1, 0.03, 0.07, 0.05)), (0, (1.0, 0.0, 0.0, 0.0, 0.0)),
                 (12, (0.4, 0.12, 0.05, 0.06, 0.04)), (5, (0.6, -0.05, 0.1, 0.05, 0.1))):
    c32 = [np.float32(v) for v in c]
    runner.launch("run", np.uint16(steps), *c32, nonblock=False)
    total += steps
    flat = np.zeros(h * w * nz, dtype=np.float32)
    runner.memcpy_d2h(flat, u_id, 0, 0, w, h, nz, streaming=False, data_type=f32, order=COL,
                      nonblock=False)
    got = flat.reshape(nz, w, h).transpose(2, 1, 0)
    want = model(u, steps, c32)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6, err_msg=f"{steps} steps")
    u = got
    done = np.zeros(h * w, dtype=np.uint32)
    runner.memcpy_d2h(done, steps_id, 0, 0, w, h, 1, streaming=False, data_type=f32, order=ROW,
                      nonblock=False)
    assert np.all(done == total), done
    print(f"{steps} steps: max |u| {np.abs(got).max():.6f}")
runner.stop()
print("SUCCESS!")
