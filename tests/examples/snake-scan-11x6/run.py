#!/usr/bin/env cs_python
"""snake-scan-11x6: an inclusive prefix sum of per-PE vectors along a snake (row 0 east,
row 1 west, ...) through the block. The geometry comes from out.json; each PE's rank (a
16-bit export) and its running sum are checked with numpy in the order the snake runs."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width, height, length = int(params["width"]), int(params["height"]), int(params["len"])

# The snake's (y, x) cells in chain order.
order = [(y, x if y % 2 == 0 else width - 1 - x) for y in range(height) for x in range(width)]
expected_rank = np.zeros((height, width), dtype=np.int16)
for k, (y, x) in enumerate(order):
    expected_rank[y, x] = k

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
own_id, acc_id, rank_id = runner.get_id("own"), runner.get_id("acc"), runner.get_id("rank")
runner.load()
runner.run()

f32 = MemcpyDataType.MEMCPY_32BIT
f16 = MemcpyDataType.MEMCPY_16BIT
ranks = np.zeros(height * width, dtype=np.uint32)
runner.memcpy_d2h(ranks, rank_id, 0, 0, width, height, 1, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f16, nonblock=False)
np.testing.assert_array_equal(memcpy_view(ranks, np.dtype(np.int16)).reshape(height, width),
                              expected_rank)

rng = np.random.default_rng(611)
for round_ in range(2):
    # Small integers keep every f32 partial sum exact, whatever the order of additions.
    own = rng.integers(-50, 50, size=(height, width, length)).astype(np.float32)
    runner.memcpy_h2d(own_id, own.ravel(), 0, 0, width, height, length, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    runner.launch("scan", nonblock=False)
    got = np.zeros(height * width * length, dtype=np.float32)
    runner.memcpy_d2h(got, acc_id, 0, 0, width, height, length, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    got = got.reshape(height, width, length)
    running = np.zeros(length, dtype=np.float32)
    for k, (y, x) in enumerate(order):
        running = running + own[y, x]
        np.testing.assert_array_equal(got[y, x], running, err_msg=f"round {round_}, rank {k}")

runner.stop()
print("SUCCESS!")
