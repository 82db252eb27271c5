#!/usr/bin/env cs_python
"""thomas-row-pipeline: H rows x S tridiagonal systems of size W*T, solved twice (new
right-hand sides the second time, same matrices). numpy runs the same float32 Thomas
recurrences (den = b - a c'; c' = c / den; d' = (d - a d') / den; x = d' - c' x_next) in
the same order, so x is compared bit for bit; the residual of A x = d is printed as a
sanity figure. The per-PE wavelet and system counts are checked too."""
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
W, H, S, T = (int(params[k]) for k in ("W", "H", "S", "T"))
n = W * T
F32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
f32 = np.float32


def to_device(A):
    """A[y][s][n] -> flat [y][x][s][T] (ROW_MAJOR, T S values per PE)."""
    return A.reshape(H, S, W, T).transpose(0, 2, 1, 3).ravel()


def from_device(flat):
    return flat.reshape(H, W, S, T).transpose(0, 2, 1, 3).reshape(H, S, n)


def thomas(a, b, c, d):
    cp = np.zeros(n, f32)
    dp = np.zeros(n, f32)
    cpv, dpv = f32(0), f32(0)
    for i in range(n):
        den = f32(b[i] - f32(a[i] * cpv))
        cpv = f32(c[i] / den)
        dpv = f32(f32(d[i] - f32(a[i] * dpv)) / den)
        cp[i], dp[i] = cpv, dpv
    x = np.zeros(n, f32)
    xv = f32(0)
    for i in range(n - 1, -1, -1):
        xv = f32(dp[i] - f32(cp[i] * xv))
        x[i] = xv
    return x


rng = np.random.default_rng(31337)
a = rng.uniform(-1, 1, size=(H, S, n)).astype(f32)
c = rng.uniform(-1, 1, size=(H, S, n)).astype(f32)
b = (np.abs(a) + np.abs(c) + rng.uniform(0.5, 2.0, size=(H, S, n))).astype(f32)
b[::2] *= f32(-1)  # some rows negative-definite
a[:, :, 0] = 0
c[:, :, -1] = 0

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("a", "b", "c", "d", "x", "counts")}
runner.load()
runner.run()
for sym, A in (("a", a), ("b", b), ("c", c)):
    runner.memcpy_h2d(ids[sym], to_device(A), 0, 0, W, H, S * T, streaming=False, order=ROW,
                      data_type=F32, nonblock=False)
for launch in range(2):
    d = rng.uniform(-10, 10, size=(H, S, n)).astype(f32)
    runner.memcpy_h2d(ids["d"], to_device(d), 0, 0, W, H, S * T, streaming=False, order=ROW,
                      data_type=F32, nonblock=False)
    runner.launch("solve", nonblock=False)
    out = np.zeros(H * S * n, f32)
    runner.memcpy_d2h(out, ids["x"], 0, 0, W, H, S * T, streaming=False, order=ROW,
                      data_type=F32, nonblock=False)
    got = from_device(out)
    worst = 0.0
    for y in range(H):
        for s in range(S):
            ref = thomas(a[y, s], b[y, s], c[y, s], d[y, s])
            bad = np.flatnonzero(got[y, s].view(np.uint32) != ref.view(np.uint32))
            assert bad.size == 0, f"launch {launch}: row {y} system {s}: {bad.size} differ, " \
                f"first x[{bad[0]}] = {got[y, s, bad[0]]!r} vs {ref[bad[0]]!r}"
            Ax = b[y, s].astype(np.float64) * ref
            Ax[1:] += a[y, s, 1:] * ref[:-1]
            Ax[:-1] += c[y, s, :-1] * ref[1:]
            worst = max(worst, float(np.abs(Ax - d[y, s]).max()))
    print(f"launch {launch}: {H * S} systems of {n} equations match, max residual {worst:.2e}")

counts = np.zeros(W * H * 4, dtype=np.uint32)
runner.memcpy_d2h(counts, ids["counts"], 0, 0, W, H, 4, streaming=False, order=ROW,
                  data_type=F32, nonblock=False)
runner.stop()
counts = counts.reshape(H, W, 4)
expect = np.zeros((H, W, 4), dtype=np.uint32)
expect[:, 1:, 0] = 2 * 2 * S       # two launches, one (c', d') pair per system
expect[:, :-1, 1] = 2 * S          # one x per system
expect[:, :, 2] = expect[:, :, 3] = 2 * S
assert (counts == expect).all(), f"counts {counts.tolist()}"
print("SUCCESS!")
