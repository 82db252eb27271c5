#!/usr/bin/env cs_python
"""hash64-kernels: FNV-1a 64, SplitMix64, xorshift64*, fmix64 and a rotate fold in Python
integers mod 2^64, per PE (each has its own data; fmix64 adds the PE's lane), three runs."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
M = (1 << 64) - 1


def fmix64(k):
    k ^= k >> 33
    k = (k * 0xff51afd7ed558ccd) & M
    k ^= k >> 33
    k = (k * 0xc4ceb9fe1a85ec53) & M
    return k ^ (k >> 33)


def model(data, seed_lo, seed_hi, n, lane):
    res = []
    h = 0xcbf29ce484222325
    for w in data[:n]:
        for b in range(4):
            h = ((h ^ ((int(w) >> (8 * b)) & 0xff)) * 0x100000001b3) & M
    res.append(h)
    state = (seed_hi << 32) | seed_lo
    for _ in range(8):
        state = (state + 0x9e3779b97f4a7c15) & M
        z = ((state ^ (state >> 30)) * 0xbf58476d1ce4e5b9) & M
        z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
        res.append(z ^ (z >> 31))
    x = ((seed_lo << 32) | seed_hi) | 1
    for _ in range(8):
        x ^= x >> 12
        x = (x ^ (x << 25)) & M
        x ^= x >> 27
        res.append((x * 0x2545f4914f6cdd1d) & M)
    for i in range(8):
        k = (int(data[2 * i + 1]) << 32) | int(data[2 * i])
        res.append(fmix64((k + lane) & M))
    acc = 0x8000000000000000 >> 1
    for i in range(n):
        v = acc ^ int(data[i])
        r = (i % 63) + 1
        acc = ((((v << r) | (v >> (64 - r))) & M) + 0xfffffffffffffff1) & M
    res.append(acc)
    return res


rng = np.random.default_rng(64)
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("data", "out")}
runner.load()
runner.run()
failures = 0
for seed_lo, seed_hi, n in ((0, 0, 64), (0xdeadbeef, 0xffffffff, 17), (1, 0x80000000, 40)):
    data = rng.integers(0, 1 << 32, (2, 64), dtype=np.uint64).astype(np.uint32)
    runner.memcpy_h2d(ids["data"], data.ravel(), 0, 0, 2, 1, 64, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    runner.launch("run", np.uint32(seed_lo), np.uint32(seed_hi), np.uint16(n), nonblock=False)
    got = np.zeros(2 * 52, dtype=np.uint32)
    runner.memcpy_d2h(got, ids["out"], 0, 0, 2, 1, 52, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    for lane in range(2):
        want = model(data[lane], seed_lo, seed_hi, n, lane)
        part = got[52 * lane:52 * (lane + 1)]
        for j, w in enumerate(want):
            g = int(part[2 * j]) | (int(part[2 * j + 1]) << 32)
            if g != w:
                failures += 1
                print(f"MISMATCH seed {seed_hi:#x}:{seed_lo:#x} lane {lane} result {j}: "
                      f"got {g:#x} want {w:#x}")
runner.stop()
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
