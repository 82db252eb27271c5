#!/usr/bin/env cs_python
"""collectives-roots: scatter, reduce_fadds, gather and broadcast on rows and columns,
roots chosen per launch (edges and middles of both dimensions); every buffer is
recomputed here with numpy."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    p = {k: int(v) for k, v in json.load(f)["params"].items()}
w, h, n = p["width"], p["height"], p["chunk"]

u32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
rng = np.random.default_rng(2026)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
names = ("table", "offsets", "mine", "off", "row_sum", "collected", "shared")
ids = {s: runner.get_id(s) for s in names}
runner.load()
runner.run()


def write(sym, arr, per_pe):
    runner.memcpy_h2d(ids[sym], arr.ravel(), 0, 0, w, h, per_pe, streaming=False,
                      order=ROW, data_type=u32, nonblock=False)


def read(sym, per_pe, dtype=np.uint32):
    out = np.zeros(w * h * per_pe, dtype=dtype)
    runner.memcpy_d2h(out, ids[sym], 0, 0, w, h, per_pe, streaming=False,
                      order=ROW, data_type=u32, nonblock=False)
    return out.reshape(h, w, per_pe)


# (col scatter root, row scatter root, row reduce root, col gather root, col bcast root):
# rows are 0..h-1 (north to south), columns 0..w-1 (west to east).
cases = [
    (0, w - 1, w - 1, h - 1, h // 2),   # north / east / east / south / middle
    (h - 1, 0, 0, 0, 0),                # south / west / west / north / north
    (h // 2, 1, 2, h // 2, h - 1),      # middles, then the south edge
    (1, 2, 1, h - 2, 1),                # roots next to the edges
]
for case in cases:
    cs_root, rs_root, rr_root, cg_root, cb_root = case
    # Every PE holds a different table and offset list, so a wrong root shows up.
    table = rng.integers(0, 5000, size=(h, w, h * n), dtype=np.uint32)
    offsets = rng.integers(0, 5000, size=(h, w, w * n), dtype=np.uint32)
    write("table", table, h * n)
    write("offsets", offsets, w * n)
    runner.launch("solve", np.uint16(cs_root), np.uint16(rs_root), np.uint16(rr_root),
                  np.uint16(cg_root), np.uint16(cb_root), nonblock=False)

    scattered = np.empty((h, w, n), dtype=np.uint32)
    off = np.empty((h, w, n), dtype=np.uint32)
    for y in range(h):
        for x in range(w):
            scattered[y, x] = table[cs_root, x, y * n:(y + 1) * n]
            off[y, x] = offsets[y, rs_root, x * n:(x + 1) * n]
    mine = (np.uint32(3) * scattered + off).astype(np.uint32)
    vals = mine.astype(np.float32) * np.float32(0.5)

    np.testing.assert_array_equal(read("off", n), off, err_msg=f"row scatter {case}")
    np.testing.assert_array_equal(read("mine", n), mine, err_msg=f"col scatter {case}")
    # Halves of integers below 2^15 add exactly in any order.
    row_sum = read("row_sum", n, np.float32)[:, rr_root, :]
    np.testing.assert_array_equal(row_sum, vals.sum(axis=1, dtype=np.float32),
                                  err_msg=f"row reduce {case}")
    collected = read("collected", h * n)[cg_root]
    np.testing.assert_array_equal(collected, mine.transpose(1, 0, 2).reshape(w, h * n),
                                  err_msg=f"col gather {case}")
    shared = read("shared", n)
    np.testing.assert_array_equal(shared, np.broadcast_to(mine[cb_root], (h, w, n)),
                                  err_msg=f"col broadcast {case}")
    print(f"roots {case}: ok")
runner.stop()
print("SUCCESS!")
