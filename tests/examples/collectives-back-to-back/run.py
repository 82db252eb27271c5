#!/usr/bin/env cs_python
"""collectives-back-to-back: broadcast (root 2), scatter (root 0), gather (root width-1) and
reduce_fadds (root 1) started back to back on one row; every result and the four callbacks
are checked."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port or unix:PATH of an appliance")
args = parser.parse_args()
with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width, n = int(params["width"]), int(params["n"])

u32 = MemcpyDataType.MEMCPY_32BIT
row_major = MemcpyOrder.ROW_MAJOR
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
bcast_in = np.arange(width * n, dtype=np.uint32) * 7 + 1
parts_in = np.arange(width * width * n, dtype=np.uint32) + 1000
runner.memcpy_h2d(runner.get_id("bcast"), bcast_in, 0, 0, width, 1, n, streaming=False,
                  order=row_major, data_type=u32, nonblock=False)
runner.memcpy_h2d(runner.get_id("parts"), parts_in, 0, 0, width, 1, width * n,
                  streaming=False, order=row_major, data_type=u32, nonblock=False)
runner.launch("start", nonblock=False)


def read(name, count, dtype=np.uint32):
    out = np.zeros(width * count, dtype=dtype)
    runner.memcpy_d2h(out, runner.get_id(name), 0, 0, width, 1, count, streaming=False,
                      order=row_major, data_type=u32, nonblock=False)
    return out.reshape(width, count)


bcast, gathered = read("bcast", n), read("gathered", width * n)
sums, calls = read("sums", n, np.float32), read("calls", 1)
runner.stop()

bad = []
want_bcast = bcast_in.reshape(width, n)[2]
if not all(np.array_equal(bcast[x], want_bcast) for x in range(width)):
    bad.append(f"broadcast: {bcast.tolist()}")
# PE 0's parts, chunk x to PE x, gathered in place x at the last PE.
if not np.array_equal(gathered[width - 1], parts_in.reshape(width, width * n)[0]):
    bad.append(f"scatter then gather: {gathered[width - 1].tolist()}")
want_sums = sum(np.float32(x * 10) + np.arange(n, dtype=np.float32) for x in range(width))
if not np.array_equal(sums[1], want_sums.astype(np.float32)):
    bad.append(f"reduce: {sums[1].tolist()} expected {want_sums.tolist()}")
if calls.ravel().tolist() != [4] * width:
    bad.append(f"callbacks: {calls.ravel().tolist()}")
if bad:
    raise SystemExit("FAILED: " + "; ".join(bad))
print("SUCCESS!")
