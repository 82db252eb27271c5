#!/usr/bin/env cs_python
"""stream-sinks: both H2D streams sent nonblocking at once, then `collect`; each PE's
kept wavelets and weighted sums compared with numpy."""
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
w, h = int(params["width"]), int(params["height"])
len_a, len_b = int(params["len_a"]), int(params["len_b"])
h2d_a, h2d_b = int(params["MEMCPYH2D_DATA_1_ID"]), int(params["MEMCPYH2D_DATA_2_ID"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {name: runner.get_id(name) for name in ("a", "b", "totals")}
runner.load()
runner.run()
f32 = MemcpyDataType.MEMCPY_32BIT
row, col = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR

rng = np.random.default_rng(31)
# Values that sum exactly in f32 in any order: multiples of 1/4 below 2^10.
a = (rng.integers(-400, 400, size=(h, w, len_a)) / 4).astype(np.float32)
b = (rng.integers(-400, 400, size=(h, w, len_b)) / 4).astype(np.float32)
sent_b = runner.memcpy_h2d(h2d_b, b.transpose(2, 1, 0).ravel(), 0, 0, w, h, len_b,
                           streaming=True, data_type=f32, order=col, nonblock=True)
sent_a = runner.memcpy_h2d(h2d_a, a.ravel(), 0, 0, w, h, len_a, streaming=True,
                           data_type=f32, order=row, nonblock=True)
runner.launch("collect", nonblock=False)
runner.task_wait(sent_a)
runner.task_wait(sent_b)


def read(name, per_pe):
    out = np.zeros(w * h * per_pe, dtype=np.float32)
    runner.memcpy_d2h(out, ids[name], 0, 0, w, h, per_pe, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    return out.reshape(h, w, per_pe)


np.testing.assert_array_equal(read("a", len_a), a)
np.testing.assert_array_equal(read("b", len_b), b)
totals = read("totals", 3)
runner.stop()
weight_b = np.arange(1, h + 1, dtype=np.float32)[:, None]
np.testing.assert_array_equal(totals[:, :, 0], a.sum(axis=2))
np.testing.assert_array_equal(totals[:, :, 1], b.sum(axis=2) * weight_b)
assert np.all((totals[:, :, 2] >= 0) & (totals[:, :, 2] <= 2))
print("SUCCESS!")
