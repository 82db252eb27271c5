#!/usr/bin/env cs_python
"""range-type-limits: @range(T, start, stop, step) is start, start + step, ... while the
value is below stop (above it for a negative step), computed as mathematical integers: an
element past T's limit does not exist, so the loop ends instead of wrapping. Each loop's
elements and count are compared with Python's range()."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

loops, limit = 12, 40
top16, low16, top32, low32 = 65530, -32760, 4294967290, -2147483640
top8, low8 = top16 & 0xff, low16 + 32638
wants = [
    ("u16 run-time start", range(top16, 65535, 4)),
    ("u16 comptime", range(65530, 65535, 4)),
    ("i16 run-time start, step -5", range(low16, -32768, -5)),
    ("i16 comptime, step 3", range(32760, 32767, 3)),
    ("u8 run-time start", range(top8, 255, 3)),
    ("i8 run-time start, step -3", range(low8, -128, -3)),
    ("u32 run-time start", range(top32, 4294967295, 4)),
    ("i32 run-time start, step -3", range(low32, -2147483648, -3)),
    ("i16 comptime across zero, step -2", range(5, -3, -2)),
    ("u16 run-time start 0, step 3", range(top16 - 65530, 10, 3)),
    ("i16 comptime, step 700", range(32000, 32767, 700)),
    ("i32 comptime, step 5", range(2147483640, 2147483647, 5)),
]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
seq_id, counts_id = runner.get_id("seq"), runner.get_id("counts")
runner.load()
runner.run()
runner.launch("walk", np.uint16(top16), np.int16(low16), np.uint32(top32), np.int32(low32),
              nonblock=False)
seq = np.zeros(loops * limit, dtype=np.uint32)
runner.memcpy_d2h(seq, seq_id, 0, 0, 1, 1, loops * limit, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)
raw = np.zeros(loops, dtype=np.uint32)
runner.memcpy_d2h(raw, counts_id, 0, 0, 1, 1, loops, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_16BIT,
                  nonblock=False)
runner.stop()
seq = seq.reshape(loops, limit)
counts = raw & 0xffff

failures = 0
for r, (label, want) in enumerate(wants):
    want = list(want)
    n = min(int(counts[r]), limit)
    got = [int(v) for v in seq[r, :n]]
    got = [v - (1 << 32) if v >> 31 and any(w < 0 for w in want) else v for v in got]
    if got != want or int(counts[r]) != len(want):
        failures += 1
        more = " (stopped at the guard)" if int(counts[r]) >= limit else ""
        print(f"MISMATCH {label}: got {got[:8]}{'...' if n > 8 else ''} ({int(counts[r])} "
              f"elements{more}) want {want}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
