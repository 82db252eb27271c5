#!/usr/bin/env cs_python
"""monte-carlo-heap: the draws each PE returns are checked for range and for
reproducibility (same seed, same draws; a shorter run is a prefix; other seeds and other
PEs differ), every partial result is recomputed from them in f32 in the PE's order, the
block totals against those partials, and the estimates (pi, normal mean and variance)
against their sampling error; an n too large for the heap is refused everywhere."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    p = {k: int(v) for k, v in json.load(f)["params"].items()}
w, h, max_n = p["width"], p["height"], p["max_n"]

B32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("draws", "partial", "total", "status")}
runner.load()
runner.run()


def read(sym, per_pe, dtype=np.float32):
    out = np.zeros(w * h * per_pe, dtype=dtype)
    runner.memcpy_d2h(out, ids[sym], 0, 0, w, h, per_pe, streaming=False, order=ROW,
                      data_type=B32, nonblock=False)
    return out.reshape(h, w, per_pe)


def partials(xs, ys, gs):
    """The PE's loop in f32: products rounded before the sum, sums in draw order."""
    inside = int(np.count_nonzero(xs * xs + ys * ys < np.float32(1.0)))
    gsum = np.float32(0.0)
    gsq = np.float32(0.0)
    for g in gs:
        gsum = np.float32(gsum + g)
        gsq = np.float32(gsq + g * g)
    return np.array([inside, gsum, gsq], dtype=np.float32)


def run(seed, n):
    runner.launch("sample", np.uint32(seed), np.uint16(n), nonblock=False)
    raw = read("draws", 3 * max_n)
    return raw, read("partial", 3), read("total", 3)[0, 0], read("status", 2, np.uint32)


launches = 0
results = {}
for seed, n in ((1234, max_n), (99, max_n), (1234, 40)):
    raw, part, total, status = run(seed, n)
    draws = raw[:, :, :3 * n].reshape(h, w, 3, n)
    launches += 1
    assert (status[:, :, 0] == 1).all(), f"n={n} fits, yet status {status[:, :, 0]}"
    assert (status[:, :, 1] == launches).all(), status[:, :, 1]
    xs, ys, gs = draws[:, :, 0], draws[:, :, 1], draws[:, :, 2]
    assert ((xs >= -1) & (xs < 1) & (ys >= -1) & (ys < 1)).all(), "uniform draw out of range"
    assert np.isfinite(gs).all()
    for y in range(h):
        for x in range(w):
            np.testing.assert_array_equal(part[y, x], partials(xs[y, x], ys[y, x], gs[y, x]),
                                          err_msg=f"PE ({x},{y}) seed {seed} n {n}")
    # Counts are exact; the float sums depend on the reduction's order.
    assert total[0] == part[:, :, 0].sum(), (total, part[:, :, 0].sum())
    np.testing.assert_allclose(total[1:], part[:, :, 1:].sum(axis=(0, 1)), rtol=1e-5, atol=1e-4)
    # Every PE has its own stream.
    flat = draws.reshape(h * w, -1)
    assert len({row.tobytes() for row in flat}) == h * w, "two PEs drew the same values"
    results[(seed, n)] = draws

    points = h * w * n
    pi = 4.0 * total[0] / points
    sigma_pi = 4.0 * np.sqrt((np.pi / 4) * (1 - np.pi / 4) / points)
    assert abs(pi - np.pi) < 5 * sigma_pi, f"pi estimate {pi} (n={points})"
    mean = total[1] / points
    var = total[2] / points - mean * mean
    assert abs(mean) < 5 / np.sqrt(points), f"normal mean {mean}"
    assert abs(var - 1.0) < 5 * np.sqrt(2.0 / points), f"normal variance {var}"
    print(f"seed {seed} n {n}: pi ~ {pi:.4f}, mean {mean:+.4f}, variance {var:.4f}")

a = results[(1234, max_n)]
b = results[(99, max_n)]
c = results[(1234, 40)]
assert not np.array_equal(a, b), "seeds 1234 and 99 drew the same values"
# The draws interleave x, y, g per point, so the first 40 points of a seed are the same.
np.testing.assert_array_equal(c, a[:, :, :, :40])

# Too many points for the heap: refused by every PE, totals are zeros, draws untouched.
raw, part, total, status = run(7, max_n + 1)
launches += 1
assert (status[:, :, 0] == 0).all() and (status[:, :, 1] == launches).all(), status
np.testing.assert_array_equal(total, np.zeros(3, dtype=np.float32))
np.testing.assert_array_equal(raw[:, :, :3 * 40].reshape(h, w, 3, 40), c)
runner.stop()
print("SUCCESS!")
