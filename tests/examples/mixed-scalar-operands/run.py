#!/usr/bin/env cs_python
"""mixed-scalar-operands: @faddhs/@fmachs with f16 scalars and @fscales/@fscaleh with i16
exponents, as literals, typed constants and run-time values; checked bit for bit."""
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
wide = np.array([1.0, -1.5, 3.25, 1e-3, -0.0, 1e30, 7.0, 2.0 ** -20], np.float32)
half = np.array([1.0, 0.5, -3.0, 0.1, 2.0, -0.25, 1000.0, 6e-5], np.float16)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("wide", "half", "out32", "out16")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["wide"], wide, 0, 0, 1, 1, n, streaming=False, order=ROW, data_type=m32,
                  nonblock=False)
runner.memcpy_h2d(ids["half"], input_array_to_u32(half, None, n), 0, 0, 1, 1, n,
                  streaming=False, order=ROW, data_type=m16, nonblock=False)
runner.launch("apply", np.float32(0.5), np.int16(3), nonblock=False)
out32 = np.zeros(9 * n, np.float32)
runner.memcpy_d2h(out32, ids["out32"], 0, 0, 1, 1, 9 * n, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
raw16 = np.zeros(3 * n, np.uint32)
runner.memcpy_d2h(raw16, ids["out16"], 0, 0, 1, 1, 3 * n, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
runner.stop()

out32 = out32.reshape(9, n)
out16 = memcpy_view(raw16, np.dtype(np.float16)).reshape(3, n)
h = half.astype(np.float32)
added = wide + np.float32(0.5)
macced = wide + h * np.float32(-2.0)
scaled32 = wide * np.float32(8.0)
scaled16 = half * np.float16(8.0)
forms = ["literal", "typed const", "run-time"]
want32 = [(f"faddhs {f}", added) for f in forms] + [(f"fmachs {f}", macced) for f in forms] + \
         [(f"fscales {f}", scaled32) for f in forms]
want16 = [(f"fscaleh {f}", scaled16) for f in forms]

failures = 0
for rows, got_all, uint in ((want32, out32, np.uint32), (want16, out16, np.uint16)):
    for r, (label, want) in enumerate(rows):
        got = got_all[r]
        for i in np.nonzero(got.view(uint) != want.view(uint))[0]:
            failures += 1
            print(f"MISMATCH {label} [{i}]: wide={wide[i]!r} half={half[i]!r}: got {got[i]!r} "
                  f"want {want[i]!r}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
