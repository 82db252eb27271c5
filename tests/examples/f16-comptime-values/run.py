#!/usr/bin/env cs_python
"""f16-comptime-values: every compile-time f16 value must be the IEEE f16 numpy gives
(literals round to nearest even from their exact decimal value, into subnormals and down to
65504 up to 65519.99...; a literal past that is a compile error, the Types page), NaNs must stay NaNs with their sign (a quiet NaN's bits kept), and each
must reach memory unchanged whether initialised, stored, widened to f32 or used as a DSD
scalar."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

h = np.float16
with np.errstate(over="ignore"):
    want = np.array([0.1, -2.5, 2049.0, 2051.0, 65504.0, 65519.0, 65505.0, -65519.0,
                     6.0e-8, 3.0e-8, 2.9e-8, 1.0e-8, -6.1e-5, 6.097555e-5, 0.0, -0.0,
                     float(h(1.0) / h(3.0)), float(np.float32(65519.0)), -2047.0, 4097.0,
                     0.0, 0.0, np.inf, 0.0], dtype=np.float64).astype(h)
bits = want.view(np.uint16).copy()
bits[20], bits[21], bits[23] = 0x7e00, 0xfd01, 0x7e00
want = bits.view(h)
NAMES = ["0.1", "-2.5", "2049", "2051", "65504", "65519", "65505", "-65519", "6e-8", "3e-8",
         "2.9e-8", "1e-8", "-6.1e-5", "6.097555e-5", "0", "-0", "1/3 in f16", "f16(65519 f32)",
         "f16(i16 -2047)", "f16(u16 4097)", "bitcast 0x7e00", "bitcast 0xfd01", "POSITIVE_INF",
         "NaN(f16)"]

ROW = MemcpyOrder.ROW_MAJOR
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
runner.launch("go", nonblock=False)


def get(sym, n, kind):
    out = np.zeros(n, dtype=np.uint32)
    runner.memcpy_d2h(out, runner.get_id(sym), 0, 0, 1, 1, n, streaming=False, order=ROW,
                      data_type=kind, nonblock=False)
    return out


B16, B32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
init = (get("init", 24, B16) & 0xffff).astype(np.uint16)
stored = (get("stored", 24, B16) & 0xffff).astype(np.uint16)
widened = get("widened", 24, B32)
filled = (get("filled", 16, B16) & 0xffff).astype(np.uint16)
runner.stop()

bad = 0


for k in range(24):
    w16 = int(want.view(np.uint16)[k])
    w32 = np.array([want[k]], dtype=np.float32).view(np.uint32)[0]
    problems = []
    if init[k] != w16:
        problems.append(f"init 0x{init[k]:04x}")
    if stored[k] != w16:
        problems.append(f"stored 0x{stored[k]:04x}")
    gw = np.array([widened[k]], dtype=np.uint32).view(np.float32)[0]
    if np.isnan(want[k]):
        if not (np.isnan(gw) and np.signbit(gw) == np.signbit(want[k])):
            problems.append(f"widened 0x{widened[k]:08x}")
    elif widened[k] != w32:
        problems.append(f"widened 0x{widened[k]:08x}")
    if k < 8 and not (filled[2 * k] == w16 and filled[2 * k + 1] == w16):
        problems.append(f"@fmovh scalar 0x{filled[2 * k]:04x}")
    if problems:
        bad += 1
        print(f"{NAMES[k]}: want 0x{w16:04x} ({want[k]!r}); got " + ", ".join(problems))

if bad:
    print(f"FAIL: {bad} values wrong")
    sys.exit(1)
print("SUCCESS!")
