#!/usr/bin/env cs_python
"""bfs-collectives: a sparse random directed graph with a long chain through it (so the
search takes many levels and the gather/broadcast root visits every PE) searched from two
sources; the distances (-1 unreached) are compared with a Python BFS, and the per-PE
level counts with the number of levels the search took."""
import argparse
import json
import sys
from collections import deque

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

rng = np.random.default_rng(4)
edges = set()
chain = rng.permutation(N)[: N // 2]
for a, b in zip(chain[:-1], chain[1:]):
    edges.add((int(a), int(b)))
for _ in range(N // 3):
    a, b = rng.integers(0, N, size=2)
    edges.add((int(a), int(b)))
incoming = [[] for _ in range(N)]
outgoing = [[] for _ in range(N)]
for s, t in sorted(edges):
    incoming[t].append(s)
    outgoing[s].append(t)

ptrs, srcs = [], []
for x in range(P):
    ptr, src = [0], []
    for v in range(x * n, (x + 1) * n):
        src.extend(incoming[v])
        ptr.append(len(src))
    assert len(src) <= max_edges, f"PE {x} has {len(src)} in-edges, max_edges is {max_edges}"
    ptrs.append(np.array(ptr, dtype=np.uint32))
    srcs.append(np.array(src + [0] * (max_edges - len(src)), dtype=np.uint32))


def bfs(source):
    dist = np.full(N, -1, dtype=np.int32)
    dist[source] = 0
    todo = deque([source])
    while todo:
        u = todo.popleft()
        for v in outgoing[u]:
            if dist[v] < 0:
                dist[v] = dist[u] + 1
                todo.append(v)
    return dist


u32 = MemcpyDataType.MEMCPY_32BIT
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
sym = {name: runner.get_id(name) for name in ("in_ptr", "in_src", "dist", "levels")}
runner.load()
runner.run()
runner.memcpy_h2d(sym["in_ptr"], np.concatenate(ptrs), 0, 0, P, 1, n + 1, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
runner.memcpy_h2d(sym["in_src"], np.concatenate(srcs), 0, 0, P, 1, max_edges, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)

failures = []
total_levels = 0
reached_total = 0
for source in (int(chain[0]), int(chain[N // 4])):
    runner.launch("bfs", np.uint32(source), nonblock=False)
    got = np.zeros(N, dtype=np.int32)
    runner.memcpy_d2h(got, sym["dist"], 0, 0, P, 1, n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
    want = bfs(source)
    for v in np.nonzero(got != want)[0][:10]:
        failures.append(f"source {source}: dist[{v}] (PE {v // n}) = {got[v]}, expected {want[v]}")
    # Levels expanded: one per distance up to the largest, plus the one that finds nothing.
    search_levels = int(want.max()) + 1
    total_levels += search_levels
    reached_total += int((want >= 0).sum())
    print(f"source {source}: {int((want >= 0).sum())} of {N} vertices reached, depth {want.max()}")
    levels = np.zeros(P * 4, dtype=np.uint32)
    runner.memcpy_d2h(levels, sym["levels"], 0, 0, P, 1, 4, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
    levels = levels.reshape(P, 4)
    if np.any(levels[:, 3] != search_levels):
        failures.append(f"source {source}: levels per PE {list(levels[:, 3])}, expected {search_levels}")
runner.stop()

if np.any(levels[:, 0] != total_levels):
    failures.append(f"levels over both searches per PE {list(levels[:, 0])}, expected {total_levels}")
if levels[:, 1].sum() != reached_total:
    failures.append(f"vertices reached {levels[:, 1].sum()}, expected {reached_total}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("SUCCESS!")
