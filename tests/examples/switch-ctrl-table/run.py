#!/usr/bin/env cs_python
"""switch-ctrl-table: deals of 5, 4, 1, 8 and 3 blocks (odd counts leave the switch at
position 1 for the next setup to find and clear); each taker's log (data and control
wavelets, in arrival order, control entries after its table's offset) and counters
checked exactly."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
max_blocks, max_blk = int(params["max_blocks"]), int(params["max_blk"])
log_len = (max_blocks // 2 + 1) * (max_blk + 1)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("log", "info")}
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR


def get(name, px, count):
    out = np.zeros(count, dtype=np.uint32)
    runner.memcpy_d2h(out, ids[name], px, 0, 1, 1, count, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    return out


tables = {1: (1, 2), 2: (3, 5)}  # taker x: (ctrl_table_id, stride)
totals = {1: [0, 0], 2: [0, 0]}
position = 0
deals = ((5, 6), (4, max_blk), (1, 3), (max_blocks, 2), (3, 1))
for launch, (blocks, blk) in enumerate(deals, start=1):
    runner.launch("setup", nonblock=False)
    assert get("info", 1, 4)[1] == position, f"setup {launch}: switch position"
    runner.launch("deal", np.uint16(blocks), np.uint16(blk), nonblock=False)
    logs = {1: [], 2: []}
    for b in range(blocks):
        x = 1 if b % 2 == 0 else 2
        table, stride = tables[x]
        logs[x] += [(b << 16) | i for i in range(blk)]
        entry = table * stride + 1 + (b // 2) % 2
        logs[x].append(0x80000000 | (entry << 16) | (7 * b + 1))
        totals[x][0] += blk
        totals[x][1] += 1
    position = blocks % 2
    for x in (1, 2):
        got = get("log", x, log_len)[: len(logs[x])]
        np.testing.assert_array_equal(got, np.array(logs[x], dtype=np.uint32),
                                      err_msg=f"deal {launch}: taker {x}")
        info = get("info", x, 4)
        assert info[0] == launch and list(info[2:]) == totals[x], f"taker {x}: {info}"
    print(f"deal {launch}: {blocks} blocks of {blk}")
runner.stop()
print("SUCCESS!")
