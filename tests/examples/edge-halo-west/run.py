#!/usr/bin/env cs_python
"""edge-halo-west: i16 streams through halo FIFOs and two stages, flowing west, on two
rows; three rounds in a row (the halos' moves never end, the stages re-arm). H2D into the
east column (COL_MAJOR, 16-bit, values widened with input_array_to_u32 and an index
sentinel in the upper halves), D2H from the west column (ROW_MAJOR, 16-bit, memcpy_view)."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    MemcpyDataType,
    MemcpyOrder,
    SdkRuntime,
)
from cerebras.sdk.sdk_utils import input_array_to_u32, memcpy_view  # pylint: disable=no-name-in-module

parser = argparse.ArgumentParser()
parser.add_argument("--name", required=True)
parser.add_argument("--cmaddr")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
size = int(params["size"])
h2d = int(params["MEMCPYH2D_DATA_1_ID"])
d2h = int(params["MEMCPYD2H_DATA_1_ID"])
B16 = MemcpyDataType.MEMCPY_16BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()

rng = np.random.default_rng(303)
for rnd in range(3):
    x = rng.integers(-32768, 32768, size=(2, size)).astype(np.int16)  # row y's stream
    col = x.T.ravel()  # COL_MAJOR for a 1x2 ROI: the row index fastest
    src = input_array_to_u32(col, 1, 2)
    runner.memcpy_h2d(h2d, src, 3, 0, 1, 2, size, streaming=True, data_type=B16,
                      order=MemcpyOrder.COL_MAJOR, nonblock=True)
    out = np.zeros(2 * size, dtype=np.uint32)
    runner.memcpy_d2h(out, d2h, 0, 0, 1, 2, size, streaming=True, data_type=B16,
                      order=MemcpyOrder.ROW_MAJOR, nonblock=False)
    got = memcpy_view(out, np.dtype(np.int16)).reshape(2, size)
    for y in range(2):
        added = (x[y].astype(np.int32) + (-300 + 1000 * y)).astype(np.int16)  # wraps
        want = (added.view(np.uint16) ^ np.uint16(0x5a5 + y)).view(np.int16)
        np.testing.assert_array_equal(got[y], want, err_msg=f"round {rnd}, row {y}")
runner.stop()
print("SUCCESS!")
