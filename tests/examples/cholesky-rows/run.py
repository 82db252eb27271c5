#!/usr/bin/env cs_python
"""cholesky-rows: factors two SPD matrices (rows dealt cyclically over the PEs) and
checks U against numpy's Cholesky factor, U^T U against A, the pivots, and that the
part left of each row's diagonal was not touched by the run-time DSDs."""
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
R = N // P
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR


def to_device(A):
    """Row i = lr * P + x goes to PE x as its local row lr."""
    return A.reshape(R, P, N).transpose(1, 0, 2).ravel()


def from_device(flat):
    return flat.reshape(P, R, N).transpose(1, 0, 2).reshape(N, N)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("A", "pivots")}
runner.load()
runner.run()

rng = np.random.default_rng(11)
for trial in range(2):
    M = rng.uniform(-1.0, 1.0, size=(N, N))
    A = (M @ M.T + N * np.eye(N) * (1 + trial)).astype(np.float32)
    A = ((A + A.T) / 2).astype(np.float32)
    runner.memcpy_h2d(ids["A"], to_device(A), 0, 0, P, 1, R * N, streaming=False,
                      order=ROW, data_type=f32, nonblock=False)
    runner.launch("factor", nonblock=False)
    out = np.zeros(N * N, dtype=np.float32)
    runner.memcpy_d2h(out, ids["A"], 0, 0, P, 1, R * N, streaming=False,
                      order=ROW, data_type=f32, nonblock=False)
    piv = np.zeros(N, dtype=np.float32)
    runner.memcpy_d2h(piv, ids["pivots"], 0, 0, P, 1, R, streaming=False,
                      order=ROW, data_type=f32, nonblock=False)
    got = from_device(out)
    pivots = piv.reshape(P, R).T.ravel()  # PE x, local row lr -> row lr * P + x

    U = np.triu(got).astype(np.float64)
    U_ref = np.linalg.cholesky(A.astype(np.float64)).T
    np.testing.assert_allclose(U, U_ref, rtol=1e-4, atol=1e-5 * np.abs(U_ref).max(),
                               err_msg=f"matrix {trial}: U")
    np.testing.assert_allclose(U.T @ U, A, rtol=1e-4, atol=1e-4 * np.abs(A).max(),
                               err_msg=f"matrix {trial}: U^T U")
    np.testing.assert_allclose(pivots, np.diag(U_ref) ** 2, rtol=1e-4,
                               err_msg=f"matrix {trial}: pivots")
    below = np.tril_indices(N, -1)
    np.testing.assert_array_equal(got[below], A[below],
                                  err_msg=f"matrix {trial}: entries left of the diagonal changed")
    print(f"matrix {trial}: max |U - U_ref| = {np.abs(U - U_ref).max():.3g}")

runner.stop()
print("SUCCESS!")
