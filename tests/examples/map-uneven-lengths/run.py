#!/usr/bin/env cs_python
"""map-uneven-lengths: @map stops at the first read or write on a DSD whose length is
used up (Builtins page, @map, execution semantics). Shape 0, input 8 / output 5: five
values written, the output's neighbours untouched, and the callback called six times (the
sixth read succeeds, its value is discarded when the write fails). Shape 1, input 5 /
output 8: five written, five calls. Shape 2, inputs 6 and 4 / output 8: four written, four
calls. Two launches with other lengths check the same rules."""
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
src = np.arange(1, 9, dtype=np.float32)
src2 = np.arange(10, 90, 10, dtype=np.float32)
SENT = np.float32(-1.0)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
out_id, calls_id = runner.get_id("out"), runner.get_id("calls")
runner.load()
runner.run()
failures = 0
for long, short, first, second in ((8, 5, 6, 4), (7, 2, 3, 7)):
    runner.memcpy_h2d(out_id, np.full(24, SENT, dtype=np.float32), 0, 0, 1, 1, 24,
                      streaming=False, order=ROW, data_type=m32, nonblock=False)
    runner.launch("go", np.uint16(long), np.uint16(short), np.uint16(first), np.uint16(second),
                  nonblock=False)
    out = np.zeros(24, dtype=np.float32)
    runner.memcpy_d2h(out, out_id, 0, 0, 1, 1, 24, streaming=False, order=ROW, data_type=m32,
                      nonblock=False)
    calls = np.zeros(3, dtype=np.uint32)
    runner.memcpy_d2h(calls, calls_id, 0, 0, 1, 1, 3, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)
    out = out.reshape(3, 8)
    want = np.full((3, 8), SENT, dtype=np.float32)
    # Shape 0: the output runs out first; one more input value is read and its result lost.
    want[0, :short] = 2 * src[:short]
    # Shape 1: the input runs out first.
    want[1, :short] = 2 * src[:short]
    m = min(first, second, long)
    want[2, :m] = src[:m] + src2[:m]
    want_calls = [min(long, short + 1), short, m]
    for r in range(3):
        for i in np.nonzero(out[r] != want[r])[0]:
            failures += 1
            print(f"MISMATCH lengths {long}/{short}/{first}/{second} shape {r} element {i}: "
                  f"got {out[r, i]!r} want {want[r, i]!r}")
        if int(calls[r]) != want_calls[r]:
            failures += 1
            print(f"MISMATCH lengths {long}/{short}/{first}/{second} shape {r}: callback ran "
                  f"{int(calls[r])} times, want {want_calls[r]}")
runner.stop()
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
