#!/usr/bin/env cs_python
"""thin-strip-stencil: five launches, each one step x <- 2x + prev - next (i16, wrapping,
zeros beyond the ends) along a 1-PE-thin strip (a 1x9 column on WSE-2 with 3 channels, a
7x1 row on WSE-3); x copied in 16-bit COL_MAJOR, read back ROW_MAJOR after steps 1, 3, 5."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    MemcpyDataType,
    MemcpyOrder,
    SdkRuntime,
)
from cerebras.sdk.sdk_utils import memcpy_view  # pylint: disable=no-name-in-module

parser = argparse.ArgumentParser()
parser.add_argument("--name", required=True)
parser.add_argument("--cmaddr")
args = parser.parse_args()
with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H, n = int(params["width"]), int(params["height"]), int(params["n"])
L = max(W, H)
B16 = MemcpyDataType.MEMCPY_16BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
xid = runner.get_id("x")
runner.load()
runner.run()
rng = np.random.default_rng(21)
x = rng.integers(-32768, 32768, size=(L, n)).astype(np.int16)  # strip position, element
block = x.reshape(H, W, n)
col = block.transpose(2, 1, 0).ravel()  # COL_MAJOR
runner.memcpy_h2d(xid, col.view(np.uint16).astype(np.uint32), 0, 0, W, H, n, streaming=False,
                  data_type=B16, order=MemcpyOrder.COL_MAJOR, nonblock=False)
model = x.astype(np.int64)
for s in range(1, 6):
    runner.launch("step", nonblock=False)
    prev = np.vstack([np.zeros((1, n), np.int64), model[:-1]])
    nxt = np.vstack([model[1:], np.zeros((1, n), np.int64)])
    model = ((2 * model + prev - nxt + 32768) % 65536) - 32768
    if s % 2 == 1:
        out = np.zeros(L * n, dtype=np.uint32)
        runner.memcpy_d2h(out, xid, 0, 0, W, H, n, streaming=False, data_type=B16,
                          order=MemcpyOrder.ROW_MAJOR, nonblock=False)
        got = memcpy_view(out, np.dtype(np.int16)).reshape(L, n)
        np.testing.assert_array_equal(got, model.astype(np.int16), err_msg=f"after step {s}")
runner.stop()
print("SUCCESS!")
