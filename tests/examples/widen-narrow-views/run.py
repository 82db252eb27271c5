#!/usr/bin/env cs_python
"""widen-narrow-views: width-changing DSD operations between views that step differently
(16-bit and 32-bit elements, strides, reversals, offsets, mem4d, run-time stride/offset).
The outputs are pre-filled with sentinels; run.py rebuilds each one with numpy indexing
(integer and half-integer values, so every conversion is exact) and compares every
element, so a view that steps by bytes instead of elements, or writes the wrong slots,
shows up."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import input_array_to_u32, memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

width, length, row = 2, 48, 24
m16, m32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
f32, f16 = np.float32, np.float16

idx = np.arange(length)
h = np.stack([((idx * 7 + 11 * px) % 50 - 25) for px in range(width)]).astype(f16)
w = np.stack([((idx * 13 + 5 * px) % 90 - 45) for px in range(width)]).astype(f32)
k = np.stack([((idx * 997 + 101 * px) % 4001 - 2000) for px in range(width)]).astype(np.int16)
stride, skip, factor = 3, 2, f16(0.5)

SENT32, SENT16, SENTI = f32(-999.0), f16(-999.0), np.int16(0x7777)
out32 = np.full((width, 8 * row), SENT32, dtype=f32)
out16 = np.full((width, 4 * row), SENT16, dtype=f16)
outi = np.full((width, 3 * row), SENTI, dtype=np.int16)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("h", "w", "k", "out32", "out16", "outi")}
runner.load()
runner.run()


def put16(name, arr, count):
    words = arr.ravel().view(np.uint16).astype(np.uint32)
    runner.memcpy_h2d(ids[name], words, 0, 0, width, 1, count, streaming=False, order=ROW,
                      data_type=m16, nonblock=False)


put16("h", h, length)
put16("k", k, length)
put16("out16", out16, 4 * row)
put16("outi", outi, 3 * row)
runner.memcpy_h2d(ids["w"], w.ravel(), 0, 0, width, 1, length, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.memcpy_h2d(ids["out32"], out32.ravel(), 0, 0, width, 1, 8 * row, streaming=False,
                  order=ROW, data_type=m32, nonblock=False)
runner.launch("reshape", np.uint16(stride), np.uint16(skip), factor, nonblock=False)
got32 = np.zeros(width * 8 * row, dtype=f32)
runner.memcpy_d2h(got32, ids["out32"], 0, 0, width, 1, 8 * row, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
raw16 = np.zeros(width * 4 * row, dtype=np.uint32)
runner.memcpy_d2h(raw16, ids["out16"], 0, 0, width, 1, 4 * row, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
rawi = np.zeros(width * 3 * row, dtype=np.uint32)
runner.memcpy_d2h(rawi, ids["outi"], 0, 0, width, 1, 3 * row, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
runner.stop()
got32 = got32.reshape(width, -1)
got16 = memcpy_view(raw16, np.dtype(f16)).reshape(width, -1)
goti = (rawi & 0xffff).astype(np.uint16).view(np.int16).reshape(width, -1)

want32 = out32.copy()
want16 = out16.copy()
wanti = outi.copy()
for px in range(width):
    H, W, K = h[px].astype(f32), w[px], k[px].astype(f32)
    grid = h[px].reshape(6, 8)
    o = want32[px]
    for i in range(8):
        o[2 * i] = H[3 * i]
    for i in range(12):
        o[row + 23 - i] = H[1 + 2 * i]
    for r in range(4):
        for c in range(3):
            o[2 * row + r + 4 * c] = K[2 * (3 * r + c)]
    for i in range(12):
        o[3 * row + i] = W[3 * i + 1] + H[46 - 2 * i]
    for i in range(10):
        o[4 * row + 2 * i + 1] = W[i] + H[4 * i + 3] * f32(factor)
    for r in range(3):
        for c in range(4):
            o[5 * row + 4 * r + c] = f32(grid[2 * r + 1, 2 * c])
    for i in range(9):
        o[6 * row + 2 * i] = H[skip + stride * i]
    for i in range(11):
        o[7 * row + 1 + 2 * i] = K[47 - i]
    o = want16[px]
    for i in range(12):
        o[23 - 2 * i] = f16(W[2 * i])
    for i in range(8):
        o[row + 3 * i + 1] = f16(k[px, 5 * i])
    for r in range(2):
        for c in range(6):
            o[2 * row + 12 * r + 11 - c] = f16(W[24 * r + 3 * c])
    for i in range(6):
        o[3 * row + 4 * i] = h[px, 47 - 7 * i]
    o = wanti[px]
    for i in range(8):
        o[3 * i] = int(W[5 * i + 2])
    for i in range(9):
        o[2 * row - 1 - i] = int(h[px, 5 * i])
    for r in range(3):
        for c in range(4):
            o[2 * row + 8 * r + 2 * c] = int(grid[5 - 2 * r, 7 - c])

names32 = ["fh2s stride 2 <- 3", "fh2s reversed <- offset 1 stride 2", "xp162fs mem4d transposed",
           "faddhs stride 3 + reversed stride -2", "fmachs stride 4 * factor",
           "fh2s of a mem4d f16 block", "fh2s run-time stride/offset",
           "xp162fs offset 1 stride 2 <- reversed"]
names16 = ["fs2h reversed stride -2", "xp162fh stride 3 <- stride 5", "fs2h mem4d reversed cols",
           "fmovh stride 4 <- stride -7"]
namesi = ["fs2xp16 stride 3 <- stride 5", "fh2xp16 reversed <- stride 5",
          "fh2xp16 mem4d <- reversed grid block"]
failures = 0
for got, want, names, u in ((got32, want32, names32, np.uint32), (got16, want16, names16, np.uint16),
                            (goti, wanti, namesi, np.uint16)):
    bad = got.view(u) != want.view(u)
    for px, j in zip(*np.nonzero(bad)):
        failures += 1
        if failures <= 15:
            print(f"MISMATCH {names[j // row]} PE {px} slot {j % row}: got {got[px, j]!r} "
                  f"want {want[px, j]!r}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
