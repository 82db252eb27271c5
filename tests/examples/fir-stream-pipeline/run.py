#!/usr/bin/env cs_python
"""fir-stream-pipeline: two signals (a noisy sine through a low-pass filter, then an
impulse train through other taps) streamed through the pipeline while y streams back;
y is compared bit for bit with a float32 model adding the taps in the same order, and
the per-PE counts of samples and sums with N."""
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
    params = json.load(f)["params"]
K, N = int(params["K"]), int(params["N"])
x_stream = int(params["MEMCPYH2D_DATA_1_ID"])
y_stream = int(params["MEMCPYD2H_DATA_1_ID"])


def fir(h, x):
    y = np.zeros(N, dtype=np.float32)
    for t in range(N):
        s = np.float32(h[0] * x[t])
        for k in range(1, K):
            xk = x[t - k] if t >= k else np.float32(0.0)
            s = np.float32(s + np.float32(h[k] * xk))
        y[t] = s
    return y


rng = np.random.default_rng(17)
t = np.arange(N, dtype=np.float32)
cases = [
    (np.full(K, 1.0 / K, dtype=np.float32),
     (np.sin(t / 5) + rng.normal(0, 0.3, size=N)).astype(np.float32)),
    (rng.uniform(-1, 1, size=K).astype(np.float32),
     np.where(np.arange(N) % 9 == 0, 1.0, 0.0).astype(np.float32)),
]

f32 = MemcpyDataType.MEMCPY_32BIT
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
tap_sym = runner.get_id("tap")
counts_sym = runner.get_id("counts")
runner.load()
runner.run()

failures = []
for n, (h, x) in enumerate(cases, start=1):
    runner.memcpy_h2d(tap_sym, h, 0, 0, K, 1, 1, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    runner.launch("reset", nonblock=False)
    runner.memcpy_h2d(x_stream, x, 0, 0, 1, 1, N, streaming=True,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=True)
    y = np.zeros(N, dtype=np.float32)
    runner.memcpy_d2h(y, y_stream, K - 1, 0, 1, 1, N, streaming=True,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    want = fir(h, x)
    for i in np.nonzero(y.view(np.uint32) != want.view(np.uint32))[0][:10]:
        failures.append(f"signal {n}: y[{i}] = {y[i]!r}, expected {want[i]!r}")

counts = np.zeros(K * 3, dtype=np.uint32)
runner.memcpy_d2h(counts, counts_sym, 0, 0, K, 1, 3, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
runner.stop()
counts = counts.reshape(K, 3)
for k in range(K):
    want = [2 * N, 2 * N if k > 0 else 0]
    if list(counts[k, :2]) != want:
        failures.append(f"PE {k}: samples/sums in {list(counts[k, :2])}, expected {want}")
print("times a sum waited for its sample, per PE:", list(counts[:, 2]))

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("SUCCESS!")
