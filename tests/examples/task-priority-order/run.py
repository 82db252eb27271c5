#!/usr/bin/env cs_python
"""task-priority-order: launches that activate several tasks at once; in each round every
HIGH task (hot always, warm when raised) must run before every LOW one, and each activated
task runs exactly once. Rounds that start with a lone LOW task move any round-robin pointer."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT
BIT = {1: 1, 2: 2, 3: 4, 4: 8}
NAME = {1: "a", 2: "hot", 3: "warm", 4: "c"}

rounds = [(15, 0), (1, 0), (15, 0), (8, 0), (11, 0), (15, 1), (1, 0), (13, 1), (4, 0),
          (15, 0), (9, 1), (14, 1)]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
log_id = runner.get_id("log")
runner.load()
runner.run()

failures = []
seen = 0
for r, (mask, warm_high) in enumerate(rounds):
    runner.launch("fire", np.uint16(mask), np.uint16(warm_high), nonblock=False)
    log = np.zeros(64, dtype=np.uint32)
    runner.memcpy_d2h(log, log_id, 0, 0, 1, 1, 64, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    n = int(log[63])
    ran = [int(v) for v in log[seen:n]]
    seen = n
    want = sorted(t for t in BIT if mask & BIT[t])
    if sorted(ran) != want:
        failures.append(f"round {r}: ran {[NAME[t] for t in ran]}, activated {[NAME[t] for t in want]}")
        continue
    high = {2} | ({3} if warm_high else set())
    rank = [0 if t in high else 1 for t in ran]
    if rank != sorted(rank):
        failures.append(f"round {r} (warm {'HIGH' if warm_high else 'LOW'}): ran "
                        f"{[NAME[t] for t in ran]}; a LOW task ran before a HIGH one")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
