#!/usr/bin/env cs_python
"""prefix-sum-2d: two summed-area tables (random values, then small integers where every
sum is exact) checked bit for bit against a float32 model that adds in the device's
order: each tile's rows scanned left to right, plus the west carry; then its columns
scanned top to bottom, plus the north carry."""
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
W, H, th, tw = (int(params[k]) for k in ("width", "height", "th", "tw"))
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
a_id = runner.get_id("a")
runner.load()
runner.run()
rng = np.random.default_rng(21)


def tiles(A):
    return A.reshape(H, th, W, tw).transpose(0, 2, 1, 3).ravel()


def untile(flat):
    return flat.reshape(H, W, th, tw).transpose(0, 2, 1, 3).reshape(H * th, W * tw)


def model(A):
    T = A.reshape(H, th, W, tw).transpose(0, 2, 1, 3).copy()   # [Y][X][i][j]
    for Y in range(H):
        for X in range(W):
            for j in range(1, tw):
                T[Y, X, :, j] = (T[Y, X, :, j] + T[Y, X, :, j - 1]).astype(np.float32)
            if X > 0:
                T[Y, X] = (T[Y, X] + T[Y, X - 1][:, -1:]).astype(np.float32)
    for X in range(W):
        for Y in range(H):
            for i in range(1, th):
                T[Y, X, i, :] = (T[Y, X, i, :] + T[Y, X, i - 1, :]).astype(np.float32)
            if Y > 0:
                T[Y, X] = (T[Y, X] + T[Y - 1, X][-1:, :]).astype(np.float32)
    return T.transpose(0, 2, 1, 3).reshape(H * th, W * tw)


for trial, A in enumerate((rng.uniform(-1, 1, size=(H * th, W * tw)).astype(np.float32),
                           rng.integers(-9, 10, size=(H * th, W * tw)).astype(np.float32))):
    runner.memcpy_h2d(a_id, tiles(A), 0, 0, W, H, th * tw, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    runner.launch("scan", nonblock=False)
    flat = np.zeros(W * H * th * tw, dtype=np.float32)
    runner.memcpy_d2h(flat, a_id, 0, 0, W, H, th * tw, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    got = untile(flat)
    want = model(A)
    bad = np.argwhere(got.view(np.uint32) != want.view(np.uint32))
    assert bad.size == 0, f"trial {trial}: {len(bad)} entries differ, first {bad[0].tolist()}: " \
        f"{got[tuple(bad[0])]} vs {want[tuple(bad[0])]}"
    exact = A.astype(np.float64).cumsum(0).cumsum(1)
    if trial == 1:
        assert (got == exact).all(), "integer table not exact"
    print(f"trial {trial}: {H * th}x{W * tw} table matches, max |S - exact| {np.abs(got - exact).max():.2e}")
runner.stop()
print("SUCCESS!")
