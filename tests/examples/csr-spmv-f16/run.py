#!/usr/bin/env cs_python
"""csr-spmv-f16: three products y = A x + beta y with random sparse matrices (empty rows,
a dense row, a PE with no entries at all, duplicate columns) whose f16 values and u16
indices go in by 16-bit copies; y checked bit for bit against float32 products of the
f16 values summed per row in order, then added to beta y."""
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
rows, max_nnz, ncols = int(params["rows"]), int(params["max_nnz"]), int(params["ncols"])
PES = W * H
M = PES * rows
b16, b32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("row_ptr", "col_idx", "vals", "x", "y")}
runner.load()
runner.run()
rng = np.random.default_rng(404)


def random_csr():
    """Per global row a length: mostly 0..6, one dense row, PE 4 (if any) empty."""
    lengths = rng.integers(0, 7, size=M)
    lengths[3] = 0
    lengths[rows + 1] = ncols        # a dense row (every column once)
    if PES > 4:
        lengths[4 * rows:5 * rows] = 0
    per_pe = lengths.reshape(PES, rows).sum(axis=1)
    assert per_pe.max() <= max_nnz, per_pe
    cols, vals = [], []
    for r, n in enumerate(lengths):
        if n == ncols:
            c = rng.permutation(ncols)
        else:
            c = rng.integers(0, ncols, size=n)   # duplicates allowed, unsorted
        cols.append(c.astype(np.uint16))
        vals.append(rng.uniform(-4, 4, size=n).astype(np.float16))
    return lengths, cols, vals


def device_arrays(lengths, cols, vals):
    """Per PE (row-major over the block): row pointers, padded indices and values."""
    rp = np.zeros((PES, rows + 1), dtype=np.uint16)
    ci = np.zeros((PES, max_nnz), dtype=np.uint16)
    va = np.zeros((PES, max_nnz), dtype=np.float16)
    for p in range(PES):
        at = 0
        for r in range(rows):
            g = p * rows + r
            n = lengths[g]
            ci[p, at:at + n] = cols[g]
            va[p, at:at + n] = vals[g]
            at += n
            rp[p, r + 1] = at
        # Padding that must never be read: an out-of-range index and a huge value.
        ci[p, at:] = 0xFFFF
        va[p, at:] = np.float16(60000.0)
    return rp, ci, va


def put16(sym, arr, per_pe):
    words = arr.view(np.uint16).astype(np.uint32).ravel()
    runner.memcpy_h2d(ids[sym], words, 0, 0, W, H, per_pe, streaming=False, order=ROW,
                      data_type=b16, nonblock=False)


y_ref = rng.uniform(-1, 1, size=M).astype(np.float32)
runner.memcpy_h2d(ids["y"], y_ref, 0, 0, W, H, rows, streaming=False, order=ROW,
                  data_type=b32, nonblock=False)
for beta in (0.5, -1.0, 0.0):
    lengths, cols, vals = random_csr()
    rp, ci, va = device_arrays(lengths, cols, vals)
    put16("row_ptr", rp, rows + 1)
    put16("col_idx", ci, max_nnz)
    put16("vals", va, max_nnz)
    x = rng.uniform(-2, 2, size=ncols).astype(np.float32)
    runner.memcpy_h2d(ids["x"], np.tile(x, PES), 0, 0, W, H, ncols, streaming=False,
                      order=ROW, data_type=b32, nonblock=False)
    runner.launch("spmv", np.float32(beta), nonblock=False)
    got = np.zeros(M, dtype=np.float32)
    runner.memcpy_d2h(got, ids["y"], 0, 0, W, H, rows, streaming=False, order=ROW,
                      data_type=b32, nonblock=False)
    y_new = (y_ref * np.float32(beta)).astype(np.float32)
    for g in range(M):
        if lengths[g] == 0:
            continue
        prods = (vals[g].astype(np.float32) * x[cols[g]]).astype(np.float32)
        acc = np.float32(0.0)
        for p in prods:
            acc = np.float32(acc + p)
        y_new[g] = np.float32(y_new[g] + acc)
    bad = np.nonzero(got.view(np.uint32) != y_new.view(np.uint32))[0]
    assert bad.size == 0, f"beta {beta}: {bad.size} rows differ, first {bad[0]}: " \
        f"{got[bad[0]]} vs {y_new[bad[0]]} (length {lengths[bad[0]]})"
    y_ref = y_new
    # The 16-bit inputs are still there, unchanged.
    back = np.zeros(PES * max_nnz, dtype=np.uint32)
    runner.memcpy_d2h(back, ids["vals"], 0, 0, W, H, max_nnz, streaming=False, order=ROW,
                      data_type=b16, nonblock=False)
    assert (memcpy_view(back, np.dtype(np.float16)).view(np.uint16) == va.view(np.uint16).ravel()).all()
    print(f"beta {beta}: {M} rows, {int(lengths.sum())} entries match")
runner.stop()
print("SUCCESS!")
