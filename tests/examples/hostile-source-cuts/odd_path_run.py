#!/usr/bin/env cs_python
"""hostile-source-cuts: runs the program compiled from paths with spaces and non-ASCII
letters (one step, checked) from an output directory whose name has them too."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name")
args = parser.parse_args()
runner = SdkRuntime(args.name)
vec = runner.get_id("vec")
runner.load()
runner.run()
runner.memcpy_h2d(vec, np.arange(14, dtype=np.int32), 0, 0, 2, 1, 7, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)
runner.launch("step", np.int32(0), np.uint16(1), nonblock=False)
got = np.zeros(14, np.int32)
runner.memcpy_d2h(got, vec, 0, 0, 2, 1, 7, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()
want = np.arange(14, dtype=np.int32).reshape(2, 7)
for x in range(2):
    for i in range(7):
        if i % 3 != 2:
            want[x, i] = 2 * want[x, i] + 3 * x + 1
    first = 1 if want[x, 0] == 1 else (2 if want[x, 0] == 2 else 0)
    want[x, 6] += first
assert np.array_equal(got.reshape(2, 7), want), (got, want)
print("odd path run ok")
