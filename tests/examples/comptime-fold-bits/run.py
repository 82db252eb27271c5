#!/usr/bin/env cs_python
"""comptime-fold-bits: typed expressions folded by the compiler and the same expressions
evaluated at run time must give the same bits, and those of numpy's IEEE arithmetic."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

f32, f16 = np.float32, np.float16


def bits32(x):
    return int(np.asarray(x, dtype=np.float32).view(np.uint32))


def bits16(x):
    return int(np.asarray(x, dtype=np.float16).view(np.uint16))


def bf16(x):
    """f32 -> bf16 (as an f32 holding the value), rounded to nearest even."""
    b = int(np.asarray(x, dtype=np.float32).view(np.uint32))
    b = (b + 0x7FFF + ((b >> 16) & 1)) >> 16
    return np.asarray(b << 16, dtype=np.uint32).view(np.float32)


def bf16_bits(x):
    return int(np.asarray(bf16(x), dtype=np.float32).view(np.uint32)) >> 16


def trunc_div(a, b):
    q = abs(a) // abs(b)
    return -q if (a < 0) != (b < 0) else q


fa, fb, fc, ftiny = f32(1.0), f32(3.0), f32(16777216.0), f32(1.1754944e-38)
ha, hb, hc = f16(0.1), f16(0.2), f16(2048.0)
ba, bb = bf16(1.0), bf16(0.00390625)
ia, ib, ja, jb, ua, ub = -7, 2, -2147483647, 65537, 0x8001, 0xFFFFFFF3
with np.errstate(all="ignore"):
    want = [
        bits32(fa / fb), bits32(fb / fa * fa / fb), bits32(fc + fa), bits32(fc + fb),
        bits32(ftiny * f32(0.5)), bits32(ftiny / fb), bits32(-fa * f32(0.0)), bits32(fa - fa),
        bits16(ha + hb), bits16(ha * hb), bits16(hc + f16(1.0)), bits16(hc + f16(3.0)),
        bits16(hc * hc * hc), bits16(ha / hc / hc),
        bf16_bits(ba + bb), bf16_bits(ba + bf16(bb * bf16(3.0))),
        bits32(f32(ha)), bits16(f16(fa / fb)), bf16_bits(fa / fb),
        int(np.int32(np.trunc(fc / fb / f32(-1024.0))).view(np.uint32)),
        trunc_div(ia, ib) & 0xFFFF, (ia - trunc_div(ia, ib) * ib) & 0xFFFF, (ia >> 1) & 0xFFFF,
        trunc_div(ja, jb) & 0xFFFFFFFF, (ja - trunc_div(ja, jb) * jb) & 0xFFFFFFFF,
        (ua >> 3) | (((ua << 3) & 0xFFFF) << 16), ub // 7 + ub % 7,
        bits32(f32(ub)), bits32(f32(ja)), bits16(f16(float(ia * 1171))),
        int(np.int32(np.trunc(f16(f16(f16(-2.75) * hb) * f16(100.0))))) & 0xFFFFFFFF,
        bits32(f32(bf16(ba + ba)) * fb),
        bits32(f32(16777217.0) - fc), int(np.int32(f32(16777217.0))),
        1 if hc + f16(1.0) > f16(2048.5) else 0,
    ]
count = len(want)
assert count == 35

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("folded", "computed")}
runner.load()
runner.run()
runner.launch("evaluate", nonblock=False)
got = {}
for s in ("folded", "computed"):
    got[s] = np.zeros(count, dtype=np.uint32)
    runner.memcpy_d2h(got[s], ids[s], 0, 0, 1, 1, count, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
runner.stop()

failures = 0
for k in range(count):
    for s in ("folded", "computed"):
        if int(got[s][k]) != want[k]:
            failures += 1
            print(f"MISMATCH expression {k} ({s}): got {int(got[s][k]):#x} want {want[k]:#x}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
