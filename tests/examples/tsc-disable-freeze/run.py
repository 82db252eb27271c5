#!/usr/bin/env cs_python
"""tsc-disable-freeze: per PE, the timestamp after disable_tsc and the one after more work
with the counter still disabled must be equal, and the one after enable_tsc and more work
must be later and nonzero (the counter runs again)."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ts_id = runner.get_id("ts")
runner.load()
runner.run()
runner.launch("go", nonblock=False)
out = np.zeros(18, dtype=np.uint32)
runner.memcpy_d2h(out, ts_id, 0, 0, 2, 1, 9, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_16BIT, nonblock=False)
runner.stop()
words = (out & 0xffff).astype(np.uint64).reshape(2, 3, 3)
stamps = words[:, :, 0] | (words[:, :, 1] << 16) | (words[:, :, 2] << 32)

bad = []
for pe in range(2):
    a, b, c = (int(v) for v in stamps[pe])
    if a == 0:
        bad.append(f"PE {pe}: the counter never ran (first timestamp 0)")
    if b != a:
        bad.append(f"PE {pe}: counter ran while disabled: {a} -> {b}")
    if c <= b:
        bad.append(f"PE {pe}: counter did not run after enable_tsc: {b} -> {c}")
for line in bad:
    print(line)
if bad:
    print(f"FAIL: {len(bad)} problems")
    sys.exit(1)
print("SUCCESS!")
