#!/usr/bin/env cs_python
"""comptime-mesh: three neighbour-sum exchanges on the block; values, wavelet counts and
neighbour flags compared with numpy after each."""
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
width, height = int(params["width"]), int(params["height"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
value_id = runner.get_id("value")
heard_id = runner.get_id("heard")
runner.load()
runner.run()
b32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR

rng = np.random.default_rng(5)
value = rng.integers(0, 1000, size=(height, width)).astype(np.uint32)
runner.memcpy_h2d(value_id, value.ravel(), 0, 0, width, height, 1, streaming=False, order=row,
                  data_type=b32, nonblock=False)

yy, xx = np.mgrid[0:height, 0:width]
west, east, north, south = xx > 0, xx + 1 < width, yy > 0, yy + 1 < height
edge = ~(west & east & north & south)
horiz_count = west.astype(np.uint32) + east
vert_count = north.astype(np.uint32) + south
flags = (west * 1 + east * 2 + north * 4 + south * 8).astype(np.uint32)

for launch, bonus in enumerate((7, 0, 123456), start=1):
    runner.launch("exchange", np.uint32(bonus), nonblock=False)
    padded = np.zeros((height + 2, width + 2), dtype=np.uint64)
    padded[1:-1, 1:-1] = value
    total = value + padded[1:-1, :-2] + padded[1:-1, 2:] + padded[:-2, 1:-1] + padded[2:, 1:-1]
    value = ((total + edge * bonus) % 2**32).astype(np.uint32)
    got = np.zeros(width * height, dtype=np.uint32)
    runner.memcpy_d2h(got, value_id, 0, 0, width, height, 1, streaming=False, order=row,
                      data_type=b32, nonblock=False)
    np.testing.assert_array_equal(got.reshape(height, width), value, err_msg=f"launch {launch}")
    heard = np.zeros(width * height * 3, dtype=np.uint32)
    runner.memcpy_d2h(heard, heard_id, 0, 0, width, height, 3, streaming=False, order=row,
                      data_type=b32, nonblock=False)
    heard = heard.reshape(height, width, 3)
    np.testing.assert_array_equal(heard[:, :, 0], horiz_count * launch)
    np.testing.assert_array_equal(heard[:, :, 1], vert_count * launch)
    np.testing.assert_array_equal(heard[:, :, 2], flags)
runner.stop()
print("SUCCESS!")
