#!/usr/bin/env cs_python
"""teardown-start-gate: send while PE 1's color is in teardown (nothing arrives anywhere),
probe, open (route rewritten, teardown exited), then send more: counts, sums and the
teardown-pending flags after each step."""
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


def state():
    s = np.zeros(3 * 4, dtype=np.uint32)
    runner.memcpy_d2h(s, state_id, 0, 0, 3, 1, 4, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    return s.reshape(3, 4)


failures = []


def check(what, pe, want):
    got = [int(v) for v in state()[pe]]
    if got != want:
        failures.append(f"{what}: PE {pe} state (count, sum, pending before, pending after) {got}, want {want}")


first = list(range(100, 105))
runner.launch("send", np.uint16(5), np.uint32(100), nonblock=False)
runner.launch("probe", nonblock=False)
check("held", 1, [0, 0, 1, 0])
check("held", 2, [0, 0, 0, 0])
runner.launch("open", nonblock=False)
runner.launch("probe", nonblock=False)  # a probe after the exit: nothing pending
check("opened", 1, [5, sum(first), 0, 0])
check("opened", 2, [5, sum(first), 0, 0])
runner.launch("send", np.uint16(3), np.uint32(200), nonblock=False)
check("after", 1, [8, sum(first) + 603, 0, 0])
check("after", 2, [8, sum(first) + 603, 0, 0])
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
