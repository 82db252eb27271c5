#!/usr/bin/env cs_python
"""compare-coerce-edges: IEEE comparisons of f32/f16 scalars (every comparison with a NaN
is false except !=; -0 == +0; subnormals order), @as(bool, float) (Builtins page, @as:
an unordered not-equal comparison with zero, so NaN is true and -0.0 false), integer
comparisons at each width's extremes (i8..u64, signed and unsigned order), and
comptime-float literals mixed with run-time f16/f32 values (the literal is coerced to the
operand's type: f16 0.1 is 0.0999755859375). Checked exactly against numpy."""
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
flag_rows = 11
inf, nan = np.inf, np.nan

pairs32 = [(nan, 1.0), (1.0, nan), (nan, nan), (0.0, -0.0), (-0.0, 0.0), (inf, inf),
           (-inf, inf), (1e-45, 0.0), (-1e-45, -0.0), (1.0, 1.0), (1.0, 2.0), (2.0, 1.0),
           (3.4028235e38, inf), (-3.4028235e38, -inf), (1e-45, 3e-45), (-0.0, -0.0),
           (0.1, 0.1), (0.099999994, 0.1), (-inf, nan), (16777216.0, 16777217.0)]
pairs16 = [(nan, 1.0), (1.0, nan), (nan, nan), (0.0, -0.0), (-0.0, 0.0), (inf, inf),
           (-inf, inf), (6e-08, 0.0), (-6e-08, -0.0), (1.0, 1.0), (1.0, 2.0), (2.0, 1.0),
           (65504.0, inf), (-65504.0, -inf), (6e-08, 1.2e-07), (-0.0, -0.0), (0.1, 0.1),
           (0.09991, 0.1), (0.10004, 0.2), (2049.0, 2048.0)]
int_pairs = [(0, 2**64 - 1), (2**63, 2**63 - 1), (0x80, 0x7f), (0x8000, 0x7fff),
             (0x80000000, 0x7fffffff), (0xffffffff00000000, 0x00000000ffffffff),
             (2**64 - 1, 2**64 - 1), (0, 0), (1, 2**64 - 1), (0xff, 0x100),
             (0x7fffffffffffffff, 2**63), (0xfffe, 0xffff), (0x17f, 0x80)]
rng = np.random.default_rng(31)
a32 = np.zeros((width, n), dtype=f32)
b32 = np.zeros((width, n), dtype=f32)
a16 = np.zeros((width, n), dtype=f16)
b16 = np.zeros((width, n), dtype=f16)
ia = np.zeros((width, n), dtype=np.uint64)
ib = np.zeros((width, n), dtype=np.uint64)
for px in range(width):
    for i in range(n):
        x, y = pairs32[(i + 7 * px) % len(pairs32)]
        a32[px, i], b32[px, i] = f32(x), f32(y)
        x, y = pairs16[(i + 5 * px) % len(pairs16)]
        a16[px, i], b16[px, i] = f16(x), f16(y)
        if i < len(int_pairs):
            ia[px, i], ib[px, i] = int_pairs[(i + 3 * px) % len(int_pairs)]
        else:
            ia[px, i], ib[px, i] = (int(v) for v in rng.integers(0, 2**63, 2, dtype=np.uint64)
                                    * np.uint64(2 - (i % 2)))
    a32[px, -8:] = rng.uniform(-2, 2, 8).astype(f32)
    a16[px, -8:] = rng.uniform(-2, 2, 8).astype(f16)
    b32[px, -8:] = a32[px, -8:][::-1]
    b16[px, -8:] = a16[px, -8:][::-1]


def words(v):
    w = np.zeros((width, 2 * n), dtype=np.uint32)
    w[:, 0::2] = (v & np.uint64(0xffffffff)).astype(np.uint32)
    w[:, 1::2] = (v >> np.uint64(32)).astype(np.uint32)
    return w


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("a32", "b32", "a16", "b16", "ia", "ib", "flags",
                                     "h_out", "w_out")}
runner.load()
runner.run()
for name, arr in (("a32", a32), ("b32", b32)):
    runner.memcpy_h2d(ids[name], arr.ravel(), 0, 0, width, 1, n, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)
for name, arr in (("a16", a16), ("b16", b16)):
    runner.memcpy_h2d(ids[name], input_array_to_u32(arr.ravel(), None, n), 0, 0, width, 1, n,
                      streaming=False, order=ROW, data_type=m16, nonblock=False)
