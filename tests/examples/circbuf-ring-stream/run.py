#!/usr/bin/env cs_python
"""circbuf-ring-stream: a periodic signal from a circular read, received into a FIFO and
drained one value at a time into a circular ring. Checks the stream (pattern[i mod p]),
the ring (slot k: the last value at a position = k mod w), the pops that returned true
(n) and their sum; three launches with other patterns."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
n, p, w = int(params["n"]), int(params["p"]), int(params["w"])
assert n > p and n > w and n % w != 0

rt = SdkRuntime(args.name, cmaddr=args.cmaddr)
rt.load()
rt.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
f32 = np.float32

rng = np.random.default_rng(31)
for launch in range(3):
    pattern = rng.integers(-50, 50, size=p).astype(f32)
    rt.memcpy_h2d(rt.get_id("buf"), pattern, 0, 0, 1, 1, p, streaming=False, order=row,
                  data_type=u32, nonblock=False)
    rt.launch("go", nonblock=False)
    got = np.zeros(w + n + 3, dtype=f32)
    rt.memcpy_d2h(got, rt.get_id("buf"), 1, 0, 1, 1, w + n + 3, streaming=False, order=row,
                  data_type=u32, nonblock=False)
    stream = pattern[np.arange(n) % p]
    ring = np.zeros(w, dtype=f32)
    for i, v in enumerate(stream):
        ring[i % w] = v
    total = f32(0)
    for v in stream:
        total = f32(total + v)
    where = f"launch {launch}"
    np.testing.assert_array_equal(got[w:w + n], stream, err_msg=f"{where}: drained stream")
    np.testing.assert_array_equal(got[:w], ring, err_msg=f"{where}: ring")
    assert got[w + n + 1] == n, f"{where}: {got[w + n + 1]} pops returned true, want {n}"
    assert got[w + n + 2] == total, f"{where}: sum {got[w + n + 2]} != {total}"
    print(f"{where}: drain found the FIFO empty {int(got[w + n])} time(s)")
rt.stop()
print("SUCCESS!")
