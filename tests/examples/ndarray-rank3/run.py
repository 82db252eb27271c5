#!/usr/bin/env cs_python
"""ndarray-rank3: numpy checks the transposed copy, the strided sub-box scaled by k, plane
sums and row maxima in the device's summation order, the shape word, and the weighted sums
with each PE's layout-given [2, 3]i16 weights; bit for bit."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
P, R, C = (int(params[k]) for k in ("P", "R", "C"))
BJ = (R - 1) // 2
W = 2
WEIGHTS = [np.array([[1, -2, 3], [0, 4, -1]]), np.array([[-3, 1, 1], [2, 2, 5]])]
F = np.float32
u32t = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
src_id, dst_id, out_id = (runner.get_id(s) for s in ("src", "dst", "out"))
runner.load()
runner.run()
rng = np.random.default_rng(9)
for k in (F(1.5), F(-0.25), F(3.0)):
    src = (rng.integers(-64, 64, size=(W, P, R, C)) * F(0.125)).astype(F)
    runner.memcpy_h2d(src_id, src.ravel(), 0, 0, W, 1, P * R * C, streaming=False, order=row,
                      data_type=u32t, nonblock=False)
    runner.launch("run", k, nonblock=False)
    dst = np.zeros(W * P * R * C, dtype=F)
    runner.memcpy_d2h(dst, dst_id, 0, 0, W, 1, P * R * C, streaming=False, order=row,
                      data_type=u32t, nonblock=False)
    out = np.zeros(W * 64, dtype=np.uint32)
    runner.memcpy_d2h(out, out_id, 0, 0, W, 1, 64, streaming=False, order=row, data_type=u32t,
                      nonblock=False)
    dst = dst.reshape(W, C, R, P)
    out = out.reshape(W, 64)
    for x in range(W):
        s = src[x]
        assert np.array_equal(dst[x], s.transpose(2, 1, 0)), f"PE {x} transpose"
        sums = []
        for p in range(P):
            acc = F(0)
            for r in range(R):
                for c in range(C):
                    acc = F(acc + s[p, r, c])
            sums.append(acc)
        want = [np.array([v], dtype=F).view(np.uint32)[0] for v in sums]
        want += [np.array([s[p, r].max()], dtype=F).view(np.uint32)[0]
                 for p in range(P) for r in range(R)]
        box = (s[:, 1:1 + 2 * BJ:2, 1:3] * k).astype(F)
        want += list(box.ravel().view(np.uint32))
        want += [3 << 24 | P << 16 | R << 8 | C, P * R * C]
        for a in range(2):
            acc = F(0)
            for b in range(3):
                acc = F(acc + F(F(WEIGHTS[x][a, b]) * sums[b % P]))
            want.append(np.array([acc], dtype=F).view(np.uint32)[0])
        want.append(32)
        want = np.array(want, dtype=np.uint32)
        bad = np.nonzero(out[x, :len(want)] != want)[0]
        assert bad.size == 0, f"PE {x} k {k}: words {bad[:6]} got {out[x][bad[:6]]} want {want[bad[:6]]}"
runner.stop()
print("SUCCESS!")
