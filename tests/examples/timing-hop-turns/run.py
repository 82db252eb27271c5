#!/usr/bin/env cs_python
"""timing-hop-turns: hop latency around corners, from docs/simulator.md's cost table
("router hop: 2", "fabric DSD op element: 1 per wavelet"). PE (0,0) streams n wavelets
along the rim of the 4x4 block (east, south, west, north; four turns). With E_k the end stamp
of the k-th receiver along the path: E_{k+1} - E_k = 2 for every k, on straight runs and
at corners alike, and E_k(n) - E_k(1) = n - 1 (relative to the sender's start stamp).
Every receiver holds the sender's words."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
with open(f"{args.name}/out.json", encoding="utf-8") as f:
    nmax = int(json.load(f)["params"]["nmax"])
PATH = [(0, 0), (1, 0), (2, 0), (3, 0), (3, 1), (3, 2), (3, 3), (2, 3), (1, 3), (0, 3), (0, 2), (0, 1)]
u32, ROW = MemcpyDataType.MEMCPY_32BIT, MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
buf_id, stamps_id = runner.get_id("buf"), runner.get_id("stamps")
runner.load()
runner.run()
bad = []
rel = {}
for n in (1, 4, 17, nmax):
    data = (np.arange(nmax, dtype=np.uint64) * 97531 + n).astype(np.uint32)
    runner.memcpy_h2d(buf_id, data, 0, 0, 1, 1, nmax, streaming=False, order=ROW, data_type=u32,
                      nonblock=False)
    runner.launch("run", np.uint16(n), nonblock=False)
    st = np.zeros(16 * 2, dtype=np.uint32)
    runner.memcpy_d2h(st, stamps_id, 0, 0, 4, 4, 2, streaming=False, order=ROW, data_type=u32,
                      nonblock=False)
    got = np.zeros(16 * nmax, dtype=np.uint32)
    runner.memcpy_d2h(got, buf_id, 0, 0, 4, 4, nmax, streaming=False, order=ROW, data_type=u32,
                      nonblock=False)
    st = st.reshape(4, 4, 2).astype(np.int64)
    got = got.reshape(4, 4, nmax)
    s = int(st[0, 0, 0])
    rel[n] = [int(st[y, x, 1]) - s for x, y in PATH]
    for x, y in PATH[1:]:
        if not np.array_equal(got[y, x, :n], data[:n]):
            bad.append(f"n={n}: PE({x},{y}) received {got[y, x, :n]}")
    hops = [b - a for a, b in zip(rel[n][1:], rel[n][2:])]
    print(f"n={n:2}: sender op {rel[n][0]}, receivers done at S+{rel[n][1:]}, hops {hops}")
    for k, hop in enumerate(hops, start=1):
        if hop != 2:
            bad.append(f"n={n}: from {PATH[k]} to {PATH[k + 1]} the last wavelet took {hop} cycles; "
                       f"the cost table gives 2 per hop")
runner.stop()
for n in rel:
    for k, (x, y) in enumerate(PATH):
        if rel[n][k] - rel[1][k] != n - 1:
            bad.append(f"PE({x},{y}) ended {rel[n][k] - rel[1][k]} cycles later for n={n} than for n=1; want {n - 1}")
for line in bad[:20]:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
