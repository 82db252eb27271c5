#!/usr/bin/env cs_python
"""dsd-mutator-algebra: five walks with other (k, s, n, r, c); every slot of dst on both PEs
recomputed by walking the addresses the mutators describe."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n_max = int(json.load(f)["params"]["n_max"])
M32 = np.uint64(0xFFFFFFFF)


def model(src, k, s, n, r, c, receiver, west_src):
    d = np.zeros(96, dtype=np.uint32)
    grid = src.reshape(4, 8)
    d[0:3] = [src[k + 2 * i] for i in range(3)]
    d[3:6] = [src[31 - k - i] for i in range(3)]
    d[6:9] = [src[5 + k + i] for i in range(3)]
    d[9:9 + n] = [src[1 + s * i] for i in range(n)]
    d[17:17 + n] = [src[1 + s * i] for i in range(n)]
    d[25:28] = [src[k - i] for i in range(3)]
    d[28:31] = [(int(src[k + 2 * i]) * 3 + int(src[5 + i])) & 0xFFFFFFFF for i in range(3)]
    d[31:40] = [src[k + 2 * i] for i in range(9)]
    for i in range(2):
        for j in range(3):
            d[40 + 3 * i + j] = grid[r + i, c + 2 * j]
            d[46 + 3 * i + j] = grid[r + 1 + i, c + 2 * j]
    if receiver:
        d[52 + k:52 + k + n] = west_src[k:k + n]
    return d


rng = np.random.default_rng(2024)
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
src_id = runner.get_id("src")
dst_id = runner.get_id("dst")
runner.load()
runner.run()
row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT
# (k, s, n, r, c): s negative walks backwards from src[1] ... so it needs n <= 2 there
walks = [(4, 3, 8, 0, 0), (2, -1, 2, 1, 1), (9, 1, 1, 1, 2), (15, 4, 7, 0, 3), (3, 0, 5, 1, 0)]
for k, s, n, r, c in walks:
    assert r <= 1 and c <= 3 and 2 <= k <= 15 and n <= n_max and 0 <= 1 + s * (n - 1) < 32 and k + n <= 44
    src = rng.integers(0, 2**32, size=(2, 32), dtype=np.uint64).astype(np.uint32)
    runner.memcpy_h2d(src_id, src.ravel(), 0, 0, 2, 1, 32, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    runner.launch("walk", np.int16(k), np.int16(s), np.uint16(n), np.uint16(r), np.uint16(c),
                  nonblock=False)
    got = np.zeros(2 * 96, dtype=np.uint32)
    runner.memcpy_d2h(got, dst_id, 0, 0, 2, 1, 96, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    got = got.reshape(2, 96)
    for x in range(2):
        want = model(src[x], k, s, n, r, c, x == 1, src[0])
        bad = np.nonzero(got[x] != want)[0]
        assert bad.size == 0, (f"walk {(k, s, n, r, c)} PE {x}: dst{list(bad)} = "
                               f"{[hex(v) for v in got[x][bad]]}, want {[hex(v) for v in want[bad]]}")
runner.stop()
print("SUCCESS!")
