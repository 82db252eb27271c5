#!/usr/bin/env cs_python
"""grid-reduce host script.

Gives every PE a slice of u and v and the root PE (0,0) the scalar alpha,
launches start(), and checks
  - every PE's partial == alpha * (its u . its v),
  - the root's total == the sum of all partials,
computed in f32 in the same order the device adds (see layout.csl): each row
sums from its east end toward column 0, then column 0 from the bottom up.
"""

import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder  # pylint: disable=no-name-in-module

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system; omit it for the simulator")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as json_file:
  params = json.load(json_file)["params"]
width = int(params["width"])
height = int(params["height"])
slice_len = int(params["slice_len"])

rng = np.random.default_rng(seed=2718)
alpha = np.array([1.5], dtype=np.float32)
u = rng.uniform(-1.0, 1.0, size=(height, width, slice_len)).astype(np.float32)
v = rng.uniform(-1.0, 1.0, size=(height, width, slice_len)).astype(np.float32)


def device_order_reference():
  """The partials and the total, added in the device's order, in f32."""
  partials = np.zeros((height, width), dtype=np.float32)
  for y in range(height):
    for x in range(width):
      dot = np.float32(0.0)
      for i in range(slice_len):
        dot = np.float32(dot + u[y, x, i] * v[y, x, i])
      partials[y, x] = alpha[0] * dot
  column_sum = np.float32(0.0)
  for y in reversed(range(height)):
    row_sum = partials[y, width - 1]
    for x in reversed(range(width - 1)):
      row_sum = np.float32(partials[y, x] + row_sum)
    column_sum = row_sum if y == height - 1 else np.float32(row_sum + column_sum)
  return partials, column_sum


expected_partials, expected_total = device_order_reference()

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
alpha_id = runner.get_id("alpha")
u_id = runner.get_id("u")
v_id = runner.get_id("v")
partial_id = runner.get_id("partial")
total_id = runner.get_id("total")

runner.load()
runner.run()

runner.memcpy_h2d(alpha_id, alpha, 0, 0, 1, 1, 1, streaming=False,
  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.memcpy_h2d(u_id, u.ravel(), 0, 0, width, height, slice_len, streaming=False,
  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.memcpy_h2d(v_id, v.ravel(), 0, 0, width, height, slice_len, streaming=False,
  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)

runner.launch("start", nonblock=False)

partials = np.zeros(width * height, dtype=np.float32)
runner.memcpy_d2h(partials, partial_id, 0, 0, width, height, 1, streaming=False,
  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
total = np.zeros(1, dtype=np.float32)
runner.memcpy_d2h(total, total_id, 0, 0, 1, 1, 1, streaming=False,
  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)

runner.stop()

# Same operations in the same order: only a different rounding of the
# products inside the dot products could make a difference.
np.testing.assert_allclose(partials.reshape(height, width), expected_partials, rtol=1e-5, atol=1e-6)
np.testing.assert_allclose(total[0], expected_total, rtol=1e-5, atol=1e-6)
print("SUCCESS!")
