#!/usr/bin/env cs_python
"""tally-histogram: uniform and skewed values (the skewed ones crowd a few owners far
away, so the rings and links fill up); every bucket count must equal numpy's histogram,
every value must be kept exactly once, and the tally's corner must have counted them all."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--skewed", action="store_true", help="values crowd into a few buckets")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width, height, n = int(params["width"]), int(params["height"]), int(params["n"])
nb, bucket_size = int(params["nb"]), int(params["bucket_size"])
pes = width * height
top = pes * nb * bucket_size
u32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

rng = np.random.default_rng(23)
if args.skewed:
    # Most values in the last PE's buckets (the far corner from PE (0,0)), the rest anywhere.
    crowd = rng.integers(top - nb * bucket_size, top, size=pes * n)
    anywhere = rng.integers(0, top, size=pes * n)
    values = np.where(rng.random(pes * n) < 0.8, crowd, anywhere).astype(np.uint32)
else:
    values = rng.integers(0, top, size=pes * n).astype(np.uint32)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("values", "buckets", "stats")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["values"], values, 0, 0, width, height, n, streaming=False,
                  order=ROW, data_type=u32, nonblock=False)
runner.launch("histogram", nonblock=False)
buckets = np.zeros(pes * nb, dtype=np.uint32)
runner.memcpy_d2h(buckets, ids["buckets"], 0, 0, width, height, nb, streaming=False,
                  order=ROW, data_type=u32, nonblock=False)
stats = np.zeros(pes * 3, dtype=np.uint32)
runner.memcpy_d2h(stats, ids["stats"], 0, 0, width, height, 3, streaming=False,
                  order=ROW, data_type=u32, nonblock=False)
runner.stop()

# ROW_MAJOR: PE (x, y) at (y * width + x), which is also its owner index: buckets come
# back in global bucket order.
expected = np.bincount(values // bucket_size, minlength=pes * nb).astype(np.uint32)
np.testing.assert_array_equal(buckets, expected)
stats = stats.reshape(height, width, 3)
kept = stats[:, :, 0]
np.testing.assert_array_equal(kept.ravel(), expected.reshape(pes, nb).sum(axis=1))
assert stats[0, width - 1, 2] == pes * n, f"tally at the corner: {stats[0, width - 1, 2]}"
# A value from (sx, sy) to owner (ox, oy) is forwarded |sx-ox| + |sy-oy| times.
owner = values // (nb * bucket_size)
src = np.arange(pes * n) // n
hops = np.abs(src % width - owner % width) + np.abs(src // width - owner // width)
assert stats[:, :, 1].sum() == hops.sum(), f"forwarded {stats[:, :, 1].sum()} times, expected {hops.sum()}"
print(f"{pes * n} values, {hops.sum()} hops, busiest owner kept {kept.max()}")
print("SUCCESS!")
