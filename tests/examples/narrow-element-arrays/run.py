#!/usr/bin/env cs_python
"""narrow-element-arrays: replays pe.csl's run(seed) in Python (the same LCG, u8/i8
wrapping, truncating division) for four seeds; five checksums each, exact."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
M = 0xffffffff


def s8(v):
    v &= 0xff
    return v - 256 if v & 0x80 else v


def tdiv(a, b):
    q = abs(a) // abs(b)
    return -q if (a < 0) != (b < 0) else q


def model(seed):
    state = [seed]

    def rnd():
        state[0] = (state[0] * 1103515245 + 12345) & M
        return state[0] >> 16

    flags = [(rnd() & 1) == 1 for _ in range(13)]
    fl = sum(1 << i for i, f in enumerate(flags) if f)
    flags[3] = not flags[3]
    flags[12] = flags[0] != flags[1]
    fl2 = 0
    for i in range(13):
        fl2 = fl2 * 2 + int(flags[12 - i])
    by = [rnd() & 0xff for _ in range(11)]
    for i in range(11):
        by[i] = (by[i] + by[(i + 1) % 11] * 3) & 0xff
    bs = 0
    for b in by:
        bs = (bs * 31 + b) & M
    sb = [s8(rnd()) for _ in range(9)]
    ss = 0
    for i in range(9):
        a, c = sb[i], sb[(i + 4) % 9]
        sb[i] = s8(tdiv(a, 3) - (c - tdiv(c, 5) * 5))
        ss = (ss * 7 + sb[i]) & M
    recs = []
    for _ in range(5):
        on = (rnd() & 2) != 0
        b = rnd() & 0xff
        c = s8(rnd())
        recs.append([on, b, c, rnd() & 0xffff])
    recs[2][1] = (recs[4][1] + recs[1][1]) & 0xff
    recs[0][0] = not recs[0][0]
    rs = 0
    for on, b, c, w in recs:
        rs = (rs * 13 + int(on) + b * 3 + (c & M) + w) & M
    return [fl, fl2, bs, ss, rs]


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
out_id = runner.get_id("out")
runner.load()
runner.run()
failures = 0
for seed in (12345, 0, 0xdeadbeef, 77):
    runner.launch("run", np.uint32(seed), nonblock=False)
    got = np.zeros(8, dtype=np.uint32)
    runner.memcpy_d2h(got, out_id, 0, 0, 1, 1, 8, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    for k, w in enumerate(model(seed)):
        if int(got[k]) != w:
            failures += 1
            print(f"MISMATCH seed {seed:#x} checksum {k}: got {int(got[k]):#x} want {w:#x}")
runner.stop()
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
