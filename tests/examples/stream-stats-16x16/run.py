#!/usr/bin/env cs_python
"""stream-stats-16x16: bulk copies around an axpy launch, then two sample streams whose
per-PE statistics come back on a D2H stream read while the H2D stream is still under way,
then two bucket streams joined by a launch before the histograms are copied out. Every
stream and copy covers the whole 16x16 block over several channels."""
import argparse
import json
import time

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
w, h = int(params["width"]), int(params["height"])
n, buckets = int(params["n"]), int(params["buckets"])
h2d_samples = int(params["MEMCPYH2D_DATA_1_ID"])
h2d_buckets = int(params["MEMCPYH2D_DATA_2_ID"])
d2h_stats = int(params["MEMCPYD2H_DATA_1_ID"])
f32 = MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
rng = np.random.default_rng(5)
started = time.monotonic()


def to_col(arr):
    """[h][w][l] -> the COL_MAJOR host order (row index fastest)."""
    return np.ascontiguousarray(arr.transpose(2, 1, 0)).ravel()


def from_col(flat, l):
    return flat.reshape(l, w, h).transpose(2, 1, 0)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("a", "b", "c", "hist")}
runner.load()
runner.run()

# Bulk copies: a ROW_MAJOR, b COL_MAJOR, both nonblocking, then axpy, c back COL_MAJOR.
for alpha in (np.float32(1.5), np.float32(-0.25)):
    a = rng.uniform(-4, 4, size=(h, w, n)).astype(np.float32)
    b = rng.uniform(-4, 4, size=(h, w, n)).astype(np.float32)
    ta = runner.memcpy_h2d(ids["a"], a.ravel(), 0, 0, w, h, n, streaming=False, data_type=f32,
                           order=ROW, nonblock=True)
    tb = runner.memcpy_h2d(ids["b"], to_col(b), 0, 0, w, h, n, streaming=False, data_type=f32,
                           order=COL, nonblock=True)
    runner.launch("axpy", alpha, nonblock=False)
    assert runner.is_task_done(ta) and runner.is_task_done(tb)
    c = np.zeros(w * h * n, dtype=np.float32)
    runner.memcpy_d2h(c, ids["c"], 0, 0, w, h, n, streaming=False, data_type=f32, order=COL,
                      nonblock=False)
    np.testing.assert_allclose(from_col(c, n), b + a * alpha, rtol=1e-6, atol=1e-6)


def expected_stats(x):
    """Sequential float32 accumulation in arrival order, as the data task does it."""
    s = np.cumsum(x, axis=-1, dtype=np.float32)[..., -1]
    sq = np.cumsum((x * x).astype(np.float32), axis=-1, dtype=np.float32)[..., -1]
    return np.stack([s, sq, x.min(axis=-1), x.max(axis=-1)], axis=-1)


for m, order in ((40, ROW), (25, COL)):
    x = rng.normal(0, 3, size=(h, w, m)).astype(np.float32)
    runner.launch("expect_samples", np.uint16(m), nonblock=False)
    src = x.ravel() if order == ROW else to_col(x)
    sent = runner.memcpy_h2d(h2d_samples, src, 0, 0, w, h, m, streaming=True, data_type=f32,
                             order=order, nonblock=True)
    stats = np.zeros(w * h * 4, dtype=np.float32)
    runner.memcpy_d2h(stats, d2h_stats, 0, 0, w, h, 4, streaming=True, data_type=f32,
                      order=order, nonblock=False)
    runner.task_wait(sent)
    stats = stats.reshape(h, w, 4) if order == ROW else from_col(stats, 4)
    np.testing.assert_array_equal(stats, expected_stats(x), err_msg=f"stats of {m} samples")

counts = np.zeros((h, w, buckets), dtype=np.int64)
total = 0
for k, order in ((60, COL), (33, ROW)):
    v = rng.integers(0, 1 << 20, size=(h, w, k)).astype(np.uint32)
    for yy in range(h):
        for xx in range(w):
            counts[yy, xx] += np.bincount(v[yy, xx] % buckets, minlength=buckets)
    total += k
    src = v.ravel() if order == ROW else to_col(v)
    runner.memcpy_h2d(h2d_buckets, src, 0, 0, w, h, k, streaming=True, data_type=f32,
                      order=order, nonblock=True)
    runner.launch("wait_buckets", np.uint32(total), nonblock=False)
    got = np.zeros(w * h * buckets, dtype=np.uint32)
    runner.memcpy_d2h(got, ids["hist"], 0, 0, w, h, buckets, streaming=False, data_type=f32,
                      order=ROW, nonblock=False)
    np.testing.assert_array_equal(got.reshape(h, w, buckets), counts)

runner.stop()
elapsed = time.monotonic() - started
print(f"host side took {elapsed:.2f} s")
print("SUCCESS!")
