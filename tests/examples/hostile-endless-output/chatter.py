#!/usr/bin/env cs_python
"""hostile-endless-output: launches chatter(n) once (blocking), then stops; prints READY
just before the launch and INTERRUPTED on Ctrl-C."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name")
parser.add_argument("--n", type=int)
args = parser.parse_args()
try:
    runner = SdkRuntime(args.name)
    runner.load()
    runner.run()
    print("READY", flush=True)
    runner.launch("chatter", np.uint32(args.n), nonblock=False)
    runner.stop()
    print("DONE", flush=True)
except KeyboardInterrupt:
    print("INTERRUPTED", flush=True)
    sys.exit(130)
