#!/usr/bin/env cs_python
"""timing-determinism-threads: identical runs give identical cycles (docs/simulator.md,
"Threads": "cycle counts, memory, stats and sim.log are identical for any thread count").

Three sessions of the same program and host script: simfab_numthreads 1 (untraced), 5
(suppress_simfab_trace=False: stop() writes the traced sim.log by replaying the session)
and 2 (untraced). Each launches the wavefront twice with different seeds. Required:
values equal to a numpy model; stamps equal across sessions; the two untraced sim.logs
byte-identical; the traced log's simprint lines equal the untraced ones; every simprint
line's text "value V at T" matches that launch's out words, its PE is the rectangle
coordinate fmt_with_coords prints, and its @cycle is not before the stamp T it prints."""
import argparse
import json
import re
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H = int(params["width"]), int(params["height"])
SEEDS = (0x1234567, 0xCAFEF00D)


def model(seed):
    val = np.zeros((H, W), dtype=np.uint64)
    for y in range(H):
        for x in range(W):
            v = seed if x == 0 and y == 0 else \
                ((int(val[y, x - 1]) if x else 0) + (int(val[y - 1, x]) if y else 0)) & 0xFFFFFFFF
            for _ in range((3 * x + y) % 7 + 1):
                v = (((v ^ (v >> 7)) * 0x2545F491) + x) & 0xFFFFFFFF
            val[y, x] = v
    return val.astype(np.uint32)


def session(threads, traced):
    runner = SdkRuntime(args.name, cmaddr=args.cmaddr, simfab_numthreads=threads,
                        suppress_simfab_trace=not traced)
    out_id = runner.get_id("out")
    runner.load()
    runner.run()
    outs = []
    for seed in SEEDS:
        runner.launch("go", np.uint32(seed), nonblock=False)
        out = np.zeros(W * H * 3, dtype=np.uint32)
        runner.memcpy_d2h(out, out_id, 0, 0, W, H, 3, streaming=False,
                          order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                          nonblock=False)
        outs.append(out.reshape(H, W, 3))
    runner.stop()
    with open("sim.log", encoding="utf-8") as f:
        return outs, f.read()


bad = []
runs = {name: session(threads, traced) for name, threads, traced in
        (("threads 1", 1, False), ("threads 5 traced", 5, True), ("threads 2", 2, False))}
ref_outs, ref_log = runs["threads 1"]
for i, seed in enumerate(SEEDS):
    want = model(seed)
    if not np.array_equal(ref_outs[i][:, :, 0], want):
        bad.append(f"seed {seed:#x}: values {ref_outs[i][:, :, 0]} != numpy {want}")
    inputs = np.array([[(x > 0) + (y > 0) for x in range(W)] for y in range(H)])
    if not np.array_equal(ref_outs[i][:, :, 2], inputs):
        bad.append(f"seed {seed:#x}: inputs seen {ref_outs[i][:, :, 2]}")
for name, (outs, log) in runs.items():
    for i in range(len(SEEDS)):
        if not np.array_equal(outs[i], ref_outs[i]):
            diff = np.argwhere(outs[i] != ref_outs[i])[:4].tolist()
            bad.append(f"{name}: launch {i} out differs from threads 1 at [y, x, word] {diff}")
if runs["threads 2"][1] != ref_log:
    bad.append("the untraced sim.log of 2 threads differs from that of 1 thread")

PRINT = re.compile(r"@(\d+) PE\((\d+),(\d+)\): (.*)")


def prints(log):
    return [l for l in log.splitlines() if PRINT.fullmatch(l)]


ref_prints = prints(ref_log)
if prints(runs["threads 5 traced"][1]) != ref_prints:
    bad.append("the traced sim.log's simprint lines differ from the untraced run's")
if not any(" P" in l and "[EX OP]" in l for l in runs["threads 5 traced"][1].splitlines()):
    bad.append("the traced sim.log has no instruction lines")
if len(ref_prints) != 2 * W * H:
    bad.append(f"{len(ref_prints)} simprint lines, want {2 * W * H}")
count = {}
for line in ref_prints:
    cyc, x, y, text = PRINT.fullmatch(line).groups()
    x, y, cyc = int(x), int(y), int(cyc)
    k = count.get((x, y), 0)
    count[x, y] = k + 1
    if not (0 <= x < W and 0 <= y < H) or k >= len(SEEDS):
        bad.append(f"simprint line of no PE/launch: {line}")
        continue
    v, t = ref_outs[k][y, x, 0], ref_outs[k][y, x, 1]
    if text != f"value {v:08X} at {t}":
        bad.append(f"PE({x},{y}) launch {k}: '{text}' != 'value {v:08X} at {t}'")
    if cyc < t:
        bad.append(f"PE({x},{y}) launch {k}: line at @{cyc} before its stamp {t}")
stamps = ref_outs[0][:, :, 1].astype(np.int64)
print(f"stamps of the first launch (rows):\n{stamps - stamps.min()}")
for line in bad[:30]:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
