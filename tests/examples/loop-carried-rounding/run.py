#!/usr/bin/env cs_python
"""loop-carried-rounding: f32/f16 values kept in loop variables, struct results and
pointer out-parameters must round to their type at each operation (IEEE arithmetic of
the Types page's f16/f32). run.py replays every loop in numpy scalars of the same type
and compares bit for bit: running, Kahan-compensated and dot-product sums, machine
epsilon and halve-to-zero loops (subnormals kept, counted), TwoSum errors and Dekker's
exact product (both zero or wrong in excess precision), an f16 recurrence overflowing."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import input_array_to_u32, memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])
width = 2
m16, m32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
f32, f16 = np.float32, np.float16

rng = np.random.default_rng(47)
a32 = np.zeros((width, n), dtype=f32)
b32 = np.zeros((width, n), dtype=f32)
a16 = np.zeros((width, n), dtype=f16)
b16 = np.zeros((width, n), dtype=f16)
for px in range(width):
    mags = 10.0 ** rng.integers(-6, 8, n)
    a32[px] = (rng.uniform(-1, 1, n) * mags).astype(f32)
    b32[px] = (rng.uniform(-1, 1, n) * 10.0 ** rng.integers(-4, 5, n)).astype(f32)
    a16[px] = (rng.uniform(-1, 1, n) * 10.0 ** rng.integers(-4, 3, n)).astype(f16)
    b16[px] = (rng.uniform(-1, 1, n) * 10.0 ** rng.integers(-3, 2, n)).astype(f16)
    if px == 1:  # a big value first, then small ones: plain and Kahan sums differ
        a32[px, 0] = f32(1e8)
        a32[px, 1:] = rng.uniform(0, 4, n - 1).astype(f32)
        a16[px, 0] = f16(1024.0)
        a16[px, 1:] = rng.uniform(0, 0.5, n - 1).astype(f16)

rounds = [(f32(1.0), f16(1.0)), (f32(3.0), f16(0.75))]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("a32", "b32", "a16", "b16", "res32", "res16", "counts")}
runner.load()
runner.run()
for name, arr in (("a32", a32), ("b32", b32)):
    runner.memcpy_h2d(ids[name], arr.ravel(), 0, 0, width, 1, n, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)
for name, arr in (("a16", a16), ("b16", b16)):
    runner.memcpy_h2d(ids[name], input_array_to_u32(arr.ravel(), None, n), 0, 0, width, 1, n,
                      streaming=False, order=ROW, data_type=m16, nonblock=False)


def replay(a, b, ah, bh, seed32, seed16):
    """The device's computation, in numpy scalars of the same types."""
    r32, r16 = {}, {}
    s, ks, c, d = f32(0), f32(0), f32(0), f32(0)
    hs, hks, hc, hd = f16(0), f16(0), f16(0), f16(0)
    for i in range(n):
        s = s + a[i]
        y = a[i] - c
        t = ks + y
        c = (t - ks) - y
        ks = t
        d = d + a[i] * b[i]
        hs = hs + ah[i]
        hy = ah[i] - hc
        ht = hks + hy
        hc = (ht - hks) - hy
        hks = ht
        hd = hd + ah[i] * bh[i]
    r32.update({"sum": s, "kahan sum": ks, "kahan comp": c, "dot": d})
    r16.update({"sum": hs, "kahan sum": hks, "kahan comp": hc, "dot": hd})
    counts = []
    for t, seed, r in ((f32, seed32, r32), (f16, seed16, r16)):
        eps, k = seed, 0
        while t(1.0) + eps / t(2.0) != t(1.0):
            eps = eps / t(2.0)
            k += 1
        r["epsilon"] = eps
        counts.append(k)
    for t, seed, r in ((f32, seed32, r32), (f16, seed16, r16)):
        x, last, k = seed, seed, 0
        while x != t(0):
            last = x
            x = x * t(0.5)
            k += 1
        r["last before zero"] = last
        counts.append(k)
    counts = [counts[0], counts[1], counts[2], counts[3]]
    two_s32, two_e32, two_s16, two_e16, prods, errs = [], [], [], [], [], []
    for i in range(n):
        for (x, y, ss, ee) in ((a[i], b[i], two_s32, two_e32), (ah[i], bh[i], two_s16, two_e16)):
            sm = x + y
            bb = sm - x
            ss.append(sm)
            ee.append((x - (sm - bb)) + (y - bb))

        def split(v):
            cc = f32(4097.0) * v
            big = cc - v
            hi = cc - big
            return hi, v - hi
        ahi, alo = split(a[i])
        bhi, blo = split(b[i])
        p = a[i] * b[i]
        prods.append(p)
        errs.append(((ahi * bhi - p) + ahi * blo + alo * bhi) + alo * blo)
    g = seed16
    for _ in range(40):
        g = g * f16(1.5) + f16(1.0)
    return r32, r16, counts, (two_s32, two_e32, prods, errs), (two_s16, two_e16), g


