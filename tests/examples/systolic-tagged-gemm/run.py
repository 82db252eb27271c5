#!/usr/bin/env cs_python
"""systolic-tagged-gemm: two products C = A B with f16 inputs (the second with negative
and large values), streamed as tagged wavelets; C is exact in f32 (f16 products are exact,
sums taken in k order), so it is compared bit for bit with numpy. Then per-PE tallies."""
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
PW, PH = int(params["PW"]), int(params["PH"])
Tm, Tn, K = int(params["Tm"]), int(params["Tn"]), int(params["K"])
a_stream = int(params["MEMCPYH2D_DATA_1_ID"])
b_stream = int(params["MEMCPYH2D_DATA_2_ID"])
M, N = PH * Tm, PW * Tn


def tagged(values, tags):
    bits = values.astype(np.float16).view(np.uint16).astype(np.uint32)
    return (tags.astype(np.uint32) << 16) | bits


def a_streams(A):
    # PE (0, r): A[r*Tm + i, k] with tag k*Tm + i, in tag order.
    out = []
    for r in range(PH):
        block = A[r * Tm:(r + 1) * Tm, :]            # Tm x K
        vals = block.T.ravel()                         # k-major
        out.append(tagged(vals, np.arange(K * Tm)))
    return np.concatenate(out)


def b_streams(B):
    out = []
    for c in range(PW):
        block = B[:, c * Tn:(c + 1) * Tn]             # K x Tn
        out.append(tagged(block.ravel(), np.arange(K * Tn)))
    return np.concatenate(out)


def model(A, B):
    C = np.zeros((M, N), dtype=np.float32)
    A32, B32 = A.astype(np.float32), B.astype(np.float32)
    for k in range(K):
        C = (C + np.outer(A32[:, k], B32[k, :]).astype(np.float32)).astype(np.float32)
    return C


rng = np.random.default_rng(99)
cases = [
    (rng.integers(-4, 5, size=(M, K)).astype(np.float16) / np.float16(4),
     rng.integers(-8, 9, size=(K, N)).astype(np.float16) / np.float16(8)),
    (rng.uniform(-300, 300, size=(M, K)).astype(np.float16),
     rng.uniform(-2, 2, size=(K, N)).astype(np.float16)),
]

f32 = MemcpyDataType.MEMCPY_32BIT
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
c_sym = runner.get_id("c_block")
tally_sym = runner.get_id("tally")
runner.load()
runner.run()

failures = []
for n, (A, B) in enumerate(cases, start=1):
    runner.launch("reset", nonblock=False)
    runner.memcpy_h2d(a_stream, a_streams(A), 0, 0, 1, PH, K * Tm, streaming=True,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=True)
    runner.memcpy_h2d(b_stream, b_streams(B), 0, 0, PW, 1, K * Tn, streaming=True,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=True)
    runner.launch("finish", nonblock=False)
    got = np.zeros(M * N, dtype=np.float32)
    runner.memcpy_d2h(got, c_sym, 0, 0, PW, PH, Tm * Tn, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    got = got.reshape(PH, PW, Tm, Tn).transpose(0, 2, 1, 3).reshape(M, N)
    want = model(A, B)
    for i, j in np.argwhere(got.view(np.uint32) != want.view(np.uint32))[:10]:
        failures.append(f"case {n}: C[{i},{j}] = {got[i, j]!r}, expected {want[i, j]!r}")

tally = np.zeros(PW * PH * 6, dtype=np.uint32)
runner.memcpy_d2h(tally, tally_sym, 0, 0, PW, PH, 6, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
runner.stop()

tally = tally.reshape(PH, PW, 6)
for r in range(PH):
    for c in range(PW):
        want = [2 * K * Tm, 2 * K * Tn, 2 * K, 0,
                2 * K * Tm if c + 1 < PW else 0, 2 * K * Tn if r + 1 < PH else 0]
        if list(tally[r, c]) != want:
            failures.append(f"PE ({c},{r}): tally {list(tally[r, c])}, expected {want}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("SUCCESS!")
