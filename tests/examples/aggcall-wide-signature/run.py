#!/usr/bin/env cs_python
"""aggcall-wide-signature: a function of 31 parameters (structs, [2]u16 arrays, u32) with a
struct result, 32 call registers in all, called directly and through a function pointer;
checked against model() for several inputs."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

M = 0xFFFFFFFF
N_PARAMS = 31


def wide(v):
    """The same sum wide() makes when every argument is built from v as compute() does."""
    x = 0
    for i in range(N_PARAMS):
        if i % 3 == 0:
            x += ((v + i) & M) * (i + 1) + (v ^ i)
        elif i % 3 == 1:
            x += (v & 0xFFFF) * (i + 1) + i
        else:
            x += ((v * i) & M) * (i + 1)
    return [x & M, ((v + 0) & M) ^ ((v * 29) & M)]


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
input_id = runner.get_id("input")
results_id = runner.get_id("results")
runner.load()
runner.run()

CASES = [(3, 9), (0xFFFFFFF0, 0x12345678), (200, 0x80000000), (0x7FFFFFFF, 0xFFFFFFFF)]
ok = True
for a, b in CASES:
    runner.memcpy_h2d(input_id, np.array([a, b, 0, 0], np.uint32), 0, 0, 1, 1, 4,
                      streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    runner.launch("compute", nonblock=False)
    want = wide(a) + wide(b) + [77]
    got = np.zeros(16, np.uint32)
    runner.memcpy_d2h(got, results_id, 0, 0, 1, 1, 16, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    for i, w in enumerate(want):
        if int(got[i]) != w:
            print(f"inputs {(a, b)}: results[{i}] = {int(got[i]):#x}, expected {w:#x}")
            ok = False
runner.stop()

if not ok:
    raise SystemExit("FAIL: aggcall-wide-signature")
print("SUCCESS!")
