#!/usr/bin/env cs_python
"""aggcall-tasks: PE 0 packs words with by-copy calls and sends them east; PE 1's data task
folds each wavelet into a struct state with by-copy calls across task runs; both PEs' words
are checked against model() for several inputs."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

M = 0xFFFFFFFF
N_RESULTS = 16


def pack(a, b):
    return ((a * 3 + b) & M, a ^ ((b << 4) & M))


def absorb(s, w):
    total, x, count, last = s
    return ((total + w) & M, x ^ ((w * (count + 1)) & M), (count + 1) & 0xFFFF, (last[1], w))


def report(s, k):
    return [(s[0] * k) & M, s[1], s[2], (s[3][0] + s[3][1]) & M]


def model(sender, receiver):
    a, b, c, d = sender
    p, q = pack(a, b), pack(c, d)
    words = [p[0], p[1], (q[0] + p[1]) & M, q[1]]
    out0 = [(words[0] + words[3]) & M]
    e, f, g, _ = receiver
    s = absorb(absorb((0, 0, 0, (0, 0)), f), g)
    s = (s[0], s[1], 0, s[3])
    early = report(s, 2)
    for w in words:
        s = absorb(s, w)
    out1 = report(s, e) + [early[0], early[1], early[3]]
    return out0, out1


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
input_id = runner.get_id("input")
results_id = runner.get_id("results")
runner.load()
runner.run()

CASES = [((3, 9, 4, 1), (5, 6, 7, 8)),
         ((0xFFFFFFF0, 0x12345678, 7, 6), (0x80000001, 0xFFFFFFFF, 0x10, 0)),
         ((200, 0, 0x80000000, 3), (0, 1, 2, 3))]
ok = True
for sender, receiver in CASES:
    runner.memcpy_h2d(input_id, np.array(sender + receiver, np.uint32), 0, 0, 2, 1, 4,
                      streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    runner.launch("compute", nonblock=False)
    got = np.zeros(2 * N_RESULTS, np.uint32)
    runner.memcpy_d2h(got, results_id, 0, 0, 2, 1, N_RESULTS, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    out0, out1 = model(sender, receiver)
    for pe, want, idx in ((0, out0, [0]), (1, out1, [0, 1, 2, 3, 4, 5, 6])):
        for i, w in zip(idx, want):
            g = int(got[pe * N_RESULTS + i])
            if g != w:
                print(f"PE {pe} inputs {sender}, {receiver}: results[{i}] = {g:#x}, expected {w:#x}")
                ok = False
runner.stop()

if not ok:
    raise SystemExit("FAIL: aggcall-tasks")
print("SUCCESS!")