for name, arr in (("ia", ia), ("ib", ib)):
    runner.memcpy_h2d(ids[name], words(arr).ravel(), 0, 0, width, 1, 2 * n, streaming=False,
                      order=ROW, data_type=m32, nonblock=False)
runner.launch("compare", nonblock=False)
raw = np.zeros(width * flag_rows * n, dtype=np.uint32)
runner.memcpy_d2h(raw, ids["flags"], 0, 0, width, 1, flag_rows * n, streaming=False,
                  order=ROW, data_type=m16, nonblock=False)
raw_h = np.zeros(width * 4 * n, dtype=np.uint32)
runner.memcpy_d2h(raw_h, ids["h_out"], 0, 0, width, 1, 4 * n, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
w_out = np.zeros(width * 3 * n, dtype=f32)
runner.memcpy_d2h(w_out, ids["w_out"], 0, 0, width, 1, 3 * n, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.stop()
flags = (raw & 0xffff).reshape(width, flag_rows, n)
h_out = memcpy_view(raw_h, np.dtype(f16)).reshape(width, 4, n)
w_out = w_out.reshape(width, 3, n)


def order_mask(a, b):
    return ((a < b) * 1 | (a <= b) * 2 | (a > b) * 4 | (a >= b) * 8 | (a == b) * 16
            | (a != b) * 32)


def float_mask(a, b):
    return order_mask(a, b) | (a != 0) * 64 | (a != a) * 128


int_types = [("i8", np.int8, np.uint8), ("u8", np.uint8, None), ("i16", np.int16, np.uint16),
             ("u16", np.uint16, None), ("i32", np.int32, np.uint32), ("u32", np.uint32, None),
             ("i64", np.int64, np.uint64), ("u64", np.uint64, None)]
names = ["f32", "f16"] + [t[0] for t in int_types] + ["literals"]
failures = 0


def report(msg):
    global failures
    failures += 1
    if failures <= 15:
        print("MISMATCH " + msg)


for px in range(width):
    for i in range(n):
        want = [int(float_mask(a32[px, i], b32[px, i])), int(float_mask(a16[px, i], b16[px, i]))]
        for _, t, ut in int_types:
            bits = np.uint64(np.iinfo(t).bits)
            mask = (np.uint64(1) << bits) - np.uint64(1) if bits < 64 else np.uint64(2**64 - 1)
            x, y = ia[px, i] & mask, ib[px, i] & mask
            if ut is not None:
                x, y = np.array([x]).astype(ut).view(t)[0], np.array([y]).astype(ut).view(t)[0]
            else:
                x, y = t(x), t(y)
            want.append(int(order_mask(x, y)))
        h, w = a16[px, i], a32[px, i]
        want.append(int((h < f16(0.1)) * 1 | (h == f16(0.1)) * 2 | (w == f32(0.1)) * 4
                        | (w < f32(0.1)) * 8 | (h > f16(65504.0)) * 16 | (w <= f32(-0.0)) * 32))
        for r, wv in enumerate(want):
            got = int(flags[px, r, i])
            if got != wv:
                report(f"{names[r]} flags PE {px} [{i}] a32={a32[px, i]!r} b32={b32[px, i]!r} "
                       f"a16={a16[px, i]!r} b16={b16[px, i]!r} ia={int(ia[px, i]):#x} "
                       f"ib={int(ib[px, i]):#x}: got {got:#010b} want {wv:#010b}")
with np.errstate(all="ignore"):
    want_h = [a16 * f16(0.1), a16 + f16(0.0001), a16 / f16(3.0), f16(1.0) - a16]
    want_w = [a32 * f32(0.1), a32 - f32(1e-8), f32(16777217.0) - a32]
labels_h = ["h * 0.1", "h + 0.0001", "h / 3.0", "1.0 - h"]
labels_w = ["w * 0.1", "w - 1.0e-8", "16777217.0 - w"]
for got_all, wants, labels, ut in ((h_out, want_h, labels_h, np.uint16),
                                   (w_out, want_w, labels_w, np.uint32)):
    for r, (want, label) in enumerate(zip(wants, labels)):
        got = got_all[:, r, :]
        ok = (got.view(ut) == want.view(ut)) | (np.isnan(got) & np.isnan(want))
        for px, i in zip(*np.nonzero(~ok)):
            report(f"{label} PE {px} [{i}] a16={a16[px, i]!r} a32={a32[px, i]!r}: "
                   f"got {got[px, i]!r} want {want[px, i]!r}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
