#!/usr/bin/env cs_python
"""sentinel-tree: two reductions with different stream lengths per PE (zero-length
streams included, so a receive can end before its first data wavelet); checks every
node's own sum, what it received from each child, and its subtree total."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    max_vals = int(json.load(f)["params"]["max_vals"])
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

# children[(x, y)] = [(slot, child)]; slots 1..4 are west, east, north, south.
children = {(1, 0): [(1, (0, 0)), (2, (2, 0))],
            (1, 2): [(1, (0, 2)), (2, (2, 2))],
            (1, 1): [(1, (0, 1)), (2, (2, 1)), (3, (1, 0)), (4, (1, 2))]}


def expected(vals, counts):
    sums = np.zeros((3, 3, 6), dtype=np.float64)

    def subtree(x, y):
        sums[y, x, 0] = vals[y, x, :counts[y, x]].sum()
        for slot, (cx, cy) in children.get((x, y), []):
            if (cx, cy) in children:
                sums[y, x, slot] = subtree(cx, cy)
            else:
                sums[y, x, slot] = vals[cy, cx, :counts[cy, cx]].sum()
                subtree(cx, cy)
        sums[y, x, 5] = sums[y, x, :5].sum()
        return sums[y, x, 5]

    subtree(1, 1)
    return sums.astype(np.float32)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vals_id, count_id, sums_id = runner.get_id("vals"), runner.get_id("count"), runner.get_id("sums")
runner.load()
runner.run()

rng = np.random.default_rng(77)
for counts in (np.array([[3, 5, 0], [24, 1, 7], [0, 2, 11]], dtype=np.uint32),
               rng.integers(0, max_vals + 1, size=(3, 3)).astype(np.uint32)):
    # Small integers: every order of addition gives the same f32 sums.
    vals = rng.integers(-50, 50, size=(3, 3, max_vals)).astype(np.float32)
    runner.memcpy_h2d(vals_id, vals.ravel(), 0, 0, 3, 3, max_vals, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    runner.memcpy_h2d(count_id, counts.ravel(), 0, 0, 3, 3, 1, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    runner.launch("reduce", nonblock=False)
    sums = np.zeros(3 * 3 * 6, dtype=np.float32)
    runner.memcpy_d2h(sums, sums_id, 0, 0, 3, 3, 6, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    np.testing.assert_array_equal(sums.reshape(3, 3, 6), expected(vals, counts))
runner.stop()
print("SUCCESS!")
