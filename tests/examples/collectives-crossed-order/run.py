#!/usr/bin/env cs_python
"""collectives-crossed-order: row and column <collectives_2d> chains run at the same time on
every PE of a 3x3 grid, started in a PE-dependent order; checks the scattered-then-gathered
rows and the broadcast-then-reduced columns exactly."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port or unix:PATH of an appliance")
args = parser.parse_args()
with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["N"])
side = 3
rng = np.random.default_rng(13)
row_in = rng.integers(0, 60000, size=(side, side, side * n), dtype=np.uint32)
col_buf = rng.integers(-1000, 1000, size=(side, side, n)).astype(np.float32) / 8

u32 = MemcpyDataType.MEMCPY_32BIT
row_major = MemcpyOrder.ROW_MAJOR
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
runner.memcpy_h2d(runner.get_id("row_in"), row_in.ravel(), 0, 0, side, side, side * n,
                  streaming=False, order=row_major, data_type=u32, nonblock=False)
runner.memcpy_h2d(runner.get_id("col_buf"), col_buf.ravel(), 0, 0, side, side, n,
                  streaming=False, order=row_major, data_type=u32, nonblock=False)
runner.launch("start", nonblock=False)
row_out = np.zeros(side * side * side * n, dtype=np.uint32)
runner.memcpy_d2h(row_out, runner.get_id("row_out"), 0, 0, side, side, side * n,
                  streaming=False, order=row_major, data_type=u32, nonblock=False)
col_sum = np.zeros(side * side * n, dtype=np.float32)
runner.memcpy_d2h(col_sum, runner.get_id("col_sum"), 0, 0, side, side, n,
                  streaming=False, order=row_major, data_type=u32, nonblock=False)
runner.stop()
row_out = row_out.reshape(side, side, side * n)
col_sum = col_sum.reshape(side, side, n)

bad = 0
for y in range(side):
    # Chunk x of the row's first PE went to PE x, which added x before the
    # row's last PE gathered it into place x.
    want = row_in[y, 0].reshape(side, n) + np.arange(side, dtype=np.uint32)[:, None]
    if not np.array_equal(row_out[y, side - 1], want.ravel()):
        print(f"row {y}: gathered {row_out[y, side - 1][:6]}... expected {want.ravel()[:6]}...")
        bad += 1
for x in range(side):
    # The column's middle PE's col_buf, scaled by row + 1 on every PE; the sum order is the
    # library's (far PEs first), exact here since every value is a multiple of 1/8.
    want = sum(np.float32(y + 1) * col_buf[1, x] for y in range(side)).astype(np.float32)
    if not np.array_equal(col_sum[0, x], want):
        print(f"column {x}: sum {col_sum[0, x][:4]}... expected {want[:4]}...")
        bad += 1
if bad:
    raise SystemExit(f"FAILED: {bad} mismatches")
print("SUCCESS!")
