#!/usr/bin/env cs_python
"""switch-width-ranges: Python classifies each pattern truncated to each width (as the
switch prongs say: 0, {1,2,3}, two ranges, one special value, else); the run-time and the
comptime-folded results must both match; enum switches and round trips checked exactly."""
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

VALS = [0, 1, 2, 3, 4, 9, 10, 99, 100, 199, 200, 254, 255, 256, 127, 128, 129, 156, 155, 255, 254, 99, 100, 255, 256, 32767, 32768, 65534, 65535, 65536, 4294967294, 4294967295, 2147483647, 2147483648, 4294901760, 4294901759, 4294967296, 18446744073709551615, 9223372036854775808, 9223372036854775807, 18446744069414584320, 18446744069414584319, 18446744073709551600, 18446744073709551599, 4294967297, 4294967280, 4294967279, 4294967196]
N = len(VALS)
I64MIN, I64MAX = -(1 << 63), (1 << 63) - 1
# (name, width, signed, r1, r2, special), as in pe.csl's run()
TYPES = [("u8", 8, False, (10, 99), (200, 254), 255),
         ("i8", 8, True, (-128, -100), (4, 127), -1),
         ("u16", 16, False, (0x100, 0x7fff), (0x8000, 0xfffe), 0xffff),
         ("i16", 16, True, (-32768, -2), (100, 32767), -1),
         ("u32", 32, False, (0x10000, 0x7fffffff), (0xfffffff0, 0xfffffffe), 0xffffffff),
         ("i32", 32, True, (-2147483648, -65536), (65536, 2147483647), -1),
         ("u64", 64, False, (1 << 32, I64MAX), (1 << 63, (1 << 64) - 2), (1 << 64) - 1),
         ("i64", 64, True, (I64MIN, -(1 << 32)), (1 << 32, I64MAX), -1)]


def classify(v, r1, r2, special):
    if v == 0:
        return 1
    if v in (1, 2, 3):
        return 2
    if r1[0] <= v <= r1[1]:
        return 3
    if r2[0] <= v <= r2[1]:
        return 4
    if v == special:
        return 5
    return 6


E1 = {"neg": -3, "zero": 0, "big": 32767, "small": -32768, "one": 1}
E2 = {"a": 200, "b": 7, "c": 255, "d": 0}
E3 = {"hi": 0x80000000, "lo": 3, "mid": 0x10000}
t1 = [-3, 32767, -32768, 0, 1, -3, 1, 32767]
t2 = [200, 7, 255, 0, 0, 255, 7, 200]
t3 = [0x80000000, 3, 0x10000, 3, 0x80000000, 0x10000, 0x10000, 3]
tags = np.array(t1 + t2 + [v - (1 << 32) if v >> 31 else v for v in t3], dtype=np.int32)

want = []
for _, w, signed, r1, r2, sp in TYPES:
    for v in VALS:
        x = v & ((1 << w) - 1)
        if signed and x >> (w - 1):
            x -= 1 << w
        want.append(classify(x, r1, r2, sp))
want = want + want
for v in t1:
    r = 10 if v in (-3, -32768) else 20 if v == 0 else 30 if v == 32767 else 40
    want.append((r * 100000 + v) & 0xffffffff)
for v in t2:
    r = 1 if v == 200 else 2 if v in (7, 255) else 3
    want.append(r * 1000 + v)
for v in t3:
    want.append((5 if v == 0x80000000 else 6) ^ v)

for v in VALS[36:40]:
    want.append((1 if v < 1 << 63 else 2) + (20 if v < 1 << 63 else 10))

words = np.array([[v & 0xffffffff, v >> 32] for v in VALS], dtype=np.uint32).ravel()
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("vals", "tags", "out")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["vals"], words, 0, 0, 1, 1, words.size, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.memcpy_h2d(ids["tags"], tags, 0, 0, 1, 1, 24, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.launch("run", nonblock=False)
got = np.zeros(800, dtype=np.uint32)  # 796 used
runner.memcpy_d2h(got, ids["out"], 0, 0, 1, 1, 800, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.stop()
failures = 0
for k, wv in enumerate(want):
    if int(got[k]) != wv:
        failures += 1
        if k < 768:
            part, t, i = ("run time", "comptime")[k // 384], (k % 384) // N, k % N
            print(f"MISMATCH {part} {TYPES[t][0]} value {VALS[i]:#x}: got {int(got[k])} want {wv}")
        else:
            print(f"MISMATCH enum/64-bit switch out[{k}]: got {int(got[k]):#x} want {wv:#x}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
