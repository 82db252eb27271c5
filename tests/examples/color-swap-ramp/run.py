#!/usr/bin/env cs_python
"""color-swap-ramp: four columns; the top PE of columns 0..2 and the bottom PE of column 3
send n values on color up. Column 0's sender sets both color swaps on up, so its own send
leaves as down, routed by down's config: the whole column receives on down. Columns 1 and
2 set one swap axis each: no swap, every PE receives on up. Column 3 swaps at the top as
the values arrive from the south: every PE receives them back on down. Values unchanged and
in order; two launches with different data."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width, height, n = 4, int(params["height"]), int(params["n"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
src_id = runner.get_id("src")
log_id = runner.get_id("log")
tally_id = runner.get_id("tally")
runner.load()
runner.run()

u32 = MemcpyDataType.MEMCPY_32BIT
rng = np.random.default_rng(5)
UP, DOWN = 0x10000, 0x20000
TAG = [DOWN, UP, UP, DOWN]  # per column: the color every PE receives on
for launch in range(2):
    data = rng.integers(0, 0x10000, size=(height, width, n), dtype=np.uint32)
    runner.memcpy_h2d(src_id, data.ravel(), 0, 0, width, height, n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
    runner.launch("start", nonblock=False)
    log = np.zeros(width * height * n, dtype=np.uint32)
    runner.memcpy_d2h(log, log_id, 0, 0, width, height, n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
    log = log.reshape(height, width, n)
    tally = np.zeros(width * height * 2, dtype=np.uint32)
    runner.memcpy_d2h(tally, tally_id, 0, 0, width, height, 2, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
    tally = tally.reshape(height, width, 2)
    for x in range(width):
        sender = height - 1 if x == 3 else 0
        for y in range(height):
            np.testing.assert_array_equal(log[y, x], data[sender, x] + TAG[x],
                                          err_msg=f"launch {launch}, PE ({x}, {y})")
            want = [0, n * (launch + 1)] if TAG[x] == DOWN else [n * (launch + 1), 0]
            assert list(tally[y, x]) == want, \
                f"launch {launch}, PE ({x}, {y}): tally {tally[y, x]} != {want}"
runner.stop()
print("SUCCESS!")
