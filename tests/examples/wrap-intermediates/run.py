#!/usr/bin/env cs_python
"""wrap-intermediates: every intermediate reduced to the operand width in Python (C-style
truncating / and %, arithmetic >> on signed types), five launches of host operands."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
TYPES = [("u8", 8, False), ("i8", 8, True), ("u16", 16, False), ("i16", 16, True),
         ("u32", 32, False), ("i32", 32, True)]
NAMES = ["(x*3)/2", "(x+x)>>1", "(x<<4)>>4", "(x*x)%7", "x*2 > y", "(x-y-y)/3", "~x>>1",
         "x+1 < x"]


def wrap(v, w, signed):
    v &= (1 << w) - 1
    return v - (1 << w) if signed and v >> (w - 1) else v


def tdiv(a, b):
    q = abs(a) // abs(b)
    return -q if (a < 0) != (b < 0) else q


def chain(w, s, x, y):
    x, y, m = wrap(x, w, s), wrap(y, w, s), (1 << w) - 1
    p, sq, d = wrap(x * 3, w, s), wrap(x * x, w, s), wrap(x - y - y, w, s)
    return [tdiv(p, 2) & m, (wrap(x + x, w, s) >> 1) & m, (wrap(x << 4, w, s) >> 4) & m,
            (sq - tdiv(sq, 7) * 7) & m, int(wrap(x * 2, w, s) > y), tdiv(d, 3) & m,
            (wrap(~x, w, s) >> 1) & m, int(wrap(x + 1, w, s) < x)]


rng = np.random.default_rng(1616)
edges = [[50000, 200, 200, 0x7f, 0xfff0, 0x7fff, 0x7fff, 0x8000, 0xfffffff0, 200,
          0x7fffffff, 0x80000000],
         [0xff, 0x80, 0x80, 0x7f, 0xffff, 1, 0x8000, 0x7fff, 0x80000000, 0x7fffffff,
          0x80000000, 0xffffffff]]
cases = edges + [list(rng.integers(0, 1 << 32, 12, dtype=np.uint64)) for _ in range(3)]
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("src", "out")}
runner.load()
runner.run()
failures = 0
for c, src in enumerate(cases):
    src = [int(v) for v in src]
    runner.memcpy_h2d(ids["src"], np.array(src, dtype=np.uint32), 0, 0, 1, 1, 12, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    runner.launch("run", nonblock=False)
    got = np.zeros(48, dtype=np.uint32)
    runner.memcpy_d2h(got, ids["out"], 0, 0, 1, 1, 48, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    for t, (name, w, s) in enumerate(TYPES):
        want = chain(w, s, src[2 * t], src[2 * t + 1])
        for e in range(8):
            if int(got[8 * t + e]) != want[e]:
                failures += 1
                print(f"MISMATCH case {c} {name} {NAMES[e]} x={wrap(src[2 * t], w, s)} "
                      f"y={wrap(src[2 * t + 1], w, s)}: got {int(got[8 * t + e]):#x} "
                      f"want {want[e]:#x}")
runner.stop()
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
