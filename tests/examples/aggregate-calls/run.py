#!/usr/bin/env cs_python
"""aggregate-calls: structs and arrays passed to and returned from functions by value,
through function pointers, in a chain of 2^14 calls and with 34 parameters and a struct
result, for several inputs; every value
the PE writes is checked against the same computation in Python."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

M32 = 0xFFFFFFFF


def i16(v):
    v &= 0xFFFF
    return v - 0x10000 if v & 0x8000 else v


def i32(v):
    v &= M32
    return v - 0x100000000 if v & 0x80000000 else v


def model(x, y, c, d):
    out = []
    ops = [lambda lo, hi: (lo + hi) & M32, lambda lo, hi: (lo - hi) & M32,
           lambda lo, hi: ((lo ^ hi) * 3) & M32]
    out += [y, x, x]
    out += [op(x, y) for op in ops]
    out.append(ops[c % 3](y, 5))
    out.append(x)  # swap(p).hi
    out.append(100000 & 0xFFFF)
    out.append((x + y) & M32)

    def weigh(kind, valid, weights, lo):
        if not valid:
            return -1
        total = sum(weights)
        return {"plain": total, "scaled": i32(total * lo), "negated": -total}[kind]

    weights = [-2, i16(x & 0xFF), 7]
    out.append(weigh("scaled", True, weights, x) & M32)
    out.append(weigh("negated", True, [weights[0], i16(weights[1] + 1), weights[2]], x) & M32)
    out.append(weigh("plain", False, [1, 2, 3], y) & M32)
    out += [d, c, y, x]

    def f0(lo, hi):
        t = lo
        for i in range(3):
            t = (t * 3 + hi + i) & M32
        return t

    memo = {}

    def f(level, lo, hi):
        key = (level, lo, hi)
        if key not in memo:
            memo[key] = f0(lo, hi) if level == 0 else \
                (f(level - 1, lo, hi) + f(level - 1, hi, lo)) & M32
        return memo[key]

    out.append(f(13, x, y))
    args = [(x + i) & M32 if i % 2 == 0 else y for i in range(34)]
    out.append(sum(a * (i + 1) for i, a in enumerate(args)) & M32)
    out.append(args[33])
    out += [x, 77]
    return out


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
input_id = runner.get_id("input")
results_id = runner.get_id("results")
runner.load()
runner.run()

CASES = [(3, 9, 0, 1), (0xFFFFFFF0, 0x12345678, 7, 4), (200, 0, 2, 0), (0x80000001, 0x7FFFFFFF, 5, 3)]
ok = True
for inputs in CASES:
    runner.memcpy_h2d(input_id, np.array(inputs, np.uint32), 0, 0, 1, 1, 4, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    runner.launch("compute", nonblock=False)
    want = model(*inputs)
    got = np.zeros(32, np.uint32)
    runner.memcpy_d2h(got, results_id, 0, 0, 1, 1, 32, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    for i, w in enumerate(want):
        if int(got[i]) != w:
            print(f"inputs {inputs}: results[{i}] = {int(got[i]):#x}, expected {w:#x}")
            ok = False
runner.stop()

if not ok:
    raise SystemExit("FAIL: aggregate-calls")
print("SUCCESS!")
