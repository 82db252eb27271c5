#!/usr/bin/env cs_python
"""power-stencil-10x8: power iterations of the 7-point Laplacian run on the device, the
iteration count passed by the launch. x goes in COL_MAJOR and comes back ROW_MAJOR,
the eigenvalue history (identical on every PE, as every PE receives the same relayed
totals) in COL_MAJOR, and each PE's <time> stamps show the longer run took longer."""
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
MAX_ITERS = 64
f32 = MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR


def apply(x):
    """A x for x indexed [y][x][z], zero outside the box."""
    y = 6.0 * x
    y[1:, :, :] -= x[:-1, :, :]
    y[:-1, :, :] -= x[1:, :, :]
    y[:, 1:, :] -= x[:, :-1, :]
    y[:, :-1, :] -= x[:, 1:, :]
    y[:, :, 1:] -= x[:, :, :-1]
    y[:, :, :-1] -= x[:, :, 1:]
    return y


def reference(x0, iters):
    x = x0.astype(np.float64)
    hist = []
    for _ in range(iters):
        y = apply(x)
        hist.append(float(np.sum(x * y)))
        x = y / np.sqrt(np.sum(y * y))
    return x, np.array(hist)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
x_id, hist_id, stamps_id = runner.get_id("x"), runner.get_id("hist"), runner.get_id("stamps")
runner.load()
runner.run()

rng = np.random.default_rng(11)
cycles = []
for iters in (9, 30):
    x0 = rng.uniform(0.1, 1.0, size=(h, w, nz))
    x0 = (x0 / np.linalg.norm(x0)).astype(np.float32)
    # COL_MAJOR: the PE's row index fastest, then its column, then the element.
    runner.memcpy_h2d(x_id, x0.transpose(2, 1, 0).ravel(), 0, 0, w, h, nz, streaming=False,
                      data_type=f32, order=COL, nonblock=True)
    runner.launch("run", np.uint16(iters), nonblock=False)
    xs = np.zeros(h * w * nz, dtype=np.float32)
    runner.memcpy_d2h(xs, x_id, 0, 0, w, h, nz, streaming=False, data_type=f32, order=ROW,
                      nonblock=False)
    hs = np.zeros(h * w * MAX_ITERS, dtype=np.float32)
    runner.memcpy_d2h(hs, hist_id, 0, 0, w, h, MAX_ITERS, streaming=False, data_type=f32,
                      order=COL, nonblock=False)
    st = np.zeros(h * w * 4, dtype=np.uint32)
    runner.memcpy_d2h(st, stamps_id, 0, 0, w, h, 4, streaming=False, data_type=f32, order=ROW,
                      nonblock=False)

    x_ref, hist_ref = reference(x0, iters)
    xs = xs.reshape(h, w, nz)
    np.testing.assert_allclose(xs, x_ref, rtol=2e-4, atol=2e-6)
    hs = hs.reshape(MAX_ITERS, w, h).transpose(2, 1, 0)[:, :, :iters]
    for yy in range(h):
        for xx in range(w):
            np.testing.assert_array_equal(hs[yy, xx], hs[0, 0], err_msg=f"PE ({xx},{yy}) history")
    np.testing.assert_allclose(hs[0, 0], hist_ref, rtol=1e-5)
    assert np.all(np.diff(hist_ref) > 0) and np.all(np.diff(hs[0, 0]) >= 0), hs[0, 0]
    st = st.reshape(h, w, 4).astype(np.uint64)
    t0 = st[:, :, 0] | (st[:, :, 1] << np.uint64(32))
    t1 = st[:, :, 2] | (st[:, :, 3] << np.uint64(32))
    assert np.all(t1 > t0), "end stamps must follow start stamps"
    span = int(np.max(t1) - np.min(t0))
    cycles.append(span)
    print(f"{iters} iterations: lambda {hs[0, 0, -1]:.6f} (reference {hist_ref[-1]:.6f}), "
          f"{span} cycles over the block")

runner.stop()
# Every iteration crosses the block twice (reduce, then relay), so cycles grow with it.
assert cycles[1] > cycles[0] * 2, cycles
assert cycles[0] > 9 * (w + h), cycles
print("SUCCESS!")
