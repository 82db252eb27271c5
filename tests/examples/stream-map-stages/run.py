#!/usr/bin/env cs_python
"""stream-map-stages: three launches with different scale/bias push a stream of n values
through the relay's FIFO stages into the sink's @map; the sink's results must match a
float32 model (the root within one ulp, the rest exact) and the relay must hold the launch's
scalars."""
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
data_id, weights_id = runner.get_id("data"), runner.get_id("weights")
runner.load()
runner.run()

rng = np.random.default_rng(77)
w = rng.uniform(0.0, 4.0, size=n).astype(np.float32)
runner.memcpy_h2d(weights_id, w, 2, 0, 1, 1, n, streaming=False, order=ROW, data_type=f32,
                  nonblock=False)
for scale, bias in ((3.0, 1.5), (-0.25, 0.0), (1.0e3, -7.0)):
    x = rng.uniform(-5, 5, size=n).astype(np.float32)
    runner.memcpy_h2d(data_id, x, 0, 0, 1, 1, n, streaming=False, order=ROW, data_type=f32,
                      nonblock=False)
    runner.launch("run", np.float32(scale), np.float32(bias), nonblock=False)
    got = np.zeros(n, dtype=np.float32)
    runner.memcpy_d2h(got, data_id, 2, 0, 1, 1, n, streaming=False, order=ROW, data_type=f32,
                      nonblock=False)
    relay = np.zeros(2, dtype=np.float32)
    runner.memcpy_d2h(relay, data_id, 1, 0, 1, 1, 2, streaming=False, order=ROW, data_type=f32,
                      nonblock=False)
    assert relay.tolist() == [np.float32(scale), np.float32(bias)], relay
    v = ((x * np.float32(scale)).astype(np.float32) + np.float32(bias)).astype(np.float32)
    root = np.sqrt(((v * v).astype(np.float32) + w).astype(np.float32))
    half = (v * np.float32(0.5)).astype(np.float32)
    want = (root - half).astype(np.float32)
    # <math> sqrt_f32 may be one ulp off the rounded root; the rest is exact, so the
    # result must be the model's with the root itself or one of its neighbours.
    ok = got == want
    for neighbour in (np.nextafter(root, np.float32(np.inf)), np.nextafter(root, np.float32(0))):
        ok |= got == (neighbour - half).astype(np.float32)
    bad = np.nonzero(~ok)[0]
    assert bad.size == 0, f"scale {scale}: {bad.size} values differ, first at {bad[0]}: " \
        f"{got[bad[0]]} vs {want[bad[0]]} (v = {v[bad[0]]})"
    print(f"scale {scale}, bias {bias}: {n} values match")
runner.stop()
print("SUCCESS!")
