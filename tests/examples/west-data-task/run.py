#!/usr/bin/env cs_python
"""west-data-task: two rounds of n values from the east PE to the west PE, squared and
summed there by a per-wavelet data task."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port or unix:PATH of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
values_id = runner.get_id("values")
summary_id = runner.get_id("summary")
runner.load()
runner.run()

f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
rng = np.random.default_rng(11)
for rnd in range(2):
    sent = rng.uniform(-3, 3, size=n).astype(np.float32)
    # Only the east PE (x = 1) gets data.
    runner.memcpy_h2d(values_id, sent, 1, 0, 1, 1, n, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    runner.launch("go", nonblock=False)
    got = np.zeros(n, dtype=np.float32)
    runner.memcpy_d2h(got, values_id, 0, 0, 1, 1, n, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    summary = np.zeros(2, dtype=np.float32)
    runner.memcpy_d2h(summary, summary_id, 0, 0, 1, 1, 2, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    squares = sent * sent
    np.testing.assert_array_equal(got, squares, err_msg=f"round {rnd}")
    # The PE adds in arrival order in f32; so does this loop.
    expected_sum = np.float32(0)
    for s in squares:
        expected_sum = np.float32(expected_sum + s)
    assert summary[0] == expected_sum, (rnd, summary[0], expected_sum)
    assert summary[1] == (rnd + 1) * n, (rnd, summary[1])
runner.stop()
print("SUCCESS!")
