#!/usr/bin/env cs_python
"""star-stencil-r4: runs of radius-4 star stencil steps (7, 0, 10, 3 steps, so the
receive buffers' parity carries across launches) on 12x12 PEs; u in COL_MAJOR, back
ROW_MAJOR, against a float64 model."""
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
    """out[i] = u[i + d] along axis, zero outside."""
    out = np.zeros_like(u)
    n = u.shape[axis]
    src = [slice(None)] * 3
    dst = [slice(None)] * 3
    if d > 0:
        src[axis], dst[axis] = slice(d, n), slice(0, n - d)
    else:
        src[axis], dst[axis] = slice(0, n + d), slice(-d, n)
    out[tuple(dst)] = u[tuple(src)]
    return out


def model(u, steps, c):
    u = u.astype(np.float64)
    c = [float(v) for v in c]
    for _ in range(steps):
        nxt = c[0] * u
        for k in range(1, 5):
            nxt += c[k] * (shifted(u, 1, -k) + shifted(u, 1, k) + shifted(u, 0, -k) + shifted(u, 0, k))
        nxt += c[5] * (shifted(u, 2, -1) + shifted(u, 2, 1))
        u = nxt
    return u


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
u_id = runner.get_id("u")
runner.load()
runner.run()

rng = np.random.default_rng(25)
u = rng.uniform(0, 1, size=(h, w, nz)).astype(np.float32)
runner.memcpy_h2d(u_id, np.ascontiguousarray(u.transpose(2, 1, 0)).ravel(), 0, 0, w, h, nz,
                  streaming=False, data_type=f32, order=COL, nonblock=False)
for steps, c in ((7, (0.3, 0.06, 0.04, 0.03, 0.02, 0.05)), (0, (1, 0, 0, 0, 0, 0)),
                 (10, (0.4, 0.05, -0.02, 0.03, 0.01, 0.04)), (3, (0.5, 0.1, 0.0, 0.0, 0.02, 0.1))):
    c32 = [np.float32(v) for v in c]
    runner.launch("run", np.uint16(steps), *c32, nonblock=False)
    got = np.zeros(h * w * nz, dtype=np.float32)
    runner.memcpy_d2h(got, u_id, 0, 0, w, h, nz, streaming=False, data_type=f32, order=ROW,
                      nonblock=False)
    got = got.reshape(h, w, nz)
    np.testing.assert_allclose(got, model(u, steps, c32), rtol=1e-5, atol=1e-6,
                               err_msg=f"{steps} steps")
    u = got
    print(f"{steps} steps: mean {got.mean():.6f}")
runner.stop()
print("SUCCESS!")
