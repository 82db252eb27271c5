#!/usr/bin/env cs_python
"""route-bits-runtime: a model of PE 1's base route (rx and tx direction sets) follows each
edit; the next block must reach PE 1 exactly when the route transmits to RAMP and PE 2
exactly when it transmits to EAST, whole and in order (no block is sent while the route
does not receive from WEST)."""
import argparse
import json
import sys
import time

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    BLK = int(json.load(f)["params"]["blk"])
ROW, B32 = MemcpyOrder.ROW_MAJOR, MemcpyDataType.MEMCPY_32BIT
# fabric_io: TX_WEST TX_EAST TX_SOUTH TX_NORTH TX_RAMP RX_WEST RX_EAST RX_SOUTH RX_NORTH RX_RAMP
IO = ["W", "E", "S", "N", "R"]
SET, TOGGLE, CLEAR = 0, 1, 2
TX_EAST, TX_RAMP, TX_NORTH, RX_WEST, RX_NORTH = 1, 4, 3, 5, 8
EDITS = [(SET, TX_EAST), (TOGGLE, TX_RAMP), (SET, TX_EAST), (TOGGLE, TX_RAMP),
         (CLEAR, TX_EAST), (CLEAR, TX_EAST), (TOGGLE, TX_EAST), (SET, RX_NORTH),
         (CLEAR, RX_WEST), (SET, RX_WEST), (CLEAR, TX_RAMP), (TOGGLE, TX_RAMP)]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
block_id, got_id = runner.get_id("block"), runner.get_id("got")
runner.load()
runner.run()

rx, tx = {"W"}, {"R"}
rng = np.random.default_rng(11)
bad = []
for op, d in [(SET, TX_RAMP)] + EDITS:  # the first edit changes nothing
    target = tx if d < 5 else rx
    name = IO[d % 5]
    if op == SET:
        target.add(name)
    elif op == TOGGLE:
        target.symmetric_difference_update({name})
    else:
        target.discard(name)
    block = rng.integers(0, 2**32, BLK, dtype=np.uint64).astype(np.uint32)
    runner.memcpy_h2d(block_id, np.tile(block, 3), 0, 0, 3, 1, BLK, streaming=False, order=ROW,
                      data_type=B32, nonblock=False)
    runner.launch("edit", np.uint16(op), np.uint16(d), nonblock=False)
    if "W" not in rx:
        continue  # PE 1 would not take the block: PE 0's send would wait for ever
    runner.launch("send", nonblock=False)
    want = [BLK if "R" in tx else 0, BLK if "E" in tx else 0]
    for _ in range(50):
        got = np.zeros(3 * (BLK + 1), dtype=np.uint32)
        runner.memcpy_d2h(got, got_id, 0, 0, 3, 1, BLK + 1, streaming=False, order=ROW,
                          data_type=B32, nonblock=False)
        got = got.reshape(3, BLK + 1)
        if got[1:, 0].tolist() == want or got[1:, 0].sum() > sum(want):
            break
        time.sleep(0.01)
    label = f"{['set', 'toggle', 'clear'][op]}({'TX' if d < 5 else 'RX'}_{name}) -> rx {sorted(rx)} tx {sorted(tx)}"
    if got[1:, 0].tolist() != want:
        bad.append(f"{label}: PE 1, PE 2 got {got[1:, 0].tolist()} wavelets, want {want}")
    for pe in (1, 2):
        if want[pe - 1] and not (got[pe, 1:] == block).all():
            bad.append(f"{label}: PE {pe} values differ")

runner.stop()
for b in bad:
    print(b)
if bad:
    print(f"FAIL: {len(bad)} checks")
    sys.exit(1)
print("SUCCESS!")
