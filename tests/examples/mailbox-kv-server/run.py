#!/usr/bin/env cs_python
"""mailbox-kv-server: 40 random put/add/get requests, each written to PE 0's mailbox and
answered through its outbox (polled with copy-mode D2H), checked against a Python dict;
then every PE's table. The kernel never goes idle (PE 0 polls for ever), so stop() must
return on its own: the final check."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
P, slots = int(params["P"]), int(params["slots"])
PUT, ADD, GET = 1, 2, 3

u32 = MemcpyDataType.MEMCPY_32BIT
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
inbox = runner.get_id("inbox")
outbox = runner.get_id("outbox")
table = runner.get_id("table")
runner.load()
runner.run()

rng = np.random.default_rng(41)
model = {}
failures = []
for seq in range(1, 41):
    op = int(rng.choice([PUT, ADD, GET]))
    key = int(rng.integers(0, P * slots))
    value = int(rng.integers(0, 1000))
    old = model.get(key, 0)
    if op == PUT:
        model[key], want = value, old
    elif op == ADD:
        model[key] = want = old + value
    else:
        want = old
    runner.memcpy_h2d(inbox, np.array([op, key, value, seq], dtype=np.uint32), 0, 0, 1, 1, 4,
                      streaming=False, order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
    out = np.zeros(3, dtype=np.uint32)
    for _ in range(100):  # each copy runs the fabric on; the answer comes within a few
        runner.memcpy_d2h(out, outbox, 0, 0, 1, 1, 3, streaming=False,
                          order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
        if out[0] == seq:
            break
    if out[0] != seq:
        failures.append(f"request {seq} (op {op}, key {key}) got no answer: outbox {list(out)}")
        break
    if out[1] != want or out[2] != seq:
        failures.append(f"request {seq} (op {op}, key {key}, value {value}): result {out[1]}, "
                        f"expected {want}; served count {out[2]}")

got = np.zeros(P * slots, dtype=np.uint32)
runner.memcpy_d2h(got, table, 0, 0, P, 1, slots, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
got = got.reshape(P, slots)
for key, v in model.items():
    if got[key % P, key // P] != v:
        failures.append(f"key {key}: PE {key % P} slot {key // P} holds {got[key % P, key // P]}, expected {v}")
runner.stop()

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("SUCCESS!")
