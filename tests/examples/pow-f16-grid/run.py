#!/usr/bin/env cs_python
"""pow-f16-grid: pow on f16 for all 31744 non-negative finite f16 bases. Expected: numpy
float64 power of the f16 inputs rounded to f16; NaN where numpy gives NaN, infinities and
zeros exact (the sign of a zero is not checked here: pow(-0, 3) is math-ulp-probe's),
finite nonzero results within 1 f16 ulp."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    p = json.load(f)["params"]
W, H, N = int(p["w"]), int(p["h"]), int(p["n"])
assert W * H * N == 0x7c00
R = 10
YS = np.array([0.5, 2.0, -1.0, 3.0, -0.5, 1.5, 10.0, -2.5, 3.0, -4.0], dtype=np.float16)
ROW, B16 = MemcpyOrder.ROW_MAJOR, MemcpyDataType.MEMCPY_16BIT

bits = np.arange(0x7c00, dtype=np.uint16)
x16 = bits.view(np.float16)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
sx, sy, so = runner.get_id("xin"), runner.get_id("ys"), runner.get_id("out")
runner.load()
runner.run()
runner.memcpy_h2d(sx, bits.astype(np.uint32), 0, 0, W, H, N, streaming=False, order=ROW,
                  data_type=B16, nonblock=False)
runner.memcpy_h2d(sy, np.tile(YS.view(np.uint16).astype(np.uint32), W * H), 0, 0, W, H, R,
                  streaming=False, order=ROW, data_type=B16, nonblock=False)
runner.launch("run", nonblock=False)
out = np.zeros(W * H * R * N, dtype=np.uint32)
runner.memcpy_d2h(out, so, 0, 0, W, H, R * N, streaming=False, order=ROW, data_type=B16,
                  nonblock=False)
runner.stop()
got_all = (out & 0xffff).astype(np.uint16).reshape(H, W, R, N).transpose(2, 0, 1, 3)
got_all = got_all.reshape(R, -1).view(np.float16)


def key(v):
    b = v.view(np.int16).astype(np.int64)
    return np.where(b < 0, -(b & 0x7fff), b)


bad = 0
for r in range(R):
    base = -x16.astype(np.float64) if r >= 8 else x16.astype(np.float64)
    with np.errstate(all="ignore"):
        want = np.power(base, np.float64(YS[r])).astype(np.float16)
    got = got_all[r]
    gn, wn = np.isnan(got), np.isnan(want)
    special = gn | wn | np.isinf(got) | np.isinf(want) | (got == 0) | (want == 0)
    ok_special = (gn & wn) | ((got == want) & ~gn)
    err = np.where(special, 0, np.abs(key(got) - key(want)))
    wrong = (special & ~ok_special) | (err > 1)
    label = f"{'pow_f16' if r < 4 or r >= 8 else 'pow'}({'-x' if r >= 8 else 'x'}, {YS[r]})"
    print(f"{label:22s} max {int(err.max())} ulp, {int(wrong.sum())} wrong")
    for i in np.flatnonzero(wrong)[:5]:
        print(f"  base {base[i]!r}: got {got[i]!r}, want {want[i]!r}")
    bad += int(wrong.sum())

if bad:
    print(f"FAIL: {bad} results wrong")
    sys.exit(1)
print("SUCCESS!")
