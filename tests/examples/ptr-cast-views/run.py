#!/usr/bin/env cs_python
"""ptr-cast-views: numpy models of the three @ptrcast views (little-endian halves, f32
bits, (lo, hi) pairs), the row/column work on the grid, and Python integers for the six
widths (two's complement, saturation at the type's limits, rotation)."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
R, C = int(params["rows"]), int(params["cols"])
W = 2
OUT = 48
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
KINDS = [(3, False), (7, True), (12, True), (16, True), (24, False), (32, False)]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
grid_id, words_id, out_id = (runner.get_id(s) for s in ("grid", "words", "out"))
runner.load()
runner.run()


def read_out():
    got = np.zeros(W * OUT, dtype=np.uint32)
    runner.memcpy_d2h(got, out_id, 0, 0, W, 1, OUT, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    return got.reshape(W, OUT)


def check(name, got, want):
    n = len(want)
    bad = np.nonzero(got[:n] != want)[0]
    assert bad.size == 0, f"{name}: words {bad[:6]} got {got[bad[:6]]} want {want[bad[:6]]}"


# ---- views ----
rng = np.random.default_rng(5)
words = rng.integers(0, 1 << 32, size=(W, 16), dtype=np.uint64).astype(np.uint32)
floats = (rng.standard_normal((W, 2)) * 100).astype(np.float32)
words[:, 3] = floats[:, 0].view(np.uint32)
words[:, 7] = floats[:, 1].view(np.uint32)
runner.memcpy_h2d(words_id, words.ravel(), 0, 0, W, 1, 16, streaming=False, order=row,
                  data_type=u32, nonblock=False)
model = words.copy()
for tag in (0x1234, 0x8001, 0x00FF):
    runner.launch("views", np.uint16(tag), nonblock=False)
    got = read_out()
    for x in range(W):
        halves = model[x].view(np.uint16)
        halves[1::2] ^= tag
        f = model[x].view(np.float32)
        f[3] = np.float32(f[3] * np.float32(2.0))
        f[7] = -f[7]
        lo = (model[x] & 0xFFFF).astype(np.uint64)
        hi = (model[x] >> 16).astype(np.uint64)
        check(f"views PE {x} tag {tag:#x}", got[x], ((lo * 3 + hi) & 0xFFFFFFFF).astype(np.uint32))
back = np.zeros(W * 16, dtype=np.uint32)
runner.memcpy_d2h(back, words_id, 0, 0, W, 1, 16, streaming=False, order=row, data_type=u32,
                  nonblock=False)
assert np.array_equal(back.reshape(W, 16), model), "words after the views"

# ---- row pointers ----
grid = rng.integers(-1000, 1000, size=(W, R, C)).astype(np.int32)
runner.memcpy_h2d(grid_id, grid.ravel().view(np.uint32), 0, 0, W, 1, R * C, streaming=False,
                  order=row, data_type=u32, nonblock=False)
g = grid.astype(np.int64)
for r, k in ((1, 3), (4, -2), (0, 7), (2, -1)):
    runner.launch("rowops", np.uint16(r), np.int32(k), nonblock=False)
    got = read_out()
    for x in range(W):
        g[x, r] *= k
        want = list(g[x].sum(axis=1)) + list(g[x].max(axis=0))
        g[x, 0, 0], g[x, R - 1, C - 1] = g[x, R - 1, C - 1], g[x, 0, 0]
        want.append(g[x, 0, 0])
        check(f"rowops PE {x} {(r, k)}", got[x], np.array(want, dtype=np.int64).astype(np.uint32))
final = np.zeros(W * R * C, dtype=np.uint32)
runner.memcpy_d2h(final, grid_id, 0, 0, W, 1, R * C, streaming=False, order=row, data_type=u32,
                  nonblock=False)
assert np.array_equal(final.view(np.int32).reshape(W, R, C), g.astype(np.int32)), "grid"


# ---- widths ----
def width_ops(bits, signed, a32, b32):
    mask = (1 << bits) - 1

    def val(u):
        u &= mask
        return u - (1 << bits) if signed and u >> (bits - 1) else u

    a, b = val(a32), val(b32)
    hi = (1 << (bits - 1)) - 1 if signed else mask
    lo = -(1 << (bits - 1)) if signed else 0
    s = min(max(a + b, lo), hi) if (b > 0 and a > hi - b) or (b < 0 and a < lo - b) else a + b
    sh = b32 % bits
    ua = a & mask
    rot = ua if sh == 0 else ((ua << sh) | (ua >> (bits - sh))) & mask
    return [s & mask, rot, min(a, b) & mask, max(a, b) & mask, int(a < b), bits, ua, b & mask]


cases = [(5, 3), (0xFFFFFFFF, 1), (0x7FF, 0x801), (0x12345678, 0x9ABCDEF1), (60, 60),
         (0x80000000, 0x7FFFFFFF), (3, 0xFFFFFFFE)]
for a32, b32 in cases:
    runner.launch("widths", np.uint32(a32), np.uint32(b32), nonblock=False)
    got = read_out()
    want = []
    for bits, signed in KINDS:
        want += width_ops(bits, signed, a32, b32)
    for x in range(W):
        check(f"widths PE {x} {(hex(a32), hex(b32))}", got[x], np.array(want, dtype=np.uint32))
runner.stop()
print("SUCCESS!")
