#!/usr/bin/env cs_python
"""aggcall-limits: aggregates of exactly 256 scalars (passed as copies) and of 257 (expanded
at each call) passed and returned by value must give the same values; checked against model()
for several inputs."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

M = 0xFFFFFFFF
N_RESULTS = 64


def model(a, b):
    out = []
    full = [((a + i) & M, ((b & 0xFF) + i) & 0xFFFF) for i in range(128)]
    extra = b
    flat = [(a * i + b) & M for i in range(256)]

    def sum_v(v, s=0):
        for i, (x, y) in enumerate(v):
            s = (s + x * (i + 1) + y) & M
        return s

    def flip(v, k):
        return [(x, (y + k) & 0xFFFF) for (x, y) in reversed(v)]

    out.append(sum_v(full))
    out.append(sum_v(full, extra))
    out.append(sum_v(flip(full, 3)))
    out.append(sum_v(flip(full, 3), (extra * 3) & M))
    ff = flip(flip(full, 1), a & 7)
    out += [ff[0][0], ff[127][1]]
    out += [ff[0][0], ff[127][1], (extra * 9) & M]

    def hash_(v):
        h = 7
        for x in v:
            h = (h * 31 + x) & M
        return h

    def mix(v, k):
        n = len(v)
        return [v[n - 1 - i] ^ ((k + i) & M) for i in range(n)]

    out.append(hash_(flat))
    mf = mix(flat, b)
    out += [hash_(mf), mf[255]]
    out += [full[5][0], flat[200]]
    return out


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
input_id = runner.get_id("input")
results_id = runner.get_id("results")
runner.load()
runner.run()

CASES = [(3, 9), (0xFFFFFFF0, 0x12345678), (200, 0), (0x7FFFFFFF, 0xFFFFFFFF)]
ok = True
for inputs in CASES:
    runner.memcpy_h2d(input_id, np.array(inputs + (0, 0), np.uint32), 0, 0, 1, 1, 4,
                      streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    runner.launch("compute", nonblock=False)
    want = model(*inputs)
    got = np.zeros(N_RESULTS, np.uint32)
    runner.memcpy_d2h(got, results_id, 0, 0, 1, 1, N_RESULTS, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    for i, w in enumerate(want):
        if int(got[i]) != w:
            print(f"inputs {inputs}: results[{i}] = {int(got[i]):#x}, expected {w:#x}")
            ok = False
runner.stop()

if not ok:
    raise SystemExit("FAIL: aggcall-limits")
print("SUCCESS!")
