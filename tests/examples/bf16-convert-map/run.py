#!/usr/bin/env cs_python
"""bf16-convert-map: under --fp16-format=bf16, @xp162fh/@fh2xp16/@fmaxh on bf16 data,
@map with bf16 callbacks, scalar @as between bf16 and i16 (toward zero) or f32, and bf16
comparisons. Results whose exact value is a bf16 (or an integer / f32) are checked bit for
bit; the rest (rounding, max with a NaN or two zeros, out-of-range conversions) is only
reported, as the docs give no rule for them."""
import argparse
import sys
from fractions import Fraction

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

n = 16
m16, m32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
f32 = np.float32


def bf(x):
    """A float that is exactly a bf16 (checked), as a numpy f32."""
    v = np.array([x], dtype=f32)
    assert int(v.view(np.uint32)[0]) & 0xffff == 0 or np.isnan(v[0]), x
    return v[0]


def bits(x):
    return int(np.array([x], dtype=f32).view(np.uint32)[0]) >> 16


def value(b):
    return np.array([int(b) << 16], dtype=np.uint32).view(f32)[0]


def exact_bf16(fr):
    """Bits of the Fraction fr if it is a finite bf16, else None."""
    with np.errstate(over="ignore"):
        v = f32(float(fr))
    if not np.isfinite(v) or Fraction(float(v)) != fr:
        return None
    b = int(np.array([v]).view(np.uint32)[0])
    return b >> 16 if b & 0xffff == 0 else None


nan, inf = float("nan"), float("inf")
a = [bf(x) for x in (1.5, -2.5, 100.0, -0.0, 0.0, nan, inf, -inf, 2.0**34 * 1.75,
                     2.0**-100 * 1.25, 255.0, -129.0, 0.75, -7.0, 32512.0, -32768.0)]
b = [bf(x) for x in (2.0, -2.5, 50.0, 0.0, -0.0, 1.0, nan, -inf, 2.0**34 * 1.75,
                     -(2.0**-100), 255.0, 128.0, 0.75, -8.0, 1.0, -1.0)]
k = [0, 1, -1, 255, 256, -257, 32767, -32768, 1000, 12, -96, 384, 4096, -20480, 127, 3]
a_bits = np.array([bits(x) for x in a], dtype=np.uint32)
b_bits = np.array([bits(x) for x in b], dtype=np.uint32)
k_words = np.array([v & 0xffff for v in k], dtype=np.uint32)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("a", "b", "k", "half", "ints", "wide", "flags")}
runner.load()
runner.run()
for name, words in (("a", a_bits), ("b", b_bits), ("k", k_words)):
    runner.memcpy_h2d(ids[name], words, 0, 0, 1, 1, n, streaming=False, order=ROW,
                      data_type=m16, nonblock=False)
runner.launch("run", nonblock=False)


def d2h(name, count, width, dtype=np.uint32):
    out = np.zeros(count, dtype=dtype)
    runner.memcpy_d2h(out, ids[name], 0, 0, 1, 1, count, streaming=False, order=ROW,
                      data_type=width, nonblock=False)
    return out


half = (d2h("half", 5 * n, m16) & 0xffff).reshape(5, n)
ints = (d2h("ints", 2 * n, m16) & 0xffff).astype(np.uint16).view(np.int16).reshape(2, n)
wide = d2h("wide", n, m32, f32)
flags = d2h("flags", n, m16) & 0xffff
runner.stop()

failures = notes = 0


def fail(msg):
    global failures
    failures += 1
    if failures <= 15:
        print("MISMATCH " + msg)


def note(msg):
    global notes
    notes += 1
    if notes <= 8:
        print("note: " + msg)


for i in range(n):
    x, y, v = a[i], b[i], k[i]
    # Integer to bf16 (@xp162fh and @as): exact when bf16 holds it.
    for r, label in ((0, "xp162fh"), (4, "@as(bf16, i16)")):
        want = exact_bf16(Fraction(v))
        if want is None:
            note(f"{label}({v}) = {value(half[r, i])!r} (not exact in bf16)")
        elif int(half[r, i]) != want:
            fail(f"{label}({v}): got {value(half[r, i])!r} want {value(want)!r}")
    # @fmaxh.
    if np.isnan(x) or np.isnan(y) or (x == 0 and y == 0):
        note(f"fmaxh({x!r}, {y!r}) = {value(half[1, i])!r}")
    elif int(half[1, i]) != bits(max(x, y)):
        fail(f"fmaxh({x!r}, {y!r}): got {value(half[1, i])!r}")
    # @map(x*y + 1), the product rounded to bf16 first.
    if np.isfinite(x) and np.isfinite(y):
        p = exact_bf16(Fraction(float(x)) * Fraction(float(y)))
        s = None if p is None else exact_bf16(Fraction(float(value(p))) + 1)
        if p is not None and s is not None and int(half[2, i]) != s:
            fail(f"map x*y+1 ({x!r}, {y!r}): got {value(half[2, i])!r} want {value(s)!r}")
    # @map(x * -0.5) with a scalar argument: exact.
    with np.errstate(all="ignore"):
        want = f32(x) * f32(-0.5)
    got = value(half[3, i])
    if not (np.isnan(got) and np.isnan(want)) and bits(want) != int(half[3, i]):
        fail(f"map x*-0.5 ({x!r}): got {got!r} want {want!r}")
    # bf16 -> i16: @fh2xp16 exact for integers in range; @as truncates toward zero.
    if np.isfinite(x) and float(x) == int(x) and -32768 <= int(x) <= 32767:
        if int(ints[0, i]) != int(x):
            fail(f"fh2xp16({x!r}): got {int(ints[0, i])}")
    else:
        note(f"fh2xp16({x!r}) = {int(ints[0, i])}")
    if np.isfinite(x) and -32769 < float(x) < 32768:
        if int(ints[1, i]) != int(np.trunc(float(x))):
            fail(f"@as(i16, {x!r}): got {int(ints[1, i])} want {int(np.trunc(float(x)))}")
    # @map(bf16 -> f32): @as(f32, x) * 3.0, exact in f32.
    with np.errstate(all="ignore"):
        want = f32(x) * f32(3.0)
    if not (np.isnan(wide[i]) and np.isnan(want)) and wide[i].view(np.uint32) != want.view(np.uint32):
        fail(f"map widen ({x!r}): got {wide[i]!r} want {want!r}")
    want_flags = ((x < y) * 1 | (x == y) * 2 | (x != y) * 4 | (x >= y) * 8 | (x != 0) * 16)
    if int(flags[i]) != int(want_flags):
        fail(f"comparisons ({x!r}, {y!r}): got {int(flags[i]):#07b} want {int(want_flags):#07b}")
if notes:
    print(f"{notes} results outside the documented cases (reported only)")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
