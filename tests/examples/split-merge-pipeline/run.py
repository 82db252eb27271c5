#!/usr/bin/env cs_python
"""split-merge-pipeline: three launches of NB blocks of B values (NB = 5, 2, 7: odd counts
leave both switches on position 1, so the next launch starts with worker 1). The output
stream must be the numpy model of the six stages, with block b (counted over all launches)
on worker b % 2 and the merged order intact; per stage counts are checked."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
B = int(params["B"])
h2d = int(params["MEMCPYH2D_DATA_1_ID"])
d2h = int(params["MEMCPYD2H_DATA_1_ID"])
U32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
MASK = (1 << 32) - 1

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
counts_id = runner.get_id("counts")
runner.load()
runner.run()
rng = np.random.default_rng(8)
block0 = 0
merged = 0
total = 0
for launch, nb in enumerate((5, 2, 7)):
    n = nb * B
    data = rng.integers(0, 1 << 32, size=n, dtype=np.uint64)
    runner.launch("reset", nonblock=False)
    runner.memcpy_h2d(h2d, data.astype(np.uint32), 0, 1, 1, 1, n, streaming=True, order=ROW,
                      data_type=U32, nonblock=True)
    out = np.zeros(n, np.uint32)
    runner.memcpy_d2h(out, d2h, 3, 1, 1, 1, n, streaming=True, order=ROW, data_type=U32,
                      nonblock=False)
    want = []
    for k, v in enumerate(int(d) for d in data):
        v = (v * 3 + 1) & MASK
        v ^= v >> 7
        worker = (block0 + k // B) % 2
        v = ((v * 2654435761) & MASK) ^ (worker << 31)
        v = (v + merged) & MASK
        merged += 1
        v = ((v << 5) | (v >> 27)) & MASK
        want.append(v)
    want = np.array(want, np.uint32)
    bad = np.flatnonzero(out != want)
    assert bad.size == 0, f"launch {launch}: {bad.size} values differ, first at {bad[:5].tolist()}"
    block0 += nb
    total += n
    counts = np.zeros(12 * 3, np.uint32)
    runner.memcpy_d2h(counts, counts_id, 0, 0, 4, 3, 3, streaming=False, order=ROW,
                      data_type=U32, nonblock=False)
    c = counts.reshape(3, 4, 3)  # [y][x]
    w0_blocks = (block0 + 1) // 2
    w1_blocks = block0 // 2
    assert tuple(c[1, 0, :2]) == (total, n), c[1, 0]
    assert tuple(c[1, 1, :2]) == (total, block0), c[1, 1]
    assert tuple(c[0, 1, :2]) == (w0_blocks * B, w0_blocks), c[0, 1]
    assert tuple(c[2, 1, :2]) == (w1_blocks * B, w1_blocks), c[2, 1]
    assert c[1, 2, 0] == total and c[1, 3, 0] == total, (c[1, 2], c[1, 3])
    print(f"launch {launch}: {nb} blocks of {B} through the pipeline in order; worker blocks so "
          f"far {w0_blocks} / {w1_blocks}")

runner.stop()
print("SUCCESS!")
