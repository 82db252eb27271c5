#!/usr/bin/env cs_python
"""comptime-pointer-fold: pointer-mutating functions at run time and at comptime agree."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()


def twice_bumped(x):
    t = (x * 3 + x) & 0xffffffff
    return (t * 3 + 1) & 0xffffffff


def scaled_sum(x):
    w = [((x + i) * 2 + 1) & 0xffff for i in range(3)]
    return (w[0] + w[1] * 10 + w[2] * 100) & 0xffff


m32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
inp_id, out_id = runner.get_id("inp"), runner.get_id("out")
runner.load()
runner.run()
failures = 0
for a, b in ((1000000000, 9), (0xffffffff, 40000)):
    src = np.array([a, b], dtype=np.uint32)
    runner.memcpy_h2d(inp_id, src, 0, 0, 1, 1, 2, streaming=False, order=ROW, data_type=m32,
                      nonblock=False)
    runner.launch("compute", nonblock=False)
    got = np.zeros(6, dtype=np.uint32)
    runner.memcpy_d2h(got, out_id, 0, 0, 1, 1, 6, streaming=False, order=ROW, data_type=m32,
                      nonblock=False)
    want = [twice_bumped(a), twice_bumped(21), twice_bumped(5), scaled_sum(b), scaled_sum(7),
            scaled_sum(2)]
    for i, (g, w) in enumerate(zip(got.tolist(), want)):
        if g != w:
            failures += 1
            print(f"MISMATCH inputs ({a}, {b}) out[{i}]: got {g} want {w}")
runner.stop()
if failures:
    sys.exit(1)
print("SUCCESS!")
