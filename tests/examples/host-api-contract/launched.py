"""Run by run.py's SdkLauncher in an appliance job: one copy, one launch, one copy back on
PE (0, 0); writes the values to launched.json and prints LAUNCHED OK."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name")
parser.add_argument("--cmaddr")
args = parser.parse_args()
n = int(json.load(open(f"{args.name}/out.json", encoding="utf-8"))["params"]["n"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vec = runner.get_id("vec")
runner.load()
runner.run()
runner.memcpy_h2d(vec, np.full(n, 1.5, np.float32), 0, 0, 1, 1, n, streaming=False,
                  data_type=MemcpyDataType.MEMCPY_32BIT, order=MemcpyOrder.ROW_MAJOR,
                  nonblock=False)
runner.launch("scale", 4.0, n, nonblock=False)
out = np.zeros(n, np.float32)
runner.memcpy_d2h(out, vec, 0, 0, 1, 1, n, streaming=False,
                  data_type=MemcpyDataType.MEMCPY_32BIT, order=MemcpyOrder.ROW_MAJOR,
                  nonblock=False)
runner.stop()
with open("launched.json", "w", encoding="utf-8") as f:
    json.dump([float(v) for v in out], f)
print("LAUNCHED OK")
