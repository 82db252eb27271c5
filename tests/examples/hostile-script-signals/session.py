#!/usr/bin/env cs_python
"""hostile-script-signals: a host script in one of the states a user interrupts. It prints
READY once it is in that state (flushed), then:
  endless  - a blocking launch of spin(0xffffffff) (runs for hours in the simulator);
  idle     - sleeps after load() and run();
  nostop   - a short run, then exits without stop().
A KeyboardInterrupt prints INTERRUPTED and exits with status 130."""
import argparse
import sys
import time

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name")
parser.add_argument("--state", choices=["endless", "idle", "nostop"])
args = parser.parse_args()

try:
    runner = SdkRuntime(args.name)
    count = runner.get_id("count")
    runner.load()
    runner.run()
    if args.state == "nostop":
        runner.launch("spin", np.uint32(100), nonblock=False)
        got = np.zeros(1, np.uint32)
        runner.memcpy_d2h(got, count, 0, 0, 1, 1, 1, streaming=False,
                          order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                          nonblock=False)
        print("READY", int(got[0]), flush=True)
        sys.exit(0)
    print("READY", flush=True)
    if args.state == "endless":
        runner.launch("spin", np.uint32(0xFFFFFFFF), nonblock=False)
    else:
        time.sleep(600)
except KeyboardInterrupt:
    print("INTERRUPTED", flush=True)
    sys.exit(130)
