#!/usr/bin/env cs_python
"""halo-queue-reuse: two diffusion runs (the second continues from the first) on k
independent grids, compared with a float32 model that adds in the device's order:
lap = -4u + E + W + S + N, then u + rate * lap (one fused multiply-add, modelled in
float64 and rounded once)."""
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
width, height, k = int(params["width"]), int(params["height"]), int(params["k"])
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR


def model(u, rate, steps):
    """u[y][x][k]; zero outside the block."""
    u = u.copy()
    for _ in range(steps):
        pad = np.pad(u, ((1, 1), (1, 1), (0, 0)))
        east, west = pad[1:-1, 2:], pad[1:-1, :-2]
        south, north = pad[2:, 1:-1], pad[:-2, 1:-1]
        lap = (u * np.float32(-4.0)).astype(np.float32)
        for side in (east, west, south, north):
            lap = (lap + side).astype(np.float32)
        u = (u.astype(np.float64) + lap.astype(np.float64) * np.float64(rate)).astype(np.float32)
    return u


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
u_id = runner.get_id("u")
runner.load()
runner.run()

rng = np.random.default_rng(3)
u0 = rng.uniform(0.0, 10.0, size=(height, width, k)).astype(np.float32)
runner.memcpy_h2d(u_id, u0.ravel(), 0, 0, width, height, k, streaming=False,
                  order=ROW, data_type=f32, nonblock=False)
rate = np.float32(0.15)
expected = u0
for steps in (3, 8):
    runner.launch("diffuse", np.uint16(steps), rate, nonblock=False)
    got = np.zeros(width * height * k, dtype=np.float32)
    runner.memcpy_d2h(got, u_id, 0, 0, width, height, k, streaming=False,
                      order=ROW, data_type=f32, nonblock=False)
    expected = model(expected, rate, steps)
    np.testing.assert_array_equal(got.reshape(height, width, k), expected,
                                  err_msg=f"after {steps} more steps")
runner.stop()
print("SUCCESS!")
