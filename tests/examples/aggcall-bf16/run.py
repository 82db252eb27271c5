#!/usr/bin/env cs_python
"""aggcall-bf16: structs and arrays of bf16 passed and returned by value (a function pointer
call too), compiled with --fp16-format=bf16; every word is checked against model(), which
rounds each bf16 operation's exact result to nearest even."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

N_RESULTS = 48


def bf(x):
    """x (a float) rounded to bf16, as a Python float."""
    u = int(np.float32(x).view(np.uint32))
    u = (u + 0x7FFF + ((u >> 16) & 1)) >> 16
    return float(np.uint32(u << 16).view(np.float32))


def bits(x):
    return int(np.float32(x).view(np.uint32)) >> 16


def from_bits(w):
    return float(np.uint32((w & 0xFFFF) << 16).view(np.float32))


def f32(x):
    return float(np.float32(x))


def fbits(x):
    return int(np.float32(x).view(np.uint32))


def model(i0, i1, i2, i3):
    out = []
    a = (from_bits(i0), from_bits(i0 >> 16), 1.5)
    b = (from_bits(i1), from_bits(i1 >> 16), -0.5)

    def qmul(a, b):
        return (bf(bf(a[0] * b[0]) - bf(a[1] * b[1])), bf(bf(a[0] * b[1]) + bf(a[1] * b[0])),
                f32(a[2] * b[2]))

    qconj = lambda a: (a[0], -a[1], a[2])
    p = qmul(a, b)
    out += [bits(p[0]), bits(p[1]), fbits(p[2])]
    c = qmul(p, qconj(a)) if i2 % 2 == 0 else qmul(p, qconj(qconj(a)))
    out += [bits(c[0]), bits(c[1]), fbits(c[2])]

    def axpy(k, x, y):
        return [bf(bf(k * xi) + yi) for xi, yi in zip(x, y)]

    def norm(x):
        s = np.float32(0.0)
        for v in x:
            s = np.float32(s + np.float32(v) * np.float32(v))
        return fbits(s)

    x = [a[0], a[1], b[0], b[1]]
    y = [1.0, -2.0, 0.5, from_bits(i3)]
    z = axpy(from_bits(i3 >> 16), axpy(from_bits(i2), x, y), x)
    out += [bits(v) for v in z]
    out.append(norm(z))
    out.append(norm([1.0, 2.0, 0.25, -3.0]))
    return out


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
input_id = runner.get_id("input")
results_id = runner.get_id("results")
runner.load()
runner.run()

# bf16 bit patterns: 1.5 0x3FC0, -2.25 0xC010, 0.75 0x3F40, 3.0 0x4040, ~0.1 0x3DCD,
# 2.5 0x4020, -1.0 0xBF80, ~1.1 0x3F8D, ~-0.3 0xBE9A.
CASES = [(0xC0103FC0, 0x40403F40, 0x3DCD, 0xBF804020),
         (0x3F8DBE9A, 0xBE9A3F8D, 0x4021, 0x3DCD3FC0),
         (0x3F803F80, 0x40004000, 0xBF80, 0x00004040)]
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
            print(f"inputs {[hex(v) for v in inputs]}: results[{i}] = {int(got[i]):#x}, "
                  f"expected {w:#x}")
            ok = False
runner.stop()

if not ok:
    raise SystemExit("FAIL: aggcall-bf16")
print("SUCCESS!")
