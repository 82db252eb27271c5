#!/usr/bin/env cs_python
"""comptime-runtime-agree: Python evaluates the 16 expressions of pe.csl's exprs() for
every type and operand pair (C-style truncating / and %, arithmetic >> on signed types,
f32 rounding to nearest even); the run-time results and the comptime-folded ones must
both equal it, bit for bit."""
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
ROW = MemcpyOrder.ROW_MAJOR
NE = 16
# name: (width, signed, wider (width, signed), narrower (width, signed)), as pe.csl's run()
TYPES = {"u8": (8, False, (16, False), (8, False)), "i8": (8, True, (16, True), (8, True)),
         "u16": (16, False, (32, False), (8, False)), "i16": (16, True, (32, True), (8, True)),
         "u32": (32, False, (64, False), (16, False)), "i32": (32, True, (64, True), (16, True)),
         "u64": (64, False, (64, False), (32, False)), "i64": (64, True, (64, True), (32, True))}
PAIRS = {
    "u8": [(0xff, 5), (0x80, 0x7f), (3, 0xfe), (0x81, 0x80)],
    "i8": [(-1, 5), (-128, 127), (3, -2), (-127, -128)],
    "u16": [(0xffff, 5), (0x8000, 0x7fff), (3, 0xfffe), (0x8001, 0x8000)],
    "i16": [(-1, 5), (-32768, 32767), (3, -2), (-32767, -32768)],
    "u32": [(0xffffffff, 5), (0x80000000, 0x7fffffff), (3, 0xfffffffe), (0x80000001, 0x80000000)],
    "i32": [(-1, 5), (-2147483648, 2147483647), (3, -2), (-2147483647, -2147483648)],
    "u64": [(0xffffffffffffffff, 5), (0x8000000000000000, 0x7fffffffffffffff),
            (3, 0xfffffffffffffffe), (0x8000000000000001, 0x8000000000000000)],
    "i64": [(-1, 5), (-(1 << 63), (1 << 63) - 1), (3, -2), (-(1 << 63) + 1, -(1 << 63))],
}
ORDER = ["u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64"]
NAMES = ["a<b", "a>b", "a<=b", "a>=b", "==|!=", "a/b", "a%b", "a>>3", "literal compares",
         "(a&b)^~b", "min", "@as(f32,a)", "bitcast other sign", "compare other sign",
         "halves sum", "narrow/wide"]


def val(bits, w, signed):
    bits &= (1 << w) - 1
    return bits - (1 << w) if signed and bits >> (w - 1) else bits


def f32_bits(v):
    x = Fraction(v)
    r = np.float32(float(x))
    best, best_d = None, None
    for c in (np.nextafter(r, np.float32(-np.inf)), r, np.nextafter(r, np.float32(np.inf))):
        d = abs(Fraction(float(c)) - x)
        if best is None or d < best_d or (d == best_d and int(c.view(np.uint32)) % 2 == 0):
            best, best_d = c, d
    return int(np.float32(best).view(np.uint32))


def exprs(name, a, b):
    w, signed, _, (nw, ns) = TYPES[name]
    m = (1 << w) - 1
    q = abs(a) // abs(b)
    if (a < 0) != (b < 0):
        q = -q
    other = lambda v: val(v, w, not signed)
    return [int(a < b), int(a > b), int(a <= b), int(a >= b), int(a == b) | (int(a != b) << 1),
            q & m, (a - q * b) & m, (a >> 3) & m,
            int(a < 100) | (int(a > 100) << 1) | (int(b >= 5) << 2) | (int(0 < a) << 3),
            ((a & b) & m) ^ (~b & m), min(a, b) & m, f32_bits(a), a & m,
            int(other(a) < other(b)), ((a & m) >> 1) + ((b & m) >> 1),
            (val((a & m) & 0x7f, nw, ns) & m) ^ (int(a < b) << 40)]


ops = []
for name in ORDER:
    for a, b in PAIRS[name]:
        for v in (a, b):
            v &= (1 << 64) - 1
            ops += [v & 0xffffffff, v >> 32]
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("ops", "out")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["ops"], np.array(ops, dtype=np.uint32), 0, 0, 1, 1, 128, streaming=False,
                  order=ROW, data_type=m32, nonblock=False)
runner.launch("run", nonblock=False)
got = np.zeros(2048, dtype=np.uint32)
runner.memcpy_d2h(got, ids["out"], 0, 0, 1, 1, 2048, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.stop()
failures = 0
for t, name in enumerate(ORDER):
    for p, (a, b) in enumerate(PAIRS[name]):
        want = exprs(name, a, b)
        for e in range(NE):
            for part, off in (("run time", 0), ("comptime", 1024)):
                at = off + 2 * (NE * (4 * t + p) + e)
                g = int(got[at]) | (int(got[at + 1]) << 32)
                if g != want[e]:
                    failures += 1
                    print(f"MISMATCH {part} {name} a={a} b={b} {NAMES[e]}: got {g:#x} "
                          f"want {want[e]:#x}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
