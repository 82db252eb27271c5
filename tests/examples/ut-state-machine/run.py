#!/usr/bin/env cs_python
"""ut-state-machine: two launches of the prefix/suffix state machine (the second on new
data, scaled by its argument); sums and phase counters checked after each."""
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
width, length = int(params["width"]), int(params["len"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {name: runner.get_id(name) for name in ("v", "prefix", "suffix", "phases")}
runner.load()
runner.run()
f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR


def read(name, dtype, per_pe):
    out = np.zeros(width * per_pe, dtype=dtype)
    runner.memcpy_d2h(out, ids[name], 0, 0, width, 1, per_pe, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    return out.reshape(width, per_pe)


rng = np.random.default_rng(99)
for launch, scale in enumerate((np.float32(1.0), np.float32(-0.5)), start=1):
    v = rng.uniform(-10, 10, size=(width, length)).astype(np.float32)
    runner.memcpy_h2d(ids["v"], v.ravel(), 0, 0, width, 1, length, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    runner.launch("start", scale, nonblock=False)
    v = (v * scale).astype(np.float32)
    prefix = np.zeros_like(v)
    suffix = np.zeros_like(v)
    acc = np.zeros(length, dtype=np.float32)
    for x in range(width):
        acc = (acc + v[x]).astype(np.float32)
        prefix[x] = acc
    acc = np.zeros(length, dtype=np.float32)
    for x in reversed(range(width)):
        acc = (acc + v[x]).astype(np.float32)
        suffix[x] = acc
    np.testing.assert_array_equal(read("v", np.float32, length), v)
    np.testing.assert_array_equal(read("prefix", np.float32, length), prefix)
    np.testing.assert_array_equal(read("suffix", np.float32, length), suffix)
    np.testing.assert_array_equal(read("phases", np.uint32, 4),
                                  np.full((width, 4), launch, dtype=np.uint32))
runner.stop()
print("SUCCESS!")
