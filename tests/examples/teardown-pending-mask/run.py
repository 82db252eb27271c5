#!/usr/bin/env cs_python
"""teardown-pending-mask: each PE runs one handler per color per launch (four in all over two
launches). In a color's handler: its own bit of get_pending() is set before exit and clear
after; is_pending(mask, a/b) equals bits 5/6 of the mask; no bit but 5 and 6 is ever set;
is_active(own) is 1 before exit and 0 after; the other color's bit is left alone by exit."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
rec_id = runner.get_id("rec")
runner.load()
runner.run()
runner.launch("fire", nonblock=False)
runner.launch("fire", nonblock=False)
rec = np.zeros(64, dtype=np.uint32)
runner.memcpy_d2h(rec, rec_id, 0, 0, 2, 1, 32, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()
rec = rec.reshape(2, 4, 8)

bad = []
for pe in range(2):
    seen = []
    for k in range(4):
        tag, before, pa, pb, act0, after, act1, launch = (int(v) for v in rec[pe, k])
        where = f"PE {pe} handler run {k} (color {tag}, launch {launch})"
        seen.append((launch, tag))
        own = 1 << tag
        if before & ~(0x60):
            bad.append(f"{where}: mask {before:#x} has bits other than colors 5, 6")
        if not before & own:
            bad.append(f"{where}: own bit clear in get_pending() {before:#x}")
        if after & own:
            bad.append(f"{where}: own bit still set after exit: {after:#x}")
        if pa != (before >> 5) & 1 or pb != (before >> 6) & 1:
            bad.append(f"{where}: is_pending {pa},{pb} for mask {before:#x}")
        if (act0, act1) != (1, 0):
            bad.append(f"{where}: is_active before/after exit {act0}/{act1}")
    if sorted(seen) != [(1, 5), (1, 6), (2, 5), (2, 6)]:
        bad.append(f"PE {pe}: handlers ran for (launch, color) {seen}")

for b in bad:
    print(b)
if bad:
    print(f"FAIL: {len(bad)} problems")
    sys.exit(1)
print("SUCCESS!")
