#!/usr/bin/env cs_python
"""oq-status-gate: three launches with new values and gate keys; the receiver's log must
hold every value in order, none taken before the gate; the sender must have seen its
output queue empty, then full, then empty again; on WSE-3 the receiver's input queue was
full at the gate and empty at the end."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", default="wse2", help="wse2 or wse3, as compiled")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])
wse3 = args.arch == "wse3"

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("values", "log", "seen")}
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR


def get(name, px, count):
    out = np.zeros(count, dtype=np.uint32)
    runner.memcpy_d2h(out, ids[name], px, 0, 1, 1, count, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    return out


rng = np.random.default_rng(77)
for launch in range(1, 4):
    values = rng.integers(0, 1 << 32, size=n, dtype=np.uint32)
    key = int(rng.integers(1, 1 << 32))
    runner.memcpy_h2d(ids["values"], values, 0, 0, 1, 1, n, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    runner.launch("go", np.uint32(key), nonblock=False)
    np.testing.assert_array_equal(get("log", 1, n), values)
    s = get("seen", 0, 7)
    assert s[0] == 1, f"output queue not empty before the send: {s}"
    assert s[2] == 1 and s[4] == 1, s
    assert s[5] == 1, f"gate queue not empty at the end: {s}"
    assert s[6] == launch, s
    r = get("seen", 1, 7)
    assert r[0] == key, f"gate key {r[0]:#x} != {key:#x}"
    assert r[3] == 0, f"{r[3]} values taken before the gate"
    assert r[4] == launch, r
    if wse3:
        assert r[1] == 1, f"receiver's input queue not full at the gate: {r}"
        assert r[2] == 1, f"receiver's input queue not empty at the end: {r}"
    print(f"launch {launch}: {s[1]} polls until full, {s[3]} until empty")
runner.stop()
print("SUCCESS!")
