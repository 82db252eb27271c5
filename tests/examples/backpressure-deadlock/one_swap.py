#!/usr/bin/env cs_python
"""One swap of a backpressure-deadlock variant, run by run.py in a child process: prints
"finished" only when the launch returns."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name")
parser.add_argument("--n", type=int)
args = parser.parse_args()
runner = SdkRuntime(args.name)
mine = runner.get_id("mine")
runner.load()
runner.run()
runner.memcpy_h2d(mine, np.arange(2 * args.n, dtype=np.int32), 0, 0, 2, 1, args.n,
                  streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.launch("swap", nonblock=False)
runner.stop()
print("finished")
