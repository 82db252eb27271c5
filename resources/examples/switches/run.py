#!/usr/bin/env cs_python
"""switches host script.

Gives each of the four producers its own items, launches start() on every
PE and reads what the collector received. Because the collector's switch
hands the color to producer 0, 1, 2, 3, 0, ... after every batch, the merged
stream must be the producers' batches interleaved in exactly that order, and
the end-of-batch marks must name the producers in that order too.
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
batch_len = int(params["batch_len"])
rounds = int(params["rounds"])

# (x, y) of producers 0..3: west, north, east, south of the collector (1,1),
# in the order of the collector's switch positions.
producer_pes = [(0, 1), (1, 0), (2, 1), (1, 2)]
collector_pe = (1, 1)

rng = np.random.default_rng(seed=5)
items = rng.integers(0, 2**32, size=(len(producer_pes), rounds, batch_len), dtype=np.uint32)

# Round r: batch r of producer 0, then of producer 1, 2 and 3.
expected_merged = items.transpose(1, 0, 2).ravel()
expected_ends = np.tile(np.arange(len(producer_pes), dtype=np.uint32), rounds)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
items_id = runner.get_id("items")
merged_id = runner.get_id("merged")
batch_ends_id = runner.get_id("batch_ends")

runner.load()
runner.run()

for producer, (px, py) in enumerate(producer_pes):
  runner.memcpy_h2d(items_id, items[producer].ravel(), px, py, 1, 1, rounds * batch_len,
    streaming=False, order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
    nonblock=False)

runner.launch("start", nonblock=False)

merged = np.zeros(expected_merged.size, dtype=np.uint32)
runner.memcpy_d2h(merged, merged_id, collector_pe[0], collector_pe[1], 1, 1, merged.size,
  streaming=False, order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
  nonblock=False)
batch_ends = np.zeros(expected_ends.size, dtype=np.uint32)
runner.memcpy_d2h(batch_ends, batch_ends_id, collector_pe[0], collector_pe[1], 1, 1,
  batch_ends.size, streaming=False, order=MemcpyOrder.ROW_MAJOR,
  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)

runner.stop()

np.testing.assert_array_equal(batch_ends, expected_ends)
np.testing.assert_array_equal(merged, expected_merged)
print("SUCCESS!")
