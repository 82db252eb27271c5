#!/usr/bin/env cs_python
"""grid-mean-sync: each PE subtracts the mean of the whole grid's data, which it can only
know after every PE has contributed; checks the per-PE partials that went west and north,
the total everyone got and the centred data, over two launches."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port or unix:PATH of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width = int(params["width"])
height = int(params["height"])
n = 8

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
data_id = runner.get_id("data")
stats_id = runner.get_id("stats")
runner.load()
runner.run()

f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR


def read(symbol, per_pe):
    out = np.zeros(width * height * per_pe, dtype=np.float32)
    runner.memcpy_d2h(out, symbol, 0, 0, width, height, per_pe, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    return out.reshape(height, width, per_pe)


rng = np.random.default_rng(17)
data = rng.integers(-100, 100, size=(height, width, n)).astype(np.float32)
runner.memcpy_h2d(data_id, data.ravel(), 0, 0, width, height, n, streaming=False, order=row,
                  data_type=f32, nonblock=False)

expected = data.copy()
for launch, scale in enumerate((1, -2)):
    # The model adds in the PEs' order, in f32: after the first launch the data are no
    # longer integers, so the order matters.
    own = np.zeros((height, width), dtype=np.float32)
    for i in range(n):
        own = own + expected[:, :, i]
    partial = np.zeros((height, width), dtype=np.float32)
    partial[:, width - 1] = own[:, width - 1]
    for x in range(width - 2, -1, -1):
        partial[:, x] = own[:, x] + partial[:, x + 1]
    col_partial = partial[:, 0].copy()
    for y in range(height - 2, -1, -1):
        col_partial[y] = partial[y, 0] + col_partial[y + 1]
    partial[:, 0] = col_partial
    total = np.float32(col_partial[0])
    mean = total / np.float32(width * height)
    expected = (expected - mean) * np.float32(scale)

    runner.launch("center", np.int16(scale), nonblock=False)
    stats = read(stats_id, 4)
    np.testing.assert_array_equal(stats[:, :, 0], own, err_msg=f"own sums, launch {launch}")
    np.testing.assert_array_equal(stats[:, :, 1], partial, err_msg=f"partials, launch {launch}")
    np.testing.assert_array_equal(stats[:, :, 2], np.full((height, width), total),
                                  err_msg=f"totals, launch {launch}")
    np.testing.assert_array_equal(stats[:, :, 3], np.full((height, width), launch + 1))
    np.testing.assert_array_equal(read(data_id, n), expected, err_msg=f"data, launch {launch}")
runner.stop()
print("SUCCESS!")
