#!/usr/bin/env cs_python
"""switch-steer-runtime: after `arm`, each `steer(p1, p2)` must put PE 1 and PE 2 at the
positions asked (get_current_position reads them back) and the next `send` must deliver
the whole block, in order, to the first of PE 1, PE 2 at position 0 (PE 3 when both are
at 1) and to no other PE; `reset` must bring both back to position 0."""
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
ROW = MemcpyOrder.ROW_MAJOR
B32, B16 = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
block_id, got_id, pos_id = runner.get_id("block"), runner.get_id("got"), runner.get_id("pos")
runner.load()
runner.run()
runner.launch("arm", nonblock=False)


def read_got():
    out = np.zeros(4 * (BLK + 1), dtype=np.uint32)
    runner.memcpy_d2h(out, got_id, 0, 0, 4, 1, BLK + 1, streaming=False, order=ROW,
                      data_type=B32, nonblock=False)
    return out.reshape(4, BLK + 1)


def read_pos():
    out = np.zeros(8, dtype=np.uint32)
    runner.memcpy_d2h(out, pos_id, 0, 0, 4, 1, 2, streaming=False, order=ROW, data_type=B16,
                      nonblock=False)
    return (out & 0xffff).reshape(4, 2)


bad = []
rng = np.random.default_rng(3)
for step, (p1, p2) in enumerate([(0, 0), (1, 0), (1, 1), (0, 1), (1, 1), (0, 0), (1, 0)]):
    block = rng.integers(0, 2**32, BLK, dtype=np.uint64).astype(np.uint32)
    runner.memcpy_h2d(block_id, np.tile(block, 4), 0, 0, 4, 1, BLK, streaming=False, order=ROW,
                      data_type=B32, nonblock=False)
    runner.launch("steer", np.uint16(p1), np.uint16(p2), nonblock=False)
    pos = read_pos()
    if pos[1, 0] != p1 or pos[2, 0] != p2:
        bad.append(f"steer({p1}, {p2}): positions read back {pos[1, 0]}, {pos[2, 0]}")
    runner.launch("send", nonblock=False)
    dest = 1 if p1 == 0 else 2 if p2 == 0 else 3
    for _ in range(50):  # the block may still be on its way when send returns
        got = read_got()
        if got[1:, 0].sum() >= BLK:
            break
        time.sleep(0.01)
    counts = got[1:, 0].tolist()
    want = [BLK if x == dest else 0 for x in (1, 2, 3)]
    if counts != want:
        bad.append(f"steer({p1}, {p2}): wavelets per PE 1..3 {counts}, want {want}")
    elif not (got[dest, 1:] == block).all():
        bad.append(f"steer({p1}, {p2}): PE {dest} got {got[dest, 1:6]}..., want {block[:5]}...")

runner.launch("reset", nonblock=False)
pos = read_pos()
if pos[1, 1] != 0 or pos[2, 1] != 0:
    bad.append(f"after clear_current_position: {pos[1, 1]}, {pos[2, 1]}")
runner.stop()

for b in bad:
    print(b)
if bad:
    print(f"FAIL: {len(bad)} checks")
    sys.exit(1)
print("SUCCESS!")
