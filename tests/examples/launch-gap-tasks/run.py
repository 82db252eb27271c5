#!/usr/bin/env cs_python
"""launch-gap-tasks: six back-to-back launches; launch k must see k local-task runs and all
values sent by earlier launches."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
seen_id = runner.get_id("seen")
runner.load()
runner.run()
sends = [3, 0, 5, 1, 8, 2]
for n in sends:
    runner.launch("kick", np.uint16(n), nonblock=False)
seen = np.zeros(64, np.uint32)
runner.memcpy_d2h(seen, seen_id, 0, 0, 2, 1, 32, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()
seen = seen.reshape(2, 32)
for k in range(len(sends)):
    for x in range(2):
        ticks, received = int(seen[x, 2 * k]), int(seen[x, 2 * k + 1])
        assert ticks == k, f"launch {k} PE {x}: the local task had run {ticks} times, want {k}"
        want = sum(sends[:k]) if x == 1 else 0
        assert received == want, f"launch {k} PE {x}: {received} values received, want {want}"
print("SUCCESS!")
