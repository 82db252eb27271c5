#!/usr/bin/env cs_python
"""fifo-suspend-chunks (WSE-3): four sends of different lengths (longer than both FIFOs,
shorter than a chunk, none); the receiver's values, chunk sums and maxima are checked bit
for bit, and the two probe pops on empty FIFOs (false; true with the probe unchanged)."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

maxn, chunk = 48, 5
maxchunks = (maxn + chunk - 1) // chunk
blen = maxn + 2 * maxchunks + 2
f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
buf_id = runner.get_id("buf")
runner.load()
runner.run()

rng = np.random.default_rng(17)
for n, k in [(48, 0.5), (3, -2.0), (23, 1.25), (0, 3.0)]:
    src = np.zeros((2, blen), dtype=np.float32)
    src[0, :maxn] = rng.uniform(-8, 8, size=maxn).astype(np.float32)
    runner.memcpy_h2d(buf_id, src[:, :maxn].ravel(), 0, 0, 2, 1, maxn, streaming=False,
                      order=row, data_type=f32, nonblock=False)
    runner.launch("go", np.uint16(n), np.float32(k), nonblock=False)
    got = np.zeros(2 * blen, dtype=np.float32)
    runner.memcpy_d2h(got, buf_id, 0, 0, 2, 1, blen, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    got = got.reshape(2, blen)[1]
    want = np.full(blen, -1.0, dtype=np.float32)
    sent = (src[0, :n] * np.float32(k)).astype(np.float32)
    want[:n] = sent
    for c, start in enumerate(range(0, n, chunk)):
        part = sent[start:start + chunk]
        s = np.float32(0.0)
        for v in part:
            s = np.float32(s + v)
        want[maxn + 2 * c] = s
        want[maxn + 2 * c + 1] = part.max()
    want[maxn + 2 * maxchunks] = 0.0
    want[maxn + 2 * maxchunks + 1] = 7.0
    np.testing.assert_array_equal(got, want, err_msg=f"n={n} k={k}")
    print(f"n={n} ok")

runner.stop()
print("SUCCESS!")
