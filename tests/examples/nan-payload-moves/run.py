#!/usr/bin/env cs_python
"""nan-payload-moves: moving a float never changes its bits (an IEEE copy; negation only
flips the sign bit), whether the value is a signaling or quiet NaN with any payload, an
infinity, a signed zero or a subnormal. Every row must equal the input bits exactly."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

n = 16
m16, m32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
w_bits = np.array([0x7f800001, 0xff800001, 0x7fa00000, 0x7fbfffff, 0x7fc00000, 0xffc00001,
                   0x7fffffff, 0xffffffff, 0x7f800000, 0xff800000, 0x00000000, 0x80000000,
                   0x00000001, 0x807fffff, 0x3f800000, 0xc2280000], dtype=np.uint32)
h_bits = np.array([0x7c01, 0xfc01, 0x7d00, 0x7dff, 0x7e00, 0xfe01, 0x7fff, 0xffff,
                   0x7c00, 0xfc00, 0x0000, 0x8000, 0x0001, 0x83ff, 0x3c00, 0xc140],
                  dtype=np.uint32)
labels = ["assignment", "function argument and result", "struct fields", "if-select",
          "store through a pointer", "@fmovs/@fmovh", "@fnegs/@fnegh twice",
          "@mov32/@mov16 of the bits"]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("w", "h", "wo", "ho")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["w"], w_bits.view(np.float32), 0, 0, 1, 1, n, streaming=False,
                  order=ROW, data_type=m32, nonblock=False)
runner.memcpy_h2d(ids["h"], h_bits, 0, 0, 1, 1, n, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
runner.launch("shuffle", np.uint16(1), nonblock=False)
wo = np.zeros(8 * n, dtype=np.uint32)
runner.memcpy_d2h(wo, ids["wo"], 0, 0, 1, 1, 8 * n, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
ho = np.zeros(8 * n, dtype=np.uint32)
runner.memcpy_d2h(ho, ids["ho"], 0, 0, 1, 1, 8 * n, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
runner.stop()
wo = wo.reshape(8, n)
ho = (ho & 0xffff).reshape(8, n)

failures = 0
for r, label in enumerate(labels):
    for kind, got, want in (("f32", wo[r], w_bits), ("f16", ho[r], h_bits)):
        for i in np.nonzero(got != want)[0]:
            failures += 1
            if failures <= 20:
                print(f"MISMATCH {label} {kind} [{i}]: got {int(got[i]):#x} want "
                      f"{int(want[i]):#x}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
