#!/usr/bin/env cs_python
"""dsd-overlap-inplace: replays pe.csl's DSD operations element by element, in order, on
numpy copies of the host data (f32 ops rounded per operation, @fmacs rounded once, i16
wrapping), and compares both arrays bit for bit after two launches."""
import argparse
import sys
from fractions import Fraction

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
m32 = MemcpyDataType.MEMCPY_32BIT
m16 = MemcpyDataType.MEMCPY_16BIT
ROW = MemcpyOrder.ROW_MAJOR
f32 = np.float32


def round_f32(x):
    """The f32 nearest the Fraction x, ties to even."""
    r = f32(float(x))
    best, best_d = None, None
    for c in (np.nextafter(r, f32(-np.inf)), r, np.nextafter(r, f32(np.inf))):
        if not np.isfinite(c):
            continue
        d = abs(Fraction(float(c)) - x)
        if best is None or d < best_d or (d == best_d and int(c.view(np.uint32)) % 2 == 0):
            best, best_d = c, d
    return f32(best)


def fused(a, b, k):
    return round_f32(Fraction(float(a)) + Fraction(float(b)) * Fraction(float(k)))


def i16(v):
    v &= 0xffff
    return v - 0x10000 if v & 0x8000 else v


def model(w, hw, sc):
    w, hw = w.copy(), [int(v) for v in hw]
    s0, s1 = sc[0], sc[1]
    for i in range(32):
        w[i] = w[i + 1] + w[i + 40]
    for i in range(32):
        w[40 + i] = w[40 + i] * s0
    for i in range(16):
        w[111 - i] = w[128 + 2 * i] - w[130 + 2 * i]
    for i in range(16):
        w[160 + i] = fused(w[160 + i], w[191 - i], s1)
    for i in range(20):
        w[95 - i] = -w[94 - i]
    for a in range(2):
        for b in range(3):
            for c in range(2):
                for d in range(4):
                    w[159 - (a + 2 * c + 4 * d + 16 * b)] = w[192 + 24 * a + 8 * b + 4 * c + d]
    for i in range(48):
        w[192 + i] = w[192 + i] + s0
    for i in range(16):
        w[240 + i] = max(w[240 + i], w[192 + 3 * i])
    for i in range(24):
        w[2 * i + 1] = w[2 * i + 1] * s1 - w[72 + i]
    for i in range(63):
        hw[i] = i16(hw[i + 1] + hw[i + 64])
    for i in range(31):
        hw[126 - 2 * i] = hw[126 - 2 * i] >> 3
    for i in range(7):
        hw[64 + i] = i16(hw[65 + i] - hw[128 - i])
    for i in range(9):
        hw[100 + 3 * i] = i16((hw[100 + 3 * i] ^ hw[99 + 3 * i]) - 7)
    for i in range(5):
        hw[80 - i] = i16(0x5a5a ^ hw[80 - i])
    return w, np.array(hw, dtype=np.int16)


rng = np.random.default_rng(20261126)
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("w", "hw", "sc")}
runner.load()
runner.run()
failures = 0
for case in range(2):
    w0 = (rng.standard_normal(256) * 10.0 ** rng.integers(-3, 4, 256)).astype(f32)
    hw0 = rng.integers(-32768, 32768, 129).astype(np.int16)
    sc = np.array([[1.0000001, -0.3333333, 0, 0], [-7.25, 1e-3, 0, 0]][case], dtype=f32)
    runner.memcpy_h2d(ids["w"], w0, 0, 0, 1, 1, 256, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)
    runner.memcpy_h2d(ids["hw"], hw0.view(np.uint16).astype(np.uint32), 0, 0, 1, 1, 129,
                      streaming=False, order=ROW, data_type=m16, nonblock=False)
    runner.memcpy_h2d(ids["sc"], sc, 0, 0, 1, 1, 4, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)
    runner.launch("run", nonblock=False)
    got_w = np.zeros(256, dtype=f32)
    runner.memcpy_d2h(got_w, ids["w"], 0, 0, 1, 1, 256, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)
    got_h = np.zeros(129, dtype=np.uint32)
    runner.memcpy_d2h(got_h, ids["hw"], 0, 0, 1, 1, 129, streaming=False, order=ROW,
                      data_type=m16, nonblock=False)
    want_w, want_h = model(w0, hw0, sc)
    for i in np.nonzero(got_w.view(np.uint32) != want_w.view(np.uint32))[0]:
        failures += 1
        print(f"MISMATCH case {case} w[{i}]: got {got_w[i]!r} want {want_w[i]!r}")
    got_h16 = (got_h & 0xffff).astype(np.uint16).view(np.int16)
    for i in np.nonzero(got_h16 != want_h)[0]:
        failures += 1
        print(f"MISMATCH case {case} hw[{i}]: got {got_h16[i]} want {want_h[i]}")
runner.stop()
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
