#!/usr/bin/env cs_python
"""teardown-row-gather: iterated row allreduces whose gather routes move in teardown
handlers; totals identical along each row, vectors against a float32 model summing in PE
order, and every router's teardown count (x >= 1 sees width - x per round, column 0
width - 1). Launches of 15, 0 and 6 rounds."""
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
w, h, n = int(params["width"]), int(params["height"]), int(params["n"])
MAX_ITERS = 24
f32 = MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
rng = np.random.default_rng(12)


def model(v, iters, a, b):
    v = v.copy()
    hist = []
    for _ in range(iters):
        tot = v[:, 0, :].copy()
        for x in range(1, w):
            tot = (tot + v[:, x, :]).astype(np.float32)
        hist.append(tot[:, 0].copy())
        v = (v * a).astype(np.float32)
        v = (v + tot[:, None, :] * b).astype(np.float32)
    return v, np.array(hist, dtype=np.float32).reshape(iters, h)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("vec", "hist", "teardowns")}
runner.load()
runner.run()
v = rng.uniform(-1, 1, size=(h, w, n)).astype(np.float32)
runner.memcpy_h2d(ids["vec"], v.ravel(), 0, 0, w, h, n, streaming=False, data_type=f32, order=ROW,
                  nonblock=False)
rounds = 0
for iters, a, b in ((15, 0.5, 0.05), (0, 1.0, 0.0), (6, 0.8, -0.02)):
    a32, b32 = np.float32(a), np.float32(b)
    runner.launch("mix", np.uint16(iters), a32, b32, nonblock=False)
    rounds += iters
    flat = np.zeros(h * w * n, np.float32)
    runner.memcpy_d2h(flat, ids["vec"], 0, 0, w, h, n, streaming=False, data_type=f32, order=COL,
                      nonblock=False)
    got = flat.reshape(n, w, h).transpose(2, 1, 0)
    hflat = np.zeros(h * w * MAX_ITERS, np.float32)
    runner.memcpy_d2h(hflat, ids["hist"], 0, 0, w, h, MAX_ITERS, streaming=False, data_type=f32,
                      order=ROW, nonblock=False)
    hist = hflat.reshape(h, w, MAX_ITERS)[:, :, :iters]
    want, want_hist = model(v, iters, a32, b32)
    for x in range(w):
        np.testing.assert_array_equal(hist[:, x, :], hist[:, 0, :], err_msg=f"column {x} totals")
    np.testing.assert_allclose(hist[:, 0, :], want_hist.T, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    v = got
    td = np.zeros(h * w, np.uint32)
    runner.memcpy_d2h(td, ids["teardowns"], 0, 0, w, h, 1, streaming=False, data_type=f32,
                      order=ROW, nonblock=False)
    per_round = np.array([w - 1] + [w - x for x in range(1, w)], dtype=np.uint32)
    np.testing.assert_array_equal(td.reshape(h, w), np.tile(per_round * rounds, (h, 1)))
    print(f"{iters} rounds: teardowns per router {td.reshape(h, w)[0].tolist()}")
runner.stop()
print("SUCCESS!")
