#!/usr/bin/env cs_python
"""merge-tree-stream: three launches of the merge tree (keys with many duplicates; full
32-bit keys short of the sentinel; runs that are already sorted in reverse). The stream
from the root must equal np.sort of all keys; every leaf must have sent one run and one
sentinel per launch and every merger must have emitted 2^l L keys and finished one
stream per launch."""
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
D, L = int(params["D"]), int(params["L"])
d2h_stream = int(params["MEMCPYD2H_DATA_1_ID"])
W = 1 << D
U32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
run_id, stats_id = runner.get_id("run"), runner.get_id("stats")
runner.load()
runner.run()
rng = np.random.default_rng(2718)
for launch in range(3):
    if launch == 0:
        keys = rng.integers(0, 50, size=(W, L)).astype(np.uint32)
    elif launch == 1:
        keys = rng.integers(0, 0xffffffff, size=(W, L), dtype=np.uint64).astype(np.uint32)
        keys[0, 0] = 0xfffffffe
        keys[W - 1, L - 1] = 0
    else:
        keys = -np.sort(-rng.integers(0, 1 << 20, size=(W, L)), axis=1).astype(np.uint32)
    runner.memcpy_h2d(run_id, keys.ravel(), 0, 0, W, 1, L, streaming=False, order=ROW,
                      data_type=U32, nonblock=False)
    runner.launch("go", nonblock=False)
    out = np.zeros(W * L, np.uint32)
    runner.memcpy_d2h(out, d2h_stream, 0, D, 1, 1, W * L, streaming=True, order=ROW,
                      data_type=U32, nonblock=False)
    ref = np.sort(keys.ravel())
    bad = np.flatnonzero(out != ref)
    assert bad.size == 0, f"launch {launch}: {bad.size} keys out of place, first {bad[:6].tolist()}: " \
        f"{out[bad[:6]].tolist()} vs {ref[bad[:6]].tolist()}"
    print(f"launch {launch}: {W} runs of {L} keys merged, {len(np.unique(ref))} distinct")

stats = np.zeros(W * (D + 1) * 2, np.uint32)
runner.memcpy_d2h(stats, stats_id, 0, 0, W, D + 1, 2, streaming=False, order=ROW,
                  data_type=U32, nonblock=False)
runner.stop()
stats = stats.reshape(D + 1, W, 2)
want = np.zeros((D + 1, W, 2), np.uint32)
want[0, :, :] = 3
for l in range(1, D + 1):
    want[l, ::1 << l, 0] = 3 * (1 << l) * L
    want[l, ::1 << l, 1] = 3
assert (stats == want).all(), f"stats {stats.tolist()}"
print("SUCCESS!")
