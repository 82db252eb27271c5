#!/usr/bin/env cs_python
"""dsd-inline-walks: five launches with other shapes on a 2x1 row (ring sizes 3 and 4);
every result block is checked bit for bit against a float32 model in the device's order."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
rings = [3, 4]
res_len = 24 + max(rings) + 64 + 64

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
a_id = runner.get_id("a")
res_id = runner.get_id("res")
runner.load()
runner.run()

rng = np.random.default_rng(11)


def fsum(values):
    s = np.float32(0.0)
    for v in values:
        s = np.float32(s + v)
    return s


def model(a, rows, cols, w):
    m = a[:rows * cols].reshape(rows, cols)
    res = np.zeros(24 + w + 128, dtype=np.float32)
    for j in range(cols):
        res[j] = fsum(m[:, j])
        res[8 + j] = fsum(m[:, j])
    ring = np.full(w, -1.0, dtype=np.float32)
    for i in range(rows):
        res[16 + i] = fsum(m[i])
        ring[i % w] = res[16 + i]
    res[24:24 + w] = ring
    off_t = 24 + w
    res[off_t:off_t + rows * cols] = m.T.ravel()
    even = np.zeros(32, dtype=np.float32)
    odd = np.zeros(32, dtype=np.float32)
    for i in range(rows):
        dst = even if i % 2 == 0 else odd
        dst[(i // 2) * cols:(i // 2 + 1) * cols] = m[i] * np.float32(2.0)
    res[off_t + 64:off_t + 96] = even
    res[off_t + 96:off_t + 128] = odd
    return res


for rows, cols in [(8, 8), (5, 3), (3, 7), (1, 1), (6, 5)]:
    a = rng.uniform(-10, 10, size=(2, 64)).astype(np.float32)
    runner.memcpy_h2d(a_id, a.ravel(), 0, 0, 2, 1, 64, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    runner.launch("run", np.uint16(rows), np.uint16(cols), nonblock=False)
    got = np.zeros(2 * res_len, dtype=np.float32)
    runner.memcpy_d2h(got, res_id, 0, 0, 2, 1, res_len, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    got = got.reshape(2, res_len)
    for pe, w in enumerate(rings):
        want = model(a[pe], rows, cols, w)
        np.testing.assert_array_equal(got[pe, :len(want)], want,
                                      err_msg=f"PE {pe} rows={rows} cols={cols}")
    print(f"{rows}x{cols} ok")

runner.stop()
print("SUCCESS!")
