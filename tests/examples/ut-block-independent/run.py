#!/usr/bin/env cs_python
"""ut-block-independent: steps of hold/send; after each, the receiver's count."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT

# (function, argument, words the data task has taken after the step)
steps = [("send", 3, 3), ("hold", 0, 3), ("send", 4, 7), ("hold", 1, 7), ("send", 2, 9),
         ("hold", 2, 9), ("send", 3, 9), ("hold", 0, 9), ("hold", 3, 12), ("hold", 1, 12)]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
got_id = runner.get_id("got")
runner.load()
runner.run()

failures = []
for k, (fn, a, want) in enumerate(steps):
    runner.launch(fn, np.uint16(a), nonblock=False)
    got = np.zeros(2, dtype=np.uint32)
    runner.memcpy_d2h(got, got_id, 0, 0, 2, 1, 1, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    if int(got[1]) != want:
        failures.append(f"after step {k} ({fn}({a})): the data task on iq 3 took {int(got[1])} words, want {want}")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
