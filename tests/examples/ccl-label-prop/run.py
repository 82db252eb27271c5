#!/usr/bin/env cs_python
"""ccl-label-prop: labels the 4-connected components of two random binary images (a
sparse one, a percolating one) and checks every label word for word against numpy
running the same Jacobi min-propagation, plus per PE: the iteration count (the first
iteration that changed nothing, or the limit), the number of labels it changed and the
last iteration in which it changed one. A third launch stops at an iteration limit
before convergence and is checked the same way."""
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


def to_tiles(X):
    return X.reshape(P, T, P, T).transpose(0, 2, 1, 3).ravel()


def from_tiles(flat):
    return flat.reshape(P, P, T, T).transpose(0, 2, 1, 3).reshape(N, N)


def per_tile(X, op):
    return op(X.reshape(P, T, P, T), axis=(1, 3))  # [ty][tx]


def model(mask, limit):
    lab = np.where(mask, np.arange(N * N, dtype=np.int64).reshape(N, N) + 1, 0)
    big = np.int64(1) << 40
    changed_total = np.zeros((P, P), np.int64)
    last = np.zeros((P, P), np.int64)
    it = 0
    while True:
        pad = np.pad(np.where(lab == 0, big, lab), 1, constant_values=big)
        m = np.minimum.reduce([pad[1:-1, 1:-1], pad[:-2, 1:-1], pad[2:, 1:-1], pad[1:-1, :-2], pad[1:-1, 2:]])
        new = np.where(lab != 0, m, 0)
        ch = new != lab
        lab = new
        it += 1
        n = per_tile(ch.astype(np.int64), np.sum)
        changed_total += n
        last = np.where(n > 0, it, last)
        if ch.sum() == 0 or it == limit:
            return lab, it, changed_total, last


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("mask", "labels", "info")}
runner.load()
runner.run()
rng = np.random.default_rng(4242)
for launch, (density, limit) in enumerate(((0.45, 1000), (0.6, 1000), (0.6, 7))):
    mask = rng.random((N, N)) < density
    runner.memcpy_h2d(ids["mask"], to_tiles(mask.astype(np.uint32)), 0, 0, P, P, T * T,
                      streaming=False, order=ROW, data_type=U32, nonblock=False)
    runner.launch("label", np.uint16(limit), nonblock=False)
    out = np.zeros(N * N, dtype=np.uint32)
    runner.memcpy_d2h(out, ids["labels"], 0, 0, P, P, T * T, streaming=False, order=ROW,
                      data_type=U32, nonblock=False)
    got = from_tiles(out).astype(np.int64)
    info = np.zeros(P * P * 3, dtype=np.uint32)
    runner.memcpy_d2h(info, ids["info"], 0, 0, P, P, 3, streaming=False, order=ROW,
                      data_type=U32, nonblock=False)
    info = info.reshape(P, P, 3).astype(np.int64)
    lab, iters, changed, last = model(mask, limit)
    bad = np.argwhere(got != lab)
    assert bad.size == 0, f"launch {launch}: {len(bad)} labels differ, first {bad[:4].tolist()}: " \
        f"{got[tuple(bad[0])]} vs {lab[tuple(bad[0])]}"
    assert (info[:, :, 0] == iters).all(), f"launch {launch}: iterations {info[:, :, 0]} vs {iters}"
    assert (info[:, :, 1] == changed).all(), f"launch {launch}: changes {info[:, :, 1]} vs {changed}"
    assert (info[:, :, 2] == last).all(), f"launch {launch}: last change {info[:, :, 2]} vs {last}"
    comps = len(np.unique(lab[lab != 0]))
    print(f"launch {launch}: {N}x{N} image, density {density}: {comps} label values after "
          f"{iters} iterations (limit {limit})")

runner.stop()
print("SUCCESS!")
