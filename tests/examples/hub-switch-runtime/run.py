#!/usr/bin/env cs_python
"""hub-switch-runtime: six launches, each with its own order of the four spokes and
ring mode; spoke order[k] must get block k, every spoke must have taken one
block per launch and found its queue empty afterwards."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    blk = int(json.load(f)["params"]["blk"])

B32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
SPOKES = {0: (1, 0), 1: (2, 1), 2: (1, 2), 3: (0, 1)}   # north, east, south, west of (1, 1)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("blocks", "got", "stats")}
runner.load()
runner.run()


def read(sym, x, y, count, dtype):
    out = np.zeros(count, dtype=dtype)
    runner.memcpy_d2h(out, ids[sym], x, y, 1, 1, count, streaming=False, order=ROW,
                      data_type=B32, nonblock=False)
    return out


rng = np.random.default_rng(5)
# (order of spokes, ring mode): a launch after one without ring mode starts
# with its switch at position 3 and must clear it.
launches = [
    ((0, 1, 2, 3), 1),
    ((3, 2, 1, 0), 0),
    ((2, 0, 3, 1), 1),
    ((1, 3, 0, 2), 1),
    ((0, 2, 1, 3), 0),
    ((3, 1, 2, 0), 0),
]
for n, (order, ring) in enumerate(launches, start=1):
    blocks = rng.uniform(-10, 10, size=(4, blk)).astype(np.float32)
    runner.memcpy_h2d(ids["blocks"], blocks.ravel(), 1, 1, 1, 1, 4 * blk, streaming=False,
                      order=ROW, data_type=B32, nonblock=False)
    runner.launch("deal", *(np.uint16(s) for s in order), np.uint16(ring),
                  nonblock=False)
    for k, spoke in enumerate(order):
        x, y = SPOKES[spoke]
        np.testing.assert_array_equal(read("got", x, y, blk, np.float32), blocks[k],
                                      err_msg=f"launch {n} {order}: block {k} at spoke {spoke}")
        stats = read("stats", x, y, 2, np.uint32)
        assert stats.tolist() == [n, n], f"launch {n}: spoke {spoke} stats {stats.tolist()}"
    assert read("stats", 1, 1, 2, np.uint32)[0] == n
    print(f"launch {n}: order {order} ring {ring}: ok")
runner.stop()
print("SUCCESS!")
