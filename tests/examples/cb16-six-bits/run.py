#!/usr/bin/env cs_python
"""cb16-six-bits: the only cb16 encoding the Types page gives is 6.0 =
0b0101100100000000 (0x5900). Every way the program makes 6.0 in cb16 must give those bits,
and those bits must read back as 6.0 (3.0 after halving, which any binary format with a
sign, exponent and mantissa gives exactly)."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

SIX = 0b0101100100000000
ways = ["comptime literal 6.0", "@as(cb16, f32 6.0)", "cb16 1.5 * 4.0", "cb16 2 + 2*2",
        "@fmulh 1.5 * 4.0", "@faddh 2.0 + 4.0", "@fs2h 6.0 [0]", "@fs2h 6.0 [1]"]
decodes = [("@as(f32, @bitcast(cb16, 0x5900))", 6.0), ("@as(f32, comptime 6.0)", 6.0),
           ("@fh2s of 0x5900", 6.0), ("0x5900 * 0.5 as f32", 3.0)]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
bits_id, back_id = runner.get_id("bits"), runner.get_id("back")
runner.load()
runner.run()
runner.launch("make_six", np.float32(6.0), np.float32(1.5), np.float32(2.0), np.uint16(SIX),
              nonblock=False)
bits = np.zeros(len(ways), dtype=np.uint32)
runner.memcpy_d2h(bits, bits_id, 0, 0, 1, 1, len(ways), streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_16BIT,
                  nonblock=False)
back = np.zeros(len(decodes), dtype=np.float32)
runner.memcpy_d2h(back, back_id, 0, 0, 1, 1, len(decodes), streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)
runner.stop()

failures = 0
for label, got in zip(ways, bits & 0xffff):
    if int(got) != SIX:
        failures += 1
        print(f"MISMATCH {label}: got {int(got):#06x} want {SIX:#06x}")
for (label, want), got in zip(decodes, back):
    if got != np.float32(want):
        failures += 1
        print(f"MISMATCH {label}: got {got!r} want {want}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
