#!/usr/bin/env cs_python
"""u64-bind-paths: every slot's value and six expressions on it, folded by the compiler and
computed on the device from the host's copy, against Python integers."""
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
SLOTS = ["--params decimal", "--params hex", "layout big_hex - small", "json[0]", "json[1]",
         "json[2]", "json[3]", "typed const"]
VALUES = [0xfffffffe12345678, 0x8000000000000007, 0x8000000000000007 - 9,
          18446744073709551615, 9223372036854775808, 12345678901234567890, 5,
          0xc000000000000001]
EXPRS = ["v", "v >> 60", "v / 3", "v > 2^63-1 | v >= 5", "@as(f32, v)", "v % 1000000007"]


def exprs(v):
    return [v, v >> 60, v // 3, int(v > (1 << 63) - 1) | (int(v >= 5) << 1),
            int(np.float32(float(v)).view(np.uint32)), v % 1000000007]


rt = np.array([[v & 0xffffffff, v >> 32] for v in VALUES], dtype=np.uint32).ravel()
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("rt", "out")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["rt"], rt, 0, 0, 1, 1, 16, streaming=False, order=ROW, data_type=m32,
                  nonblock=False)
runner.launch("run", nonblock=False)
got = np.zeros(192, dtype=np.uint32)
runner.memcpy_d2h(got, ids["out"], 0, 0, 1, 1, 192, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.stop()
failures = 0
for s, v in enumerate(VALUES):
    want = exprs(v)
    for e in range(6):
        for part, base in (("folded", 0), ("run time", 96)):
            at = base + 12 * s + 2 * e
            g = int(got[at]) | (int(got[at + 1]) << 32)
            if g != want[e]:
                failures += 1
                print(f"MISMATCH {part} {SLOTS[s]} {EXPRS[e]}: got {g:#x} want {want[e]:#x}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
