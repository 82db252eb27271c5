#!/usr/bin/env cs_python
"""wse3-dual-pipeline: row and column pipelines at once on run-time microthreads; the east
column's rsum and the south row's csum must equal float32 sums in pipeline order (bit for
bit), four sweeps with different microthread pairs and fresh vectors."""
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
w, h, n = int(params["width"]), int(params["height"]), int(params["n"])
f32 = MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
rng = np.random.default_rng(9)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("rowv", "colv", "rsum", "csum")}
runner.load()
runner.run()

for row_ut, col_ut in ((1, 2), (7, 3), (4, 6), (2, 1)):
    rowv = rng.uniform(-2, 2, size=(h, w, n)).astype(np.float32)
    colv = rng.uniform(-2, 2, size=(h, w, n)).astype(np.float32)
    runner.memcpy_h2d(ids["rowv"], rowv.ravel(), 0, 0, w, h, n, streaming=False, data_type=f32,
                      order=ROW, nonblock=True)
    runner.memcpy_h2d(ids["colv"], np.ascontiguousarray(colv.transpose(2, 1, 0)).ravel(), 0, 0,
                      w, h, n, streaming=False, data_type=f32, order=COL, nonblock=True)
    runner.launch("sweep", np.uint16(row_ut), np.uint16(col_ut), nonblock=False)
    rs = np.zeros(h * n, np.float32)      # the east column: a 1 x h rectangle
    runner.memcpy_d2h(rs, ids["rsum"], w - 1, 0, 1, h, n, streaming=False, data_type=f32,
                      order=ROW, nonblock=False)
    cs = np.zeros(w * n, np.float32)      # the south row: a w x 1 rectangle
    runner.memcpy_d2h(cs, ids["csum"], 0, h - 1, w, 1, n, streaming=False, data_type=f32,
                      order=COL, nonblock=False)
    want_r = rowv[:, 0, :].copy()
    for x in range(1, w):
        want_r = (want_r + rowv[:, x, :]).astype(np.float32)
    want_c = colv[0, :, :].copy()
    for y in range(1, h):
        want_c = (want_c + colv[y, :, :]).astype(np.float32)
    np.testing.assert_array_equal(rs.reshape(h, n), want_r, err_msg=f"row sums, uts {row_ut},{col_ut}")
    np.testing.assert_array_equal(cs.reshape(n, w).T, want_c, err_msg=f"column sums, uts {row_ut},{col_ut}")
    print(f"uts ({row_ut}, {col_ut}): row and column sums match")
runner.stop()
print("SUCCESS!")
