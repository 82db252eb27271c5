#!/usr/bin/env cs_python
"""const-divisor-ops: Python integers reduced to each width model every operation with a
comptime right operand (C-style truncating division, remainder with the dividend's sign,
wrapping products and left shifts, arithmetic right shifts on signed types)."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
m32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
NUM_OPS = 40
TYPES = [("u8", 8, False), ("i8", 8, True), ("u16", 16, False), ("i16", 16, True),
         ("u32", 32, False), ("i32", 32, True), ("u64", 64, False), ("i64", 64, True)]
VALS = [0, 1, 0xffffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff,
        0xfffffffffffffff9, 0x80000000ffff8000, 0x00000000000000c5, 0xffffffff7fffffc1,
        0x123456789abcdef0, 0xfedcba9876543217, 0x0000000080000001, 0xfffffffffffffc18,
        0x0000000000007fe3]
N = len(VALS)


def sval(bits, w, signed):
    bits &= (1 << w) - 1
    return bits - (1 << w) if signed and bits >> (w - 1) else bits


def tdiv(a, d):
    q = abs(a) // abs(d)
    return -q if (a < 0) != (d < 0) else q


def expected(w, signed, bits):
    m = (1 << w) - 1
    a = sval(bits, w, signed)
    r = [0] * NUM_OPS
    o = 0
    for d in (1, 2, 4, 8, 16, 3, 7, 10, 64):
        q = tdiv(a, d)
        r[o], r[o + 1] = q, a - q * d
        o += 2
    quarter = 1 << (w - 2)
    q = tdiv(a, quarter)
    r[18], r[19] = q, a - q * quarter
    if signed:
        for j, d in enumerate((-1, -2, -8, -3, -10)):
            if d == -1 and a == -(1 << (w - 1)):
                r[20 + 2 * j] = r[21 + 2 * j] = 0xdead
            else:
                q = tdiv(a, d)
                r[20 + 2 * j], r[21 + 2 * j] = q, a - q * d
    r[30], r[31], r[32] = a * 3, a * 8, a * quarter
    r[33], r[34] = a >> 1, a >> (w - 1)
    r[35], r[36] = a << 1, a << (w - 1)
    r[37] = a
    r[38] = a & (quarter - 1)
    r[39] = -a if signed else a * 255
    return [v if v == 0xdead else v & m for v in r]


words = np.array([[v & 0xffffffff, v >> 32] for v in VALS], dtype=np.uint32).ravel()
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("vals", "out")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["vals"], words, 0, 0, 1, 1, words.size, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.launch("run", nonblock=False)
size = 2 * 8 * NUM_OPS * N
got = np.zeros(size, dtype=np.uint32)
runner.memcpy_d2h(got, ids["out"], 0, 0, 1, 1, size, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.stop()
failures = 0
for t, (name, w, signed) in enumerate(TYPES):
    for i, v in enumerate(VALS):
        want = expected(w, signed, v)
        for o in range(NUM_OPS):
            at = 2 * ((t * NUM_OPS + o) * N + i)
            g = int(got[at]) | (int(got[at + 1]) << 32)
            if g != want[o]:
                failures += 1
                print(f"MISMATCH {name} op {o} a={sval(v, w, signed)}: got {g:#x} "
                      f"({sval(g, w, signed)}) want {want[o]:#x} ({sval(want[o], w, signed)})")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
