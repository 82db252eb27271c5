#!/usr/bin/env cs_python
"""aggcall-dsd-params: DSD operations (@fadds, @mov32) reading by-copy struct and array
parameters (tensor accesses over an array, a struct's array field, a row of its 2-D field,
and a DSD from the parameter's address); checked against model() for several inputs."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

M = 0xFFFFFFFF
f32 = np.float32


def bits(v):
    return int(f32(v).view(np.uint32))


def model(i0, i1, i2, i3):
    x = f32(i0)
    y = np.uint32(i1).view(np.float32)
    acc = [f32(0)] * 4
    acc2 = [f32(0)] * 3
    arr = [x, f32(2.0), y, f32(4.0)]
    g = [[f32(1.0), f32(2.0), y], [f32(10.0), f32(20.0), x]]

    def fsum(k):
        for i in range(4):
            acc[i] = f32(acc[i] + arr[i])
        for j in range(3):
            acc2[j] = f32(acc2[j] + g[k][j])
        return f32(f32(acc[0] + acc[3]) + acc2[2])

    k = i2 & 1
    out = [bits(fsum(k)), bits(fsum(k)), bits(fsum(1 - k))]
    copy = lambda w: (w[0] + w[1] * 10 + w[2] * 100 + w[3] * 1000) & M
    out.append(copy([i0, i2, 7, i3]))
    out.append(copy([i3, 1, 2, 3]))
    return out


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
input_id = runner.get_id("input")
results_id = runner.get_id("results")
runner.load()
runner.run()

# input[1] holds f32 bits: 0.5, -3.25, 1e6, 2.0
CASES = [(3, 0x3F000000, 4, 1), (100, 0xC0500000, 7, 0xFFFFFFFF), (0, 0x49742400, 1, 12345),
         (65536, 0x40000000, 0, 2)]
ok = True
for inputs in CASES:
    runner.memcpy_h2d(input_id, np.array(inputs, np.uint32), 0, 0, 1, 1, 4, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    runner.launch("compute", nonblock=False)
    want = model(*inputs)
    got = np.zeros(16, np.uint32)
    runner.memcpy_d2h(got, results_id, 0, 0, 1, 1, 16, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    for i, w in enumerate(want):
        if int(got[i]) != w:
            print(f"inputs {inputs}: results[{i}] = {int(got[i]):#x}, expected {w:#x}")
            ok = False
runner.stop()

if not ok:
    raise SystemExit("FAIL: aggcall-dsd-params")
print("SUCCESS!")
