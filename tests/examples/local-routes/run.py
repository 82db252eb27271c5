#!/usr/bin/env cs_python
"""local-routes: two runs down and up the column with different scales; every PE's copy
of the total compared with numpy."""
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
height, length = int(params["height"]), int(params["len"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
mine_id = runner.get_id("mine")
total_id = runner.get_id("total")
runner.load()
runner.run()
f32 = MemcpyDataType.MEMCPY_32BIT

rng = np.random.default_rng(3)
mine = rng.integers(-50, 50, size=(height, length)).astype(np.float32)
runner.memcpy_h2d(mine_id, mine.ravel(), 0, 0, 1, height, length, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
for scale in (np.float32(1.0), np.float32(0.5)):
    runner.launch("run", scale, nonblock=False)
    total = (mine * scale).sum(axis=0).astype(np.float32)  # exact: halves of small ints
    got = np.zeros(height * length, dtype=np.float32)
    runner.memcpy_d2h(got, total_id, 0, 0, 1, height, length, streaming=False,
                      order=MemcpyOrder.COL_MAJOR, data_type=f32, nonblock=False)
    # COL_MAJOR: flat[y + k*height]
    np.testing.assert_array_equal(got.reshape(length, height).T, np.tile(total, (height, 1)))
runner.stop()
print("SUCCESS!")
