#!/usr/bin/env cs_python
"""bitonic-blocks: sorts P * m f32 keys three times (random; sorted descending; many
duplicates of a few signed values, zeros included) and checks the result against np.sort
exactly; every PE must have done levels * (levels + 1) / 2 block exchanges per sort.
A wrong on-PE network (local sort or half-cleaners) leaves keys out of place."""
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
P, m = int(params["P"]), int(params["m"])
levels = P.bit_length() - 1
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
keys_id, steps_id = runner.get_id("keys"), runner.get_id("steps")
runner.load()
runner.run()
rng = np.random.default_rng(8)

inputs = [
    rng.uniform(-100, 100, size=P * m).astype(np.float32),
    np.sort(rng.uniform(-1, 1, size=P * m).astype(np.float32))[::-1].copy(),
    rng.integers(-3, 4, size=P * m).astype(np.float32) * np.float32(0.5),
]
for n, keys in enumerate(inputs):
    runner.memcpy_h2d(keys_id, keys, 0, 0, P, 1, m, streaming=False, order=ROW, data_type=f32,
                      nonblock=False)
    runner.launch("sort", nonblock=False)
    out = np.zeros(P * m, dtype=np.float32)
    runner.memcpy_d2h(out, keys_id, 0, 0, P, 1, m, streaming=False, order=ROW, data_type=f32,
                      nonblock=False)
    want = np.sort(keys)
    bad = np.nonzero(out != want)[0]
    assert bad.size == 0, f"input {n}: {bad.size} keys out of place, first at {bad[0]}: " \
        f"{out[bad[0]]} vs {want[bad[0]]}"
    print(f"input {n}: {P * m} keys sorted")

steps = np.zeros(2 * P, dtype=np.uint32)
runner.memcpy_d2h(steps, steps_id, 0, 0, P, 1, 2, streaming=False, order=ROW, data_type=f32,
                  nonblock=False)
runner.stop()
steps = steps.reshape(P, 2)
per_sort = levels * (levels + 1) // 2
assert (steps[:, 1] == len(inputs)).all() and (steps[:, 0] == per_sort * len(inputs)).all(), steps
print("SUCCESS!")
