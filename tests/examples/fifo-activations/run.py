#!/usr/bin/env cs_python
"""fifo-activations: two streams of 40 values through a 6-element FIFO; the sink must get
3*x in order, and the relay's push- and pop-activated tasks must each have run (at most
once per element: activations that come while a task is pending merge)."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
buf_id, stats_id = runner.get_id("buf"), runner.get_id("stats")
runner.load()
runner.run()

rng = np.random.default_rng(66)
for _ in range(2):
    x = rng.uniform(-10, 10, size=n).astype(np.float32)
    runner.memcpy_h2d(buf_id, x, 0, 0, 1, 1, n, streaming=False, order=ROW, data_type=f32,
                      nonblock=False)
    runner.launch("run", nonblock=False)
    got = np.zeros(n, dtype=np.float32)
    runner.memcpy_d2h(got, buf_id, 2, 0, 1, 1, n, streaming=False, order=ROW, data_type=f32,
                      nonblock=False)
    np.testing.assert_array_equal(got, (x * np.float32(3.0)).astype(np.float32))
stats = np.zeros(2, dtype=np.uint32)
runner.memcpy_d2h(stats, stats_id, 1, 0, 1, 1, 2, streaming=False, order=ROW, data_type=f32,
                  nonblock=False)
runner.stop()
drains, pops = int(stats[0]), int(stats[1])
assert 2 <= drains <= 2 * n, f"drain task ran {drains} times"
assert 1 <= pops <= 2 * n, f"pop task ran {pops} times"
print(f"drain task runs: {drains}, pop task runs: {pops}")
print("SUCCESS!")
