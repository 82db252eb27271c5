#!/usr/bin/env cs_python
"""heat-stencil-1d: runs the explicit heat equation twice (continuing from the first
run's state) and compares every cell with a numpy reference of the same updates."""
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
width = int(params["width"])
cells = int(params["cells"])
n = width * cells

rng = np.random.default_rng(2024)
rod = rng.uniform(0.0, 100.0, size=n).astype(np.float32)
alpha = np.float32(0.23)
west_temp, east_temp = np.float32(10.0), np.float32(90.0)


def reference(u, steps):
    u = u.copy()
    for _ in range(steps):
        padded = np.concatenate(([west_temp], u, [east_temp])).astype(np.float32)
        lap = (padded[:-2] + padded[2:]).astype(np.float32)
        lap = (lap + padded[1:-1] * np.float32(-2.0)).astype(np.float32)
        u = (u + lap * alpha).astype(np.float32)
    return u


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
rod_id = runner.get_id("rod")
runner.load()
runner.run()

f32 = MemcpyDataType.MEMCPY_32BIT
runner.memcpy_h2d(rod_id, rod, 0, 0, width, 1, cells, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
runner.launch("simulate", np.uint16(7), alpha, west_temp, east_temp, nonblock=False)
after_first = np.zeros(n, dtype=np.float32)
runner.memcpy_d2h(after_first, rod_id, 0, 0, width, 1, cells, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
runner.launch("simulate", np.uint16(13), alpha, west_temp, east_temp, nonblock=False)
after_second = np.zeros(n, dtype=np.float32)
runner.memcpy_d2h(after_second, rod_id, 0, 0, width, 1, cells, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
runner.stop()

np.testing.assert_allclose(after_first, reference(rod, 7), rtol=1e-5, atol=1e-4)
np.testing.assert_allclose(after_second, reference(rod, 20), rtol=1e-5, atol=1e-4)
print("SUCCESS!")
