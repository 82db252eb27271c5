#!/usr/bin/env cs_python
"""timing-stream-channels: streaming H2D arrival rate against docs/simulator.md ("memcpy
and host commands", Cost): "one element per kMemcpyCyclesPerWavelet * ceil(streams /
channels) cycles, streams being the host element streams of the command: one per PE of
the ROI" (kMemcpyCyclesPerWavelet = 1). So on every PE of the ROI the n wavelets arrive
exactly ceil(w * h / channels) cycles apart: latest - first = (n - 1) * that. The ROIs
are chosen so that the interval (at least 32 cycles) is longer than the data task that
stamps each arrival (28 cycles, 34 for the first); the last one, 98 PEs over 3 channels on
WSE-3, checks the ceiling (33).
Counts, sums and xors are checked per PE (PEs outside the ROI see nothing)."""
import argparse
import json
import math
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--channels", type=int, required=True, help="the --channels of the compile")
args = parser.parse_args()
with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H, color_id = int(params["width"]), int(params["height"]), int(params["MEMCPYH2D_DATA_1_ID"])
channels = args.channels
N = 9

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
stats_id = runner.get_id("stats")
runner.load()
runner.run()
runner.launch("reset", nonblock=False)

bad = []
rng = np.random.default_rng(5)
rois = [(0, 0, W, H), (0, 0, W, H - 1), (1, 0, W - 2, H)]
for px, py, w, h in rois:
    data = rng.integers(0, 2**32, size=w * h * N, dtype=np.uint64).astype(np.uint32)
    runner.memcpy_h2d(color_id, data, px, py, w, h, N, streaming=True,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    runner.launch("reset", nonblock=False)
    st = np.zeros(W * H * 5, dtype=np.uint32)
    runner.memcpy_d2h(st, stats_id, 0, 0, W, H, 5, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    st = st.reshape(H, W, 5).astype(np.int64)
    per = math.ceil(w * h / channels)
    spans = set()
    per_pe = data.reshape(h, w, N)
    for y in range(H):
        for x in range(W):
            inside = px <= x < px + w and py <= y < py + h
            mine = per_pe[y - py, x - px].astype(np.int64) if inside else np.zeros(0, dtype=np.int64)
            want = [len(mine), int(mine.sum()) & 0xFFFFFFFF,
                    int(np.bitwise_xor.reduce(mine)) if len(mine) else 0]
            if list(st[y, x, :3]) != want:
                bad.append(f"ROI {(px, py, w, h)} PE({x},{y}): count/sum/xor {list(st[y, x, :3])} != {want}")
            if inside:
                span = int(st[y, x, 4] - st[y, x, 3])
                spans.add(span)
                if span != (N - 1) * per:
                    bad.append(f"ROI {(px, py, w, h)} PE({x},{y}): {N} wavelets over {span} cycles; "
                               f"ceil({w * h} / {channels}) = {per} per element gives {(N - 1) * per}")
    print(f"ROI {(px, py, w, h)}, {channels} channel(s): spans {sorted(spans)}, want {(N - 1) * per}")
runner.stop()
for line in bad[:30]:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
