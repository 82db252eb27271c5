#!/usr/bin/env cs_python
"""multicast-three-ways: one stream from (1,0), copied by its router to three
neighbours, each scaling it differently; idle PEs and the source keep their data."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port or unix:PATH of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
buf_id = runner.get_id("buf")
runner.load()
runner.run()

f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
rng = np.random.default_rng(5)
start = rng.uniform(-10, 10, size=(2, 3, n)).astype(np.float32)  # [y][x][i]
runner.memcpy_h2d(buf_id, start.ravel(), 0, 0, 3, 2, n, streaming=False, order=row,
                  data_type=f32, nonblock=False)
offset = np.float32(0.25)
runner.launch("spread", offset, nonblock=False)
got = np.zeros(2 * 3 * n, dtype=np.float32)
runner.memcpy_d2h(got, buf_id, 0, 0, 3, 2, n, streaming=False, order=row, data_type=f32,
                  nonblock=False)
runner.stop()
got = got.reshape(2, 3, n)

sent = start[0, 1]
expected = start.copy()
for (y, x), scale in {(0, 0): 2.0, (0, 2): -0.5, (1, 1): 3.0}.items():
    expected[y, x] = (sent * np.float32(scale)) + offset
np.testing.assert_array_equal(got, expected)
print("SUCCESS!")
