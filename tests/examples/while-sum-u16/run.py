#!/usr/bin/env cs_python
"""while-sum-u16: sums u16 values on one PE with while loops; copies in and out with
16-bit memcpy (the host side holds one u16 per u32 word)."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port or unix:PATH of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    count = int(json.load(f)["params"]["count"])

rng = np.random.default_rng(2026)
# Large values so the u16 sum wraps at least once.
data = rng.integers(20000, 65536, size=count, dtype=np.uint16)
threshold = np.uint16(40000)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
data_id = runner.get_id("data")
running_id = runner.get_id("running")
summary_id = runner.get_id("summary")
runner.load()
runner.run()

u16 = MemcpyDataType.MEMCPY_16BIT
row = MemcpyOrder.ROW_MAJOR
runner.memcpy_h2d(data_id, data.astype(np.uint32), 0, 0, 1, 1, count, streaming=False,
                  order=row, data_type=u16, nonblock=False)
runner.launch("summarize", threshold, nonblock=False)


def read(symbol, n):
    out = np.zeros(n, dtype=np.uint32)
    runner.memcpy_d2h(out, symbol, 0, 0, 1, 1, n, streaming=False, order=row,
                      data_type=u16, nonblock=False)
    # Only the low half of each word is the PE's u16.
    return (out & 0xFFFF).astype(np.uint16)


got_running = read(running_id, count)
got_summary = read(summary_id, 3)
runner.stop()

expected_running = np.cumsum(data, dtype=np.uint16)
expected_summary = np.array([expected_running[-1], np.count_nonzero(data > threshold), count],
                            dtype=np.uint16)
assert int(data.astype(np.uint64).sum()) > 0xFFFF, "the test data must make the sum wrap"
np.testing.assert_array_equal(got_running, expected_running)
np.testing.assert_array_equal(got_summary, expected_summary)
print("SUCCESS!")
