#!/usr/bin/env cs_python
"""dense-power-c2d: power iterations of a dense symmetric matrix through <collectives_2d>
only (broadcast, reduce_fadds, gather, scatter with changing roles), two loads of the
loop with different counts. A goes in COL_MAJOR; x goes to (0,0) alone (a 1x1 ROI) and
to row 0 (a Px1 ROI); y comes back from column 0 (a 1xP ROI)."""
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
P, T = int(params["P"]), int(params["T"])
n = P * T
MAX_ITERS = 40
f32 = MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
rng = np.random.default_rng(8)

B = rng.normal(size=(n, n))
A = (B @ B.T / n + np.diag(np.linspace(0, 2, n))).astype(np.float32)
# blocks[y][x] = A[y T:(y+1) T, x T:(x+1) T], each row-major; COL_MAJOR host order.
blocks = A.reshape(P, T, P, T).transpose(0, 2, 1, 3).reshape(P, P, T * T)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("A", "xb", "yb", "xfull", "hist", "cycles")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["A"], blocks.transpose(2, 1, 0).ravel(), 0, 0, P, P, T * T,
                  streaming=False, data_type=f32, order=COL, nonblock=True)

spans = []
for iters in (6, 25):
    x0 = rng.uniform(0.5, 1.5, size=n)
    x0 = (x0 / np.linalg.norm(x0)).astype(np.float32)
    runner.memcpy_h2d(ids["xfull"], x0, 0, 0, 1, 1, n, streaming=False, data_type=f32,
                      order=ROW, nonblock=True)
    runner.memcpy_h2d(ids["xb"], x0, 0, 0, P, 1, T, streaming=False, data_type=f32,
                      order=ROW, nonblock=True)
    runner.launch("power", np.uint16(iters), nonblock=False)

    hist = np.zeros(MAX_ITERS, dtype=np.float32)
    runner.memcpy_d2h(hist, ids["hist"], 0, 0, 1, 1, MAX_ITERS, streaming=False, data_type=f32,
                      order=ROW, nonblock=False)
    xfull = np.zeros(n, dtype=np.float32)
    runner.memcpy_d2h(xfull, ids["xfull"], 0, 0, 1, 1, n, streaming=False, data_type=f32,
                      order=ROW, nonblock=False)
    xb = np.zeros(n, dtype=np.float32)
    runner.memcpy_d2h(xb, ids["xb"], 0, 0, P, 1, T, streaming=False, data_type=f32,
                      order=ROW, nonblock=False)
    yb = np.zeros(n, dtype=np.float32)
    runner.memcpy_d2h(yb, ids["yb"], 0, 0, 1, P, T, streaming=False, data_type=f32,
                      order=COL, nonblock=False)
    cyc = np.zeros(2, dtype=np.uint32)
    runner.memcpy_d2h(cyc, ids["cycles"], 0, 0, 1, 1, 2, streaming=False, data_type=f32,
                      order=ROW, nonblock=False)

    x = x0.astype(np.float64)
    ref_hist = []
    Ad = A.astype(np.float64)
    for _ in range(iters):
        y = Ad @ x
        ref_hist.append(x @ y)
        x = y / np.linalg.norm(y)
    np.testing.assert_allclose(hist[:iters], ref_hist, rtol=1e-5)
    np.testing.assert_allclose(xfull, x, rtol=1e-4, atol=1e-6)
    np.testing.assert_array_equal(xb, xfull, err_msg="row 0 must hold the scattered x")
    # COL_MAJOR over a 1xP ROI: element k of PE (0, y) at y + k P.
    yb = yb.reshape(T, P).T.ravel()
    np.testing.assert_allclose(yb, y, rtol=1e-4, atol=1e-6)
    spans.append(int(np.uint32(cyc[1] - cyc[0])))
    print(f"{iters} iterations: lambda {hist[iters - 1]:.6f} (reference {ref_hist[-1]:.6f}),"
          f" {spans[-1]} cycles")

runner.stop()
assert spans[1] > 3 * spans[0] > 0, spans
print("SUCCESS!")
