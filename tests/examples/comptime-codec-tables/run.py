#!/usr/bin/env cs_python
"""comptime-codec-tables: four transforms (modes plain, scaled, folded, scaled) on a 2x2
block; the three buffers, exported under @strcat-built names, and the counters are checked
after each against a model that rebuilds the comptime tables (Taylor sine, JSON offsets,
FNV-style mixing) in Python."""
import argparse
import json
import math
import os

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

W = H = 2
n = 8
f32 = MemcpyDataType.MEMCPY_32BIT
b16 = MemcpyDataType.MEMCPY_16BIT
row = MemcpyOrder.ROW_MAJOR
here = os.path.dirname(os.path.abspath(__file__))
spec = json.load(open(os.path.join(here, "spec.json")))
coeffs = np.array(spec["coeffs:[4]f32"], dtype=np.float32)
shift = spec["shift:u16"]
gain = np.float32(spec["gain:f32"])
offsets = json.load(open(os.path.join(here, "offsets.json")))


def taylor_sin(x):
    term = x
    total = x
    for k in range(1, 12):
        term = -term * x * x / float((2 * k) * (2 * k + 1))
        total += term
    return total


pi = 3.14159265358979323846
lut16 = [int(1000.0 * taylor_sin(float(k) * pi / 8.0)) + offsets[k] for k in range(16)]
mix = []
h = 0x811c9dc5
for k in range(16):
    h = ((h ^ (k * 0x9e37)) * 16777619) % 4294967296
    mix.append(h)


def horner(x):
    y = coeffs[3]
    for c in (coeffs[2], coeffs[1], coeffs[0]):
        y = np.float32(np.float32(y * x) + c)
    return y


def wrap16(v):
    return ((v + 32768) % 65536) - 32768


def rotl(v, r):
    return v if r == 0 else ((v << r) | (v >> (32 - r))) & 0xffffffff


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("vec_f", "vec_h", "vec_w", "counts")}
runner.load()
runner.run()

rng = np.random.default_rng(3)
vf = rng.uniform(-2, 2, size=(H, W, n)).astype(np.float32)
vh = rng.integers(-30000, 30000, size=(H, W, n)).astype(np.int16)
vw = rng.integers(0, 2**32, size=(H, W, n), dtype=np.uint64).astype(np.uint32)
runner.memcpy_h2d(ids["vec_f"], vf.ravel(), 0, 0, W, H, n, streaming=False, order=row,
                  data_type=f32, nonblock=False)
runner.memcpy_h2d(ids["vec_h"], vh.view(np.uint16).astype(np.uint32).ravel(), 0, 0, W, H, n,
                  streaming=False, order=row, data_type=b16, nonblock=False)
runner.memcpy_h2d(ids["vec_w"], vw.ravel(), 0, 0, W, H, n, streaming=False, order=row,
                  data_type=f32, nonblock=False)


def read(name, dtype, width=f32):
    got = np.zeros(H * W * (5 if name == "counts" else n), dtype=np.uint32)
    runner.memcpy_d2h(got, ids[name], 0, 0, W, H, got.size // (H * W), streaming=False,
                      order=row, data_type=width, nonblock=False)
    if width == b16:
        got = got.astype(np.uint16)
    return got.view(dtype).reshape(H, W, -1)


for step, mode in enumerate([0, 3, 7, 3], start=1):
    runner.launch("transform", np.uint16(mode), nonblock=False)
    for y in range(H):
        for x in range(W):
            salt = x * 16 + y
            for i in range(n):
                r = horner(vf[y, x, i])
                if mode == 3:
                    r = np.float32(r * gain)
                vf[y, x, i] = r
                xv = int(vh[y, x, i])
                hv = wrap16(lut16[(xv & 0xffff) & 15] + (xv >> shift))
                if mode == 7:
                    hv = wrap16(-hv)
                vh[y, x, i] = hv
                wv = int(vw[y, x, i])
                vw[y, x, i] = rotl(wv ^ mix[wv & 15] ^ salt, mode % 32)
    np.testing.assert_array_equal(read("vec_f", np.float32), vf, err_msg=f"vec_f step {step}")
    np.testing.assert_array_equal(read("vec_h", np.int16, b16), vh, err_msg=f"vec_h step {step}")
    np.testing.assert_array_equal(read("vec_w", np.uint32), vw, err_msg=f"vec_w step {step}")
    counts = read("counts", np.uint32)
    want = [step, step, step, mode, int(np.array([mode], dtype=np.float32).view(np.uint32)[0])]
    for y in range(H):
        for x in range(W):
            assert list(counts[y, x]) == want, (step, x, y, list(counts[y, x]), want)
    print(f"mode {mode} ok")

runner.stop()
print("SUCCESS!")
