#!/usr/bin/env cs_python
"""color-swap-grid: a stream from (0, 0) on green then violet reaches every PE of the
block; color swap on every router flips the color as the source's CE sends it (both axes
set) and on each east or south hop, so PE (x, y) sees each half on the color it was sent on
when x + y is odd and on the partner color when even. Values stay unchanged and in order
per color. Two launches with different data."""
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
width, height, n = int(params["width"]), int(params["height"]), int(params["n"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
src_id = runner.get_id("src")
log_id = runner.get_id("log")
tally_id = runner.get_id("tally")
runner.load()
runner.run()

u32 = MemcpyDataType.MEMCPY_32BIT
rng = np.random.default_rng(14)
GREEN, VIOLET = 0x10000, 0x20000
for launch in range(2):
    data = rng.integers(0, 0x10000, size=2 * n, dtype=np.uint32)
    runner.memcpy_h2d(src_id, data, 0, 0, 1, 1, 2 * n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
    runner.launch("start", nonblock=False)
    log = np.zeros(width * height * 2 * n, dtype=np.uint32)
    runner.memcpy_d2h(log, log_id, 0, 0, width, height, 2 * n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
    log = log.reshape(height, width, 2 * n)
    tally = np.zeros(width * height * 2, dtype=np.uint32)
    runner.memcpy_d2h(tally, tally_id, 0, 0, width, height, 2, streaming=False,
                      order=MemcpyOrder.COL_MAJOR, data_type=u32, nonblock=False)
    tally = tally.reshape(2, width, height)  # COL_MAJOR: [k][x][y]
    for y in range(height):
        for x in range(width):
            # log[0..n) holds what came on green, log[n..2n) what came on violet.
            # an even number of hops plus the swap at the source's RAMP: the partner color
            even = (x + y) % 2 == 0
            on_green, on_violet = (data[n:], data[:n]) if even else (data[:n], data[n:])
            want = np.concatenate([on_green + GREEN, on_violet + VIOLET])
            np.testing.assert_array_equal(log[y, x], want,
                                          err_msg=f"launch {launch}, PE ({x}, {y})")
            want_tally = [n * (launch + 1)] * 2
            assert list(tally[:, x, y]) == want_tally, \
                f"launch {launch}, PE ({x}, {y}): tally {tally[:, x, y]} != {want_tally}"
runner.stop()
print("SUCCESS!")
