#!/usr/bin/env cs_python
"""aggregate-call-wrap: products of plain calls' results wrap at run time."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

# u16 products wrap mod 2^16; -7 % 4 is -3 (C remainder), as u64 its low word 0xfffffffd.
want = [80000 & 0xffff, 80000 & 0xffff, 80000 & 0xffff, (65535 + 3) & 0xffff, 0xfffffffd,
        (3 - 5) & 0xffff, (74 * 74) & 0xff]
m32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
out_id = runner.get_id("out")
runner.load()
runner.run()
runner.launch("compute", nonblock=False)
got = np.zeros(7, dtype=np.uint32)
runner.memcpy_d2h(got, out_id, 0, 0, 1, 1, 7, streaming=False, order=ROW, data_type=m32,
                  nonblock=False)
runner.stop()
failures = [(i, g, w) for i, (g, w) in enumerate(zip(got.tolist(), want)) if g != w]
for i, g, w in failures:
    print(f"MISMATCH out[{i}]: got {g:#x} want {w:#x}")
if failures:
    sys.exit(1)
print("SUCCESS!")
