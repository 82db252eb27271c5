#!/usr/bin/env cs_python
"""map-fabric-relay: three passes with other data, scalars and stream lengths fixed by n;
the east PE's arrays and accumulator against numpy in float32 / int16 / int32."""
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
row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT
u16 = MemcpyDataType.MEMCPY_16BIT
rng = np.random.default_rng(99)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("xs", "hs", "wide", "acc")}
runner.load()
runner.run()
w = (np.float32(0.125) * (2.0 ** (np.arange(n) % 4))).astype(np.float32)
for k, b in ((1.5, 7), (-0.1, -32768), (3e30, 32767)):
    x = rng.normal(0, 1000, n).astype(np.float32)
    h = rng.integers(-32768, 32768, n).astype(np.int16)
    h[0] = -32768
    runner.memcpy_h2d(ids["xs"], np.tile(x, 3), 0, 0, 3, 1, n, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    runner.memcpy_h2d(ids["hs"], np.tile(h.view(np.uint16).astype(np.uint32), 3), 0, 0, 3, 1, n,
                      streaming=False, order=row, data_type=u16, nonblock=False)
    runner.launch("pass", np.float32(k), np.int16(b), nonblock=False)
    got_x = np.zeros(3 * n, np.float32)
    runner.memcpy_d2h(got_x, ids["xs"], 0, 0, 3, 1, n, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    got_w = np.zeros(3 * n, np.int32)
    runner.memcpy_d2h(got_w, ids["wide"], 0, 0, 3, 1, n, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    got_a = np.zeros(3, np.float32)
    runner.memcpy_d2h(got_a, ids["acc"], 0, 0, 3, 1, 1, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    with np.errstate(over="ignore"):
        mid = ((x * w).astype(np.float32) + np.float32(k)).astype(np.float32)
        east = (mid * np.float32(0.5)).astype(np.float32)
    acc = np.float32(0.0)
    for v in east:
        acc = np.float32(acc + v)
    flipped = (np.int16(b).astype(np.int32) - h.astype(np.int32)).astype(np.int16)
    wide = flipped.astype(np.int32) * 3
    assert np.array_equal(got_x[2 * n:].view(np.uint32), east.view(np.uint32)), \
        f"k={k}: east xs {got_x[2 * n:]} != {east}"
    assert np.array_equal(got_x[:2 * n], np.tile(x, 2)), "west/middle xs changed"
    assert got_a[2].view(np.uint32) == acc.view(np.uint32), f"k={k}: acc {got_a[2]} != {acc}"
    assert np.array_equal(got_w[2 * n:], wide), f"b={b}: wide {got_w[2 * n:]} != {wide}"
runner.stop()
print("SUCCESS!")
