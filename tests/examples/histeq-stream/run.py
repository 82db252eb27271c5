#!/usr/bin/env cs_python
"""histeq-stream: equalises three W*H*M-pixel images streamed through the block (a dark
low-contrast one, a two-level one, a one-level one). The streamed-back pixels, the lookup
table on every PE and the per-PE counters are checked exactly against numpy's integer
formula."""
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
W, H, M = int(params["W"]), int(params["H"]), int(params["M"])
h2d = int(params["MEMCPYH2D_DATA_1_ID"])
d2h = int(params["MEMCPYD2H_DATA_1_ID"])
U32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
NPIX = W * H * M


def lut_of(img):
    hist = np.bincount(img, minlength=256).astype(np.int64)
    cdf = np.cumsum(hist)
    total = int(cdf[-1])
    cdf_min = int(hist[np.flatnonzero(hist)[0]])
    if total == cdf_min:
        return np.arange(256, dtype=np.int64)
    span = total - cdf_min
    return np.where(cdf < cdf_min, 0, ((cdf - cdf_min) * 255 + span // 2) // span)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
lut_id, info_id = runner.get_id("lut"), runner.get_id("info")
runner.load()
runner.run()
rng = np.random.default_rng(606)
images = [
    np.clip(rng.normal(60, 12, NPIX).round(), 0, 255).astype(np.uint32),
    np.where(rng.random(NPIX) < 0.3, 17, 200).astype(np.uint32),
    np.full(NPIX, 99, np.uint32),
]
for launch, img in enumerate(images):
    runner.launch("prepare", nonblock=False)
    runner.memcpy_h2d(h2d, img, 0, 0, W, H, M, streaming=True, order=ROW, data_type=U32,
                      nonblock=True)
    out = np.zeros(NPIX, np.uint32)
    runner.memcpy_d2h(out, d2h, 0, 0, W, H, M, streaming=True, order=ROW, data_type=U32,
                      nonblock=False)
    lut = lut_of(img)
    ref = lut[img]
    bad = np.flatnonzero(out != ref)
    assert bad.size == 0, f"image {launch}: {bad.size} pixels differ, first {bad[:5].tolist()}: " \
        f"{out[bad[:5]].tolist()} vs {ref[bad[:5]].tolist()}"
    luts = np.zeros(W * H * 256, np.uint32)
    runner.memcpy_d2h(luts, lut_id, 0, 0, W, H, 256, streaming=False, order=ROW, data_type=U32,
                      nonblock=False)
    assert (luts.reshape(W * H, 256) == lut[None, :]).all(), f"image {launch}: a PE's table differs"
    info = np.zeros(W * H * 3, np.uint32)
    runner.memcpy_d2h(info, info_id, 0, 0, W, H, 3, streaming=False, order=ROW, data_type=U32,
                      nonblock=False)
    info = info.reshape(W * H, 3)
    assert (info[:, 0] == (launch + 1) * M).all() and (info[:, 1] == launch + 1).all(), info
    assert (info[:, 2] == img.reshape(W * H, M).sum(axis=1)).all(), info[:, 2]
    print(f"image {launch}: {NPIX} pixels, levels {len(np.unique(img))} -> "
          f"{len(np.unique(out))}, range {out.min()}..{out.max()}")

runner.stop()
print("SUCCESS!")
