#!/usr/bin/env cs_python
"""ptr-param-readers: three rounds; the receiver's buffers must equal what the sender
sent (i16 bit for bit, k * f32), its sums match numpy (wrapping i16, float32 in order),
and each reader instance counts its own fills."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

f32 = MemcpyDataType.MEMCPY_32BIT
b16 = MemcpyDataType.MEMCPY_16BIT
row = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("ints", "flts", "res")}
runner.load()
runner.run()

rng = np.random.default_rng(23)
for rnd, k in enumerate([1.0, -0.5, 3.0], start=1):
    ints = rng.integers(-20000, 20000, size=12).astype(np.int16)
    flts = rng.uniform(-5, 5, size=9).astype(np.float32)
    runner.memcpy_h2d(ids["ints"], ints.view(np.uint16).astype(np.uint32), 0, 0, 1, 1, 12,
                      streaming=False, order=row, data_type=b16, nonblock=False)
    runner.memcpy_h2d(ids["flts"], flts, 0, 0, 1, 1, 9, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    runner.launch("go", np.float32(k), nonblock=False)
    got_i = np.zeros(12, dtype=np.uint32)
    runner.memcpy_d2h(got_i, ids["ints"], 1, 0, 1, 1, 12, streaming=False, order=row,
                      data_type=b16, nonblock=False)
    got_f = np.zeros(9, dtype=np.float32)
    runner.memcpy_d2h(got_f, ids["flts"], 1, 0, 1, 1, 9, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    res = np.zeros(4, dtype=np.float32)
    runner.memcpy_d2h(res, ids["res"], 1, 0, 1, 1, 4, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    np.testing.assert_array_equal(got_i.astype(np.uint16).view(np.int16), ints)
    sent = (flts * np.float32(k)).astype(np.float32)
    np.testing.assert_array_equal(got_f, sent)
    si = np.int16(0)
    for v in ints:
        si = np.int16((int(si) + int(v) + 32768) % 65536 - 32768)
    sf = np.float32(0)
    for v in sent:
        sf = np.float32(sf + v)
    np.testing.assert_array_equal(res, np.array([si, sf, rnd, rnd], dtype=np.float32))
    print(f"round {rnd} ok")

runner.stop()
print("SUCCESS!")
