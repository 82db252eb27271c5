#!/usr/bin/env cs_python
"""scale-chain-reduce: fold W x H vectors of n f32 values, rows west to east through the
fabric and then the east column north to south; checks every row sum and the total bit
for bit against a float32 fold in the same order, twice (new data the second time), and
prints the simulated span from the PEs' TSC stamps."""
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
ids = {s: runner.get_id(s) for s in ("v", "rowsum", "total", "stamps")}
runner.load()
runner.run()

ok = True
for rep in range(2):
    # Mixed magnitudes so the fold order matters for rounding.
    v = (rng.standard_normal((H, W, n)) * 10.0 ** rng.integers(-3, 4, size=(H, W, n)))
    v = v.astype(np.float32)
    runner.memcpy_h2d(ids["v"], v.ravel(), 0, 0, W, H, n, streaming=False, data_type=f32,
                      order=ROW, nonblock=False)
    runner.launch("reduce", nonblock=False)
    rowsum = np.zeros(H * n, dtype=np.float32)
    runner.memcpy_d2h(rowsum, ids["rowsum"], W - 1, 0, 1, H, n, streaming=False,
                      data_type=f32, order=ROW, nonblock=False)
    total = np.zeros(n, dtype=np.float32)
    runner.memcpy_d2h(total, ids["total"], W - 1, H - 1, 1, 1, n, streaming=False,
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
    got_rows = rowsum.reshape(H, n)
    bad_rows = np.argwhere(got_rows.view(np.uint32) != ref_rows.view(np.uint32))
    bad_total = np.flatnonzero(total.view(np.uint32) != ref_total.view(np.uint32))
    if len(bad_rows) or len(bad_total):
        ok = False
        print(f"rep {rep}: {len(bad_rows)} row sums and {len(bad_total)} totals differ")
        for y, k in bad_rows[:5]:
            print(f"  rowsum[y={y}][{k}] = {got_rows[y, k]!r}, expected {ref_rows[y, k]!r}")
        for k in bad_total[:5]:
            print(f"  total[{k}] = {total[k]!r}, expected {ref_total[k]!r}")
    st = stamps.reshape(H, W, 2).astype(np.int64)
    span = int((st[:, :, 1].max() - st[:, :, 0].min()) & 0xFFFFFFFF)
    print(f"rep {rep}: {W}x{H} PEs, n={n}: simulated span {span} cycles")

runner.stop()
if ok:
    print("SUCCESS!")
else:
    raise SystemExit("FAILURE: results differ from the float32 fold")
