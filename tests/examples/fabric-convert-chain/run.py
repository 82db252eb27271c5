#!/usr/bin/env cs_python
"""fabric-convert-chain: conversions with fabric operands, 16-bit and 32-bit wavelets in
turn. Chain a: f32 x (integers within +-2048) -> i16 wavelets -> f16 wavelets -> f32 at
the last PE, which must equal x. Chain b: f16 h (integers within +-2048) -> f32 wavelets
-> f16 wavelets -> i16 at the last PE, which must equal h. Two launches with new data;
streams of 40, longer than any queue."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import input_array_to_u32

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])
m16, m32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
rng = np.random.default_rng(113)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("x", "h", "za", "zb")}
runner.load()
runner.run()
failures = 0
for rnd in range(2):
    x = rng.integers(-2048, 2049, n).astype(np.float32)
    x[:4] = [-2048.0, 2048.0, -0.0, 1.0]
    h = rng.integers(-2048, 2049, n).astype(np.float16)
    h[:4] = [2048.0, -2048.0, 0.0, -1.0]
    runner.memcpy_h2d(ids["x"], x, 0, 0, 1, 1, n, streaming=False, order=ROW, data_type=m32,
                      nonblock=False)
    runner.memcpy_h2d(ids["h"], input_array_to_u32(h, None, n), 0, 0, 1, 1, n,
                      streaming=False, order=ROW, data_type=m16, nonblock=False)
    runner.launch("run", nonblock=False)
    za = np.zeros(n, dtype=np.float32)
    runner.memcpy_d2h(za, ids["za"], 2, 0, 1, 1, n, streaming=False, order=ROW, data_type=m32,
                      nonblock=False)
    raw = np.zeros(n, dtype=np.uint32)
    runner.memcpy_d2h(raw, ids["zb"], 2, 0, 1, 1, n, streaming=False, order=ROW, data_type=m16,
                      nonblock=False)
    zb = (raw & 0xffff).astype(np.uint16).view(np.int16)
    want_a = x + np.float32(0.0)  # -0.0 becomes integer 0, then +0.0
    for i in np.nonzero(za.view(np.uint32) != want_a.view(np.uint32))[0]:
        failures += 1
        if failures <= 15:
            print(f"MISMATCH chain a round {rnd} [{i}]: x={x[i]!r} got {za[i]!r}")
    for i in np.nonzero(zb != h.astype(np.int16))[0]:
        failures += 1
        if failures <= 15:
            print(f"MISMATCH chain b round {rnd} [{i}]: h={h[i]!r} got {int(zb[i])}")
runner.stop()
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
