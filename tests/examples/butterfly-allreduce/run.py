#!/usr/bin/env cs_python
"""butterfly-allreduce: two allreduces (the second of the first's results plus new data)
compared bit for bit with a float32 model of the same butterfly: after stage s, PE x
holds v[x] + v[x xor 2^s] (IEEE addition commutes, so both partners agree exactly)."""
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
S, n = int(params["S"]), int(params["n"])
P = 1 << S


def butterfly(v):
    v = v.copy()
    for s in range(S):
        d = 1 << s
        v = np.stack([(v[x] + v[x ^ d]).astype(np.float32) for x in range(P)])
    return v


f32 = MemcpyDataType.MEMCPY_32BIT
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vec_sym = runner.get_id("vec")
runner.load()
runner.run()

rng = np.random.default_rng(8)
failures = []
state = rng.uniform(-1, 1, size=(P, n)).astype(np.float32)
state[:, 0] = 10.0 ** np.arange(P, dtype=np.float32)  # every PE's share visible in the sum
for round_no in (1, 2):
    runner.memcpy_h2d(vec_sym, state.ravel(), 0, 0, P, 1, n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    runner.launch("allreduce", nonblock=False)
    got = np.zeros(P * n, dtype=np.float32)
    runner.memcpy_d2h(got, vec_sym, 0, 0, P, 1, n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    got = got.reshape(P, n)
    want = butterfly(state)
    for x, j in np.argwhere(got.view(np.uint32) != want.view(np.uint32))[:10]:
        failures.append(f"round {round_no}: PE {x} vec[{j}] = {got[x, j]!r}, expected {want[x, j]!r}")
    state = (got + rng.uniform(-1, 1, size=(P, n)).astype(np.float32)).astype(np.float32)
runner.stop()

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("SUCCESS!")
