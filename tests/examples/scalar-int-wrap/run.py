#!/usr/bin/env cs_python
"""scalar-int-wrap: the scalar integer operators on i8..u64 and int <-> float @as
conversions, checked exactly against Python integer arithmetic reduced to each type's
width and numpy's IEEE conversions."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
n, m = int(params["n"]), int(params["m"])
m32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
NUM_OPS, NUM_CONV = 14, 12
TYPES = [("i8", 8, True), ("u8", 8, False), ("i16", 16, True), ("u16", 16, False),
         ("i32", 32, True), ("u32", 32, False), ("i64", 64, True), ("u64", 64, False)]
OPS = ["+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^", "~", "0-a", "<", "(a*b+a)>>1"]

# 64-bit operands. A divisor's low byte is never 0x00 or 0xff, so no type sees a zero
# divisor or MIN / -1.
xs = [0x0000000000000000, 0xffffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff,
      0x00000000ffff8001, 0x123456789abcdef0, 0xfedcba9876543210, 0x80000000800080f9,
      0xffffffff80000000, 0x000000007fff7f80, 0xdeadbeefcafef00d, 0x0000000000000093]
ys = [0x0000000000000007, 0xfffffffffffffffd, 0x0000000000000003, 0xffffffffffffff02,
      0x00000000fffffff9, 0x000000000001000b, 0x8000000000000041, 0x7ffffffffffffe05,
      0x0123456789abcd81, 0xfffffffffffffe80 | 0x11, 0x00000000deadbe01, 0xffffffff00000010]
ss = [0, 1, 7, 8, 15, 16, 31, 33, 63, 5, 12, 40]
assert len(xs) == len(ys) == len(ss) == n
assert all((y & 0xff) not in (0, 0xff) for y in ys)


def signed(v, w):
    v &= (1 << w) - 1
    return v - (1 << w) if v >> (w - 1) else v


def expected(w, is_signed, x, y, s):
    mask = (1 << w) - 1
    a, b = x & mask, y & mask
    if is_signed:
        a, b = signed(a, w), signed(b, w)
    s %= w
    q = abs(a) // abs(b)
    if (a < 0) != (b < 0):
        q = -q
    r = a - q * b
    shr = (a >> s) if is_signed else ((a & mask) >> s)
    acc = a * b + a
    acc = signed(acc, w) if is_signed else acc & mask
    vals = [a + b, a - b, a * b, q, r, a << s, shr, a & b, a | b, a ^ b, ~a, -a,
            1 if a < b else 0, acc >> 1]
    return [v & mask for v in vals]


# Conversion inputs: f32 values within the i16 range (fractions, signed zeros, a
# subnormal), and i32 values whose conversions to f32/f16 must round to nearest even.
fv = np.array([0.0, -0.0, 1.5, -1.5, 2.9999998, -2.9999998, 32767.0, -32768.0, 0.49999997,
               -0.75, 1e-40, 12345.678, -30000.5, 7.0, 255.99, -1.0], dtype=np.float32)
iv = np.array([0, -1, 16777217, 16777219, -16777221, 2147483647, -2147483648, 65519, 65520,
               2049, 2051, -65535, 123456789, 4099, 1 << 30, 33554435], dtype=np.int32)
assert len(fv) == len(iv) == m

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("xs", "ys", "ss", "fv", "iv", "ops_out", "conv_out")}
runner.load()
runner.run()


def words(vals):
    return np.array([[v & 0xffffffff, v >> 32] for v in vals], dtype=np.uint32).ravel()


for name, arr in (("xs", words(xs)), ("ys", words(ys)), ("ss", np.array(ss, dtype=np.uint32)),
                  ("fv", fv), ("iv", iv)):
    runner.memcpy_h2d(ids[name], arr, 0, 0, 1, 1, arr.size, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)
runner.launch("run_ops", nonblock=False)
runner.launch("run_conversions", nonblock=False)
ops_out = np.zeros(2 * 8 * NUM_OPS * n, dtype=np.uint32)
runner.memcpy_d2h(ops_out, ids["ops_out"], 0, 0, 1, 1, ops_out.size, streaming=False,
                  order=ROW, data_type=m32, nonblock=False)
conv_out = np.zeros(NUM_CONV * m, dtype=np.uint32)
runner.memcpy_d2h(conv_out, ids["conv_out"], 0, 0, 1, 1, conv_out.size, streaming=False,
                  order=ROW, data_type=m32, nonblock=False)
runner.stop()

failures = 0
for t, (tname, w, is_signed) in enumerate(TYPES):
    for i in range(n):
        want = expected(w, is_signed, xs[i], ys[i], ss[i])
        for o in range(NUM_OPS):
            at = 2 * ((t * NUM_OPS + o) * n + i)
            got = int(ops_out[at]) | (int(ops_out[at + 1]) << 32)
            if got != want[o]:
                failures += 1
                print(f"MISMATCH {tname} '{OPS[o]}' case {i} (x={xs[i]:#x} y={ys[i]:#x} "
                      f"s={ss[i]}): got {got:#x} want {want[o]:#x}")

mag = np.abs(fv)
with np.errstate(all="ignore"):
    want_conv = [
        ("@as(i32, f32)", np.trunc(fv).astype(np.int32).view(np.uint32)),
        ("@as(i16, f32)", np.trunc(fv).astype(np.int16).view(np.uint16).astype(np.uint32)),
        ("@as(u32, f32)", np.trunc(mag).astype(np.uint32)),
        ("@as(u16, f32)", np.trunc(mag).astype(np.uint16).astype(np.uint32)),
        ("@as(f32, i32)", iv.astype(np.float32).view(np.uint32)),
        ("@as(f32, u32)", iv.view(np.uint32).astype(np.float32).view(np.uint32)),
        ("@as(f16, i32)", iv.astype(np.float64).astype(np.float16).view(np.uint16).astype(np.uint32)),
        ("@as(f32, i64)", (iv.astype(np.int64) * 4099).astype(np.float32).view(np.uint32)),
        ("@as(i64, f32*65536)", (np.trunc(fv * np.float32(65536.0)).astype(np.int64).view(np.uint64)
                                 & 0xffffffff).astype(np.uint32)),
        ("@as(bool, f32)", (fv != 0).astype(np.uint32)),
        ("@as(f32, i8)", ((iv & 0x7f) - 64).astype(np.int8).astype(np.float32).view(np.uint32)),
        ("@as(f16, u16)", (iv.view(np.uint32) & 0xffff).astype(np.float64).astype(np.float16)
         .view(np.uint16).astype(np.uint32)),
    ]
conv = conv_out.reshape(NUM_CONV, m)
for r, (label, want) in enumerate(want_conv):
    for i in np.nonzero(conv[r] != want)[0]:
        failures += 1
        print(f"MISMATCH {label} case {i} (f={fv[i]!r} i={iv[i]}): got {conv[r, i]:#x} "
              f"want {want[i]:#x}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
