#!/usr/bin/env cs_python
"""streaming-io host script.

Streams `samples` values to each PE of the row, then streams back what the
PEs answer: for each sample, the PE's running sum. Checks the answers against
numpy's cumulative sum along each PE's samples.
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
# In streaming mode memcpy addresses a color, not a symbol.
h2d_color = int(params["MEMCPYH2D_DATA_1_ID"])
d2h_color = int(params["MEMCPYD2H_DATA_1_ID"])
samples = int(params["samples"])

# Small whole numbers keep every partial sum exact in f32, so the device's
# order of additions cannot make a difference.
rng = np.random.default_rng(seed=99)
stream = rng.integers(-50, 50, size=(width, samples)).astype(np.float32)
expected = np.cumsum(stream, axis=1, dtype=np.float32)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()

# Each PE receives its own row of `stream`, one wavelet per sample, in order.
runner.memcpy_h2d(h2d_color, stream.ravel(), 0, 0, width, 1, samples, streaming=True,
  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)

sums = np.zeros(width * samples, dtype=np.float32)
runner.memcpy_d2h(sums, d2h_color, 0, 0, width, 1, samples, streaming=True,
  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)

runner.stop()

np.testing.assert_array_equal(sums.reshape(width, samples), expected)
print("SUCCESS!")
