#!/usr/bin/env cs_python
"""carry-chain-limbs: random numbers plus hand-made carry ripples (all-ones limbs, sums that
wrap past 2^256), four launches with other counts; every sum against Python integers."""
import argparse
import json
import random

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    K = int(json.load(f)["params"]["k"])
L = 16
MOD = 1 << (16 * L)
rnd = random.Random(11)


def limbs(v):
    return [(v >> (16 * i)) & 0xFFFF for i in range(L)]


def value(ls):
    return sum(int(x) << (16 * i) for i, x in enumerate(ls))


row = MemcpyOrder.ROW_MAJOR
u16 = MemcpyDataType.MEMCPY_16BIT
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
nums_id = runner.get_id("nums")
sums_id = runner.get_id("sums")
runner.load()
runner.run()
for trial, count in enumerate((K, 1, 0, K - 1)):
    per_pe = []
    for x in range(2):
        vals = [rnd.getrandbits(16 * L) for _ in range(K)]
        if trial == 0:
            vals[0] = MOD - 1  # all ones: every later carry ripples through all limbs
            vals[1] = 1
        per_pe.append(vals)
    flat = []
    for vals in per_pe:
        le = [l for v in vals for l in limbs(v)]
        be = [l for v in vals for l in reversed(limbs(v))]
        flat += le + be
    runner.memcpy_h2d(nums_id, np.array(flat, np.uint32), 0, 0, 2, 1, 2 * K * L, streaming=False,
                      order=row, data_type=u16, nonblock=False)
    runner.launch("add_all", np.uint16(count), nonblock=False)
    got = np.zeros(2 * 3 * L, np.uint32)
    runner.memcpy_d2h(got, sums_id, 0, 0, 2, 1, 3 * L, streaming=False, order=row, data_type=u16,
                      nonblock=False)
    got = got.reshape(2, 3 * L)
    totals = [sum(v[:count]) % MOD for v in per_pe]
    for x in range(2):
        le = value(got[x, 0:L])
        be = value(list(reversed(got[x, L:2 * L])))
        assert le == totals[x], f"count {count} PE {x}: little-endian sum {le:#x} != {totals[x]:#x}"
        assert be == totals[x], f"count {count} PE {x}: big-endian sum {be:#x} != {totals[x]:#x}"
    both = value(got[1, 2 * L:3 * L])
    want = (totals[0] + totals[1]) % MOD
    assert both == want, f"count {count}: fabric sum {both:#x} != {want:#x}"
runner.stop()
print("SUCCESS!")
