#!/usr/bin/env cs_python
"""dsr-comptime-load: DSRs loaded in a top-level comptime block hold their DSDs when the
first launch runs, and again on later launches."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
input_id = runner.get_id("input")
results_id = runner.get_id("results")
runner.load()
runner.run()

values = np.arange(1, 9, dtype=np.float32) * np.float32(1.25)
runner.memcpy_h2d(input_id, values, 0, 0, 1, 1, 8, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)
ok = True
for launch in range(1, 4):
    runner.launch("compute", nonblock=False)
    got = np.zeros(8, np.float32)
    runner.memcpy_d2h(got, results_id, 0, 0, 1, 1, 8, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    want = values * np.float32(launch)
    want[::2] += np.float32(0.5)
    if not np.array_equal(got, want):
        print(f"launch {launch}: got {got}, expected {want}")
        ok = False
runner.stop()

if not ok:
    raise SystemExit("FAIL: dsr-comptime-load")
print("SUCCESS!")
