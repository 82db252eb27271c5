#!/usr/bin/env cs_python
"""column-switch-gather: three rounds of a switch-driven gather up every column; the
top row's gathered vectors must arrive in row order (the switches were reset by the last
round) and its weighted sums match numpy. The geometry comes from out.json."""
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
width, height, n = int(params["width"]), int(params["height"]), int(params["n"])

weights = np.array([[(y + 1) * (x % 3 - 1) + 0.25 * y for x in range(width)]
                    for y in range(height)], dtype=np.float32)  # [y][x]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vec_id, colsum_id, gathered_id = (runner.get_id(s) for s in ("vec", "colsum", "gathered"))
runner.load()
runner.run()

f32 = MemcpyDataType.MEMCPY_32BIT
rng = np.random.default_rng(75)
for round_ in range(3):
    vec = rng.integers(-20, 20, size=(height, width, n)).astype(np.float32)
    runner.memcpy_h2d(vec_id, vec.ravel(), 0, 0, width, height, n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    runner.launch("gather", nonblock=False)

    gathered = np.zeros(width * (height - 1) * n, dtype=np.float32)
    runner.memcpy_d2h(gathered, gathered_id, 0, 0, width, 1, (height - 1) * n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    gathered = gathered.reshape(width, height - 1, n)
    for x in range(width):
        np.testing.assert_array_equal(gathered[x], vec[1:, x, :],
                                      err_msg=f"round {round_}, column {x}: gather order")

    colsum = np.zeros(width * (n + 1), dtype=np.float32)
    runner.memcpy_d2h(colsum, colsum_id, 0, 0, width, 1, n + 1, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    colsum = colsum.reshape(width, n + 1)
    # Integers times quarter-multiples: every partial sum is exact in f32.
    expected = np.einsum("yx,yxj->xj", weights, vec)
    np.testing.assert_array_equal(colsum[:, :n], expected, err_msg=f"round {round_}")
    np.testing.assert_array_equal(colsum[:, n], weights.sum(axis=0))

runner.stop()
print("SUCCESS!")
