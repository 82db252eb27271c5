#!/usr/bin/env cs_python
"""knapsack-snake-stream: two 0/1 knapsack runs through the snake (a zero starting row;
then new items and a random starting row). Checks the streamed-out last row and every
PE's taken bits word for word against numpy's DP, backtracks the zero-start run from
capacity C through the taken bits (weights fit, values add up to the optimum, equal to a
brute-force-free numpy DP), and checks per-PE wavelet and improvement counts."""
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
W, H, C = int(params["W"]), int(params["H"]), int(params["C"])
h2d_stream = int(params["MEMCPYH2D_DATA_1_ID"])
d2h_stream = int(params["MEMCPYD2H_DATA_1_ID"])
n = W * H
U32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR


def snake_xy(k):
    y = k // W
    return (k % W if y % 2 == 0 else W - 1 - k % W), y


def by_pe(per_item):
    """per_item[k] (k = snake index) -> [y][x] order for a ROW_MAJOR copy."""
    out = [None] * n
    for k in range(n):
        x, y = snake_xy(k)
        out[y * W + x] = per_item[k]
    return out


def dp(items, base):
    row = base.astype(np.int64)
    taken = []
    for w, v in items:
        cand = np.full(C + 1, -1, np.int64)
        if w <= C:
            cand[w:] = row[:C + 1 - w] + v
        t = cand > row
        row = np.where(t, cand, row)
        taken.append(t.astype(np.uint32))
    return row, taken


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("item", "taken", "counts")}
runner.load()
runner.run()
rng = np.random.default_rng(1701)
last_x, last_y = snake_xy(n - 1)
for launch in range(2):
    items = [(int(rng.integers(1, 60)), int(rng.integers(1, 100))) for _ in range(n)]
    base = np.zeros(C + 1, np.uint32) if launch == 0 else rng.integers(0, 200, C + 1).astype(np.uint32)
    runner.memcpy_h2d(ids["item"], np.array(by_pe(items), np.uint32).ravel(), 0, 0, W, H, 2,
                      streaming=False, order=ROW, data_type=U32, nonblock=False)
    runner.launch("reset", nonblock=False)
    runner.memcpy_h2d(h2d_stream, base, 0, 0, 1, 1, C + 1, streaming=True, order=ROW,
                      data_type=U32, nonblock=True)
    got = np.zeros(C + 1, np.uint32)
    runner.memcpy_d2h(got, d2h_stream, last_x, last_y, 1, 1, C + 1, streaming=True, order=ROW,
                      data_type=U32, nonblock=False)
    row, taken = dp(items, base)
    bad = np.flatnonzero(got.astype(np.int64) != row)
    assert bad.size == 0, f"launch {launch}: {bad.size} capacities differ, first {bad[:5].tolist()}"
    tk = np.zeros(n * (C + 1), np.uint32)
    runner.memcpy_d2h(tk, ids["taken"], 0, 0, W, H, C + 1, streaming=False, order=ROW,
                      data_type=U32, nonblock=False)
    tk = tk.reshape(H * W, C + 1)
    want = np.array(by_pe(taken))
    bad = np.argwhere(tk != want)
    assert bad.size == 0, f"launch {launch}: taken bits differ at (pe, c) {bad[:5].tolist()}"
    counts = np.zeros(n * 3, np.uint32)
    runner.memcpy_d2h(counts, ids["counts"], 0, 0, W, H, 3, streaming=False, order=ROW,
                      data_type=U32, nonblock=False)
    counts = counts.reshape(n, 3)
    assert (counts[:, 0] == (launch + 1) * (C + 1)).all(), counts[:, 0]
    assert (counts[:, 1] == want.sum(axis=1)).all(), (counts[:, 1], want.sum(axis=1))
    assert (counts[:, 2] == launch + 1).all(), counts[:, 2]
    if launch == 0:
        cap, chosen = C, []
        for k in range(n - 1, -1, -1):
            if taken[k][cap]:
                chosen.append(k)
                cap -= items[k][0]
        weight = sum(items[k][0] for k in chosen)
        value = sum(items[k][1] for k in chosen)
        assert weight <= C and value == got[C], (weight, value, got[C])
        print(f"launch 0: {n} items, capacity {C}: best value {value} with {len(chosen)} items, "
              f"weight {weight}")
    else:
        print(f"launch 1: random starting row: best[C] = {got[C]}, row checked")

runner.stop()
print("SUCCESS!")
