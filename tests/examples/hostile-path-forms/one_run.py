#!/usr/bin/env cs_python
"""hostile-path-forms: one run of a compiled variant: v = 0..2n-1, scale(k) twice, checked
against float32 arithmetic; prints 'run ok' when every value matches."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
n, bias = int(params["n"], 0), np.float32(float(params["bias"]))  # params as given: "0x5"

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
v = runner.get_id("v")
runner.load()
runner.run()
start = np.arange(2 * n, dtype=np.float32)
runner.memcpy_h2d(v, start, 0, 0, 2, 1, n, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
want = start.copy()
for k in (np.float32(1.5), np.float32(-0.25)):
    runner.launch("scale", k, nonblock=False)
    want = want * k + bias
got = np.zeros(2 * n, np.float32)
runner.memcpy_d2h(got, v, 0, 0, 2, 1, n, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()
assert np.array_equal(got, want), (got, want)
print("run ok")
