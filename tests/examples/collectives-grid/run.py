#!/usr/bin/env cs_python
"""collectives-grid: broadcast, reduce and gather with roots inside the lines; two
launches with different weights, so the second also checks that state resets."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    p = {k: int(v) for k, v in json.load(f)["params"].items()}
w, h, n, piece = p["width"], p["height"], p["len"], p["piece"]
bcast_col, reduce_row, gather_col = p["bcast_col"], p["reduce_row"], p["gather_col"]

rng = np.random.default_rng(11)
row_vecs = rng.uniform(-1, 1, size=(h, n)).astype(np.float32)
f32 = MemcpyDataType.MEMCPY_32BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("vec", "weight", "scaled", "column_sum", "gathered")}
runner.load()
runner.run()


def read(sym, px, py, ww, hh, count):
    out = np.zeros(ww * hh * count, dtype=np.float32)
    runner.memcpy_d2h(out, ids[sym], px, py, ww, hh, count, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    return out.reshape(hh, ww, count)


# Only the broadcast root column gets each row's vector; the rest start from zeros.
runner.memcpy_h2d(ids["vec"], row_vecs.ravel(), bcast_col, 0, 1, h, n, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
for launch in range(2):
    weights = rng.uniform(0.5, 2.0, size=(h, w)).astype(np.float32)
    runner.memcpy_h2d(ids["weight"], weights.ravel(), 0, 0, w, h, 1, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=True)
    runner.launch("mix", nonblock=False)
    vec = read("vec", 0, 0, w, h, n)
    scaled = read("scaled", 0, 0, w, h, n)
    column_sum = read("column_sum", 0, reduce_row, w, 1, n)[0]
    gathered = read("gathered", gather_col, 0, 1, h, w * piece)[:, 0, :]

    np.testing.assert_array_equal(vec, np.broadcast_to(row_vecs[:, None, :], (h, w, n)))
    expected_scaled = (row_vecs[:, None, :] * weights[:, :, None]).astype(np.float32)
    np.testing.assert_array_equal(scaled, expected_scaled)
    np.testing.assert_allclose(column_sum, expected_scaled.sum(axis=0), rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(gathered, expected_scaled[:, :, :piece].reshape(h, w * piece))
runner.stop()
print("SUCCESS!")
