#!/usr/bin/env cs_python
"""softmax-row: three softmaxes of the same row (inverse temperatures 1, 0.25 and 3; the
values include large ones, so an unshifted exp would overflow) compared with numpy,
plus the maximum and the sum every PE received from the two all-reduces."""
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
P, n = int(params["P"]), int(params["n"])

rng = np.random.default_rng(21)
values = rng.normal(0.0, 3.0, size=P * n).astype(np.float32)
values[5] = 120.0   # exp(120) overflows f32: the shift by the maximum must happen
values[P * n - 2] = 118.5

f32 = MemcpyDataType.MEMCPY_32BIT
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
sym = {name: runner.get_id(name) for name in ("values", "probs", "totals")}
runner.load()
runner.run()
runner.memcpy_h2d(sym["values"], values, 0, 0, P, 1, n, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)

failures = []
for t in (1.0, 0.25, 3.0):
    runner.launch("softmax", np.float32(t), nonblock=False)
    probs = np.zeros(P * n, dtype=np.float32)
    runner.memcpy_d2h(probs, sym["probs"], 0, 0, P, 1, n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    totals = np.zeros(P * 2, dtype=np.float32)
    runner.memcpy_d2h(totals, sym["totals"], 0, 0, P, 1, 2, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    totals = totals.reshape(P, 2)
    shifted = np.exp((values.astype(np.float64) - values.max()) * t)
    want = shifted / shifted.sum()
    for i in np.nonzero(~np.isclose(probs, want, rtol=1e-4, atol=1e-9))[0][:10]:
        failures.append(f"t={t}: probs[{i}] = {probs[i]:.8g}, expected {want[i]:.8g}")
    if np.any(totals[:, 0] != values.max()):
        failures.append(f"t={t}: maxima seen {list(totals[:, 0])}, expected {values.max()}")
    if not np.allclose(totals[:, 1], shifted.sum(), rtol=1e-4) or np.any(totals[:, 1] != totals[0, 1]):
        failures.append(f"t={t}: sums seen {list(totals[:, 1])}, expected {shifted.sum():.6f} on every PE")
    print(f"t={t}: largest probability {probs.max():.6f}, sum of probabilities {probs.sum():.6f}")
runner.stop()

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("SUCCESS!")
