#!/usr/bin/env cs_python
"""complex-escape: escape counts and final radii for a grid of points, for two iteration
limits, compared with a float32 numpy model of the same operations."""
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
w, h, points = int(params["width"]), int(params["height"]), int(params["points"])

total = w * h * points
re = np.linspace(-2.0, 0.75, total, dtype=np.float32)
im = np.tile(np.linspace(-1.1, 1.1, 7, dtype=np.float32), total // 7 + 1)[:total]
plane = np.stack([re, im], axis=1).astype(np.float32)  # [pe-major point][2]


def model(limit):
    steps = np.zeros(total, dtype=np.uint32)
    radius = np.zeros(total, dtype=np.float32)
    for k in range(total):
        cr, ci = plane[k]
        zr, zi = np.float32(0), np.float32(0)
        n = 0
        while n < limit and zr * zr + zi * zi <= np.float32(4):
            zr, zi = zr * zr - zi * zi + cr, zr * zi + zi * zr + ci
            n += 1
        steps[k] = n
        radius[k] = np.sqrt(zr * zr + zi * zi)
    return steps, radius


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {name: runner.get_id(name) for name in ("plane", "steps", "radius")}
runner.load()
runner.run()
f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
runner.memcpy_h2d(ids["plane"], plane.ravel(), 0, 0, w, h, 2 * points, streaming=False,
                  order=row, data_type=f32, nonblock=False)
with np.errstate(over="ignore", invalid="ignore"):
    for limit in (3, 25):
        runner.launch("iterate", np.uint32(limit), nonblock=False)
        steps = np.zeros(total, dtype=np.uint32)
        radius = np.zeros(total, dtype=np.float32)
        runner.memcpy_d2h(steps, ids["steps"], 0, 0, w, h, points, streaming=False, order=row,
                          data_type=f32, nonblock=False)
        runner.memcpy_d2h(radius, ids["radius"], 0, 0, w, h, points, streaming=False,
                          order=row, data_type=f32, nonblock=False)
        want_steps, want_radius = model(limit)
        np.testing.assert_array_equal(steps, want_steps, err_msg=f"limit {limit}")
        np.testing.assert_allclose(radius, want_radius, rtol=2e-6, err_msg=f"limit {limit}")
        assert 0 < np.count_nonzero(want_steps < limit) < total  # some escape, some do not
runner.stop()
print("SUCCESS!")
