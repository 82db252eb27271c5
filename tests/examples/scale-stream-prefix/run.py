#!/usr/bin/env cs_python
"""scale-stream-prefix: stream n f32 values to every PE of a W x H block (non-blocking
H2D), read the running sums back over a streaming D2H while the H2D is still going, and
check them bit for bit against a float32 running sum seeded with each PE's bias; then
read the final sums and counts with copy-mode D2H. Prints the wall time of the streams."""
import argparse
import json
import time

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--n", type=int, default=16, help="values per PE")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H = int(params["width"]), int(params["height"])
H2D = int(params["MEMCPYH2D_DATA_1_ID"])
D2H = int(params["MEMCPYD2H_DATA_1_ID"])
n = args.n
B32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
rng = np.random.default_rng(W * 100 + H + n)

xs = np.arange(W, dtype=np.float32)[None, :]
ys = np.arange(H, dtype=np.float32)[:, None]
bias = (xs * np.float32(0.5) - ys * np.float32(0.25)).astype(np.float32)   # [y][x]
vals = (rng.standard_normal((H, W, n)) * 8.0).astype(np.float32)
ref = np.empty((H, W, n), dtype=np.float32)
acc = bias.copy()
for k in range(n):
    acc = acc + vals[:, :, k]
    ref[:, :, k] = acc

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
final_id, seen_id = runner.get_id("final"), runner.get_id("seen")
runner.load()
runner.run()
t0 = time.time()
runner.memcpy_h2d(H2D, vals.ravel(), 0, 0, W, H, n, streaming=True, data_type=B32,
                  order=ROW, nonblock=True)
got = np.zeros(W * H * n, dtype=np.float32)
runner.memcpy_d2h(got, D2H, 0, 0, W, H, n, streaming=True, data_type=B32, order=ROW,
                  nonblock=False)
t1 = time.time()
final = np.zeros(W * H, dtype=np.float32)
runner.memcpy_d2h(final, final_id, 0, 0, W, H, 1, streaming=False, data_type=B32,
                  order=ROW, nonblock=False)
seen = np.zeros(W * H, dtype=np.uint32)
runner.memcpy_d2h(seen, seen_id, 0, 0, W, H, 1, streaming=False, data_type=B32,
                  order=ROW, nonblock=False)
runner.stop()

got = got.reshape(H, W, n)
bad = np.argwhere(got.view(np.uint32) != ref.view(np.uint32))
ok = True
if len(bad):
    ok = False
    print(f"{len(bad)} of {got.size} streamed sums differ")
    for y, x, k in bad[:6]:
        print(f"  PE ({x},{y}) value {k}: got {got[y, x, k]!r}, expected {ref[y, x, k]!r}")
if not np.array_equal(final.reshape(H, W).view(np.uint32), ref[:, :, -1].view(np.uint32)):
    ok = False
    print("final sums differ")
if not np.all(seen == n):
    ok = False
    print(f"counts differ: min {seen.min()}, max {seen.max()}, expected {n}")
print(f"{W}x{H} PEs, {n} values each ({W * H * n} in total): streams took {t1 - t0:.2f} s")
if ok:
    print("SUCCESS!")
else:
    raise SystemExit("FAILURE")
