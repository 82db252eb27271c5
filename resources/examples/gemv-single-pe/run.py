#!/usr/bin/env cs_python
"""Host program for gemv-single-pe: copies A, x and b to the PE, runs compute_gemv and
checks y = A·x + b against numpy."""

import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    MemcpyDataType,
    MemcpyOrder,
    SdkRuntime,
)

ROWS = 5
COLS = 7

parser = argparse.ArgumentParser(description="y = A·x + b on one PE")
parser.add_argument("--name", help="compile output directory (cslc -o)")
parser.add_argument("--cmaddr", help="IP:port of the CS system; omit for the simulator")
args = parser.parse_args()

rng = np.random.default_rng(seed=2024)
mat = rng.uniform(-1.0, 1.0, size=(ROWS, COLS)).astype(np.float32)
vec_x = rng.uniform(-1.0, 1.0, size=COLS).astype(np.float32)
vec_b = rng.uniform(-1.0, 1.0, size=ROWS).astype(np.float32)
expected = mat @ vec_x + vec_b

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
mat_id = runner.get_id("mat")
vec_x_id = runner.get_id("vec_x")
vec_b_id = runner.get_id("vec_b")
vec_y_id = runner.get_id("vec_y")

runner.load()
runner.run()


def copy_in(symbol, values):
  """Copies a flat float32 array into the single PE (rectangle 0,0 of size 1×1)."""
  runner.memcpy_h2d(symbol, values.ravel(), 0, 0, 1, 1, values.size, streaming=False,
                    order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                    nonblock=False)


copy_in(mat_id, mat)
copy_in(vec_x_id, vec_x)
copy_in(vec_b_id, vec_b)

runner.launch("compute_gemv", nonblock=False)

vec_y = np.zeros(ROWS, dtype=np.float32)
runner.memcpy_d2h(vec_y, vec_y_id, 0, 0, 1, 1, ROWS, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)

runner.stop()

np.testing.assert_allclose(vec_y, expected, rtol=1e-5, atol=1e-5)
print("SUCCESS!")
