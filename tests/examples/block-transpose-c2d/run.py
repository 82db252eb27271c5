#!/usr/bin/env cs_python
"""block-transpose-c2d: transposes a random N x N u32 matrix (every bit pattern possible,
NaN-like ones included, moved as raw words) three times in three launches: A^T, then A,
then A^T again, checked word for word after each; each PE's XOR of its block before the
launch and its launch count are checked too."""
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
U32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR


def to_blocks(X):
    return X.reshape(P, T, P, T).transpose(0, 2, 1, 3).ravel()


def from_blocks(flat):
    return flat.reshape(P, P, T, T).transpose(0, 2, 1, 3).reshape(N, N)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
blk_id, done_id = runner.get_id("blk"), runner.get_id("done")
runner.load()
runner.run()

rng = np.random.default_rng(8080)
A = rng.integers(0, 1 << 32, size=(N, N), dtype=np.uint64).astype(np.uint32)
runner.memcpy_h2d(blk_id, to_blocks(A), 0, 0, P, P, T * T, streaming=False, order=ROW,
                  data_type=U32, nonblock=False)
cur = A
for launch in range(3):
    runner.launch("transpose", nonblock=False)
    xors = np.bitwise_xor.reduce(cur.reshape(P, T, P, T), axis=(1, 3))  # [by][bx]
    cur = cur.T.copy()
    out = np.zeros(N * N, dtype=np.uint32)
    runner.memcpy_d2h(out, blk_id, 0, 0, P, P, T * T, streaming=False, order=ROW,
                      data_type=U32, nonblock=False)
    got = from_blocks(out)
    bad = np.argwhere(got != cur)
    assert bad.size == 0, f"launch {launch}: {len(bad)} words differ, first {bad[:4].tolist()}: " \
        f"{got[tuple(bad[0])]:#x} vs {cur[tuple(bad[0])]:#x}"
    done = np.zeros(P * P * 2, dtype=np.uint32)
    runner.memcpy_d2h(done, done_id, 0, 0, P, P, 2, streaming=False, order=ROW,
                      data_type=U32, nonblock=False)
    done = done.reshape(P, P, 2)
    assert (done[:, :, 0] == launch + 1).all(), done[:, :, 0]
    assert (done[:, :, 1] == xors).all(), f"launch {launch}: block XORs {done[:, :, 1]} vs {xors}"
    print(f"launch {launch}: {N}x{N} matrix transposed, matches")

runner.stop()
assert (cur == A.T).all()
print("SUCCESS!")
