#!/usr/bin/env cs_python
"""channels-odd-roi: 60 random copy-mode memcpy operations (H2D, D2H, row and column
broadcasts) over random sub-rectangles of a tall block, counts from 1 to the buffer size,
ROW_MAJOR and COL_MAJOR, 32-bit into u32 and 16-bit into i16, with `twist` launches in
between; every D2H is compared with a model of all buffers, and so is the final state."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    MemcpyDataType,
    MemcpyOrder,
    SdkRuntime,
)

parser = argparse.ArgumentParser()
parser.add_argument("--name", required=True)
parser.add_argument("--cmaddr")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H, n = int(params["width"]), int(params["height"]), int(params["n"])
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
B32, B16 = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {"words": runner.get_id("words"), "halves": runner.get_id("halves")}
runner.load()
runner.run()

mem = {"words": np.zeros((H, W, n), dtype=np.uint32),
       "halves": np.zeros((H, W, n), dtype=np.uint16)}
rng = np.random.default_rng(1357)


def flat(block, order):
    """block[h][w][l] as the host array of the given order."""
    return block.ravel() if order == ROW else block.transpose(2, 1, 0).ravel()


def unflat(arr, h, w, l, order):
    return arr.reshape(h, w, l) if order == ROW else arr.reshape(l, w, h).transpose(2, 1, 0)


def roi():
    w, h = int(rng.integers(1, W + 1)), int(rng.integers(1, H + 1))
    return int(rng.integers(0, W - w + 1)), int(rng.integers(0, H - h + 1)), w, h


for op_no in range(60):
    kind = rng.choice(["h2d", "d2h", "row", "col", "twist"], p=[0.3, 0.3, 0.15, 0.15, 0.1])
    name = "words" if rng.random() < 0.5 else "halves"
    dtype = B32 if name == "words" else B16
    order = ROW if rng.random() < 0.5 else COL
    px, py, w, h = roi()
    l = int(rng.integers(1, n + 1))
    what = f"op {op_no}: {kind} {name} {order} roi ({px},{py},{w},{h}) l={l}"
    if kind == "twist":
        k = int(rng.integers(-2**31, 2**31))
        runner.launch("twist", np.int32(k), nonblock=False)
        mem["words"] = ((mem["words"].astype(np.uint64) * 3 + (k % 2**32)) % 2**32).astype(np.uint32)
        mem["halves"] = ((65536 - mem["halves"].astype(np.int64)) % 65536).astype(np.uint16)
        continue
    limit = 2**32 if name == "words" else 2**16
    if kind == "h2d":
        block = rng.integers(0, limit, size=(h, w, l), dtype=np.uint64).astype(np.uint32)
        runner.memcpy_h2d(ids[name], flat(block, order), px, py, w, h, l, streaming=False,
                          data_type=dtype, order=order, nonblock=bool(rng.random() < 0.5))
        mem[name][py:py + h, px:px + w, :l] = block
    elif kind == "row":
        rows = rng.integers(0, limit, size=(h, l), dtype=np.uint64).astype(np.uint32)
        src = rows.ravel() if order == ROW else rows.T.ravel()
        runner.memcpy_h2d_rowbcast(ids[name], src, px, py, w, h, l, streaming=False,
                                   data_type=dtype, order=order, nonblock=False)
        mem[name][py:py + h, px:px + w, :l] = rows[:, None, :]
    elif kind == "col":
        cols = rng.integers(0, limit, size=(w, l), dtype=np.uint64).astype(np.uint32)
        src = cols.ravel() if order == ROW else cols.T.ravel()
        runner.memcpy_h2d_colbcast(ids[name], src, px, py, w, h, l, streaming=False,
                                   data_type=dtype, order=order, nonblock=False)
        mem[name][py:py + h, px:px + w, :l] = cols[None, :, :]
    else:
        out = np.zeros(w * h * l, dtype=np.uint32)
        runner.memcpy_d2h(out, ids[name], px, py, w, h, l, streaming=False, data_type=dtype,
                          order=order, nonblock=False)
        got = unflat(out, h, w, l, order)
        if name == "halves":
            got = got & 0xFFFF
        np.testing.assert_array_equal(got, mem[name][py:py + h, px:px + w, :l], err_msg=what)

for name, dtype in (("words", B32), ("halves", B16)):
    out = np.zeros(W * H * n, dtype=np.uint32)
    runner.memcpy_d2h(out, ids[name], 0, 0, W, H, n, streaming=False, data_type=dtype,
                      order=COL, nonblock=False)
    got = unflat(out, H, W, n, COL)
    if name == "halves":
        got = got & 0xFFFF
    np.testing.assert_array_equal(got, mem[name], err_msg=f"final {name}")
runner.stop()
print("SUCCESS!")
