#!/usr/bin/env cs_python
"""dsr-mixed-width: DSRs loaded once with `.save_address = true` walk on after each
width-changing operation by the elements it used (4 per operation, each DSR in its own
element size: 2-byte f16/i16 sources next to 4-byte f32 ones). Outputs are pre-filled with
sentinels; each launch's `steps` operations must fill exactly 4*steps elements per row
with numpy's values (integers and halves, so every conversion is exact)."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

width, length, chunk = 2, 24, 4
m16, m32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
f32, f16 = np.float32, np.float16
idx = np.arange(length)
h = np.stack([(idx * 5 + 3 * px) % 40 - 20 for px in range(width)]).astype(f16)
w = np.stack([(idx * 11 + 7 * px) % 70 - 35 for px in range(width)]).astype(f32)
k = np.stack([(idx * 1237 + 91 * px) % 20001 - 10000 for px in range(width)]).astype(np.int16)
SENT32, SENT16, SENTI = f32(-777.0), f16(-777.0), np.int16(0x6666)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("h", "w", "k", "o32", "o16", "oi")}
runner.load()
runner.run()


def put16(name, arr):
    words = arr.ravel().view(np.uint16).astype(np.uint32)
    runner.memcpy_h2d(ids[name], words, 0, 0, width, 1, arr.shape[1], streaming=False,
                      order=ROW, data_type=m16, nonblock=False)


def put32(name, arr):
    runner.memcpy_h2d(ids[name], arr.ravel(), 0, 0, width, 1, arr.shape[1], streaming=False,
                      order=ROW, data_type=m32, nonblock=False)


put16("h", h)
put16("k", k)
put32("w", w)
failures = 0
for steps, factor in ((4, f16(0.5)), (5, f16(-3.0)), (1, f16(2.0))):
    put32("o32", np.full((width, 4 * length), SENT32, dtype=f32))
    put16("o16", np.full((width, length), SENT16, dtype=f16))
    put16("oi", np.full((width, length), SENTI, dtype=np.int16))
    runner.launch("walk", np.uint16(steps), factor, nonblock=False)
    o32 = np.zeros(width * 4 * length, dtype=f32)
    runner.memcpy_d2h(o32, ids["o32"], 0, 0, width, 1, 4 * length, streaming=False,
                      order=ROW, data_type=m32, nonblock=False)
    raw16 = np.zeros(width * length, dtype=np.uint32)
    runner.memcpy_d2h(raw16, ids["o16"], 0, 0, width, 1, length, streaming=False, order=ROW,
                      data_type=m16, nonblock=False)
    rawi = np.zeros(width * length, dtype=np.uint32)
    runner.memcpy_d2h(rawi, ids["oi"], 0, 0, width, 1, length, streaming=False, order=ROW,
                      data_type=m16, nonblock=False)
    o32 = o32.reshape(width, 4, length)
    o16 = memcpy_view(raw16, np.dtype(f16)).reshape(width, length)
    oi = (rawi & 0xffff).astype(np.uint16).view(np.int16).reshape(width, length)
    m = steps * chunk
    for px in range(width):
        H, W, K = h[px].astype(f32), w[px], k[px].astype(f32)
        rows = [
            ("fh2s", o32[px, 0], H[:m], SENT32),
            ("faddhs w + h[2:]", o32[px, 1], W[:m] + H[2:2 + m], SENT32),
            ("fmachs w[1:] + h*factor", o32[px, 2], W[1:1 + m] + H[:m] * f32(factor), SENT32),
            ("xp162fs", o32[px, 3], K[:m], SENT32),
            ("fs2h", o16[px], w[px, :m].astype(f16), SENT16),
            ("fh2xp16", oi[px], h[px, :m].astype(np.int16), SENTI),
        ]
        for label, got, want, sentinel in rows:
            full = np.full(length, sentinel, dtype=got.dtype)
            full[:m] = want
            u = np.uint32 if got.dtype == f32 else np.uint16
            for i in np.nonzero(got.view(u) != full.view(u))[0]:
                failures += 1
                if failures <= 15:
                    print(f"MISMATCH {label} steps={steps} PE {px} [{i}]: got {got[i]!r} "
                          f"want {full[i]!r}")
runner.stop()
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
