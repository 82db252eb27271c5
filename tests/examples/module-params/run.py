#!/usr/bin/env cs_python
"""module-params: five launches and calls in a row on a 4x2 block; after each one the
data and the per-PE use counters are read back and compared with numpy."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

width, height, length = 4, 2, 6
row_offset = np.array([3.0, -7.0], dtype=np.float32)
factor = np.array([[1.0 + x * 0.5 + y * 0.25 for x in range(width)] for y in range(height)],
                  dtype=np.float32)  # [y][x]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
data_id = runner.get_id("data")
stats_id = runner.get_id("stats")
runner.load()
runner.run()

f32 = MemcpyDataType.MEMCPY_32BIT
data = np.arange(height * width * length, dtype=np.float32).reshape(height, width, length) / 8
runner.memcpy_h2d(data_id, data.ravel(), 0, 0, width, height, length, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)

expected = data.copy()
stats = np.zeros((height, width, 5), dtype=np.uint32)


def check(label):
    got = np.zeros(height * width * length, dtype=np.float32)
    runner.memcpy_d2h(got, data_id, 0, 0, width, height, length, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    np.testing.assert_allclose(got.reshape(height, width, length), expected, rtol=1e-6,
                               err_msg=label)
    got_stats = np.zeros(height * width * 5, dtype=np.uint32)
    runner.memcpy_d2h(got_stats, stats_id, 0, 0, width, height, 5, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    np.testing.assert_array_equal(got_stats.reshape(height, width, 5), stats, err_msg=label)


def scale(mode):
    global expected
    runner.launch("scale", np.uint16(mode), nonblock=False)
    if mode in (0, 2):
        expected = (expected * np.float32(2.0)).astype(np.float32)
        stats[:, :, 0] += 1
    if mode in (1, 2):
        expected = (expected * factor[:, :, None]).astype(np.float32)
        stats[:, :, 1] += 1
    stats[:, :, 2] += 1
    check(f"scale({mode})")


def shift(amount, times):
    global expected
    words = np.array([amount], dtype=np.float32).view(np.uint32)
    runner.call("shift", [int(words[0]), times], nonblock=False)
    for _ in range(times):
        expected = (expected + (np.float32(amount) + row_offset)[:, None, None]).astype(np.float32)
    stats[:, :, 3] += 1
    stats[:, :, 4] = times
    check(f"shift({amount}, {times})")


scale(0)
scale(1)
shift(0.5, 3)
scale(2)
shift(-1.25, 0)
scale(1)
runner.stop()
print("SUCCESS!")
