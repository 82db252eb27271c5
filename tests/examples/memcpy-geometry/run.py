#!/usr/bin/env cs_python
"""memcpy-geometry: keeps a host model of every PE's two buffers, applies each copy
to it the way the SDK documents the copy shapes, and compares the device after
every step."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H = int(params["width"]), int(params["height"])
NW, NH = int(params["words"]), int(params["halves"])
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
B32, B16 = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT
rng = np.random.default_rng(23)

words = np.zeros((H, W, NW), dtype=np.uint32)   # model: [y][x][k]
halves = np.zeros((H, W, NH), dtype=np.uint16)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
words_id, halves_id = runner.get_id("words"), runner.get_id("halves")
runner.load()
runner.run()


def flat(block, order):
    """A[h][w][l] as the host array of a copy in `order`."""
    return block.ravel() if order == ROW else block.transpose(2, 1, 0).ravel()


def check(step):
    for order in (ROW, COL):
        got = np.zeros(H * W * NW, dtype=np.uint32)
        runner.memcpy_d2h(got, words_id, 0, 0, W, H, NW, streaming=False, order=order,
                          data_type=B32, nonblock=False)
        np.testing.assert_array_equal(got, flat(words, order), err_msg=f"{step}: words {order}")
        got16 = np.zeros(H * W * NH, dtype=np.uint32)
        runner.memcpy_d2h(got16, halves_id, 0, 0, W, H, NH, streaming=False, order=order,
                          data_type=B16, nonblock=False)
        np.testing.assert_array_equal(memcpy_view(got16, np.dtype(np.uint16)),
                                      flat(halves, order), err_msg=f"{step}: halves {order}")
    # A sub-rectangle read, both orders, against the same model.
    px, py, w, h = 1, 1, W - 2, H - 1
    for order in (ROW, COL):
        got = np.zeros(h * w * NW, dtype=np.uint32)
        runner.memcpy_d2h(got, words_id, px, py, w, h, NW, streaming=False, order=order,
                          data_type=B32, nonblock=False)
        np.testing.assert_array_equal(got, flat(words[py:py + h, px:px + w], order),
                                      err_msg=f"{step}: sub-rectangle {order}")


def stamp(salt):
    runner.launch("stamp", np.uint32(salt), nonblock=False)
    ys, xs, ks = np.meshgrid(np.arange(H), np.arange(W), np.arange(NW), indexing="ij")
    words[...] = words + np.uint32(salt) + ((xs << 16) | (ys << 24)).astype(np.uint32) + ks.astype(np.uint32)
    ys, xs = np.meshgrid(np.arange(H), np.arange(W), indexing="ij")
    halves[...] = halves * np.uint16(3) + (xs + 16 * ys).astype(np.uint16)[:, :, None]


# 1. Whole block, COL_MAJOR words and ROW_MAJOR halves.
words[...] = rng.integers(0, 2**32, size=words.shape, dtype=np.uint32)
halves[...] = rng.integers(0, 2**16, size=halves.shape, dtype=np.uint16)
runner.memcpy_h2d(words_id, flat(words, COL), 0, 0, W, H, NW, streaming=False, order=COL,
                  data_type=B32, nonblock=False)
runner.memcpy_h2d(halves_id, flat(halves, ROW).astype(np.uint32), 0, 0, W, H, NH,
                  streaming=False, order=ROW, data_type=B16, nonblock=False)
check("whole block")
stamp(0x100)
check("stamp 1")

# 2. A sub-rectangle, and fewer elements than the buffer holds (the rest is kept).
px, py, w, h, n = 2, 0, 2, 2, NW - 1
part = rng.integers(0, 2**32, size=(h, w, n), dtype=np.uint32)
runner.memcpy_h2d(words_id, flat(part, COL), px, py, w, h, n, streaming=False, order=COL,
                  data_type=B32, nonblock=True)
words[py:py + h, px:px + w, :n] = part

# 3. Row broadcast: A[h][l], row y of the ROI gets A[y] in every column.
rows = rng.integers(0, 2**16, size=(H - 1, NH), dtype=np.uint16)
runner.memcpy_h2d_rowbcast(halves_id, rows.ravel().astype(np.uint32), 1, 1, W - 1, H - 1, NH,
                           streaming=False, order=ROW, data_type=B16, nonblock=True)
halves[1:, 1:] = rows[:, None, :]
check("sub-rectangle and row broadcast")

# 4. Column broadcast: A[w][l], column x of the ROI gets A[x] in every row.
cols = rng.integers(0, 2**32, size=(W, NW), dtype=np.uint32)
runner.memcpy_h2d_colbcast(words_id, cols.ravel(), 0, 0, W, H, NW, streaming=False,
                           order=ROW, data_type=B32, nonblock=False)
words[...] = cols[None, :, :]
stamp(7)
check("column broadcast")

# 5. Strided: every 2nd column of every row of the ROI.
row_stride, col_stride = 1, 2
picked = words[:, ::col_stride].copy()
fresh = rng.integers(0, 2**32, size=picked.shape, dtype=np.uint32)
runner.memcpy_h2d_stride(words_id, fresh.ravel(), 0, 0, W, H, NW, streaming=False,
                         order=ROW, data_type=B32, nonblock=False,
                         row_stride=row_stride, col_stride=col_stride)
words[:, ::col_stride] = fresh
check("strided")
runner.stop()
print("SUCCESS!")
