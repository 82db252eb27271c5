#!/usr/bin/env cs_python
"""block-odd-even-sort: sorts the row twice (random keys with duplicates and negatives,
then keys in reverse order) and checks the keys against numpy's sort, plus per-PE counts:
phases with a partner, wavelets received and runs."""
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
width = int(params["width"])
k = int(params["k"])
n = width * k

# Phases with a partner: PE x is paired in phase p when its partner (east if x and p
# have the same parity, else west) exists.
def exchanges(x):
    count = 0
    for p in range(width):
        east = (x % 2) == (p % 2)
        if (east and x + 1 < width) or (not east and x > 0):
            count += 1
    return count

rng = np.random.default_rng(77)
inputs = [
    rng.integers(-50, 50, size=n).astype(np.int32),
    np.arange(n, 0, -1, dtype=np.int32) * np.int32(-3) + np.int32(1000),
]
inputs[1] = inputs[1][::-1].copy()  # descending

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
keys_id = runner.get_id("keys")
stats_id = runner.get_id("stats")
runner.load()
runner.run()

i32 = MemcpyDataType.MEMCPY_32BIT
failures = []
for run, keys in enumerate(inputs, start=1):
    runner.memcpy_h2d(keys_id, keys, 0, 0, width, 1, k, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=i32, nonblock=False)
    runner.launch("sort_row", nonblock=False)
    got = np.zeros(n, dtype=np.int32)
    runner.memcpy_d2h(got, keys_id, 0, 0, width, 1, k, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=i32, nonblock=False)
    want = np.sort(keys)
    bad = np.nonzero(got != want)[0]
    for i in bad[:10]:
        failures.append(f"run {run}: key {i} (PE {i // k}) is {got[i]}, expected {want[i]}")
    if len(bad) > 10:
        failures.append(f"run {run}: ... {len(bad)} keys wrong in all")

stats = np.zeros(width * 4, dtype=np.uint32)
runner.memcpy_d2h(stats, stats_id, 0, 0, width, 1, 4, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=i32, nonblock=False)
runner.stop()

stats = stats.reshape(width, 4)
for x in range(width):
    want_phases = 2 * exchanges(x)
    if stats[x, 0] != want_phases:
        failures.append(f"PE {x}: {stats[x, 0]} exchanges, expected {want_phases}")
    if stats[x, 2] != want_phases * k:
        failures.append(f"PE {x}: {stats[x, 2]} wavelets received, expected {want_phases * k}")
    if stats[x, 3] != 2:
        failures.append(f"PE {x}: sort_row ran {stats[x, 3]} times, expected 2")
# Reverse-sorted input moves every key through the row: the kept-from-partner counts
# must be non-zero somewhere.
if stats[:, 1].sum() == 0:
    failures.append("no PE ever kept a key from its partner")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("SUCCESS!")
