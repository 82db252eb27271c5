#!/usr/bin/env cs_python
"""sparse-scatter: two streams of random (index, value) pairs, repeated indices included,
added into per-PE f16 and f32 accumulators; the values are multiples of 1/4 so every sum
is exact in f16 and the order of the additions does not matter."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import input_array_to_u32, memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
bins = int(params["bins"])
MEMCPYH2D_DATA_1 = int(params["MEMCPYH2D_DATA_1_ID"])
w, h = 2, 2
m16, m32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
acc16_id, acc32_id = runner.get_id("acc16"), runner.get_id("acc32")
runner.load()
runner.run()

rng = np.random.default_rng(5150)
want = np.zeros((h, w, bins), dtype=np.float64)
for pairs in (23, 9):
    index = rng.integers(0, bins, size=(h, w, pairs)).astype(np.uint32)
    value = (rng.integers(-16, 17, size=(h, w, pairs)) / 4.0).astype(np.float16)
    words = input_array_to_u32(value.ravel(), None, pairs) | (index.ravel() << np.uint32(16))
    runner.memcpy_h2d(MEMCPYH2D_DATA_1, words, 0, 0, w, h, pairs, streaming=True, order=ROW,
                      data_type=m16, nonblock=True)
    runner.launch("finish", np.uint16(pairs), nonblock=False)
    for y in range(h):
        for x in range(w):
            np.add.at(want[y, x], index[y, x], value[y, x].astype(np.float64))

raw16 = np.zeros(w * h * bins, dtype=np.uint32)
runner.memcpy_d2h(raw16, acc16_id, 0, 0, w, h, bins, streaming=False, order=ROW, data_type=m16,
                  nonblock=False)
acc32 = np.zeros(w * h * bins, dtype=np.float32)
runner.memcpy_d2h(acc32, acc32_id, 0, 0, w, h, bins, streaming=False, order=ROW, data_type=m32,
                  nonblock=False)
runner.stop()

acc16 = memcpy_view(raw16, np.dtype(np.float16)).reshape(h, w, bins)
np.testing.assert_array_equal(acc16, want.astype(np.float16))
np.testing.assert_array_equal(acc32.reshape(h, w, bins), want.astype(np.float32))
print("SUCCESS!")
