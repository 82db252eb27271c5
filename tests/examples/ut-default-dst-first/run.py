#!/usr/bin/env cs_python
"""ut-default-dst-first: three rounds; after each, the sink's count and sum."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
state_id = runner.get_id("state")
runner.load()
runner.run()

failures = []
count = total = 0
for r, n in enumerate([6, 1, 20]):
    runner.launch("go", np.uint16(n), nonblock=False)
    count += n
    total += sum(1000 * (r + 1) + k for k in range(n))
    st = np.zeros(3 * 2, dtype=np.uint32)
    runner.memcpy_d2h(st, state_id, 0, 0, 3, 1, 2, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    got = (int(st[4]), int(st[5]))
    if got != (count, total):
        failures.append(f"round {r} (n {n}): sink has {got}, want {(count, total)}")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
