#!/usr/bin/env cs_python
"""wide-grid-reduce: sums a vector over a 32 x 16 block twice (a second launch with a
new scale on fresh data), checks every row sum and the total against numpy sums taken
in the fabric's order, and checks that the run stays fast."""
import argparse
import json
import time

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    compile_data = json.load(f)
params = compile_data["params"]
width, height, n = int(params["width"]), int(params["height"]), int(params["n"])
# The colors given with --colors are reported beside the params.
colors = compile_data["colors"]
assert [int(colors[c]) for c in ("row_even", "row_odd", "col_even", "col_odd")] == [1, 2, 3, 4], colors

f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR


def reference(vals, scale):
    """Row sums and total in the order the pipelines add (east end first)."""
    scaled = (vals * np.float32(scale)).astype(np.float32)
    rows = np.zeros((height, n), dtype=np.float32)
    for y in range(height):
        acc = scaled[y, width - 1].copy()
        for x in range(width - 2, -1, -1):
            acc = (acc + scaled[y, x]).astype(np.float32)
        rows[y] = acc
    acc = rows[height - 1].copy()
    for y in range(height - 2, -1, -1):
        acc = (acc + rows[y]).astype(np.float32)
    return rows, acc


started = time.monotonic()
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vals_id, rowsum_id, total_id = runner.get_id("vals"), runner.get_id("rowsum"), runner.get_id("total")
runner.load()
runner.run()

rng = np.random.default_rng(3216)
for scale in (1.0, -0.5):
    vals = rng.uniform(-4.0, 4.0, size=(height, width, n)).astype(np.float32)
    runner.memcpy_h2d(vals_id, vals.ravel(), 0, 0, width, height, n, streaming=False,
                      order=ROW, data_type=f32, nonblock=True)
    runner.launch("reduce", np.float32(scale), nonblock=False)
    rows = np.zeros(height * n, dtype=np.float32)
    runner.memcpy_d2h(rows, rowsum_id, 0, 0, 1, height, n, streaming=False,
                      order=ROW, data_type=f32, nonblock=False)
    total = np.zeros(n, dtype=np.float32)
    runner.memcpy_d2h(total, total_id, 0, 0, 1, 1, n, streaming=False,
                      order=ROW, data_type=f32, nonblock=False)
    want_rows, want_total = reference(vals, scale)
    np.testing.assert_allclose(rows.reshape(height, n), want_rows, rtol=1e-6, atol=1e-5)
    np.testing.assert_allclose(total, want_total, rtol=1e-6, atol=1e-5)
runner.stop()

elapsed = time.monotonic() - started
print(f"512 PEs, two reductions: {elapsed:.2f} s")
assert elapsed < 5.0, f"the run took {elapsed:.2f} s"
print("SUCCESS!")
