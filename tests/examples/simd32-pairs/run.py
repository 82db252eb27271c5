#!/usr/bin/env cs_python
"""simd32-pairs: send 8 u16 values in simd_32 mode; the receiver must see 4 wavelets that
together carry the 8 values (which half holds the earlier value is not checked)."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u16 = MemcpyDataType.MEMCPY_16BIT
u32 = MemcpyDataType.MEMCPY_32BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vals_id = runner.get_id("vals")
log_id = runner.get_id("log")
runner.load()
runner.run()

n = 8
vals = np.array([0x1100 + 0x11 * k for k in range(16)], dtype=np.uint32)
runner.memcpy_h2d(vals_id, np.concatenate([vals, np.zeros(16, np.uint32)]), 0, 0, 2, 1, 16,
                  streaming=False, order=row, data_type=u16, nonblock=False)
runner.launch("send", np.uint16(n), nonblock=False)
log = np.zeros(2 * 17, dtype=np.uint32)
runner.memcpy_d2h(log, log_id, 0, 0, 2, 1, 17, streaming=False, order=row, data_type=u32,
                  nonblock=False)
runner.stop()

count = int(log[33])
words = [int(w) for w in log[17:17 + min(16, count)]]
halves = sorted([w & 0xFFFF for w in words] + [w >> 16 for w in words])
failures = []
if count != n // 2:
    failures.append(f"{n} values in simd_32 mode arrived as {count} wavelets, the page: {n // 2} "
                    f"(wavelets {[hex(w) for w in words]})")
elif halves != sorted(int(v) for v in vals[:n]):
    failures.append(f"the halves {[hex(h) for h in halves]} are not the values sent")
for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
