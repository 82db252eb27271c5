#!/usr/bin/env cs_python
"""tagged-union-shapes: numpy float32/float16 model of decode, in-place scaling and area
per kind (circle 3 r r, rect w h, polygon sum of four f16 sides, unknown kind -1), plus
the extern-union sign bit, the packed-union byte and the kind's tag; bit for bit."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    N = int(json.load(f)["params"]["n"])
W = 2
F, H = np.float32, np.float16
u32t = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
KINDS = {3: 3, 7: 7, 0x20: 0x20}


def f32bits(v):
    return int(np.array([v], dtype=F).view(np.uint32)[0])


def records(rng):
    words = np.zeros((W, N, 3), dtype=np.uint32)
    for x in range(W):
        for i in range(N):
            kind = [3, 7, 0x20, 5][int(rng.integers(0, 4))]
            a = F(rng.integers(-40, 40) * 0.25)
            b = F(rng.integers(1, 40) * 0.125)
            if kind == 0x20:
                sides = rng.integers(1, 60, size=4).astype(H) * H(0.5)
                hv = sides.view(np.uint16).astype(np.uint32)
                words[x, i] = [kind, hv[0] | hv[1] << 16, hv[2] | hv[3] << 16]
            else:
                words[x, i] = [kind, f32bits(a), f32bits(b)]
    return words


def model(rec, k):
    kind, wa, wb = (int(v) for v in rec)
    a = np.array([wa], dtype=np.uint32).view(F)[0]
    b = np.array([wb], dtype=np.uint32).view(F)[0]
    if kind == 3:
        r = F(a * k)
        area = F(F(F(3.0) * r) * r)
    elif kind == 7:
        area = F(F(a * k) * F(b * k))
    elif kind == 0x20:
        sides = np.array([wa & 0xFFFF, wa >> 16, wb & 0xFFFF, wb >> 16],
                         dtype=np.uint16).view(H)
        sides = (sides * H(k)).astype(H)
        area = F(0)
        for s in sides:
            area = F(area + F(s))
    else:
        area = F(-1.0)
    flags = (wa >> 31) | ((wb & 0xFFFF) >> 8) << 8 | KINDS.get(kind, 0xFFFF) << 16
    return f32bits(area), flags


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
words_id, out_id = runner.get_id("words"), runner.get_id("out")
runner.load()
runner.run()
rng = np.random.default_rng(4)
for k in (F(1.0), F(-2.5), F(0.75)):
    words = records(rng)
    runner.memcpy_h2d(words_id, words.ravel(), 0, 0, W, 1, 3 * N, streaming=False, order=row,
                      data_type=u32t, nonblock=False)
    runner.launch("run", k, nonblock=False)
    got = np.zeros(W * 2 * N, dtype=np.uint32)
    runner.memcpy_d2h(got, out_id, 0, 0, W, 1, 2 * N, streaming=False, order=row,
                      data_type=u32t, nonblock=False)
    got = got.reshape(W, 2 * N)
    for x in range(W):
        for i in range(N):
            area, flags = model(words[x, i], k)
            assert (int(got[x, i]), int(got[x, N + i])) == (area, flags), \
                f"PE {x} record {i} {words[x, i]} k {k}: got {got[x, i]:#x} {got[x, N + i]:#x} want {area:#x} {flags:#x}"
runner.stop()
print("SUCCESS!")
