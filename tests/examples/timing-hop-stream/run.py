#!/usr/bin/env cs_python
"""timing-hop-stream: fabric timing against docs/simulator.md's cost table, exactly.

Rows used: "router hop: 2", "fabric DSD op element: 1 per wavelet". With S the sender's
timestamp before its send and E_k receiver k's timestamp after its receive of n wavelets:
  hop:  E_{k+1} - E_k = 2 for every pair of receivers (each router forwards to RAMP and
        EAST in the same step, so the last wavelet lands one hop later at each PE);
  rate: (E_k(n) - S(n)) - (E_k(1) - S(1)) = n - 1 (the stream arrives one wavelet per
        cycle), and the same for the sender's own op end (it pushes one per cycle).
Data: every receiver holds the sender's n words. Printed: the latency E_1(1) - S(1)."""
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
    params = json.load(f)["params"]
width, nmax = int(params["width"]), int(params["nmax"])
u32 = MemcpyDataType.MEMCPY_32BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
buf_id, stamps_id = runner.get_id("buf"), runner.get_id("stamps")
runner.load()
runner.run()

bad = []
results = {}
for n in (1, 2, 3, 7, 16, nmax):
    data = (np.arange(nmax, dtype=np.uint32) * np.uint32(2654435761) + np.uint32(n)).astype(np.uint32)
    host = np.zeros(width * nmax, dtype=np.uint32)
    host[:nmax] = data
    runner.memcpy_h2d(buf_id, host, 0, 0, width, 1, nmax, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
    runner.launch("run", np.uint16(n), nonblock=False)
    stamps = np.zeros(width * 2, dtype=np.uint32)
    runner.memcpy_d2h(stamps, stamps_id, 0, 0, width, 1, 2, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
    got = np.zeros(width * nmax, dtype=np.uint32)
    runner.memcpy_d2h(got, buf_id, 0, 0, width, 1, nmax, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
    got = got.reshape(width, nmax)
    for x in range(1, width):
        if not np.array_equal(got[x, :n], data[:n]):
            bad.append(f"n={n}: PE {x} received {got[x, :n]} instead of {data[:n]}")
    stamps = stamps.astype(np.int64).reshape(width, 2)
    start = int(stamps[0, 0])
    rel = [int(stamps[x, 1]) - start for x in range(width)]
    results[n] = rel
    hops = [rel[x + 1] - rel[x] for x in range(1, width - 1)]
    print(f"n={n:3}: sender op {rel[0]} cycles; receivers done at S+{rel[1:]}; per hop {hops}")
    if any(h != 2 for h in hops):
        bad.append(f"n={n}: the last wavelet reached successive PEs {hops} cycles apart; the cost table gives 2 per hop")
runner.stop()

for n, rel in results.items():
    for x in range(width):
        grew = rel[x] - results[1][x]
        if grew != n - 1:
            who = "the sender's op" if x == 0 else f"PE {x}'s receive"
            bad.append(f"{who} ended {grew} cycles later for n={n} than for n=1; one wavelet per cycle gives {n - 1}")
print(f"latency from the sender's first timestamp to PE 1's last one for one wavelet: {results[1][1]} cycles")
for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
