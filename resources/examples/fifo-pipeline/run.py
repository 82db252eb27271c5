#!/usr/bin/env cs_python
"""fifo-pipeline host script.

Streams `count` values into stage 0 and reads `count` values out of the last
stage; checks them against the same pipeline computed with numpy: every
stage s maps x to 2 * x + (s + 1).
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
stages = int(params["width"])
count = int(params["count"])
h2d_color = int(params["MEMCPYH2D_DATA_1_ID"])
d2h_color = int(params["MEMCPYD2H_DATA_1_ID"])

rng = np.random.default_rng(seed=7)
values = rng.uniform(-10.0, 10.0, size=count).astype(np.float32)

expected = values.copy()
for s in range(stages):
  # The device multiplies, rounds to f32, then adds: do the same here.
  expected = (expected * np.float32(2.0)).astype(np.float32) + np.float32(s + 1)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()

# The FIFOs can hold the whole stream, so the host may finish sending before
# it starts reading; nonblock=True lets a runtime overlap the two anyway.
runner.memcpy_h2d(h2d_color, values, 0, 0, 1, 1, count, streaming=True,
  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=True)

result = np.zeros(count, dtype=np.float32)
runner.memcpy_d2h(result, d2h_color, stages - 1, 0, 1, 1, count, streaming=True,
  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)

runner.stop()

np.testing.assert_allclose(result, expected, rtol=1e-6, atol=0)
print("SUCCESS!")
