#!/usr/bin/env cs_python
"""dsd-literal-scalars: a comptime literal scalar of a DSD operation takes the type its
operand has (Builtins page: fp16_value is @fp16(), f32_value f32, i16/u16_value 16-bit,
i32/u32_value 32-bit). Each row is recomputed with numpy from the literal converted to
that type. @fmacs/@fmach results that differ between a fused and an unfused
multiply-add are accepted either way (the page does not say which), and the rounding of
@xp162fh(-2049) is only reported."""
import argparse
import sys
from fractions import Fraction

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import input_array_to_u32, memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

n = 8
m16, m32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
f32, f16 = np.float32, np.float16
s32 = np.array([1.0, -2.0, 3.5, 0.1, -0.0, 100.0, 1e-8, -7.25], dtype=f32)
s16 = np.array([1.0, -2.0, 3.5, 0.1, -0.0, 100.0, 0.000123, -7.25], dtype=f16)
u = np.array([0, 1, 0x8000, 0xffff, 0x1234, 0x7fff, 0x00ff, 0xff00], dtype=np.uint32)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("s32", "s16", "u", "o32", "o16", "ou", "o32w")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["s32"], s32, 0, 0, 1, 1, n, streaming=False, order=ROW, data_type=m32,
                  nonblock=False)
runner.memcpy_h2d(ids["s16"], input_array_to_u32(s16, None, n), 0, 0, 1, 1, n,
                  streaming=False, order=ROW, data_type=m16, nonblock=False)
runner.memcpy_h2d(ids["u"], u, 0, 0, 1, 1, n, streaming=False, order=ROW, data_type=m16,
                  nonblock=False)
runner.launch("apply", nonblock=False)


def d2h(name, count, dtype, width):
    out = np.zeros(count, dtype=np.uint32 if width == m16 else dtype)
    runner.memcpy_d2h(out, ids[name], 0, 0, 1, 1, count, streaming=False, order=ROW,
                      data_type=width, nonblock=False)
    return out


o32 = d2h("o32", 10 * n, f32, m32).reshape(10, n)
o16 = memcpy_view(d2h("o16", 10 * n, f16, m16), np.dtype(f16)).reshape(10, n)
ou = (d2h("ou", 12 * n, np.uint32, m16) & 0xffff).reshape(12, n)
o32w = d2h("o32w", 2 * n, np.uint32, m32).reshape(2, n)
runner.stop()


def round_exact(x, t):
    with np.errstate(over="ignore"):
        q = t(float(x))
    cands = [c for c in (q, np.nextafter(q, t(np.inf)), np.nextafter(q, t(-np.inf)))
             if np.isfinite(c)]
    best = min(abs(Fraction(float(c)) - x) for c in cands)
    near = [c for c in cands if abs(Fraction(float(c)) - x) == best]
    return min(near, key=lambda c: int(np.array([c]).view(
        np.uint32 if t == f32 else np.uint16)[0]) & 1)


def fused(a, b, c, t):
    return np.array([round_exact(Fraction(float(x)) + Fraction(float(y)) * Fraction(float(c)), t)
                     for x, y in zip(a, b)], dtype=t)


k16, k32 = f16(0.1), f32(0.1)
with np.errstate(all="ignore"):
    want32 = [
        ("fmuls(s, 0.1)", s32 * k32), ("fsubs(0.1, s)", k32 - s32),
        ("fmacs(s, s, 0.1)", (fused(s32, s32, k32, f32), s32 + s32 * k32)),
        ("fmaxs(s, -0.5)", np.fmax(s32, f32(-0.5))), ("fh2s(0.1)", np.full(n, f32(k16))),
        ("xp162fs(-5)", np.full(n, f32(-5))), ("fnegs(2.5)", np.full(n, f32(-2.5))),
        ("faddhs(s, 0.1)", s32 + f32(k16)),
        ("fmachs(s, s16, 0.1)", s32 + s16.astype(f32) * f32(k16)),
        ("fadds(1.0e-8, s)", f32(1e-8) + s32),
    ]
    want16 = [
        ("fmulh(s, 0.1)", s16 * k16), ("fsubh(0.1, s)", k16 - s16),
        ("fmach(s, s, 0.1)", (fused(s16, s16, k16, f16), s16 + s16 * k16)),
        ("fmaxh(-0.5, s)", np.fmax(f16(-0.5), s16)), ("fs2h(0.1)", np.full(n, f16(k32))),
        ("xp162fh(1000)", np.full(n, f16(1000))), ("fabsh(-0.1)", np.full(n, k16)),
        ("faddh(s, 0.0001)", s16 + f16(0.0001)), ("fmovh(65504.0)", np.full(n, f16(65504))),
        ("xp162fh(-2049)", None),
    ]
su = u.astype(np.uint16).view(np.int16).astype(np.int64)
wantu = [
    ("add16(-1, u)", (u - 1) & 0xffff), ("sub16(u, -2)", (u + 2) & 0xffff),
    ("and16(u, -256)", u & 0xff00), ("or16(0x8000, u)", u | 0x8000),
    ("xor16(u, 0xffff)", u ^ 0xffff), ("sll16(u, 15)", (u << 15) & 0xffff),
    ("sar16(u, 3)", (su >> 3) & 0xffff), ("popcnt(-1)", np.full(n, 16)),
    ("clz(1)", np.full(n, 15)), ("ctz(-32768)", np.full(n, 15)),
    ("fs2xp16(-3.0)", np.full(n, 0xfffd)), ("fh2xp16(7.0)", np.full(n, 7)),
]
wantw = [("mov32(-2)", np.full(n, 0xfffffffe)), ("mov32(0xdeadbeef)", np.full(n, 0xdeadbeef))]

failures = 0


def report(msg):
    global failures
    failures += 1
    if failures <= 15:
        print("MISMATCH " + msg)


for got_all, wants, u_t in ((o32, want32, np.uint32), (o16, want16, np.uint16)):
    for r, (label, want) in enumerate(wants):
        got = got_all[r]
        if want is None:
            if got[0] != f16(-2048):
                print(f"note: {label} gave {got[0]!r} (nearest even: -2048.0)")
            continue
        options = want if isinstance(want, tuple) else (want,)
        for i in range(n):
            if not any(got[i:i + 1].view(u_t)[0] == np.asarray(o, dtype=got.dtype)[i:i + 1]
                       .view(u_t)[0] for o in options):
                report(f"{label} [{i}] s32={s32[i]!r} s16={s16[i]!r}: got {got[i]!r} "
                       f"want {np.asarray(options[0], dtype=got.dtype)[i]!r}")
for got_all, wants in ((ou, wantu), (o32w, wantw)):
    for r, (label, want) in enumerate(wants):
        for i in range(n):
            if int(got_all[r, i]) != int(want[i]):
                report(f"{label} [{i}] u={int(u[i]):#06x}: got {int(got_all[r, i]):#x} "
                       f"want {int(want[i]):#x}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
