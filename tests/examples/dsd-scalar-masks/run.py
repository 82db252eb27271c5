#!/usr/bin/env cs_python
"""dsd-scalar-masks: 16-bit DSD operations with u16 scalar masks >= 0x8000 (literals,
typed constants, run-time values) and @mov32 of negative i32 scalars, checked exactly."""
import argparse
import sys

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
src = np.array([0x0000, 0xffff, 0x1234, 0x8000, 0x7fff, 0xabcd, 0x00ff, 0x0001], np.uint16)
runtime_mask = 0xf00f

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("src", "out16", "out32")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["src"], input_array_to_u32(src, None, n), 0, 0, 1, 1, n, streaming=False,
                  order=ROW, data_type=m16, nonblock=False)
runner.launch("apply", np.uint16(runtime_mask), nonblock=False)
raw16 = np.zeros(7 * n, np.uint32)
runner.memcpy_d2h(raw16, ids["out16"], 0, 0, 1, 1, 7 * n, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
out32 = np.zeros(2 * n, np.int32)
runner.memcpy_d2h(out32, ids["out32"], 0, 0, 1, 1, 2 * n, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.stop()

out16 = memcpy_view(raw16, np.dtype(np.uint16)).reshape(7, n)
s = src.astype(np.uint32)
want16 = [("and16 0xff00", s & 0xff00), ("xor16 0xffff", s ^ 0xffff),
          ("and16 u16 const", s & 0xff00), ("or16 @as(u16, 0x8001)", s | 0x8001),
          ("mov16 0x8000", np.full(n, 0x8000)), ("and16 run-time mask", s & runtime_mask),
          ("add16 0xfffe", (s + 0xfffe) & 0xffff)]
want32 = np.concatenate([np.full(n, -7), np.full(n, -123456789)]).astype(np.int32)

failures = 0
for r, (label, want) in enumerate(want16):
    for i in np.nonzero(out16[r] != want)[0]:
        failures += 1
        print(f"MISMATCH {label} [{i}]: src={src[i]:#06x}: got {out16[r, i]:#06x} "
              f"want {int(want[i]):#06x}")
for i in np.nonzero(out32 != want32)[0]:
    failures += 1
    print(f"MISMATCH mov32 [{i}]: got {out32[i]} want {want32[i]}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
