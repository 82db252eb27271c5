#!/usr/bin/env cs_python
"""generic-link-lib: three steps on a 4x2 block; after each, every PE's blocks, combined
output and both instances' extremes are checked against a numpy model of the shifts."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

width, height, nf, nh = 4, 2, 6, 5
f32 = MemcpyDataType.MEMCPY_32BIT
b16 = MemcpyDataType.MEMCPY_16BIT
row = MemcpyOrder.ROW_MAJOR

fw = np.array([(k * k) % 7 + 1 for k in range(nf)], dtype=np.float32)
hw = np.array([(k * k) % 7 + 1 for k in range(nh)], dtype=np.int16)
scale = np.array([[1.0 + 0.5 * x - 0.25 * y for x in range(width)] for y in range(height)],
                 dtype=np.float32)

rng = np.random.default_rng(7)
fdata = rng.uniform(-4, 4, size=(height, width, nf)).astype(np.float32)
hdata = rng.integers(-300, 300, size=(height, width, nh)).astype(np.int16)
finbox = np.zeros_like(fdata)
hinbox = np.zeros_like(hdata)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("fdata", "hdata", "out", "stats")}
runner.load()
runner.run()

runner.memcpy_h2d(ids["fdata"], fdata.ravel(), 0, 0, width, height, nf, streaming=False,
                  order=row, data_type=f32, nonblock=False)
runner.memcpy_h2d(ids["hdata"], hdata.astype(np.int32).view(np.uint32).ravel() & 0xffff,
                  0, 0, width, height, nh, streaming=False, order=row, data_type=b16,
                  nonblock=False)


def extremes(buf):
    lo, hi, at_lo, at_hi = buf[0], buf[0], 0, 0
    for k in range(1, len(buf)):
        if buf[k] < lo:
            lo, at_lo = buf[k], k
        if buf[k] > hi:
            hi, at_hi = buf[k], k
    return [float(lo), float(hi), at_lo, at_hi]


def read(name, n, dtype=f32):
    got = np.zeros(height * width * n, dtype=np.uint32 if dtype == b16 else np.float32)
    runner.memcpy_d2h(got, ids[name], 0, 0, width, height, n, streaming=False, order=row,
                      data_type=dtype, nonblock=False)
    return got.reshape(height, width, n)


for s in range(1, 4):
    runner.launch("step", nonblock=False)
    # Each receiving PE gets its west neighbour's blocks; column 0 never receives.
    finbox[:, 1:] = fdata[:, :-1]
    hinbox[:, 1:] = hdata[:, :-1]
    fdata = np.where(np.arange(width)[None, :, None] > 0, finbox, fdata)
    hdata = np.where(np.arange(width)[None, :, None] > 0, hinbox, hdata)
    out = np.zeros((height, width, nf), dtype=np.float32)
    stats = np.zeros((height, width, 10), dtype=np.float32)
    for y in range(height):
        for x in range(width):
            for k in range(nf):
                j = k % nh
                h = np.int16(hinbox[y, x, j] * hw[j])
                t = np.float32(finbox[y, x, k] * fw[k]) * scale[y, x]
                out[y, x, k] = np.float32(t) + np.float32(h)
            stats[y, x, 0:4] = extremes(finbox[y, x])
            stats[y, x, 4:8] = extremes(hinbox[y, x])
            stats[y, x, 8:10] = s
    np.testing.assert_array_equal(read("fdata", nf), fdata, err_msg=f"fdata step {s}")
    got_h = read("hdata", nh, b16).astype(np.uint16).view(np.int16)
    np.testing.assert_array_equal(got_h, hdata, err_msg=f"hdata step {s}")
    np.testing.assert_array_equal(read("out", nf), out, err_msg=f"out step {s}")
    np.testing.assert_array_equal(read("stats", 10), stats, err_msg=f"stats step {s}")
    print(f"step {s} ok")

runner.stop()
print("SUCCESS!")
