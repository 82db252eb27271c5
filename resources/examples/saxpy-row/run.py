#!/usr/bin/env cs_python
"""Host program for saxpy-row: spreads x and y over a row of PEs, launches saxpy(a) on
all of them and checks y = a·x + y against numpy."""

import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    MemcpyDataType,
    MemcpyOrder,
    SdkRuntime,
)

WIDTH = 4  # PEs in the row (layout.csl: width)
SLICE = 6  # elements per PE (layout.csl: slice)
A = 2.5

parser = argparse.ArgumentParser(description="y = a·x + y on a row of PEs")
parser.add_argument("--name", help="compile output directory (cslc -o)")
parser.add_argument("--cmaddr", help="IP:port of the CS system; omit for the simulator")
args = parser.parse_args()

rng = np.random.default_rng(seed=7)
x = rng.uniform(-4.0, 4.0, size=WIDTH * SLICE).astype(np.float32)
y = rng.uniform(-4.0, 4.0, size=WIDTH * SLICE).astype(np.float32)
expected = np.float32(A) * x + y

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
x_id = runner.get_id("x")
y_id = runner.get_id("y")

runner.load()
runner.run()

# ROW_MAJOR over a WIDTH×1 rectangle: PE px receives elements px*SLICE … px*SLICE+SLICE-1.
for symbol, values in ((x_id, x), (y_id, y)):
  runner.memcpy_h2d(symbol, values, 0, 0, WIDTH, 1, SLICE, streaming=False,
                    order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                    nonblock=False)

runner.launch("saxpy", np.float32(A), nonblock=False)

result = np.zeros(WIDTH * SLICE, dtype=np.float32)
runner.memcpy_d2h(result, y_id, 0, 0, WIDTH, 1, SLICE, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)

runner.stop()

np.testing.assert_allclose(result, expected, rtol=1e-6, atol=1e-6)
print("SUCCESS!")
