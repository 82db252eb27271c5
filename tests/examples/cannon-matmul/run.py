#!/usr/bin/env cs_python
"""cannon-matmul: loads skewed tiles, multiplies, and compares C with numpy; a second
multiply of the tiles left behind by the first (A and B are back in their skewed
places after P rounds) must give the same C."""
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
P, b = int(params["P"]), int(params["block"])
N = P * b
f32 = MemcpyDataType.MEMCPY_32BIT

rng = np.random.default_rng(17)
A = rng.uniform(-1, 1, size=(N, N)).astype(np.float32)
B = rng.uniform(-1, 1, size=(N, N)).astype(np.float32)


def tile(M, i, j):
    return M[i * b:(i + 1) * b, j * b:(j + 1) * b]


# PE (x=j, y=i) starts with A(i, i+j) and B(i+j, j); host arrays are [y][x][tile].
a_tiles = np.stack([np.stack([tile(A, i, (i + j) % P).ravel() for j in range(P)]) for i in range(P)])
b_tiles = np.stack([np.stack([tile(B, (i + j) % P, j).ravel() for j in range(P)]) for i in range(P)])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
a_id, b_id, c_id = (runner.get_id(s) for s in ("a_tile", "b_tile", "c_tile"))
runner.load()
runner.run()
for sym, data in ((a_id, a_tiles), (b_id, b_tiles)):
    runner.memcpy_h2d(sym, data.ravel(), 0, 0, P, P, b * b, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=True)

results = []
for _ in range(2):
    runner.launch("multiply", nonblock=False)
    c_tiles = np.zeros(P * P * b * b, dtype=np.float32)
    runner.memcpy_d2h(c_tiles, c_id, 0, 0, P, P, b * b, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    # [y][x][r][c] -> rows y*b + r, columns x*b + c
    results.append(c_tiles.reshape(P, P, b, b).transpose(0, 2, 1, 3).reshape(N, N))
runner.stop()

np.testing.assert_allclose(results[0], A @ B, rtol=1e-5, atol=1e-5)
np.testing.assert_array_equal(results[1], results[0])
print("SUCCESS!")
