#!/usr/bin/env cs_python
"""int-dsd-strides: 16-bit integer DSD operations and DSD addressing (negative strides,
offsets, mem4d blocks, run-time length/stride/offset changes), checked word for word."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import input_array_to_u32, memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])
assert n == 24
width = 3
m16, m32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
ROWS16, ROWS32 = 20, 4

rng = np.random.default_rng(1624)
edges = np.array([0x0000, 0xffff, 0x8000, 0x7fff, 0x0001, 0x8001, 0x00f0, 0xf00f], np.uint16)
x16 = rng.integers(0, 1 << 16, size=(width, n), dtype=np.uint16)
y16 = rng.integers(0, 1 << 16, size=(width, n), dtype=np.uint16)
x16[:, :8] = edges
y16[:, 4:12] = edges[::-1]
w32 = rng.integers(0, 1 << 32, size=(width, n), dtype=np.uint32)
k, half = 0x8003, n // 2

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("x16", "y16", "w32", "out16", "out32")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["x16"], input_array_to_u32(x16.ravel(), None, n), 0, 0, width, 1, n,
                  streaming=False, order=ROW, data_type=m16, nonblock=False)
# y column-major with index sentinels in the upper halves (ignored by 16-bit copies).
runner.memcpy_h2d(ids["y16"], input_array_to_u32(y16.T.ravel(), 1, width), 0, 0, width, 1, n,
                  streaming=False, order=COL, data_type=m16, nonblock=False)
runner.memcpy_h2d(ids["w32"], w32.ravel(), 0, 0, width, 1, n, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.launch("crunch", np.uint16(k), np.uint16(half), nonblock=False)
out16_raw = np.zeros(width * ROWS16 * n, dtype=np.uint32)
runner.memcpy_d2h(out16_raw, ids["out16"], 0, 0, width, 1, ROWS16 * n, streaming=False,
                  order=ROW, data_type=m16, nonblock=False)
out32 = np.zeros(width * ROWS32 * n, dtype=np.uint32)
runner.memcpy_d2h(out32, ids["out32"], 0, 0, width, 1, ROWS32 * n, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.stop()

assert not (out16_raw >> 16).any()
out16 = memcpy_view(out16_raw, np.dtype(np.uint16)).reshape(width, ROWS16, n)
out32 = out32.reshape(width, ROWS32, n)


def popcount16(v):
    return np.array([bin(int(e)).count("1") for e in v.ravel()], np.uint16).reshape(v.shape)


def clz16(v):
    return np.array([16 - int(e).bit_length() for e in v.ravel()], np.uint16).reshape(v.shape)


def ctz16(v):
    return np.array([(int(e) & -int(e)).bit_length() - 1 if e else 16 for e in v.ravel()],
                    np.uint16).reshape(v.shape)


x, y = x16.astype(np.uint32), y16.astype(np.uint32)
xs = x16.view(np.int16).astype(np.int32)
sh = y & 15
M = 0xffff
want16 = {
    0: ("add16", (x + y) & M), 1: ("sub16", (x - y) & M), 2: ("and16", x & y),
    3: ("or16", x | y), 4: ("xor16", x ^ y), 5: ("add16 scalar", (x + k) & M),
    6: ("sub16 scalar", (x - k) & M), 7: ("sll16 3", (x << 3) & M), 8: ("slr16 5", x >> 5),
    9: ("sar16 5", (xs >> 5) & M), 10: ("and16 15", sh), 11: ("sll16 by dsd", (x << sh) & M),
    12: ("sar16 by dsd", (xs >> sh) & M), 13: ("popcnt", popcount16(x16)),
    14: ("clz", clz16(x16)), 15: ("ctz", ctz16(x16)), 16: ("reversed mov16", x[:, ::-1]),
}
r17 = np.full((width, n), k, np.uint32)
r17[:, :n // 2] = y[:, 1::2]
want16[17] = ("offset stride-2 mov16", r17)
r18 = np.full((width, n), k ^ 0xffff, np.uint32)
r18[:, :half // 2 + 1] = x[:, 0:3 * (half // 2 + 1):3]
want16[18] = ("set_dsd_stride/length mov16", r18)
grid = x.reshape(width, 4, 6)
r19 = np.zeros((width, n), np.uint32)
r19[:, :6] = np.stack([grid[:, 2 * i + 1, 5 - 2 * j] for i in range(2) for j in range(3)], axis=1)
want16[19] = ("mem4d block", r19)

w = w32
q1 = np.full((width, n), np.uint32(k) << np.uint32(16), np.uint32)
q1[:, :n // 3] = w[:, 2::3]
q2 = np.zeros((width, n), np.uint32)
q2[:, :half] = w[:, n - 3 - np.arange(half)]
q3 = w.copy()
q3[:, 1::2] = 0xa5a5f00d
want32 = {0: ("mov32", w), 1: ("mov32 every third", q1),
          2: ("mov32 reversed, offset -2", q2), 3: ("mov32 scalar into stride 2", q3)}

failures = 0
for rows, got_all in ((want16, out16), (want32, out32)):
    for r, (label, want) in rows.items():
        got = got_all[:, r, :].astype(np.uint32)
        for px, i in zip(*np.nonzero(got != want)):
            # clz/ctz of 0 are not given by the docs: reported, not failed.
            if label in ("clz", "ctz") and x16[px, i] == 0:
                print(f"note: {label}(0) = {got[px, i]} (undocumented)")
                continue
            failures += 1
            print(f"MISMATCH {label} PE {px} [{i}]: x={x16[px, i]:#06x} y={y16[px, i]:#06x}: "
                  f"got {got[px, i]:#x} want {want[px, i]:#x}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
