#!/usr/bin/env cs_python
"""block-value-breaks: a labelled block breaking with another block's value, checked."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
M = 0xffffffff


def model(s, t):
    o3 = s
    for _ in range(10):
        if o3 > 50:
            o3 = (o3 + 1000) & M
            break
        o3 = (o3 + t) & M
    o4 = t
    for j in range(4):
        if j == t:
            o4 = (s - 1) & M
            break
    return [(s + 1) & M, (t * 3) & M if s < 7 else s, (t + 2) & M if s < 7 else s, o3, o4,
            s ^ t]


m32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
inp_id, out_id = runner.get_id("inp"), runner.get_id("out")
runner.load()
runner.run()
failures = 0
for s, t in ((3, 2), (9, 20), (0, 0xffffffff), (6, 9)):
    src = np.array([s, t], dtype=np.uint32)
    runner.memcpy_h2d(inp_id, src, 0, 0, 1, 1, 2, streaming=False, order=ROW, data_type=m32,
                      nonblock=False)
    runner.launch("compute", nonblock=False)
    got = np.zeros(6, dtype=np.uint32)
    runner.memcpy_d2h(got, out_id, 0, 0, 1, 1, 6, streaming=False, order=ROW, data_type=m32,
                      nonblock=False)
    for i, (g, w) in enumerate(zip(got.tolist(), model(s, t))):
        if g != w:
            failures += 1
            print(f"MISMATCH s={s} t={t} out[{i}]: got {g} want {w}")
runner.stop()
if failures:
    sys.exit(1)
print("SUCCESS!")
