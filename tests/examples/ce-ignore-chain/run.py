#!/usr/bin/env cs_python
"""ce-ignore-chain: each message in turn (some twice); after each, which receivers ran their
control task, against the page's per-command ce_ignore rule with always-popping routers."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT

# (ce_ignore of the given commands, ce_ignore_remaining); router k processes command k-1.
MESSAGES = [([True, False], False), ([True, False], True), ([False, True, False], True),
            ([True], False), ([False], False), ([True, True, True, False], True)]


def reached(k):
    given, rest = MESSAGES[k]
    flags = given + [rest] * (8 - len(given))
    return {x for x in range(1, 5) if not flags[x - 1]}


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runs_id = runner.get_id("runs")
runner.load()
runner.run()

failures = []
total = np.zeros(5, dtype=np.int64)
for k in [0, 1, 2, 3, 4, 5, 2, 0]:
    runner.launch("send", np.uint16(k), nonblock=False)
    for x in reached(k):
        total[x] += 1
    runs = np.zeros(5 * 2, dtype=np.uint32)
    runner.memcpy_d2h(runs, runs_id, 0, 0, 5, 1, 2, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    runs = runs.reshape(5, 2)
    got = runs[1:, 0].astype(np.int64)
    if not np.array_equal(got, total[1:]) or runs[1:, 1].any():
        failures.append(f"after message {k}: control task runs {got.tolist()} (data {runs[1:, 1].tolist()}), "
                        f"the page: {total[1:].tolist()} (message {k} reaches PEs {sorted(reached(k))})")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
