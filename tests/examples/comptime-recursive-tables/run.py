#!/usr/bin/env cs_python
"""comptime-recursive-tables: every table value, the CRC-8, the search with its skipped
row, the banner bytes and the sim.log lines recomputed in Python."""
import argparse
import json
import math
import re

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    N = int(json.load(f)["params"]["n"])
W = 2
SKIP = [2, 5]
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR


def fib(k):
    a, b = 0, 1
    for _ in range(k):
        a, b = b, a + b
    return a


def crc_byte(b):
    c = b
    for _ in range(8):
        c = ((c << 1) ^ 0x07) & 0xFF if c & 0x80 else (c << 1) & 0xFF
    return c


CRC = [crc_byte(b) for b in range(256)]
FIB = [fib(k) for k in range(24)]
GCD = [[math.gcd(i + 1, j + 1) for j in range(8)] for i in range(8)]
BINOM = [math.comb(12, k) for k in range(13)]
BANNER = (f"fib(23)={FIB[23]} C(12,6)={BINOM[6]} gcd(6,8)={GCD[5][7]} "
          f"crc[128]={CRC[128]}")


def crc8(data):
    c = 0
    for byte in data:
        c = CRC[(c ^ (int(byte) & 0xFF)) & 0xFF]
    return c


def search(first, target, skip):
    for i in range(first, 8):
        if i == skip:
            continue
        for j in range(8):
            if j != i and GCD[i][j] == target:
                return i * 8 + j
    return 0xFFFF


def expected(data, a, b, target, skip):
    out = [crc8(data), FIB[a % 24], GCD[a % 8][b % 8], BINOM[b % 13],
           search(a % 8, target, skip), sum(f % 2 for f in FIB), len(BANNER)]
    return np.array(out + [ord(c) for c in BANNER], dtype=np.uint32)


L = 7 + len(BANNER)
rng = np.random.default_rng(11)
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
msg_id, out_id = runner.get_id("msg"), runner.get_id("out")
runner.load()
runner.run()
probes = [(0, 0, 1), (7, 3, 2), (13, 30, 4), (4, 6, 3), (21, 9, 7), (6, 1, 9)]
log_want = []
for a, b, target in probes:
    data = rng.integers(0, 1 << 32, size=(W, N), dtype=np.uint64).astype(np.uint32)
    runner.memcpy_h2d(msg_id, data.ravel(), 0, 0, W, 1, N, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    runner.launch("probe", np.uint16(a), np.uint16(b), np.uint16(target), nonblock=False)
    got = np.zeros(W * L, dtype=np.uint32)
    runner.memcpy_d2h(got, out_id, 0, 0, W, 1, L, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    got = got.reshape(W, L)
    for x in range(W):
        want = expected(data[x], a, b, target, SKIP[x])
        assert np.array_equal(got[x], want), f"PE {x} probe {(a, b, target)}:\n{got[x][:7]}\n{want[:7]}"
        log_want.append((x, BANNER))
        log_want.append((x, f"probe a={a} b={b} hit={want[4]} crc={want[0]:04X}"))
runner.stop()

# sim.log: "@<cycle> <text>", each text starting with the PE's rectangle coordinates, which
# the program prints ("PE(x,y): " before the banner, fmt_with_coords for the probe line).
# Per PE, its lines in launch order: the banner, then the formatted probe line ({X}
# zero-padded to the u16 width).
with open("sim.log", encoding="utf-8") as f:
    log = [l for l in f.read().splitlines()
           if not re.fullmatch(r"@0 (Architecture is: \w+|dimX=\d+, dimY=\d+)", l)]
lines = [re.fullmatch(r"@\d+ PE\((\d+),(\d+)\): (.*)", l) for l in log]
assert all(lines), [l for l, m in zip(log, lines) if not m]
lines = [m.groups() for m in lines]
for x in range(W):
    have = [text for (px, py, text) in lines if int(px) == x and int(py) == 0]
    want = [text for (wx, text) in log_want if wx == x]
    assert have == want, f"PE {x} sim.log:\n{have}\nwant\n{want}"
print("SUCCESS!")
