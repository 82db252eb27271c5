#!/usr/bin/env cs_python
"""typed-ring-modules: a Python ring per (PE, type) replays every push (words reduced to
the type's bits) and checks count, dropped and the oldest-first snapshot after each
drain; six module instances per PE must keep separate state."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    CAP = int(json.load(f)["params"]["cap"])
W = 2
MASK = [0xFFFF, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFF]   # i16 u16 f16 f32 i32 u24
u32t = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR


class Ring:
    def __init__(self):
        self.items, self.dropped = [], 0

    def push(self, v):
        self.items.append(v)
        if len(self.items) > CAP:
            self.items.pop(0)
            self.dropped += 1


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
inbox, out = runner.get_id("inbox"), runner.get_id("out")
runner.load()
runner.run()
rng = np.random.default_rng(8)
model = [[Ring() for _ in range(6)] for _ in range(W)]
plan = [(0, 5), (3, 9), (2, 3), (5, 12), (1, 7), (4, 2), (0, 4), (2, 10), (3, 0), (5, 1),
        (4, 8), (1, 15)]
for step, (kind, n) in enumerate(plan):
    words = rng.integers(0, 1 << 32, size=(W, 64), dtype=np.uint64).astype(np.uint32)
    runner.memcpy_h2d(inbox, words.ravel(), 0, 0, W, 1, 64, streaming=False, order=row,
                      data_type=u32t, nonblock=False)
    runner.launch("push", np.uint16(kind), np.uint16(n), nonblock=False)
    for x in range(W):
        for i in range(n):
            model[x][kind].push(int(words[x, i]) & MASK[kind])
    if step % 3 == 2 or step == len(plan) - 1:
        runner.launch("drain", nonblock=False)
        got = np.zeros(W * 6 * (CAP + 2), dtype=np.uint32)
        runner.memcpy_d2h(got, out, 0, 0, W, 1, 6 * (CAP + 2), streaming=False, order=row,
                          data_type=u32t, nonblock=False)
        got = got.reshape(W, 6, CAP + 2)
        for x in range(W):
            for r in range(6):
                ring = model[x][r]
                want = [len(ring.items), ring.dropped] + ring.items + \
                    [0xDEAD] * (CAP - len(ring.items))
                assert [int(v) for v in got[x, r]] == want, \
                    f"step {step} PE {x} ring {r}: {list(got[x, r])} want {want}"
runner.stop()
print("SUCCESS!")