failures = 0


def report(msg):
    global failures
    failures += 1
    if failures <= 15:
        print("MISMATCH " + msg)


def same(got, want):
    g = np.asarray(got)
    w = np.asarray(want, dtype=g.dtype)
    u = np.uint32 if g.dtype == f32 else np.uint16
    return bool(g.view(u) == w.view(u)) or (bool(np.isnan(g)) and bool(np.isnan(w)))


for rnd, (seed32, seed16) in enumerate(rounds):
    runner.launch("run_loops", seed32, seed16, nonblock=False)
    res32 = np.zeros(width * (6 + 4 * n), dtype=f32)
    runner.memcpy_d2h(res32, ids["res32"], 0, 0, width, 1, 6 + 4 * n, streaming=False,
                      order=ROW, data_type=m32, nonblock=False)
    raw16 = np.zeros(width * (7 + 2 * n), dtype=np.uint32)
    runner.memcpy_d2h(raw16, ids["res16"], 0, 0, width, 1, 7 + 2 * n, streaming=False,
                      order=ROW, data_type=m16, nonblock=False)
    raw_c = np.zeros(width * 4, dtype=np.uint32)
    runner.memcpy_d2h(raw_c, ids["counts"], 0, 0, width, 1, 4, streaming=False, order=ROW,
                      data_type=m16, nonblock=False)
    res32 = res32.reshape(width, -1)
    res16 = memcpy_view(raw16, np.dtype(f16)).reshape(width, -1)
    got_counts = (raw_c & 0xffff).reshape(width, 4)
    with np.errstate(all="ignore"):
        for px in range(width):
            r32, r16, counts, vec32, vec16, g = replay(a32[px], b32[px], a16[px], b16[px],
                                                        seed32, seed16)
            ctx = f"round {rnd} PE {px}"
            for k, label in enumerate(["sum", "kahan sum", "kahan comp", "dot", "epsilon",
                                       "last before zero"]):
                if not same(res32[px, k], r32[label]):
                    report(f"f32 {label} {ctx}: got {res32[px, k]!r} want {r32[label]!r}")
                if not same(res16[px, k], r16[label]):
                    report(f"f16 {label} {ctx}: got {res16[px, k]!r} want {r16[label]!r}")
            for k, label in enumerate(["f32 epsilon steps", "f16 epsilon steps",
                                       "f32 halvings to zero", "f16 halvings to zero"]):
                if int(got_counts[px, k]) != counts[k]:
                    report(f"{label} {ctx}: got {int(got_counts[px, k])} want {counts[k]}")
            for v, label in enumerate(["TwoSum s", "TwoSum err", "Dekker product",
                                       "Dekker err"]):
                for i in range(n):
                    got = res32[px, 6 + v * n + i]
                    if not same(got, vec32[v][i]):
                        report(f"f32 {label} {ctx} [{i}] a={a32[px, i]!r} b={b32[px, i]!r}: "
                               f"got {got!r} want {vec32[v][i]!r}")
            for v, label in enumerate(["TwoSum s", "TwoSum err"]):
                for i in range(n):
                    got = res16[px, 6 + v * n + i]
                    if not same(got, vec16[v][i]):
                        report(f"f16 {label} {ctx} [{i}] a={a16[px, i]!r} b={b16[px, i]!r}: "
                               f"got {got!r} want {vec16[v][i]!r}")
            if not same(res16[px, 6 + 2 * n], g):
                report(f"f16 recurrence {ctx}: got {res16[px, 6 + 2 * n]!r} want {g!r}")
runner.stop()
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
