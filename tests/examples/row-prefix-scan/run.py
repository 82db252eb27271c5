#!/usr/bin/env cs_python
"""row-prefix-scan: random u32 rows (large enough to wrap), scanned twice: the second
scan runs over the first one's output, so it also checks that the carry path resets."""
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
width, height, chunk = int(params["width"]), int(params["height"]), int(params["chunk"])

rng = np.random.default_rng(99)
rows = rng.integers(0, 2**31, size=(height, width * chunk), dtype=np.uint32)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
seq_id = runner.get_id("seq")
total_id = runner.get_id("row_total")
runner.load()
runner.run()

u32 = MemcpyDataType.MEMCPY_32BIT
# rows[y] is row y's sequence in order, i.e. A[h][w][chunk] ROW_MAJOR as it is.
runner.memcpy_h2d(seq_id, rows.ravel(), 0, 0, width, height, chunk, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=True)
runner.launch("scan", nonblock=True)
once = np.zeros(height * width * chunk, dtype=np.uint32)
runner.memcpy_d2h(once, seq_id, 0, 0, width, height, chunk, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
runner.launch("scan", nonblock=False)
twice = np.zeros_like(once)
runner.memcpy_d2h(twice, seq_id, 0, 0, width, height, chunk, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
# Only the last column holds a row total.
totals = np.zeros(height, dtype=np.uint32)
runner.memcpy_d2h(totals, total_id, width - 1, 0, 1, height, 1, streaming=False,
                  order=MemcpyOrder.COL_MAJOR, data_type=u32, nonblock=False)
runner.stop()

expected_once = np.cumsum(rows, axis=1, dtype=np.uint32)
expected_twice = np.cumsum(expected_once, axis=1, dtype=np.uint32)
np.testing.assert_array_equal(once.reshape(height, -1), expected_once)
np.testing.assert_array_equal(twice.reshape(height, -1), expected_twice)
np.testing.assert_array_equal(totals, expected_twice[:, -1])
print("SUCCESS!")
