#!/usr/bin/env cs_python
"""apsp-floyd-grid: Floyd-Warshall on two random directed graphs (a sparse one and a dense
one, uploaded in turn, same device state otherwise). Checks the distance and hop matrices
bit for bit against numpy doing the same relaxations in the same k order (strict < keeps
the earlier path on ties), the number of improving relaxations per PE, N steps per PE,
and that every PE's <time> stamps advanced."""
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
P, T = int(params["P"]), int(params["T"])
N = P * T
INF = 1 << 20
U32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR


def to_blocks(X):
    return X.reshape(P, T, P, T).transpose(0, 2, 1, 3).ravel()


def from_blocks(flat):
    return flat.reshape(P, P, T, T).transpose(0, 2, 1, 3).reshape(N, N)


def reference(D, H):
    D, H = D.astype(np.int64), H.astype(np.int64)
    improved = np.zeros((N, N), dtype=np.int64)
    for k in range(N):
        cand = D[:, k:k + 1] + D[k:k + 1, :]
        mask = cand < D
        H = np.where(mask, H[:, k:k + 1] + H[k:k + 1, :], H)
        D = np.where(mask, cand, D)
        improved += mask
    per_pe = improved.reshape(P, T, P, T).sum(axis=(1, 3))  # [by][bx]
    return D, H, per_pe


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("dist", "hops", "cycles")}
runner.load()
runner.run()

rng = np.random.default_rng(77)
for launch, density in enumerate((0.12, 0.5)):
    W = rng.integers(1, 1000, size=(N, N))
    edge = rng.random((N, N)) < density
    D0 = np.where(edge, W, INF)
    np.fill_diagonal(D0, 0)
    H0 = np.where(edge, 1, 0)
    np.fill_diagonal(H0, 0)
    for sym, X in (("dist", D0), ("hops", H0)):
        runner.memcpy_h2d(ids[sym], to_blocks(X.astype(np.uint32)), 0, 0, P, P, T * T,
                          streaming=False, order=ROW, data_type=U32, nonblock=False)
    runner.launch("apsp", nonblock=False)
    got = {}
    for sym in ("dist", "hops"):
        out = np.zeros(N * N, dtype=np.uint32)
        runner.memcpy_d2h(out, ids[sym], 0, 0, P, P, T * T, streaming=False, order=ROW,
                          data_type=U32, nonblock=False)
        got[sym] = from_blocks(out).astype(np.int64)
    cyc = np.zeros(P * P * 8, dtype=np.uint32)
    runner.memcpy_d2h(cyc, ids["cycles"], 0, 0, P, P, 8, streaming=False, order=ROW,
                      data_type=U32, nonblock=False)
    cyc = cyc.reshape(P, P, 8).astype(np.int64)  # [y][x]
    D, H, per_pe = reference(D0, H0)
    for sym, ref in (("dist", D), ("hops", H)):
        bad = np.argwhere(got[sym] != ref)
        assert bad.size == 0, f"launch {launch}: {sym}: {len(bad)} differ, first {bad[:4].tolist()}: " \
            f"{got[sym][tuple(bad[0])]} vs {ref[tuple(bad[0])]}"
    assert (cyc[:, :, 6] == per_pe).all(), f"improvements per PE {cyc[:, :, 6].tolist()} vs {per_pe.tolist()}"
    assert (cyc[:, :, 7] == N * (launch + 1)).all(), cyc[:, :, 7]
    start = cyc[:, :, 0] | (cyc[:, :, 1] << 16) | (cyc[:, :, 2] << 32)
    end = cyc[:, :, 3] | (cyc[:, :, 4] << 16) | (cyc[:, :, 5] << 32)
    assert (end > start).all(), (start, end)
    reach = (D < INF).sum()
    print(f"launch {launch}: {N} nodes, density {density}: {reach} reachable pairs, "
          f"{per_pe.sum()} improvements, longest path {H[D < INF].max()} hops, "
          f"max {int((end - start).max())} cycles")

runner.stop()
print("SUCCESS!")
