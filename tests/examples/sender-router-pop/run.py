#!/usr/bin/env cs_python
"""sender-router-pop: rounds of (color, message, value); a model of PE 1's switch on each
color (PE 0's router pops on `popping` only) says which PE takes each data word."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT
MESSAGES = [["ADV"], ["NOP", "ADV"]]
POPS = {0: True, 1: False}  # does PE 0's router pop on this color

pos = {0: 0, 1: 0}       # PE 1's switch position per color
counts = np.zeros((3, 4), dtype=np.int64)
last = np.zeros((3, 4), dtype=np.int64)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
got_id = runner.get_id("got")
runner.load()
runner.run()

failures = []
rounds = [(1, 0), (0, 0), (0, 1), (1, 1), (1, 0), (0, 1), (1, 0), (0, 0)]
for r, (which, msg) in enumerate(rounds):
    value = 0x500 + r
    runner.launch("send", np.uint16(which), np.uint16(msg), np.uint32(value), nonblock=False)
    cmds = list(MESSAGES[msg]) + ["NOP"] * 8
    if POPS[which]:
        cmds = cmds[1:]          # PE 0 executed and popped command 0
    if cmds[0] == "ADV":
        pos[which] = 1 - pos[which]  # pos1 then ring back to 0 (pos2 invalid)
    taker = 1 if pos[which] == 1 else 2
    counts[taker, 2 * which] += 1
    last[taker, 2 * which + 1] = value
    got = np.zeros(3 * 4, dtype=np.uint32)
    runner.memcpy_d2h(got, got_id, 0, 0, 3, 1, 4, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    got = got.reshape(3, 4).astype(np.int64)
    for x in (1, 2):
        for k in (0, 2):
            if got[x, k] != counts[x, k] or (counts[x, k] and got[x, k + 1] != last[x, k + 1]):
                failures.append(f"round {r} (color {'popping' if which == 0 else 'keeping'}, "
                                f"message {MESSAGES[msg]}): PE {x} has {got[x, k]} words on color "
                                f"{'popping' if k == 0 else 'keeping'} (last {got[x, k + 1]:#x}), "
                                f"want {counts[x, k]} (last {last[x, k + 1]:#x})")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
