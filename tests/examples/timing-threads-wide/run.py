#!/usr/bin/env cs_python
"""timing-threads-wide: docs/simulator.md "Threads": with FabricOptions::threads > 1 and at
least parallelMinPes (2,048) PEs to visit in one cycle the PE phase runs on a worker pool,
and "cycle counts, memory, stats and sim.log are identical for any thread count". The
48x48 block keeps all 2,304 PEs busy in the same cycles. Sessions with simfab_numthreads 1,
2 and 5 (the appliance gives at most one per core) must give values equal to a numpy
model, identical stamps and byte-identical sim.logs (one simprint line per PE and launch,
"@<cycle> PE(x,y): value V at T" with the rectangle coordinates fmt_with_coords prints)."""
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
W, H, R = int(params["width"]), int(params["height"]), int(params["rounds"])
SEEDS = (0x9E3779B9, 0x7F4A7C15)
M = 0xFFFFFFFF


def model(seed):
    ys, xs = np.mgrid[0:H, 0:W].astype(np.uint64)
    h = (np.uint64(seed) ^ ((xs << np.uint64(16)) | ys)) & np.uint64(M)
    for _ in range(R):
        west = np.zeros_like(h)
        west[:, 1:] = h[:, :-1]
        north = np.zeros_like(h)
        north[1:, :] = h[:-1, :]
        h = ((((h ^ west) * np.uint64(0x01000193)) & np.uint64(M)) + north) & np.uint64(M) ^ (h >> np.uint64(13))
    return h.astype(np.uint32)


def session(threads):
    runner = SdkRuntime(args.name, cmaddr=args.cmaddr, simfab_numthreads=threads)
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
runs = {t: session(t) for t in (1, 2, 5)}
ref_outs, ref_log = runs[1]
for i, seed in enumerate(SEEDS):
    want = model(seed)
    if not np.array_equal(ref_outs[i][:, :, 0], want):
        bad.append(f"seed {seed:#x}: {np.count_nonzero(ref_outs[i][:, :, 0] != want)} values differ from numpy")
    if not np.all(ref_outs[i][:, :, 2] == R):
        bad.append(f"seed {seed:#x}: rounds done {sorted(set(ref_outs[i][:, :, 2].ravel().tolist()))}")
for t, (outs, log) in runs.items():
    for i in range(len(SEEDS)):
        if not np.array_equal(outs[i], ref_outs[i]):
            bad.append(f"{t} threads: launch {i}: {np.count_nonzero(outs[i] != ref_outs[i])} words differ from 1 thread")
    if log != ref_log:
        bad.append(f"{t} threads: sim.log differs from 1 thread's")
PRINT = re.compile(r"@(\d+) PE\((\d+),(\d+)\): value ([0-9A-F]{8}) at (\d+)")
HEADER = re.compile(r"@0 (Architecture is: \w+|dimX=\d+, dimY=\d+)")
prints = [PRINT.fullmatch(l) for l in ref_log.splitlines() if not HEADER.fullmatch(l)]
if len(prints) != 2 * W * H or not all(prints):
    bad.append(f"{len(prints)} simprint lines of the form '@c PE(x,y): value X at T', want {2 * W * H}")
else:
    seen = {}
    for m in prints:
        cyc, x, y, v, t = int(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4), 16), int(m.group(5))
        k = seen.get((x, y), 0)
        seen[x, y] = k + 1
        if (v, t) != (int(ref_outs[k][y, x, 0]), int(ref_outs[k][y, x, 1])) or cyc < t:
            bad.append(f"PE({x},{y}) launch {k}: line '{m.group(0)}' vs out {ref_outs[k][y, x, :2]}")
stamps = ref_outs[0][:, :, 1].astype(np.int64)
print(f"{W}x{H}, {R} rounds: stamps span {stamps.min()}..{stamps.max()}; 1/2/5 threads compared")
for line in bad[:20]:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
