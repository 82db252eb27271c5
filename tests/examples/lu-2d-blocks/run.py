#!/usr/bin/env cs_python
"""lu-2d-blocks: factors two diagonally dominant matrices (one with negative diagonal
entries) and compares the packed L\\U bit for bit with numpy repeating the same float32
steps (l = a_ik / a_kk, then a_ij - l_i u_j with the product rounded first); L U is
compared with A in float64 as a sanity figure; per PE the step count and the number of
entries it updated are checked."""
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
F32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
f32 = np.float32


def to_blocks(X):
    return X.reshape(P, T, P, T).transpose(0, 2, 1, 3).ravel()


def from_blocks(flat):
    return flat.reshape(P, P, T, T).transpose(0, 2, 1, 3).reshape(N, N)


def lu(A):
    A = A.copy()
    for k in range(N):
        l = (A[k + 1:, k] / A[k, k]).astype(f32)
        A[k + 1:, k] = l
        A[k + 1:, k + 1:] = (A[k + 1:, k + 1:] - np.outer(l, A[k, k + 1:]).astype(f32)).astype(f32)
    return A


# Entries of block (by, bx) updated: sum over k of (rows > k) x (cols > k) inside the block.
g = np.arange(N)
updates = np.zeros((P, P), np.int64)
for k in range(N):
    m = np.outer(g > k, g > k)
    updates += m.reshape(P, T, P, T).sum(axis=(1, 3))

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
a_id, steps_id = runner.get_id("a"), runner.get_id("steps")
runner.load()
runner.run()
rng = np.random.default_rng(5)
for launch in range(2):
    A = rng.uniform(-1, 1, size=(N, N)).astype(f32)
    d = (np.abs(A).sum(axis=1) + 1).astype(f32)
    if launch == 1:
        d[::3] *= -1
    A[g, g] = d
    runner.memcpy_h2d(a_id, to_blocks(A), 0, 0, P, P, T * T, streaming=False, order=ROW,
                      data_type=F32, nonblock=False)
    runner.launch("factor", nonblock=False)
    out = np.zeros(N * N, f32)
    runner.memcpy_d2h(out, a_id, 0, 0, P, P, T * T, streaming=False, order=ROW, data_type=F32,
                      nonblock=False)
    got = from_blocks(out)
    ref = lu(A)
    bad = np.argwhere(got.view(np.uint32) != ref.view(np.uint32))
    assert bad.size == 0, f"launch {launch}: {len(bad)} entries differ, first {bad[:4].tolist()}: " \
        f"{got[tuple(bad[0])]!r} vs {ref[tuple(bad[0])]!r}"
    L = np.tril(got.astype(np.float64), -1) + np.eye(N)
    U = np.triu(got.astype(np.float64))
    err = np.abs(L @ U - A).max()
    assert err < 1e-4, err
    st = np.zeros(P * P * 2, np.uint32)
    runner.memcpy_d2h(st, steps_id, 0, 0, P, P, 2, streaming=False, order=ROW, data_type=F32,
                      nonblock=False)
    st = st.reshape(P, P, 2)
    assert (st[:, :, 0] == N * (launch + 1)).all(), st[:, :, 0]
    assert (st[:, :, 1] == updates).all(), (st[:, :, 1], updates)
    print(f"launch {launch}: {N}x{N} L\\U matches bit for bit, |LU - A| = {err:.1e}")

runner.stop()
print("SUCCESS!")
