#!/usr/bin/env cs_python
"""jacobi-2d: a hot square in a cold plate, diffused in two launches; every cell is
compared with a numpy model doing the same f32 operations in the same order."""
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
PW, PH, T = int(params["PW"]), int(params["PH"]), int(params["tile"])
NY, NX = PH * T, PW * T
f32 = MemcpyDataType.MEMCPY_32BIT

grid = np.zeros((NY, NX), dtype=np.float32)
grid[NY // 3:NY // 3 + 3, NX // 4:NX // 4 + 5] = 100.0
grid += np.random.default_rng(8).uniform(0, 1, size=grid.shape).astype(np.float32)
alpha = np.float32(0.2)


def model(g, steps):
    for _ in range(steps):
        p = np.pad(g, 1)
        lap = (p[1:-1, :-2] + p[1:-1, 2:]).astype(np.float32)
        lap = (lap + p[:-2, 1:-1]).astype(np.float32)
        lap = (lap + p[2:, 1:-1]).astype(np.float32)
        lap = (lap + g * np.float32(-4.0)).astype(np.float32)
        g = (g + lap * alpha).astype(np.float32)
    return g


def to_tiles(g):   # [NY][NX] -> [PH][PW][T*T]
    return g.reshape(PH, T, PW, T).transpose(0, 2, 1, 3).reshape(PH, PW, T * T)


def from_tiles(t):
    return t.reshape(PH, PW, T, T).transpose(0, 2, 1, 3).reshape(NY, NX)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
cells_id = runner.get_id("cells")
runner.load()
runner.run()
runner.memcpy_h2d(cells_id, to_tiles(grid).ravel(), 0, 0, PW, PH, T * T, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
results = []
for steps in (5, 9):
    runner.launch("diffuse", np.uint16(steps), alpha, nonblock=False)
    out = np.zeros(PW * PH * T * T, dtype=np.float32)
    runner.memcpy_d2h(out, cells_id, 0, 0, PW, PH, T * T, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    results.append(from_tiles(out))
runner.stop()

np.testing.assert_allclose(results[0], model(grid, 5), rtol=1e-5, atol=1e-5)
np.testing.assert_allclose(results[1], model(grid, 14), rtol=1e-5, atol=1e-5)
print("SUCCESS!")
