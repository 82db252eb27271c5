#!/usr/bin/env cs_python
"""dsr-walker: three matvec launches with different used-column counts and pick strides;
y (partial sums accumulated west to east) and the picked elements compared with numpy."""
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
width, rows, cols = int(params["width"]), int(params["rows"]), int(params["cols"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {name: runner.get_id(name) for name in ("A", "x", "y", "picked")}
runner.load()
runner.run()
f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR

rng = np.random.default_rng(12)
# Small integers: every sum is exact in f32 whatever the order.
A = rng.integers(-8, 8, size=(rows, width * cols)).astype(np.float32)
x = rng.integers(-8, 8, size=width * cols).astype(np.float32)
# PE p holds columns p*cols .. p*cols+cols-1, column-major.
blocks = A.reshape(rows, width, cols).transpose(1, 2, 0)  # [pe][col][row]
runner.memcpy_h2d(ids["A"], blocks.ravel(), 0, 0, width, 1, cols * rows, streaming=False,
                  order=row, data_type=f32, nonblock=False)
runner.memcpy_h2d(ids["x"], x, 0, 0, width, 1, cols, streaming=False, order=row,
                  data_type=f32, nonblock=False)


def read(name):
    out = np.zeros(width * rows, dtype=np.float32)
    runner.memcpy_d2h(out, ids[name], 0, 0, width, 1, rows, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    return out.reshape(width, rows)


picked = np.zeros((width, rows), dtype=np.float32)
for used, step, count in ((cols, 1, rows), (2, 3, (rows + 2) // 3), (1, 2, 2)):
    runner.launch("matvec", np.uint16(used), np.uint16(step), np.uint16(count), nonblock=False)
    partial = np.einsum("pcr,pc->pr", blocks[:, :used, :], x.reshape(width, cols)[:, :used])
    y = np.cumsum(partial, axis=0).astype(np.float32)
    np.testing.assert_array_equal(read("y"), y, err_msg=f"y, used={used}")
    picked[:, :count] = y[:, ::step][:, :count]
    np.testing.assert_array_equal(read("picked"), picked, err_msg=f"picked, step={step}")
runner.stop()
print("SUCCESS!")
