#!/usr/bin/env cs_python
"""gemv-bcast-chain: two products y = alpha * A x + b, each started by `configure` and
driven only by the x and b streams; y is read from the bottom row's stream and compared
with numpy, then the per-PE wavelet and block counts are checked."""
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
    compiled = json.load(f)
params = compiled["params"]
PC, PR = int(params["PC"]), int(params["PR"])
Mt, Nt = int(params["Mt"]), int(params["Nt"])
x_id = int(params["MEMCPYH2D_DATA_1_ID"])
b_id = int(params["MEMCPYH2D_DATA_2_ID"])
y_id = int(params["MEMCPYD2H_DATA_1_ID"])
M, N = PC * Mt, PR * Nt

rng = np.random.default_rng(31)
A = rng.uniform(-1.0, 1.0, size=(M, N)).astype(np.float32)
# PE (c, r) holds rows c*Mt.. and columns r*Nt.. of A, column by column.
tiles = A.reshape(PC, Mt, PR, Nt).transpose(2, 0, 3, 1)  # [r][c][j][i]
f32 = MemcpyDataType.MEMCPY_32BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
a_sym = runner.get_id("A")
stats_sym = runner.get_id("stats")
runner.load()
runner.run()
runner.memcpy_h2d(a_sym, tiles.ravel(), 0, 0, PC, PR, Mt * Nt, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)

failures = []
rounds = [np.float32(1.0), np.float32(-0.5)]
for n, alpha in enumerate(rounds, start=1):
    x = rng.uniform(-2.0, 2.0, size=N).astype(np.float32)
    b = rng.uniform(-1.0, 1.0, size=M).astype(np.float32)
    runner.launch("configure", alpha, nonblock=False)
    runner.memcpy_h2d(x_id, x, 0, 0, 1, PR, Nt, streaming=True,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=True)
    runner.memcpy_h2d(b_id, b, 0, 0, PC, 1, Mt, streaming=True,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=True)
    y = np.zeros(M, dtype=np.float32)
    runner.memcpy_d2h(y, y_id, 0, PR - 1, PC, 1, Mt, streaming=True,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    want = alpha * (A.astype(np.float64) @ x.astype(np.float64)) + b
    close = np.isclose(y, want, rtol=1e-4, atol=1e-4)
    for i in np.nonzero(~close)[0][:10]:
        failures.append(f"round {n}: y[{i}] = {y[i]}, expected {want[i]:.6f}")

stats = np.zeros(PC * PR * 4, dtype=np.uint32)
runner.memcpy_d2h(stats, stats_sym, 0, 0, PC, PR, 4, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
runner.stop()

stats = stats.reshape(PR, PC, 4)
for r in range(PR):
    for c in range(PC):
        want_b = 2 * Mt if r == 0 else 0
        expected = [2 * Nt, want_b, 2, 2]
        if list(stats[r, c]) != expected:
            failures.append(f"PE ({c},{r}): stats {list(stats[r, c])}, expected {expected}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("SUCCESS!")
