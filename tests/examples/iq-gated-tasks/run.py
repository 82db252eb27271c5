#!/usr/bin/env cs_python
"""iq-gated-tasks: four launches with different pair and weight counts (fewer and more
wavelets than the input queues hold); the middle PE's table (sum of value * weight_sum
per index, in int32) and its counters are checked against numpy after each."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

TABLE = 16
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {name: runner.get_id(name) for name in ("pairs", "weights", "table", "stats")}
runner.load()
runner.run()
w32 = MemcpyDataType.MEMCPY_32BIT
w16 = MemcpyDataType.MEMCPY_16BIT
row = MemcpyOrder.ROW_MAJOR

rng = np.random.default_rng(7)
for count, (npairs, nweights) in enumerate(((3, 2), (40, 17), (64, 1), (9, 64)), start=1):
    index = rng.integers(0, TABLE, size=npairs)
    value = rng.integers(-1000, 1001, size=npairs)
    weight = rng.integers(0, 65536, size=nweights)
    words = ((value.astype(np.int64) & 0xFFFF) << 16 | index).astype(np.uint32)
    runner.memcpy_h2d(ids["pairs"], words, 0, 0, 1, 1, npairs, streaming=False, order=row,
                      data_type=w32, nonblock=False)
    runner.memcpy_h2d(ids["weights"], weight.astype(np.uint32), 2, 0, 1, 1, nweights,
                      streaming=False, order=row, data_type=w16, nonblock=False)
    runner.launch("go", np.uint16(npairs), np.uint16(nweights), nonblock=False)

    weight_sum = int(weight.sum())
    table = np.zeros(TABLE, dtype=np.int64)
    for i, v in zip(index, value):
        table[i] += int(v) * weight_sum
    table = ((table + 2**31) % 2**32 - 2**31).astype(np.int32)  # int32 wrapping
    got = np.zeros(TABLE, dtype=np.int32)
    runner.memcpy_d2h(got, ids["table"], 1, 0, 1, 1, TABLE, streaming=False, order=row,
                      data_type=w32, nonblock=False)
    np.testing.assert_array_equal(got, table)

    stats = np.zeros(3 * 5, dtype=np.uint32)
    runner.memcpy_d2h(stats, ids["stats"], 0, 0, 3, 1, 5, streaming=False, order=row,
                      data_type=w32, nonblock=False)
    stats = stats.reshape(3, 5)
    np.testing.assert_array_equal(stats[1], [weight_sum, npairs, nweights, 0, count])
    np.testing.assert_array_equal(stats[0][4], count)
    np.testing.assert_array_equal(stats[2][4], count)
    print(f"launch {count}: {npairs} pairs weighted by {nweights} weights (sum {weight_sum}): ok")
runner.stop()
print("SUCCESS!")
