#!/usr/bin/env cs_python
"""targeted-teardown: scripts of targeted TEARDOWNs and data; after each, every PE's handler
count, data count and sum, and route flag against a model."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT


def T(k):
    return 0xFFFF0000 | k


scripts = [
    [101, T(2), 102, 103],
    [T(1), 104, T(2), 105],
    [T(3), 106, T(1), 107, T(3), T(2), 108],
    [T(2), T(2), 109, T(1), 110],
]

state = np.zeros((4, 4), dtype=np.int64)   # handler runs, words, sum, delivers


def deliver(v):
    for x in (1, 2, 3):
        if x == 3 or state[x, 3] == 1:
            state[x, 1] += 1
            state[x, 2] += v
            return


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
script_id = runner.get_id("script")
state_id = runner.get_id("state")
runner.load()
runner.run()

failures = []
for r, s in enumerate(scripts):
    buf = np.zeros(32, dtype=np.uint32)
    buf[:len(s)] = s
    runner.memcpy_h2d(script_id, buf, 0, 0, 1, 1, 32, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    runner.launch("play", np.uint16(len(s)), nonblock=False)
    for w in s:
        if (w >> 16) == 0xFFFF:
            k = w & 3
            # the list reaches router k only if the routers before it forward
            if all(state[x, 3] == 0 for x in range(1, k)):
                state[k, 0] += 1
                if k in (1, 2):
                    state[k, 3] ^= 1
        else:
            deliver(w)
    got = np.zeros(4 * 4, dtype=np.uint32)
    runner.memcpy_d2h(got, state_id, 0, 0, 4, 1, 4, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    got = got.reshape(4, 4).astype(np.int64)
    for x in (1, 2, 3):
        if not np.array_equal(got[x], state[x]):
            failures.append(f"script {r} PE {x}: (handler runs, words, sum, delivers) {got[x].tolist()}, "
                            f"want {state[x].tolist()}")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
