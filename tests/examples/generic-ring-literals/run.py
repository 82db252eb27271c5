#!/usr/bin/env cs_python
"""generic-ring-literals: 29 host words pushed through a Ring(u16, 8) (with a pop after
every word divisible by 3) and a Ring(f32, 5) (halved floats); the drained items in order,
the u16 ring's final length and the drop counts must equal a Python replay."""
import argparse
from collections import deque

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

rng = np.random.default_rng(31)
count = 29
floats = rng.uniform(-1000, 1000, count).astype(np.float32)
feed = floats.view(np.uint32).copy()

small, halves, dropped = deque(), deque(), 0
for w in feed:
    w = int(w)
    if len(small) == 8:
        small.popleft()
        dropped += 1
    small.append(w & 0xFFFF)
    if len(halves) == 5:
        halves.popleft()
        dropped += 0x10000
    halves.append(np.uint32(w).view(np.float32) * np.float32(0.5))
    if w % 3 == 0 and small:
        small.popleft()
want = np.zeros(66, dtype=np.uint32)
items = list(small) + [int(np.float32(h).view(np.uint32)) for h in halves]
want[:len(items)] = items
want[64] = len(small)
want[65] = dropped

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
feed_id = runner.get_id("feed")
drained_id = runner.get_id("drained")
runner.load()
runner.run()
row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT
padded = np.zeros(32, dtype=np.uint32)
padded[:count] = feed
runner.memcpy_h2d(feed_id, padded, 0, 0, 1, 1, 32, streaming=False, order=row, data_type=u32,
                  nonblock=False)
runner.launch("churn", np.uint16(count), nonblock=False)
got = np.zeros(66, dtype=np.uint32)
runner.memcpy_d2h(got, drained_id, 0, 0, 1, 1, 66, streaming=False, order=row, data_type=u32,
                  nonblock=False)
runner.stop()
bad = [(i, hex(g), hex(w)) for i, (g, w) in enumerate(zip(got, want)) if g != w]
assert not bad, f"(word, got, expected): {bad}"
print("SUCCESS!")
