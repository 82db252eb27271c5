#!/usr/bin/env cs_python
"""shearsort-snake: sorts P*P*B random u32 keys (many duplicates in launch 1, the full
32-bit range in launch 2) and checks that reading the blocks in snake order (even rows
west to east, odd rows east to west) gives np.sort of the input, and that each PE's
exchange count and the number of keys it gave away match a Python model of the same
merge-split schedule."""
import argparse
import json
import math

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
P, B, PHASES = int(params["P"]), int(params["B"]), int(params["PHASES"])
assert PHASES == 2 * math.ceil(math.log2(P)) + 1
U32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR


def model(keys):
    """keys[y][x][B] -> final blocks, exchanges[y][x], given[y][x]."""
    blk = [[sorted(keys[y][x].tolist()) for x in range(P)] for y in range(P)]
    ex = np.zeros((P, P), np.int64)
    given = np.zeros((P, P), np.int64)
    for ph in range(PHASES):
        rows = ph % 2 == 0
        for r in range(P):
            for a in range(P):  # a: the row (row phase) or column (column phase)
                for pos in range(r % 2, P - 1, 2):
                    (y0, x0), (y1, x1) = ((a, pos), (a, pos + 1)) if rows else ((pos, a), (pos + 1, a))
                    first_low = (a % 2 == 0) if rows else True
                    m = sorted(blk[y0][x0] + blk[y1][x1])
                    lo, hi = m[:B], m[B:]
                    new0, new1 = (lo, hi) if first_low else (hi, lo)
                    for (yy, xx), old, new in (((y0, x0), blk[y0][x0], new0), ((y1, x1), blk[y1][x1], new1)):
                        # keys of old that left: count by multiset difference
                        rest = list(new)
                        kept = 0
                        for v in old:
                            if v in rest:
                                rest.remove(v)
                                kept += 1
                        given[yy, xx] += B - kept
                        ex[yy, xx] += 1
                    blk[y0][x0], blk[y1][x1] = new0, new1
    return blk, ex, given


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
keys_id, stats_id = runner.get_id("keys"), runner.get_id("stats")
runner.load()
runner.run()
rng = np.random.default_rng(99)
ex_total = np.zeros((P, P), np.int64)
given_total = np.zeros((P, P), np.int64)
for launch, hi in enumerate((200, 1 << 32)):
    keys = rng.integers(0, hi, size=(P, P, B), dtype=np.uint64).astype(np.uint32)
    runner.memcpy_h2d(keys_id, keys.ravel(), 0, 0, P, P, B, streaming=False, order=ROW,
                      data_type=U32, nonblock=False)
    runner.launch("shearsort", nonblock=False)
    out = np.zeros(P * P * B, dtype=np.uint32)
    runner.memcpy_d2h(out, keys_id, 0, 0, P, P, B, streaming=False, order=ROW,
                      data_type=U32, nonblock=False)
    got = out.reshape(P, P, B)
    snake = np.concatenate([got[y, ::1 if y % 2 == 0 else -1].ravel() for y in range(P)])
    ref = np.sort(keys.ravel())
    bad = np.flatnonzero(snake != ref)
    assert bad.size == 0, f"launch {launch}: snake order wrong at {bad.size} places, first {bad[:5].tolist()}"
    blk, ex, given = model(keys)
    assert all((got[y, x] == np.array(blk[y][x], np.uint32)).all() for y in range(P) for x in range(P))
    ex_total += ex
    given_total += given
    stats = np.zeros(P * P * 2, dtype=np.uint32)
    runner.memcpy_d2h(stats, stats_id, 0, 0, P, P, 2, streaming=False, order=ROW,
                      data_type=U32, nonblock=False)
    stats = stats.reshape(P, P, 2)
    assert (stats[:, :, 0] == ex_total).all(), f"exchanges {stats[:, :, 0]} vs {ex_total}"
    assert (stats[:, :, 1] == given_total).all(), f"given {stats[:, :, 1]} vs {given_total}"
    print(f"launch {launch}: {P * P * B} keys sorted in snake order, {int(given.sum())} keys moved")

runner.stop()
print("SUCCESS!")
