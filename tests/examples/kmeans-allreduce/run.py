#!/usr/bin/env cs_python
"""kmeans-allreduce: K-means on W*H*M integer-coordinate points. Launch 1 runs 5
iterations from K chosen points, launch 2 continues for 3 more from the centroids left on
the device. numpy repeats the same float32 steps (squared distances dx*dx + dy*dy, the
first of equal distances wins, exact integer sums, one float32 division per coordinate),
so centroids on every PE, the centroid history on PE (0, 0) and the labels of every point
are compared bit for bit."""
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
W, H, M, K = (int(params[k]) for k in ("W", "H", "M", "K"))
F32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
NPTS = W * H * M

rng = np.random.default_rng(5150)
centers = rng.integers(20, 230, size=(K, 2))
which = rng.integers(0, K, size=NPTS)
pts = np.clip(centers[which] + rng.normal(0, 25, size=(NPTS, 2)).round(), 0, 255).astype(np.float32)
# Point p of PE (x, y) is pts[(y * W + x) * M + p]: the ROW_MAJOR order of memcpy.
cent0 = pts[rng.choice(NPTS, size=K, replace=False)].copy()


def labels_of(cent):
    dx = pts[:, 0:1] - cent[None, :, 0]
    dy = pts[:, 1:2] - cent[None, :, 1]
    d = (dx * dx + dy * dy).astype(np.float32)
    return np.argmin(d, axis=1)  # first minimum, as the PEs' strict <


def step(cent):
    lab = labels_of(cent)
    new = cent.copy()
    for c in range(K):
        sel = lab == c
        n = np.float32(sel.sum())
        if n > 0:
            new[c, 0] = np.float32(pts[sel, 0].astype(np.float64).sum()) / n
            new[c, 1] = np.float32(pts[sel, 1].astype(np.float64).sum()) / n
    return new


def as_device(cent):  # [x per cluster, y per cluster]
    return np.concatenate([cent[:, 0], cent[:, 1]]).astype(np.float32)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("px", "py", "labels", "cent", "history")}
runner.load()
runner.run()
for sym, col in (("px", 0), ("py", 1)):
    runner.memcpy_h2d(ids[sym], np.ascontiguousarray(pts[:, col]), 0, 0, W, H, M,
                      streaming=False, order=ROW, data_type=F32, nonblock=False)
runner.memcpy_h2d(ids["cent"], np.tile(as_device(cent0), W * H), 0, 0, W, H, 2 * K,
                  streaming=False, order=ROW, data_type=F32, nonblock=False)

cent = cent0
for launch, iters in enumerate((5, 3)):
    runner.launch("kmeans", np.uint16(iters), nonblock=False)
    hist_ref = []
    for _ in range(iters):
        cent = step(cent)
        hist_ref.append(as_device(cent))
    got = np.zeros(W * H * 2 * K, dtype=np.float32)
    runner.memcpy_d2h(got, ids["cent"], 0, 0, W, H, 2 * K, streaming=False, order=ROW,
                      data_type=F32, nonblock=False)
    got = got.reshape(W * H, 2 * K)
    bad = np.argwhere(got.view(np.uint32) != as_device(cent).view(np.uint32)[None, :])
    assert bad.size == 0, f"launch {launch}: centroids differ on PEs {bad[:6].tolist()}: " \
        f"{got[bad[0][0]]} vs {as_device(cent)}"
    hist = np.zeros(8 * 2 * K, dtype=np.float32)
    runner.memcpy_d2h(hist, ids["history"], 0, 0, 1, 1, 8 * 2 * K, streaming=False, order=ROW,
                      data_type=F32, nonblock=False)
    hist = hist.reshape(8, 2 * K)[:iters]
    assert (hist.view(np.uint32) == np.array(hist_ref).view(np.uint32)).all(), \
        f"launch {launch}: history {hist} vs {np.array(hist_ref)}"
    lab = np.zeros(NPTS, dtype=np.uint32)
    runner.memcpy_d2h(lab, ids["labels"], 0, 0, W, H, M, streaming=False, order=ROW,
                      data_type=F32, nonblock=False)
    ref = labels_of(cent)
    bad = np.flatnonzero(lab != ref)
    assert bad.size == 0, f"launch {launch}: {bad.size} labels differ, first at {bad[:5].tolist()}"
    sizes = np.bincount(ref, minlength=K)
    print(f"launch {launch}: {iters} iterations, cluster sizes {sizes.tolist()}, "
          f"centroids {cent.astype(float).round(2).tolist()}")

runner.stop()
print("SUCCESS!")
