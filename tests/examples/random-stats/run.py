#!/usr/bin/env cs_python
"""random-stats: <random> distributions. Per launch (two seed pairs): PEs with the same seed
give the same draws bit for bit, PEs with different seeds do not, and a repeated launch
with the same seeds repeats them. Over all draws: every value in its documented range
([lower, upper)), Kolmogorov-Smirnov distance of the uniforms and normals below the 0.1%
critical value, mean/variance of the normals, lag-1 serial correlation small, random_u16
bytes roughly uniform."""
import argparse
import json
import math
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    N = int(json.load(f)["params"]["n"])
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
names = ["uni", "wide", "neg", "nrm", "hlf", "u16s"]
sym = {s: runner.get_id(s) for s in names}
runner.load()
runner.run()


def fetch():
    out = {}
    for s in names:
        buf = np.zeros(4 * N, dtype=np.uint32)
        sixteen = s in ("hlf", "u16s")
        runner.memcpy_d2h(buf, sym[s], 0, 0, 4, 1, N, streaming=False, order=ROW,
                          data_type=MemcpyDataType.MEMCPY_16BIT if sixteen
                          else MemcpyDataType.MEMCPY_32BIT, nonblock=False)
        if s == "hlf":
            out[s] = (buf & 0xffff).astype(np.uint16).view(np.float16).reshape(4, N)
        elif s == "u16s":
            out[s] = (buf & 0xffff).astype(np.uint16).reshape(4, N)
        else:
            out[s] = buf.view(np.float32).reshape(4, N)
    return out


def ks_uniform(v, lo, hi):
    u = np.sort((v.astype(np.float64) - lo) / (hi - lo))
    k = np.arange(1, len(u) + 1) / len(u)
    return max((k - u).max(), (u - (k - 1 / len(u))).max())


def ks_normal(v):
    z = np.sort(v.astype(np.float64))
    cdf = np.array([0.5 * (1 + math.erf(x / math.sqrt(2))) for x in z])
    k = np.arange(1, len(z) + 1) / len(z)
    return max((k - cdf).max(), (cdf - (k - 1 / len(z))).max())


bad = []
runs = []
for seeds in ((1, 0xdeadbeef), (0x12345678, 7), (1, 0xdeadbeef)):
    runner.launch("draw", np.uint32(seeds[0]), np.uint32(seeds[1]), nonblock=False)
    runs.append(fetch())
runner.stop()

for r, d in enumerate(runs):
    for s in names:
        a = d[s].view(np.uint16 if s in ("hlf", "u16s") else np.uint32)
        if not ((a[0] == a[2]).all() and (a[1] == a[3]).all()):
            bad.append(f"run {r}: {s} differs between PEs with the same seed")
        if (a[0] == a[1]).mean() > 0.01:
            bad.append(f"run {r}: {s} nearly the same for different seeds")
for s in names:
    if not (runs[0][s] == runs[2][s]).all():
        bad.append(f"{s}: the same seeds did not repeat the draws")
if (runs[0]["uni"][0] == runs[1]["uni"][0]).mean() > 0.01:
    bad.append("uni: other seeds gave the same draws")

crit = 1.95 / math.sqrt(2 * N)  # KS 0.1% critical value over two independent PEs' draws
for r, d in enumerate(runs[:2]):
    for s, lo, hi in (("uni", 0.0, 1.0), ("wide", -1000.0, 3000.0), ("neg", -2.5, -0.5),
                      ("hlf", -4.0, 4.0)):
        v = d[s][:2].ravel().astype(np.float64)
        if not ((v >= lo) & (v < hi)).all():
            bad.append(f"run {r}: {s} out of [{lo}, {hi}): {v[(v < lo) | (v >= hi)][:4]}")
        ks = ks_uniform(v, lo, hi)
        if ks > crit:
            bad.append(f"run {r}: {s} KS distance {ks:.4f} > {crit:.4f}")
        x = v[: N]
        c = np.corrcoef(x[:-1], x[1:])[0, 1]
        if abs(c) > 4 / math.sqrt(N):
            bad.append(f"run {r}: {s} lag-1 correlation {c:.3f}")
    v = d["nrm"][:2].ravel().astype(np.float64)
    if not np.isfinite(v).all():
        bad.append(f"run {r}: random_normal_f32 gave {v[~np.isfinite(v)][:3]}")
    else:
        ks = ks_normal(v)
        if ks > crit:
            bad.append(f"run {r}: normal KS distance {ks:.4f} > {crit:.4f}")
        if abs(v.mean()) > 4 / math.sqrt(len(v)) or abs(v.var() - 1) > 0.12:
            bad.append(f"run {r}: normal mean {v.mean():.3f} var {v.var():.3f}")
    u = d["u16s"][:2].ravel()
    for name, byte in (("low", u & 0xff), ("high", u >> 8)):
        counts = np.bincount(byte, minlength=256)
        chi2 = ((counts - len(u) / 256) ** 2 / (len(u) / 256)).sum()
        if chi2 > 350:  # 255 degrees of freedom: 0.1% point ~ 330
            bad.append(f"run {r}: random_u16 {name} byte chi2 {chi2:.0f}")

for b in bad:
    print(b)
if bad:
    print(f"FAIL: {len(bad)} checks")
    sys.exit(1)
print("SUCCESS!")
