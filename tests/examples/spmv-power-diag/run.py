#!/usr/bin/env cs_python
"""spmv-power-diag: A^K x for a random sparse integer matrix with small integer entries,
in launches of K = 2, then 1 more (x kept on the diagonal PEs), then 0 (nothing may
change), then a new x with K = 3. The x blocks read from the diagonal PEs must equal
numpy's integer products exactly (all partial sums stay below 2^24); per PE the product
count and the nonzeros it used are checked."""
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
P, T, E = int(params["P"]), int(params["T"]), int(params["E"])
N = P * T
U32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

rng = np.random.default_rng(4096)
A = np.zeros((N, N), np.int64)
cols = np.zeros((P, P, T, E), np.uint32)   # [by][bx][i][k]
vals = np.zeros((P, P, T, E), np.float32)
nnz = np.zeros((P, P), np.int64)
for by in range(P):
    for bx in range(P):
        for i in range(T):
            k_here = rng.integers(0, E + 1)
            js = rng.choice(T, size=k_here, replace=False)
            for k, j in enumerate(js):
                v = int(rng.choice([-2, -1, 1, 2]))
                A[by * T + i, bx * T + j] = v
                cols[by, bx, i, k] = j
                vals[by, bx, i, k] = v
            nnz[by, bx] += k_here

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("cols", "vals", "x", "powers")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["cols"], cols.ravel(), 0, 0, P, P, T * E, streaming=False, order=ROW,
                  data_type=U32, nonblock=False)
runner.memcpy_h2d(ids["vals"], vals.ravel(), 0, 0, P, P, T * E, streaming=False, order=ROW,
                  data_type=U32, nonblock=False)


def put_x(v):
    flat = np.zeros((P, P, T), np.float32)  # [y][x][T]: block b on PE (b, b)
    for b in range(P):
        flat[b, b] = v[b * T:(b + 1) * T]
    runner.memcpy_h2d(ids["x"], flat.ravel(), 0, 0, P, P, T, streaming=False, order=ROW,
                      data_type=U32, nonblock=False)


def get_x():
    out = np.zeros(P * P * T, np.float32)
    runner.memcpy_d2h(out, ids["x"], 0, 0, P, P, T, streaming=False, order=ROW, data_type=U32,
                      nonblock=False)
    out = out.reshape(P, P, T)
    return np.concatenate([out[b, b] for b in range(P)])


x = rng.integers(-3, 4, size=N).astype(np.int64)
put_x(x.astype(np.float32))
products = 0
for launch, (k, fresh) in enumerate(((2, False), (1, False), (0, False), (3, True))):
    if fresh:
        x = rng.integers(-3, 4, size=N).astype(np.int64)
        put_x(x.astype(np.float32))
    runner.launch("power", np.uint16(k), nonblock=False)
    for _ in range(k):
        x = A @ x
    products += k
    assert np.abs(x).max() < (1 << 24), "the test's values outgrew exact f32"
    got = get_x()
    bad = np.flatnonzero(got.astype(np.int64) != x)
    assert bad.size == 0, f"launch {launch}: {bad.size} entries differ, first {bad[:5].tolist()}: " \
        f"{got[bad[:5]].tolist()} vs {x[bad[:5]].tolist()}"
    pw = np.zeros(P * P * 2, np.uint32)
    runner.memcpy_d2h(pw, ids["powers"], 0, 0, P, P, 2, streaming=False, order=ROW, data_type=U32,
                      nonblock=False)
    pw = pw.reshape(P, P, 2)
    assert (pw[:, :, 0] == products).all(), pw[:, :, 0]
    if products > 0:
        assert (pw[:, :, 1] == nnz).all(), (pw[:, :, 1], nnz)
    print(f"launch {launch}: K = {k}: x matches, max |x| = {int(np.abs(x).max())}")

runner.stop()
print("SUCCESS!")
