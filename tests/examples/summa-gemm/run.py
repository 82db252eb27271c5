#!/usr/bin/env cs_python
"""summa-gemm: C += A B twice (new A and B the second time, C kept on the device) and
checks C bit for bit against float32 products added in k order, as the PEs add them;
every PE must have run P steps per launch."""
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
P, Mt, Kt, Nt = (int(params[k]) for k in ("P", "Mt", "Kt", "Nt"))
M, K, N = P * Mt, P * Kt, P * Nt
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR


def to_blocks(X, bh, bw):
    """X (P bh x P bw) -> flat [py][px][bh*bw], each block row-major."""
    return X.reshape(P, bh, P, bw).transpose(0, 2, 1, 3).ravel()


def from_blocks(flat, bh, bw):
    return flat.reshape(P, P, bh, bw).transpose(0, 2, 1, 3).reshape(P * bh, P * bw)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("A", "B", "C", "steps")}
runner.load()
runner.run()


def put(sym, X, bh, bw):
    runner.memcpy_h2d(ids[sym], to_blocks(X, bh, bw), 0, 0, P, P, bh * bw,
                      streaming=False, order=ROW, data_type=f32, nonblock=False)


rng = np.random.default_rng(2024)
C_ref = rng.uniform(-1, 1, size=(M, N)).astype(np.float32)
put("C", C_ref, Mt, Nt)
for launch in range(2):
    A = rng.uniform(-2, 2, size=(M, K)).astype(np.float32)
    B = rng.uniform(-2, 2, size=(K, N)).astype(np.float32)
    put("A", A, Mt, Kt)
    put("B", B, Kt, Nt)
    runner.launch("gemm", nonblock=False)
    for k in range(K):
        C_ref = (C_ref + (A[:, k:k + 1] * B[k:k + 1, :]).astype(np.float32)).astype(np.float32)
    out = np.zeros(M * N, dtype=np.float32)
    runner.memcpy_d2h(out, ids["C"], 0, 0, P, P, Mt * Nt, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    C = from_blocks(out, Mt, Nt)
    bad = np.argwhere(C != C_ref)
    assert bad.size == 0, f"launch {launch}: {len(bad)} entries differ, first {bad[:4].tolist()}: " \
        f"{C[tuple(bad[0])]} vs {C_ref[tuple(bad[0])]}"
    print(f"launch {launch}: C ({M}x{N}) matches, max |C| = {np.abs(C).max():.3f}")

steps = np.zeros(P * P * 2, dtype=np.uint32)
runner.memcpy_d2h(steps, ids["steps"], 0, 0, P, P, 2, streaming=False, order=ROW,
                  data_type=f32, nonblock=False)
runner.stop()
steps = steps.reshape(P * P, 2)
assert (steps[:, 0] == 2 * P).all() and (steps[:, 1] == 2).all(), steps
print("SUCCESS!")
