#!/usr/bin/env cs_python
"""float-int-extremes: @as(T, float) for T in i8..u64 must round toward zero (Builtins
page, @as); every float here truncates to a value inside T's range (the page does not say
what happens outside it), many at the very ends: T's extremes, the largest float below
max+1, values past the signed maximum for unsigned types, negative fractions. @as(f32|f16,
integer) is checked where the float type holds the integer exactly."""
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
width = 2
m16, m32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
f32, f16 = np.float32, np.float16
types = [("i8", 8, True), ("u8", 8, False), ("i16", 16, True), ("u16", 16, False),
         ("i32", 32, True), ("u32", 32, False), ("i64", 64, True), ("u64", 64, False)]
rng = np.random.default_rng(59)


def below(limit, t):
    """The largest value of float type t strictly below the integer limit."""
    x = t(min(float(limit), float(np.finfo(t).max)))
    while float(x) >= limit:
        x = np.nextafter(x, t(-np.inf))
    return x


def above(limit, t):
    x = t(max(float(limit), -float(np.finfo(t).max)))
    while float(x) <= limit:
        x = np.nextafter(x, t(np.inf))
    return x


def floats_for(bits, signed, t, px):
    lo = -(1 << (bits - 1)) if signed else 0
    hi = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
    vals = [0.0, -0.0, 0.75, -0.75, 1.5, -0.999, float(below(hi + 1, t)),
            float(below(hi + 1, t)) / 2]
    if signed:
        vals += [float(above(lo - 1, t)), float(t(lo)) if abs(lo) <= np.finfo(t).max else
                 float(above(lo - 1, t)), float(above(lo - 1, t)) / 3]
    else:
        top = min(float(hi), float(np.finfo(t).max))
        vals += [float(t(2.0 ** (bits - 1))) if 2.0 ** (bits - 1) <= np.finfo(t).max else top,
                 float(below(min(hi + 1, 2 ** (bits - 1) + 2 ** (bits - 2)), t)), top / 3]
    span_lo = max(float(lo), -float(np.finfo(t).max))
    span_hi = min(float(hi), float(np.finfo(t).max))
    while len(vals) < n:
        vals.append(float(rng.uniform(span_lo, span_hi)))
    arr = np.array(vals[:n], dtype=t)
    return np.roll(arr, px)


def ints_for(bits, signed, px):
    lo = -(1 << (bits - 1)) if signed else 0
    hi = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
    top = hi >> max(0, bits - 24) << max(0, bits - 24)  # hi with 24 significant bits
    vals = [0, 1, hi if bits <= 24 else top, lo, 2047, 2048, 65504, lo // 2,
            (hi // 3) >> 4 << 4, 100, 12, hi >> 1]
    while len(vals) < n:
        v = int(rng.integers(-(1 << 20) if signed else 0, 1 << 20))
        vals.append(max(lo, min(hi, v)))
    vals = [max(lo, min(hi, v)) for v in vals[:n]]
    vals = vals[px:] + vals[:px]
    return [v & ((1 << 64) - 1) for v in vals], vals


in32 = np.zeros((width, 8, n), dtype=f32)
in16 = np.zeros((width, 8, n), dtype=f16)
inw = np.zeros((width, 8, 2 * n), dtype=np.uint32)
int_vals = [[None] * 8 for _ in range(width)]
for px in range(width):
    for t, (_, bits, signed) in enumerate(types):
        in32[px, t] = floats_for(bits, signed, f32, px)
        in16[px, t] = floats_for(bits, signed, f16, px)
        words, vals = ints_for(bits, signed, px)
        int_vals[px][t] = vals
        inw[px, t, 0::2] = [w & 0xffffffff for w in words]
        inw[px, t, 1::2] = [w >> 32 for w in words]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("in32", "in16", "inw", "ints", "f32s", "f16s")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["in32"], in32.ravel(), 0, 0, width, 1, 8 * n, streaming=False,
                  order=ROW, data_type=m32, nonblock=False)
runner.memcpy_h2d(ids["in16"], input_array_to_u32(in16.ravel(), None, 8 * n), 0, 0, width, 1,
                  8 * n, streaming=False, order=ROW, data_type=m16, nonblock=False)
runner.memcpy_h2d(ids["inw"], inw.ravel(), 0, 0, width, 1, 16 * n, streaming=False,
                  order=ROW, data_type=m32, nonblock=False)
runner.launch("cast_all", nonblock=False)
ints = np.zeros(width * 32 * n, dtype=np.uint32)
runner.memcpy_d2h(ints, ids["ints"], 0, 0, width, 1, 32 * n, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
got32 = np.zeros(width * 8 * n, dtype=f32)
runner.memcpy_d2h(got32, ids["f32s"], 0, 0, width, 1, 8 * n, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
raw16 = np.zeros(width * 8 * n, dtype=np.uint32)
runner.memcpy_d2h(raw16, ids["f16s"], 0, 0, width, 1, 8 * n, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
runner.stop()
ints = ints.reshape(width, 16, n, 2)
got32 = got32.reshape(width, 8, n)
got16 = memcpy_view(raw16, np.dtype(f16)).reshape(width, 8, n)

failures = 0


def report(msg):
    global failures
    failures += 1
    if failures <= 15:
        print("MISMATCH " + msg)


for px in range(width):
    for t, (name, bits, signed) in enumerate(types):
        for src, arr in ((0, in32), (8, in16)):
            for i in range(n):
                x = arr[px, t, i]
                want = int(np.trunc(np.float64(x)))
                word = int(ints[px, src + t, i, 0]) | (int(ints[px, src + t, i, 1]) << 32)
                word &= (1 << bits) - 1
                got = word - (1 << bits) if signed and word >> (bits - 1) else word
                if got != want:
                    report(f"@as({name}, {'f32' if src == 0 else 'f16'} {x!r}) PE {px}: "
                           f"got {got} want {want}")
        for i, v in enumerate(int_vals[px][t]):
            if float(f32(v)) == v and got32[px, t, i] != f32(v):
                report(f"@as(f32, {name} {v}) PE {px}: got {got32[px, t, i]!r}")
            if abs(v) <= 65504 and float(f16(v)) == v and got16[px, t, i] != f16(v):
                report(f"@as(f16, {name} {v}) PE {px}: got {got16[px, t, i]!r}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
