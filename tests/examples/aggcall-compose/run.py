#!/usr/bin/env cs_python
"""aggcall-compose: struct and array results passed straight to other calls, kept across
loop iterations, stored into globals; literal arguments; calls inside an inline fn and an
expanded function. Every value the PE writes is checked against model() for several inputs."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

M = 0xFFFFFFFF
N_RESULTS = 64


def model(a, b, c, d):
    out = []
    mk = lambda x, y: (x & M, y & M)
    add = lambda p, q: ((p[0] + q[0]) & M, (p[1] + q[1]) & M)
    scale = lambda p, k: ((p[0] * k) & M, (p[1] * k) & M)
    dot = lambda p, q: (p[0] * q[0] + p[1] * q[1]) & M
    width = lambda lo, hi, n: (hi[0] - lo[0] + n) & M
    s = add(mk(a, b), scale(mk(c, d), 3))
    out += [s[0], s[1]]
    out.append(dot(add(mk(a, 1), mk(2, b)), scale(mk(c, d), 2)))
    out.append(width(mk(a, b), add(mk(a, b), mk(c, 7)), d & 0xFF))
    out.append(add(mk(b, a), mk(d, c))[1])
    st = (a & 0xFF, b & 0xFF)
    prev = st
    for i in range(6):
        prev = st
        st = (st[1], (st[0] + st[1] + i) & M)
    out += [st[0], st[1], prev[0]]
    rot = lambda r: [r[1], r[2], r[0] ^ 0x5A]
    r = [a, b, c]
    for _ in range(5):
        r = rot(r)
    out += r
    out.append(sum(rot(r)) & M)
    slots = [(0, 0)] * 3
    slots[d % 3] = mk(a, c)
    slots[((d + 1) & M) % 3] = add(slots[d % 3], (1, 1))
    slots[((d + 2) & M) % 3] = slots[((d + 1) & M) % 3]
    hi = scale(slots[0], 2)
    lo = (b, b)
    n = c & 0xF
    for v in slots:
        out += [v[0], v[1]]
    out.append(width(lo, hi, n))
    out += [hi[0], lo[1], 9]
    out.append(3 * 5 + 4 * 6)
    out.append(100000 - 10 + 7)
    out.append(9)
    twice_sum = lambda p: (2 * p[0] + 2 * p[1]) & M
    out.append(twice_sum(mk(a, d)))
    out.append(twice_sum(scale(mk(c, d), 5)))
    fu = add(mk(a, b), mk(c, c + 1))
    out += [fu[0], fu[1]]
    return out


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
input_id = runner.get_id("input")
results_id = runner.get_id("results")
runner.load()
runner.run()

CASES = [(3, 9, 4, 1), (0xFFFFFFF0, 0x12345678, 7, 5), (200, 0, 0x80000000, 0),
         (0x7FFFFFFF, 0xFFFFFFFF, 0xABCDEF, 0xFFFFFFFE)]
ok = True
for inputs in CASES:
    runner.memcpy_h2d(input_id, np.array(inputs, np.uint32), 0, 0, 1, 1, 4, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
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
    raise SystemExit("FAIL: aggcall-compose")
print("SUCCESS!")
