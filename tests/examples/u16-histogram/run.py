#!/usr/bin/env cs_python
"""u16-histogram: 16-bit copies both ways (COL_MAJOR in, ROW_MAJOR out), two tallies
with different shifts accumulating into one histogram, then a clear and a third."""
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
width, height = int(params["width"]), int(params["height"])
samples, bins = int(params["samples"]), int(params["bins"])
pes = width * height

rng = np.random.default_rng(5)
# data[y][x][k]: full-range u16 values, including 0 and 0xffff.
data = rng.integers(0, 2**16, size=(height, width, samples), dtype=np.uint16)
data[0, 0, 0], data[-1, -1, -1] = 0, 0xFFFF
key = 0xA5C3
shift_a = 16 - int(np.log2(bins))  # the top bits: every bucket is in range
shift_b = shift_a + 1              # half the buckets


def histogram(shift):
    bucket = (data >> shift).astype(np.int64)
    weight = 1 + (data & 3).astype(np.int64)
    hist = np.zeros((height, width, bins), dtype=np.int64)
    for y in range(height):
        for x in range(width):
            np.add.at(hist[y, x], bucket[y, x], weight[y, x])
    return hist.astype(np.uint16)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {name: runner.get_id(name) for name in ("data", "hist", "ones", "masked")}
runner.load()
runner.run()

u16 = MemcpyDataType.MEMCPY_16BIT
col_major = input_array_to_u32(data.transpose(2, 1, 0).ravel(), 0, samples)
runner.memcpy_h2d(ids["data"], col_major, 0, 0, width, height, samples, streaming=False,
                  order=MemcpyOrder.COL_MAJOR, data_type=u16, nonblock=False)


def read(name, per_pe):
    out = np.zeros(pes * per_pe, dtype=np.uint32)
    runner.memcpy_d2h(out, ids[name], 0, 0, width, height, per_pe, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u16, nonblock=False)
    assert not (out >> 16).any(), f"{name}: upper halves of 16-bit words are not zero"
    return memcpy_view(out, np.dtype(np.uint16)).reshape(height, width, per_pe)


runner.launch("tally", np.uint16(shift_a), np.uint16(key), nonblock=False)
runner.launch("tally", np.uint16(shift_b), np.uint16(key), nonblock=False)
hist_ab = read("hist", bins)
runner.launch("clear", nonblock=False)
runner.launch("tally", np.uint16(shift_b), np.uint16(key ^ 0xFFFF), nonblock=False)
hist_b = read("hist", bins)
ones = read("ones", samples)
masked = read("masked", samples)
runner.stop()

np.testing.assert_array_equal(hist_ab, histogram(shift_a) + histogram(shift_b))
np.testing.assert_array_equal(hist_b, histogram(shift_b))
popcount = np.unpackbits(data.view(np.uint8), axis=-1).reshape(height, width, samples, 16).sum(-1)
np.testing.assert_array_equal(ones, popcount)
np.testing.assert_array_equal(masked, data ^ np.uint16(key ^ 0xFFFF))
print("SUCCESS!")
