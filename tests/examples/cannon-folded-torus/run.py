#!/usr/bin/env cs_python
"""cannon-folded-torus: C = A B by Cannon's algorithm over folded row and column rings;
the host skews the blocks in ring order and places logical ring position j at physical
position ring[j]. Two products per load, A in ROW_MAJOR, B in COL_MAJOR, C back ROW_MAJOR."""
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
f32 = MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
ring = list(range(0, P, 2)) + list(range(P - 1, 0, -2))   # physical position of logical j
assert sorted(ring) == list(range(P))
rng = np.random.default_rng(31)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
a_id, b_id, c_id = runner.get_id("A"), runner.get_id("B"), runner.get_id("C")
runner.load()
runner.run()

for trial in range(2):
    A = rng.uniform(-1, 1, size=(P * Mt, P * Kt)).astype(np.float32)
    B = rng.uniform(-1, 1, size=(P * Kt, P * Nt)).astype(np.float32)
    Ab = A.reshape(P, Mt, P, Kt).transpose(0, 2, 1, 3)   # [i][k] blocks
    Bb = B.reshape(P, Kt, P, Nt).transpose(0, 2, 1, 3)   # [k][j] blocks
    a_dev = np.zeros((P, P, Mt * Kt), np.float32)        # [y][x]
    b_dev = np.zeros((P, P, Kt * Nt), np.float32)
    for i in range(P):
        for j in range(P):
            k = (i + j) % P
            a_dev[ring[i], ring[j]] = Ab[i, k].ravel()
            b_dev[ring[i], ring[j]] = Bb[k, j].ravel()
    runner.memcpy_h2d(a_id, a_dev.ravel(), 0, 0, P, P, Mt * Kt, streaming=False, data_type=f32,
                      order=ROW, nonblock=True)
    runner.memcpy_h2d(b_id, np.ascontiguousarray(b_dev.transpose(2, 1, 0)).ravel(), 0, 0, P, P,
                      Kt * Nt, streaming=False, data_type=f32, order=COL, nonblock=True)
    runner.launch("gemm", nonblock=False)
    c_dev = np.zeros(P * P * Mt * Nt, np.float32)
    runner.memcpy_d2h(c_dev, c_id, 0, 0, P, P, Mt * Nt, streaming=False, data_type=f32,
                      order=ROW, nonblock=False)
    c_dev = c_dev.reshape(P, P, Mt, Nt)
    C = np.zeros((P * Mt, P * Nt), np.float32)
    for i in range(P):
        for j in range(P):
            C[i * Mt:(i + 1) * Mt, j * Nt:(j + 1) * Nt] = c_dev[ring[i], ring[j]]
    np.testing.assert_allclose(C, A.astype(np.float64) @ B.astype(np.float64), rtol=1e-4,
                               atol=1e-4, err_msg=f"product {trial}")
    print(f"product {trial}: max |C| {np.abs(C).max():.4f}")
runner.stop()
print("SUCCESS!")
