#!/usr/bin/env cs_python
"""switch-gather-allreduce: three rounds with new vectors each (the switches must be back
at position 0 after every round); PE 0's gathered vectors must be in PE order, and every
PE's total is compared with numpy's sum in PE order (f32, so bit for bit)."""
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

f32 = MemcpyDataType.MEMCPY_32BIT
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vec_sym = runner.get_id("vec")
total_sym = runner.get_id("total")
gathered_sym = runner.get_id("gathered")
runner.load()
runner.run()

rng = np.random.default_rng(12)
failures = []
for round_no in range(1, 4):
    vecs = rng.uniform(-10, 10, size=(P, n)).astype(np.float32)
    vecs[:, 0] = np.arange(P, dtype=np.float32) * 1000 + round_no  # which PE's data is where
    runner.memcpy_h2d(vec_sym, vecs.ravel(), 0, 0, P, 1, n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    runner.launch("allreduce", nonblock=False)
    got = np.zeros(P * n, dtype=np.float32)
    runner.memcpy_d2h(got, total_sym, 0, 0, P, 1, n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    got = got.reshape(P, n)
    gathered = np.zeros((P - 1) * n, dtype=np.float32)
    runner.memcpy_d2h(gathered, gathered_sym, 0, 0, 1, 1, (P - 1) * n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    if not np.array_equal(gathered, vecs[1:].ravel()):
        failures.append(f"round {round_no}: PE 0 gathered the vectors of PEs "
                        f"{list(gathered.reshape(P - 1, n)[:, 0] // 1000)} (by their first element), "
                        f"expected 1..{P - 1} in order")
    want = vecs[0].copy()
    for x in range(1, P):
        want = (want + vecs[x]).astype(np.float32)
    for x in range(P):
        for j in np.nonzero(got[x] != want)[0][:5]:
            failures.append(f"round {round_no}: PE {x} total[{j}] = {got[x, j]}, expected {want[j]}")
runner.stop()

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("SUCCESS!")
