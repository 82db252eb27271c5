#!/usr/bin/env cs_python
"""collectives-thin: <collectives_2d> on a block with a one-PE dimension (every root pair),
and on a 12x10 block (a sample of root pairs): the sum of `a` over all PEs (integer-valued, so
exact in any order; element 0 is -0 everywhere, 1 has +inf on one PE, 2 has +inf and
-inf, 3 a NaN on one PE) must be in `total` on every PE, `ids` of the root row's PEs must
hold x*100+y of their column's PEs in y order, and `part` chunk x of the root column's
`tab`."""
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
    p = json.load(f)["params"]
W, H, N = int(p["width"]), int(p["height"]), int(p["n"])
P = W * H
rng = np.random.default_rng(W * 10 + H)
ROW, F32 = MemcpyOrder.ROW_MAJOR, MemcpyDataType.MEMCPY_32BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
sym = {s: runner.get_id(s) for s in ("a", "total", "ids", "tab", "part")}
runner.load()
runner.run()

bad = 0
# Every root pair on thin blocks; corners, middles and next-to-edges on a wide one.
if P <= 16:
    ROOTS = [(rx, ry) for rx in range(W) for ry in range(H)]
else:
    ROOTS = [(0, 0), (W - 1, H - 1), (W // 2, 1), (1, H - 2), (W - 2, 0), (0, H // 2)]
# Integers small enough that every partial sum is exact in f32 (|sum| < 2^24).
BOUND = 2 ** min(20, int(np.log2(2**23 / P)))
for launch, (rx, ry) in enumerate(ROOTS):
    a = rng.integers(-BOUND, BOUND, (H, W, N)).astype(np.float32)
    a[:, :, 0] = -0.0
    a[:, :, 1] = 1.0
    a[H - 1, W - 1, 1] = np.inf
    a[0, 0, 2] = np.inf
    a[H - 1, W - 1, 2] = -np.inf if P > 1 else np.inf
    a[(launch + 1) % H, (launch + 1) % W, 3] = np.nan
    tab = rng.integers(0, 2**32, (H, W, W), dtype=np.uint64).astype(np.uint32)
    runner.memcpy_h2d(sym["a"], a.view(np.uint32).ravel(), 0, 0, W, H, N, streaming=False,
                      order=ROW, data_type=F32, nonblock=False)
    runner.memcpy_h2d(sym["tab"], tab.ravel(), 0, 0, W, H, W, streaming=False, order=ROW,
                      data_type=F32, nonblock=False)
    runner.launch("go", np.uint16(rx), np.uint16(ry), nonblock=False)
    total = np.zeros(P * N, dtype=np.uint32)
    runner.memcpy_d2h(total, sym["total"], 0, 0, W, H, N, streaming=False, order=ROW,
                      data_type=F32, nonblock=False)
    ids = np.zeros(P * H, dtype=np.uint32)
    runner.memcpy_d2h(ids, sym["ids"], 0, 0, W, H, H, streaming=False, order=ROW,
                      data_type=F32, nonblock=False)
    part = np.zeros(P, dtype=np.uint32)
    runner.memcpy_d2h(part, sym["part"], 0, 0, W, H, 1, streaming=False, order=ROW,
                      data_type=F32, nonblock=False)

    with np.errstate(invalid="ignore"):
        want = a.astype(np.float64).sum(axis=(0, 1)).astype(np.float32)
    if P == 1:
        want = a[0, 0]
    want[0] = -0.0  # every addend is -0
    got = total.view(np.float32).reshape(H, W, N)
    same = (got.view(np.uint32) == want.view(np.uint32)) | (np.isnan(got) & np.isnan(want))
    if not same.all():
        h, w, i = np.argwhere(~same)[0]
        print(f"roots ({rx},{ry}): total[{i}] on PE ({w},{h}) = {got[h, w, i]!r}, "
              f"want {want[i]!r} ({int((~same).sum())} wrong)")
        bad += 1
    ids = ids.reshape(H, W, H)
    for x in range(W):
        want_ids = np.array([x * 100 + y for y in range(H)], dtype=np.uint32)
        if not (ids[ry, x] == want_ids).all():
            print(f"roots ({rx},{ry}): gather on column {x} = {ids[ry, x]}, want {want_ids}")
            bad += 1
    part = part.reshape(H, W)
    for y in range(H):
        if not (part[y] == tab[y, rx]).all():
            print(f"roots ({rx},{ry}): scatter on row {y} = {part[y]}, want {tab[y, rx]}")
            bad += 1

runner.stop()
if bad:
    print(f"FAIL: {bad} checks wrong")
    sys.exit(1)
print("SUCCESS!")
