#!/usr/bin/env cs_python
"""switch-seesaw: blocks alternate west/east by a ring-mode switch in the sender's router;
three launches with an odd block count, so each launch starts on the side where the
previous one left the switch. Checks each receiver's data in arrival order and counts."""
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
blocks = int(params["blocks"])
blk = int(params["blk"])
assert blocks % 2 == 1, "the test needs an odd block count"

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
buf_id = runner.get_id("buf")
count_id = runner.get_id("count")
runner.load()
runner.run()

f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
size = blocks * blk
rng = np.random.default_rng(3)
position = 0  # the sender's switch: 0 = WEST, 1 = EAST
totals = {0: 0, 1: 0}
for launch in range(3):
    data = rng.uniform(0, 100, size=size).astype(np.float32)
    runner.memcpy_h2d(buf_id, data, 1, 0, 1, 1, size, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    expected = {0: [], 1: []}
    for b in range(blocks):
        expected[position].append(data[b * blk:(b + 1) * blk])
        position ^= 1  # SWITCH_ADV in ring mode
    west_blocks, east_blocks = len(expected[0]), len(expected[1])
    runner.launch("send", np.uint16(west_blocks), np.uint16(east_blocks), nonblock=False)
    for side, x in ((0, 0), (1, 2)):
        n = len(expected[side]) * blk
        got = np.zeros(size, dtype=np.float32)
        runner.memcpy_d2h(got, buf_id, x, 0, 1, 1, size, streaming=False, order=row,
                          data_type=f32, nonblock=False)
        np.testing.assert_array_equal(got[:n], np.concatenate(expected[side]),
                                      err_msg=f"launch {launch}, receiver x={x}")
        totals[side] += n
    counts = np.zeros(3, dtype=np.uint32)
    runner.memcpy_d2h(counts, count_id, 0, 0, 3, 1, 1, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    np.testing.assert_array_equal(counts, [totals[0], blocks * (launch + 1), totals[1]],
                                  err_msg=f"counts after launch {launch}")
runner.stop()
print("SUCCESS!")
