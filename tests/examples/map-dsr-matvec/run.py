#!/usr/bin/env cs_python
"""map-dsr-matvec: y += A x, iters times per launch, on a 2x2 block with an odd nb:
A column-major, padded, one element into its array (the first word is a sentinel that
must stay), in f32 and f16; three launches (2, 0, 3 iterations) keep y. Values are
multiples of 1/4 and 1/2 (f32) and small integers (f16), so every product and sum is
exact and the result is checked bit for bit; the padding rows of y must stay 0."""
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
W, H, nb = int(params["width"]), int(params["height"]), int(params["nb"])
pn = -(-nb // 4) * 4
pnh = -(-nb // 8) * 8
P = W * H
ROW = MemcpyOrder.ROW_MAJOR
B32, B16 = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT

rng = np.random.default_rng(77)
A = (rng.integers(-12, 13, size=(H, W, nb, nb)) / 4).astype(np.float32)   # [y][x][i][j]
x = (rng.integers(-6, 7, size=(H, W, nb)) / 2).astype(np.float32)
Ah = rng.integers(-3, 4, size=(H, W, nb, nb)).astype(np.float16)
xh = rng.integers(-3, 4, size=(H, W, nb)).astype(np.float16)


def stored(mat, pad, dtype):
    """Per PE: a sentinel word, then the columns of mat, each padded to pad rows."""
    out = np.zeros((H, W, nb * pad + 1), dtype=dtype)
    out[:, :, 0] = -99
    cols = np.zeros((H, W, nb, pad), dtype=dtype)
    cols[:, :, :, :nb] = mat.transpose(0, 1, 3, 2)  # [j][i]
    out[:, :, 1:] = cols.reshape(H, W, nb * pad)
    return out


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("A", "x", "y", "Ah", "xh", "yh")}
runner.load()
runner.run()

A_st = stored(A, pn, np.float32)
Ah_st = stored(Ah, pnh, np.float16)
runner.memcpy_h2d(ids["A"], A_st.ravel(), 0, 0, W, H, nb * pn + 1, streaming=False,
                  data_type=B32, order=ROW, nonblock=False)
runner.memcpy_h2d(ids["x"], x.ravel(), 0, 0, W, H, nb, streaming=False, data_type=B32,
                  order=ROW, nonblock=False)
runner.memcpy_h2d(ids["Ah"], Ah_st.ravel().view(np.uint16).astype(np.uint32), 0, 0, W, H,
                  nb * pnh + 1, streaming=False, data_type=B16, order=ROW, nonblock=False)
runner.memcpy_h2d(ids["xh"], xh.ravel().view(np.uint16).astype(np.uint32), 0, 0, W, H, nb,
                  streaming=False, data_type=B16, order=ROW, nonblock=False)

y = np.zeros((H, W, nb), dtype=np.float32)
yh = np.zeros((H, W, nb), dtype=np.float16)
for iters in (2, 0, 3):
    runner.launch("run", np.uint16(iters), nonblock=False)
    for _ in range(iters):
        y = (y + np.einsum("yxij,yxj->yxi", A, x)).astype(np.float32)
        yh = (yh.astype(np.float32) + np.einsum("yxij,yxj->yxi", Ah.astype(np.float32),
                                                xh.astype(np.float32))).astype(np.float16)
    got = np.zeros(P * pn, dtype=np.float32)
    runner.memcpy_d2h(got, ids["y"], 0, 0, W, H, pn, streaming=False, data_type=B32,
                      order=ROW, nonblock=False)
    got = got.reshape(H, W, pn)
    np.testing.assert_array_equal(got[:, :, :nb], y, err_msg=f"y after {iters}")
    assert (got[:, :, nb:] == 0).all(), "f32 padding rows of y changed"
    goth = np.zeros(P * pnh, dtype=np.uint32)
    runner.memcpy_d2h(goth, ids["yh"], 0, 0, W, H, pnh, streaming=False, data_type=B16,
                      order=ROW, nonblock=False)
    goth = memcpy_view(goth, np.dtype(np.float16)).reshape(H, W, pnh)
    np.testing.assert_array_equal(goth[:, :, :nb], yh, err_msg=f"yh after {iters}")
    assert (goth[:, :, nb:] == 0).all(), "f16 padding rows of yh changed"

back = np.zeros(P * (nb * pn + 1), dtype=np.float32)
runner.memcpy_d2h(back, ids["A"], 0, 0, W, H, nb * pn + 1, streaming=False, data_type=B32,
                  order=ROW, nonblock=False)
runner.stop()
np.testing.assert_array_equal(back.reshape(H, W, -1), A_st, err_msg="A (and its sentinel)")
print("SUCCESS!")
