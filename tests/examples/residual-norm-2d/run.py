#!/usr/bin/env cs_python
"""residual-norm-2d: r = b - A x on a tiled matrix, twice (a new x, same A and b). x goes
to every PE of a column with memcpy_h2d_colbcast, b only to column 0 (a sub-rectangle).
r is checked against numpy; the norms against the device's own r, combined in the order
the device combines them (sum of squares exactly in float32, maximum exactly)."""
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
PW, PH, m, n = (int(params[k]) for k in ("PW", "PH", "m", "n"))
M, N = PH * m, PW * n
f32 = MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR

rng = np.random.default_rng(99)
A = rng.uniform(-1.0, 1.0, size=(M, N)).astype(np.float32)
b = rng.uniform(-4.0, 4.0, size=M).astype(np.float32)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("A", "x", "b", "r", "norms")}
runner.load()
runner.run()

# Tile (px, py) column-major: tiles[py][px][j][i] = A[py*m + i, px*n + j].
tiles = A.reshape(PH, m, PW, n).transpose(0, 2, 3, 1)
runner.memcpy_h2d(ids["A"], tiles.ravel(), 0, 0, PW, PH, m * n, streaming=False,
                  order=ROW, data_type=f32, nonblock=False)
# Column 0 only, COL_MAJOR: flat[y + k*h] is element k of PE row y (b[y*m + k]).
runner.memcpy_h2d(ids["b"], b.reshape(PH, m).T.ravel(), 0, 0, 1, PH, m, streaming=False,
                  order=COL, data_type=f32, nonblock=False)

for trial in range(2):
    x = rng.uniform(-1.0, 1.0, size=N).astype(np.float32)
    # One row of n values per PE column, copied to every PE of that column.
    runner.memcpy_h2d_colbcast(ids["x"], x, 0, 0, PW, PH, n, streaming=False,
                               order=ROW, data_type=f32, nonblock=False)
    runner.launch("residual", nonblock=False)
    r = np.zeros(M, dtype=np.float32)
    runner.memcpy_d2h(r, ids["r"], 0, 0, 1, PH, m, streaming=False,
                      order=ROW, data_type=f32, nonblock=False)
    norms = np.zeros(3, dtype=np.float32)
    runner.memcpy_d2h(norms, ids["norms"], 0, 0, 1, 1, 3, streaming=False,
                      order=ROW, data_type=f32, nonblock=False)

    exact = b.astype(np.float64) - A.astype(np.float64) @ x.astype(np.float64)
    np.testing.assert_allclose(r, exact, rtol=1e-5, atol=1e-5, err_msg=f"trial {trial}: r")

    # Per PE of column 0: squares summed in index order; then south to north:
    # the PE at row y adds what came from y + 1 to its own.
    blocks = r.reshape(PH, m)
    squares = []
    for py in range(PH):
        acc = np.float32(0.0)
        for v in blocks[py]:
            acc = np.float32(acc + np.float32(v * v))
        squares.append(acc)
    total = squares[PH - 1]
    for py in range(PH - 2, -1, -1):
        total = np.float32(squares[py] + total)
    assert norms[2] == total, f"trial {trial}: sum of squares {norms[2]!r}, expected {total!r}"
    assert norms[1] == np.abs(r).max(), f"trial {trial}: |r|_inf {norms[1]!r}, expected {np.abs(r).max()!r}"
    np.testing.assert_allclose(norms[0], np.sqrt(np.float64(total)), rtol=2e-7,
                               err_msg=f"trial {trial}: |r|_2")
    np.testing.assert_allclose(norms[0], np.linalg.norm(exact), rtol=1e-5)
    print(f"trial {trial}: |r|_2 = {norms[0]:.6g}, |r|_inf = {norms[1]:.6g}")

runner.stop()
print("SUCCESS!")
