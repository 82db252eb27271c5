#!/usr/bin/env cs_python
"""givens-qr-systolic: two least-squares problems (M x N A, b) through the systolic QR
array. R and Q^T b in the cells are compared with numpy repeating the same float32
operations (sqrt(r r + x x), r / h, x / h; c r + s x and c x - s r, each product rounded
before the sum). The divisions and products are IEEE, but <math> sqrt_f32 is only
promised within an ulp (docs/csl.md: Newton steps; one ulp off on about a quarter of
inputs), so the cells must agree within 1e-4 of each row's largest entry instead of bit
for bit. As sanity figures |R| is compared with np.linalg.qr and the solution of
R x = Q^T b with np.linalg.lstsq. Each cell must have taken M rows per launch; the idle
PEs none."""
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
M, N = int(params["M"]), int(params["N"])
F32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
f32 = np.float32


def systolic(Ab):
    rr = np.zeros((N, N + 1), f32)
    for k in range(M):
        x = Ab[k].copy()
        for i in range(N):
            xv = x[i]
            h = np.sqrt(f32(f32(rr[i, i] * rr[i, i]) + f32(xv * xv)))
            if h == 0:
                c, s = f32(1), f32(0)
            else:
                c, s = f32(rr[i, i] / h), f32(xv / h)
                rr[i, i] = h
            for j in range(i + 1, N + 1):
                xv, r0 = x[j], rr[i, j]
                rr[i, j] = f32(f32(c * r0) + f32(s * xv))
                x[j] = f32(f32(c * xv) - f32(s * r0))
    return rr


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
col_id, r_id = runner.get_id("col"), runner.get_id("r")
runner.load()
runner.run()
rng = np.random.default_rng(1618)
for launch in range(2):
    A = rng.uniform(-1, 1, size=(M, N)).astype(f32)
    if launch == 1:
        A[:, N - 1] = A[:, 0] + f32(1e-3) * A[:, N - 1]  # nearly dependent columns
        A[3] = 0  # a zero row: rotations with x = 0
    b = rng.uniform(-1, 1, size=M).astype(f32)
    Ab = np.hstack([A, b[:, None]]).astype(f32)
    runner.memcpy_h2d(col_id, np.ascontiguousarray(Ab.T).ravel(), 0, 0, N + 1, 1, M,
                      streaming=False, order=ROW, data_type=F32, nonblock=False)
    runner.launch("qr", nonblock=False)
    out = np.zeros((N + 1) * N * 2, f32)
    runner.memcpy_d2h(out, r_id, 0, 0, N + 1, N, 2, streaming=False, order=ROW, data_type=F32,
                      nonblock=False)
    out = out.reshape(N, N + 1, 2)
    got = np.triu(out[:, :, 0])
    ref = systolic(Ab)
    scale = np.abs(ref).max(axis=1, keepdims=True)
    dev = np.abs(got.astype(np.float64) - ref) / scale
    bad = np.argwhere(dev > 1e-4)
    assert bad.size == 0, f"launch {launch}: {len(bad)} cells differ, first (i, j) {bad[:4].tolist()}: " \
        f"{got[tuple(bad[0])]!r} vs {ref[tuple(bad[0])]!r}"
    same = int((got.view(np.uint32) == ref.view(np.uint32)).sum()) - N * (N - 1) // 2
    rows = np.where(np.arange(N + 1)[None, :] >= np.arange(N)[:, None], (launch + 1) * M, 0)
    assert (out[:, :, 1] == rows).all(), f"rows per cell {out[:, :, 1]}"
    R, Qtb = got[:, :N].astype(np.float64), got[:, N].astype(np.float64)
    R_np = np.linalg.qr(A.astype(np.float64), mode="r")
    assert np.allclose(np.abs(R), np.abs(R_np), atol=1e-4), np.abs(np.abs(R) - np.abs(R_np)).max()
    x = np.linalg.solve(R, Qtb)
    x_np = np.linalg.lstsq(A.astype(np.float64), b.astype(np.float64), rcond=None)[0]
    err = np.abs(x - x_np).max() / max(1.0, np.abs(x_np).max())
    assert err < (1e-4 if launch == 0 else 5e-1), err
    print(f"launch {launch}: R and Q^T b ({N}x{N + 1}) within {dev.max():.1e} of the replica "
          f"({same} of {N * (N + 3) // 2} bit for bit); least squares relative error {err:.1e}")

runner.stop()
print("SUCCESS!")
