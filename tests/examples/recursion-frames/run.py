#!/usr/bin/env cs_python
"""recursion-frames: recursive functions with scalar, memory, pointer, struct and DSD
locals; every activation keeps its own (a stack frame)."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

M32 = 0xFFFFFFFF


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def digit_sum_twice(n):
    below = digit_sum_twice(n // 10) if n // 10 else 0
    return below + 3 * (n % 10)


def count_down(n):
    mine = count_down(n - 1) if n > 0 else [0] * 8
    out = list(mine)
    out[n % 8] += n + 1
    return out


def fib_pair(steps):
    lo, hi = 0, 1
    for _ in range(steps):
        lo, hi = hi, (lo + hi) & M32
    return lo, hi


def model(a, b, c, d):
    out = [fib(a % 16), int(a % 2 == 0), digit_sum_twice(b)]
    out += count_down(c % 12)
    out += list(fib_pair(d % 40))
    out.append(sum(4 * k + 6 for k in range(a % 10 + 1)))
    return [v & M32 for v in out]


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
input_id = runner.get_id("input")
results_id = runner.get_id("results")
runner.load()
runner.run()

ok = True
for inputs in [(7, 9876, 11, 39), (12, 4000000000, 3, 25), (1, 0, 0, 0), (25, 5, 7, 1)]:
    runner.memcpy_h2d(input_id, np.array(inputs, np.uint32), 0, 0, 1, 1, 4, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    runner.launch("compute", nonblock=False)
    want = model(*inputs)
    got = np.zeros(16, np.uint32)
    runner.memcpy_d2h(got, results_id, 0, 0, 1, 1, 16, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    for i, v in enumerate(want):
        if int(got[i]) != v:
            print(f"inputs {inputs}: results[{i}] = {int(got[i]):#x}, expected {v:#x}")
            ok = False
runner.stop()

if not ok:
    raise SystemExit("FAIL: recursion-frames")
print("SUCCESS!")
