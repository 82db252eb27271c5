#!/usr/bin/env cs_python
"""lu-partial-pivot: factors three matrices (random; a heavy last row over a tiny
diagonal; a dominant diagonal needing no swaps) and checks the pivot sequence against
a float64 partial-pivoting LU (identical), L and U against it, and P A = L U."""
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
P, N = int(params["P"]), int(params["N"])
C = N // P
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
a_id, piv_id = runner.get_id("A"), runner.get_id("pivots")
runner.load()
runner.run()
rng = np.random.default_rng(31)


def to_device(A):
    """PE x, local column c = global column c * P + x, column-major."""
    return np.stack([A[:, x::P].T for x in range(P)]).ravel()


def from_device(flat):
    blocks = flat.reshape(P, C, N)
    A = np.zeros((N, N), dtype=np.float32)
    for x in range(P):
        A[:, x::P] = blocks[x].T
    return A


def lu_model(A):
    A = A.astype(np.float64).copy()
    piv = []
    for k in range(N):
        p = k + int(np.argmax(np.abs(A[k:, k])))
        piv.append(p)
        A[[k, p]] = A[[p, k]]
        A[k + 1:, k] /= A[k, k]
        A[k + 1:, k + 1:] -= np.outer(A[k + 1:, k], A[k, k + 1:])
    return A, piv


# A heavy last row with a tiny diagonal: the first pivot comes from the last row.
last_heavy = np.tril(rng.uniform(0.1, 0.5, size=(N, N)), -1) + np.diag(np.full(N, 0.01))
last_heavy[-1, :] = 50.0 + np.arange(N)
cases = [rng.uniform(-1, 1, size=(N, N)),
         last_heavy,
         np.diag(np.full(N, 10.0)) + rng.uniform(-1, 1, size=(N, N))]
for n, A in enumerate(cases):
    A = A.astype(np.float32)
    runner.memcpy_h2d(a_id, to_device(A), 0, 0, P, 1, C * N, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    runner.launch("factor", nonblock=False)
    flat = np.zeros(P * C * N, dtype=np.float32)
    runner.memcpy_d2h(flat, a_id, 0, 0, P, 1, C * N, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    piv = np.zeros(P * N, dtype=np.uint32)
    runner.memcpy_d2h(piv, piv_id, 0, 0, P, 1, N, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    piv = piv.reshape(P, N)
    assert (piv == piv[0]).all(), "PEs disagree on the pivots"
    LU = from_device(flat).astype(np.float64)
    ref, ref_piv = lu_model(A)
    assert piv[0].tolist() == ref_piv, f"matrix {n}: pivots {piv[0].tolist()} vs {ref_piv}"
    np.testing.assert_allclose(LU, ref, rtol=1e-3, atol=1e-4 * np.abs(ref).max(),
                               err_msg=f"matrix {n}: L\\U")
    L = np.tril(LU, -1) + np.eye(N)
    U = np.triu(LU)
    PA = A.astype(np.float64).copy()
    for k, p in enumerate(ref_piv):
        PA[[k, p]] = PA[[p, k]]
    err = np.abs(L @ U - PA).max()
    assert err < 1e-4 * np.abs(A).max() * N, f"matrix {n}: |LU - PA| = {err}"
    swaps = sum(1 for k, p in enumerate(ref_piv) if p != k)
    print(f"matrix {n}: {swaps} row swaps, max |LU - PA| = {err:.2e}")
runner.stop()
print("SUCCESS!")
