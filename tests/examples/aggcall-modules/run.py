#!/usr/bin/env cs_python
"""aggcall-modules: three PEs, each importing vmath.csl twice (K = 3 and K = 5 + pid); by-copy
struct calls inside the module, between the instances and through each instance's function
pointers. Every PE's words are checked against model() for its own inputs."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

M = 0xFFFFFFFF
WIDTH = 3
N_RESULTS = 48


class Inst:
    """One vmath.csl instance: its K and its acc (reset by every launch)."""
    def __init__(self, k):
        self.k = k
        self.acc = (k, 0, 0)

    def shift(self, v):
        return ((v[1] * self.k) & M, (v[0] + self.k) & M, (v[2] + 1) & 0xFFFF)

    def combine(self, a, b):
        return (a[0] ^ b[0], (a[1] + b[1] * self.k) & M, (a[2] + b[2]) & 0xFFFF)

    def fold(self, v):
        self.acc = self.combine(self.acc, self.shift(v))
        return self.acc

    def op(self, i, v):
        return self.shift(v) if i == 0 else self.fold(v)


def model(pid, i0, i1, i2, i3):
    out = []
    ma, mb = Inst(3), Inst(5 + pid)
    v = ((i0 + pid) & M, i1, pid)
    cross = lambda v: mb.shift(ma.shift(v))
    for r in (ma.shift(v), mb.shift(v), cross(v)):
        out += r
    for i in range(3):
        out += ma.fold(mb.fold(((v[0] + i) & M, v[1], i)))
    out += ma.acc
    out += mb.acc
    out += ma.op(i2 % 2, mb.op(i3 % 2, v))
    out += mb.combine(ma.combine(ma.acc, mb.acc), cross(mb.acc))
    return out


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
input_id = runner.get_id("input")
results_id = runner.get_id("results")
runner.load()
runner.run()

CASES = [[(3, 9, 4, 1), (0xFFFFFFF0, 0x12345678, 7, 6), (200, 0, 0x80000000, 3)],
         [(0x7FFFFFFF, 0xFFFFFFFF, 0xABCDEF, 0xFFFFFFFE), (5, 4, 3, 2), (1, 1, 1, 0)]]
ok = True
for inputs in CASES:
    words = np.array([w for pe in inputs for w in pe], np.uint32)
    runner.memcpy_h2d(input_id, words, 0, 0, WIDTH, 1, 4, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    runner.launch("compute", nonblock=False)
    got = np.zeros(WIDTH * N_RESULTS, np.uint32)
    runner.memcpy_d2h(got, results_id, 0, 0, WIDTH, 1, N_RESULTS, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    for pid in range(WIDTH):
        want = model(pid, *inputs[pid])
        for i, w in enumerate(want):
            g = int(got[pid * N_RESULTS + i])
            if g != w:
                print(f"PE {pid} inputs {inputs[pid]}: results[{i}] = {g:#x}, expected {w:#x}")
                ok = False
runner.stop()

if not ok:
    raise SystemExit("FAIL: aggcall-modules")
print("SUCCESS!")
