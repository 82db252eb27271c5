#!/usr/bin/env cs_python
"""One launch of a (possibly broken) mistake-reports-2 variant, run by run.py as a child
process. Exits non-zero with the runtime's message when the run fails."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name")
parser.add_argument("--cmaddr")
args = parser.parse_args()
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vals = runner.get_id("vals")
runner.load()
runner.run()
runner.memcpy_h2d(vals, np.arange(12, dtype=np.float32), 0, 0, 2, 1, 6, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)
runner.launch("go", np.uint16(2), nonblock=False)
runner.stop()
print("finished")
