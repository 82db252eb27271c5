#!/usr/bin/env cs_python
"""pagerank-gather: a random directed graph (every node has an out-edge, some nodes have
many in-edges, self loops allowed) in CSR form per PE; two launches (12 iterations at
d = 0.85, then 5 at d = 0.5, restarting from uniform ranks) compared with a float32 model
summing in the same order, then per-PE counters: iterations, control tasks run,
forwarded wavelets."""
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
P, n, max_edges = int(params["P"]), int(params["n"]), int(params["max_edges"])
N = P * n

rng = np.random.default_rng(11)
edges = set()
for s in range(N):
    for t in rng.choice(N, size=rng.integers(1, 5), replace=False):
        edges.add((s, int(t)))
for s in range(0, N, 3):  # a hub
    edges.add((s, 1))
edges = sorted(edges)
out_deg = np.zeros(N, dtype=np.uint32)
incoming = [[] for _ in range(N)]
for s, t in edges:
    out_deg[s] += 1
    incoming[t].append(s)

ptrs, srcs = [], []
for x in range(P):
    ptr, src = [0], []
    for node in range(x * n, (x + 1) * n):
        src.extend(incoming[node])
        ptr.append(len(src))
    assert len(src) <= max_edges, f"PE {x} has {len(src)} in-edges, max_edges is {max_edges}"
    ptrs.append(np.array(ptr, dtype=np.uint32))
    srcs.append(np.array(src + [0] * (max_edges - len(src)), dtype=np.uint32))


def model(iters, d):
    d = np.float32(d)
    rank = np.full(N, np.float32(1.0) / np.float32(N), dtype=np.float32)
    teleport = (np.float32(1.0) - d) / np.float32(N)
    for _ in range(iters):
        contrib = (rank / out_deg.astype(np.float32)).astype(np.float32)
        new = np.zeros(N, dtype=np.float32)
        for node in range(N):
            s = np.float32(0.0)
            for src in incoming[node]:
                s = np.float32(s + contrib[src])
            new[node] = np.float32(teleport + np.float32(d * s))
        rank = new
    return rank


u32 = MemcpyDataType.MEMCPY_32BIT
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
sym = {name: runner.get_id(name) for name in ("in_ptr", "in_src", "out_deg", "rank", "progress")}
runner.load()
runner.run()


def h2d(name, arr, per_pe):
    runner.memcpy_h2d(sym[name], arr, 0, 0, P, 1, per_pe, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=True)


h2d("in_ptr", np.concatenate(ptrs), n + 1)
h2d("in_src", np.concatenate(srcs), max_edges)
h2d("out_deg", out_deg, n)

failures = []
total_iters = 0
for iters, d in ((12, 0.85), (5, 0.5)):
    total_iters += iters
    runner.launch("pagerank", np.uint16(iters), np.float32(d), nonblock=False)
    got = np.zeros(N, dtype=np.float32)
    runner.memcpy_d2h(got, sym["rank"], 0, 0, P, 1, n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
    want = model(iters, d)
    bad = np.nonzero(~np.isclose(got, want, rtol=1e-5, atol=1e-7))[0]
    for i in bad[:10]:
        failures.append(f"{iters} iterations at d={d}: rank[{i}] = {got[i]:.8g}, expected {want[i]:.8g}")
    print(f"{iters} iterations at d={d}: rank sum {got.sum():.6f}, top node {int(np.argmax(got))}")

progress = np.zeros(P * 5, dtype=np.uint32)
runner.memcpy_d2h(progress, sym["progress"], 0, 0, P, 1, 5, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
runner.stop()

progress = progress.reshape(P, 5)
for x in range(P):
    # Values forwarded per iteration: the west segments east, the east segments west.
    forwarded = total_iters * n * ((x if x + 1 < P else 0) + (P - 1 - x if x > 0 else 0))
    want = [total_iters, total_iters if x > 0 else 0, total_iters if x + 1 < P else 0, forwarded]
    if list(progress[x, :4]) != want:
        failures.append(f"PE {x}: counters {list(progress[x, :4])}, expected {want}")
print("control tasks that arrived a whole iteration early, per PE:", list(progress[:, 4]))

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("SUCCESS!")
