#!/usr/bin/env cs_python
"""escape-pipeline-west: Julia-set escape times on a pipeline of W PEs per row running
west; three launches with different c (one load), each followed by a streaming D2H of the
west column's packets (ROW_MAJOR over a 1xH ROI); the per-PE tallies (COL_MAJOR copy)
count every point each PE iterated. Packets checked bit for bit against a float32 model
that rounds every operation as the device does."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    MemcpyDataType,
    MemcpyOrder,
    SdkRuntime,
)

parser = argparse.ArgumentParser()
parser.add_argument("--name", required=True)
parser.add_argument("--cmaddr")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H = int(params["width"]), int(params["height"])
IW, RPP, K = int(params["image_width"]), int(params["rows_per_pe"]), int(params["k"])
d2h = int(params["MEMCPYD2H_DATA_1_ID"])
count = IW * RPP
f32 = np.float32
X_LO, Y_LO, DX, DY = f32(-1.5), f32(-1.25), f32(0.4375), f32(0.3125)


def model(c_re, c_im):
    c_re, c_im = f32(c_re), f32(c_im)
    out = np.zeros((H, count, 3), dtype=np.uint32)
    for y in range(H):
        for m in range(count):
            col, row = m % IW, y * RPP + m // IW
            re = f32(X_LO + f32(f32(col) * DX))
            im = f32(Y_LO + f32(f32(row) * DY))
            n = 0
            for _pe in range(W):
                for _ in range(K):
                    r2, i2 = f32(re * re), f32(im * im)
                    if f32(r2 + i2) > f32(4.0):
                        break
                    next_im = f32(f32(f32(f32(2.0) * re) * im) + c_im)
                    re = f32(f32(r2 - i2) + c_re)
                    im = next_im
                    n += 1
            out[y, m] = [np.array(re, f32).view(np.uint32), np.array(im, f32).view(np.uint32), n]
    return out


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
tally_id = runner.get_id("tally")
runner.load()
runner.run()

launches = [(-0.8, 0.156), (0.285, 0.01), (-0.4, 0.6)]
for c_re, c_im in launches:
    runner.launch("start", f32(c_re), f32(c_im), nonblock=False)
    got = np.zeros(H * count * 3, dtype=np.uint32)
    runner.memcpy_d2h(got, d2h, 0, 0, 1, H, count * 3, streaming=True,
                      data_type=MemcpyDataType.MEMCPY_32BIT, order=MemcpyOrder.ROW_MAJOR,
                      nonblock=False)
    want = model(c_re, c_im)
    np.testing.assert_array_equal(got.reshape(H, count, 3), want, err_msg=f"c = {c_re}+{c_im}i")
    iters = want[:, :, 2]
    assert iters.min() < W * K and iters.max() == W * K, "points both escape and stay"

tally = np.zeros(W * H, dtype=np.uint32)
runner.memcpy_d2h(tally, tally_id, 0, 0, W, H, 1, streaming=False,
                  data_type=MemcpyDataType.MEMCPY_32BIT, order=MemcpyOrder.COL_MAJOR,
                  nonblock=False)
runner.stop()
assert (tally == len(launches) * count).all(), f"tallies {tally}"
print("SUCCESS!")
