#!/usr/bin/env cs_python
"""range-filters host script.

Builds `num_packets` packets (index << 16 | 16-bit value) for indices
0 .. num_packets-1, shuffles them, writes them into the sender and launches
start() on every PE. Receiver r owns r + 3 consecutive indices (see
layout.csl); its router's range filter must have delivered exactly those, so
its `segment` must hold exactly their values, in index order.
"""

import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder  # pylint: disable=no-name-in-module

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system; omit it for the simulator")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as json_file:
  params = json.load(json_file)["params"]
height = int(params["height"])
num_packets = int(params["num_packets"])
receivers = height - 1

# The same shares as layout.csl: receiver r owns r + 3 indices after the
# shares of receivers 0 .. r-1.
shares = [r + 3 for r in range(receivers)]
firsts = [r * (r + 5) // 2 for r in range(receivers)]
assert firsts[-1] + shares[-1] <= num_packets, "num_packets must cover every share"

rng = np.random.default_rng(seed=11)
values = rng.integers(-30000, 30000, size=num_packets).astype(np.int16)
indices = np.arange(num_packets, dtype=np.uint32)
packets = (indices << 16) | values.view(np.uint16).astype(np.uint32)
# Any order will do: each receiver places a value by its index.
packets = packets[rng.permutation(num_packets)]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
packets_id = runner.get_id("packets")
segment_id = runner.get_id("segment")

runner.load()
runner.run()

runner.memcpy_h2d(packets_id, packets, 0, 0, 1, 1, num_packets, streaming=False,
  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)

runner.launch("start", nonblock=False)

segments = []
for r in range(receivers):
  # 16-bit data travels in the low half of 32-bit words.
  raw = np.zeros(shares[r], dtype=np.uint32)
  runner.memcpy_d2h(raw, segment_id, 0, r + 1, 1, 1, shares[r], streaming=False,
    order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_16BIT, nonblock=False)
  segments.append((raw & 0xFFFF).astype(np.uint16).view(np.int16))

runner.stop()

for r in range(receivers):
  np.testing.assert_array_equal(segments[r], values[firsts[r]:firsts[r] + shares[r]],
    err_msg=f"receiver {r} at PE (0, {r + 1})")
print("SUCCESS!")
