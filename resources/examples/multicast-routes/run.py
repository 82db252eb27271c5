#!/usr/bin/env cs_python
"""multicast-routes host script.

Writes a random `x` into every PE and random `weights` into the root PE (0,0),
launches start(), reads `product` back from every PE and checks that each PE
received the whole multicast: product == x * weights, element by element.
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
vec_len = int(params["vec_len"])

rng = np.random.default_rng(seed=1234)
weights = rng.uniform(-4.0, 4.0, size=vec_len).astype(np.float32)
# x[y, x_pe, i]: the order ROW_MAJOR memcpy expects (rows of PEs, then the
# PEs of a row, then each PE's own elements).
x = rng.uniform(-1.0, 1.0, size=(height, width, vec_len)).astype(np.float32)
expected = x * weights

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
weights_id = runner.get_id("weights")
x_id = runner.get_id("x")
product_id = runner.get_id("product")

runner.load()
runner.run()

# Only the root needs the weights: a 1x1 region at (0,0).
runner.memcpy_h2d(weights_id, weights, 0, 0, 1, 1, vec_len, streaming=False,
  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.memcpy_h2d(x_id, x.ravel(), 0, 0, width, height, vec_len, streaming=False,
  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)

runner.launch("start", nonblock=False)

product = np.zeros(width * height * vec_len, dtype=np.float32)
runner.memcpy_d2h(product, product_id, 0, 0, width, height, vec_len, streaming=False,
  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)

runner.stop()

np.testing.assert_allclose(product.reshape(height, width, vec_len), expected, rtol=1e-6, atol=0)
print("SUCCESS!")
