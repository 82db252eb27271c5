#!/usr/bin/env cs_python
"""conv2d-f16-mixed: two convolutions per PE (different images, filters and biases per PE,
f16 through 16-bit copies); the f32 output must equal, bit for bit, the bias plus the
f16 x f16 products (exact in f32) added tap by tap in row-major tap order, and the f16
transposed copy must be that output rounded to f16 and clamped at zero."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
PW, PH = int(params["width"]), int(params["height"])
H, W, K = int(params["H"]), int(params["W"]), int(params["K"])
Ho, Wo = H - K + 1, W - K + 1
PES = PW * PH
b16, b32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("image", "taps", "out", "out_t")}
runner.load()
runner.run()
rng = np.random.default_rng(3)


def put16(sym, arr, per_pe):
    runner.memcpy_h2d(ids[sym], arr.view(np.uint16).astype(np.uint32).ravel(), 0, 0, PW, PH,
                      per_pe, streaming=False, order=ROW, data_type=b16, nonblock=False)


for trial, bias in enumerate((0.25, -3.0)):
    images = rng.uniform(-2, 2, size=(PES, H, W)).astype(np.float16)
    taps = rng.uniform(-1, 1, size=(PES, K, K)).astype(np.float16)
    put16("image", images, H * W)
    put16("taps", taps, K * K)
    runner.launch("conv", np.float32(bias), nonblock=False)
    out = np.zeros(PES * Ho * Wo, dtype=np.float32)
    runner.memcpy_d2h(out, ids["out"], 0, 0, PW, PH, Ho * Wo, streaming=False, order=ROW,
                      data_type=b32, nonblock=False)
    out_t = np.zeros(PES * Ho * Wo, dtype=np.uint32)
    runner.memcpy_d2h(out_t, ids["out_t"], 0, 0, PW, PH, Ho * Wo, streaming=False, order=ROW,
                      data_type=b16, nonblock=False)
    out = out.reshape(PES, Ho, Wo)
    out_t = memcpy_view(out_t, np.dtype(np.float16)).reshape(PES, Wo, Ho)
    for p in range(PES):
        acc = np.full((Ho, Wo), bias, dtype=np.float32)
        for di in range(K):
            for dj in range(K):
                prod = images[p, di:di + Ho, dj:dj + Wo].astype(np.float32) * np.float32(taps[p, di, dj])
                acc = (acc + prod).astype(np.float32)
        bad = np.argwhere(out[p].view(np.uint32) != acc.view(np.uint32))
        assert bad.size == 0, f"trial {trial} PE {p}: f32 output differs at {bad[:3].tolist()}: " \
            f"{out[p][tuple(bad[0])]} vs {acc[tuple(bad[0])]}"
        want_t = np.maximum(acc.astype(np.float16), np.float16(0)).T
        bad = np.argwhere(out_t[p].view(np.uint16) != want_t.view(np.uint16))
        assert bad.size == 0, f"trial {trial} PE {p}: f16 transposed output differs at " \
            f"{bad[:3].tolist()}: {out_t[p][tuple(bad[0])]} vs {want_t[tuple(bad[0])]}"
    print(f"trial {trial}: {PES} PEs, {Ho}x{Wo} outputs match")
runner.stop()
print("SUCCESS!")
