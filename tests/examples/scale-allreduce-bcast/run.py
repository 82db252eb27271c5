#!/usr/bin/env cs_python
"""scale-allreduce-bcast: all-reduce of W x H vectors of n f32 values (chain reduce rows
west to east, then the east column north to south, then multicast the total back); every
PE's result must equal, bit for bit, a float32 fold in the same order. Twice, with new
data; prints the simulated span from the PEs' TSC stamps."""
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
W, H, n = int(params["W"]), int(params["H"]), int(params["n"])
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
rng = np.random.default_rng(W * 1000 + H * 10 + n)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("v", "result", "stamps")}
runner.load()
runner.run()

ok = True
for rep in range(2):
    # Mixed magnitudes so the fold order matters for rounding.
    v = (rng.standard_normal((H, W, n)) * 10.0 ** rng.integers(-3, 4, size=(H, W, n)))
    v = v.astype(np.float32)
    runner.memcpy_h2d(ids["v"], v.ravel(), 0, 0, W, H, n, streaming=False, data_type=f32,
                      order=ROW, nonblock=False)
    runner.launch("allreduce", nonblock=False)
    result = np.zeros(W * H * n, dtype=np.float32)
    runner.memcpy_d2h(result, ids["result"], 0, 0, W, H, n, streaming=False,
                      data_type=f32, order=ROW, nonblock=False)
    stamps = np.zeros(W * H * 2, dtype=np.uint32)
    runner.memcpy_d2h(stamps, ids["stamps"], 0, 0, W, H, 2, streaming=False,
                      data_type=f32, order=ROW, nonblock=False)

    ref_rows = v[:, 0, :].copy()
    for x in range(1, W):
        ref_rows = ref_rows + v[:, x, :]           # float32 + float32: one rounding each
    ref_total = ref_rows[0].copy()
    for y in range(1, H):
        ref_total = ref_total + ref_rows[y]
    got = result.reshape(H, W, n)
    bad = np.argwhere(got.view(np.uint32) != ref_total.view(np.uint32)[None, None, :])
    if len(bad):
        ok = False
        print(f"rep {rep}: {len(bad)} of {got.size} results differ")
        for y, x, k in bad[:6]:
            print(f"  PE ({x},{y}) result[{k}] = {got[y, x, k]!r}, expected {ref_total[k]!r}")
    st = stamps.reshape(H, W, 2).astype(np.int64)
    span = int((st[:, :, 1].max() - st[:, :, 0].min()) & 0xFFFFFFFF)
    print(f"rep {rep}: {W}x{H} PEs, n={n}: simulated span {span} cycles")

runner.stop()
if ok:
    print("SUCCESS!")
else:
    raise SystemExit("FAILURE: results differ from the float32 all-reduce")
