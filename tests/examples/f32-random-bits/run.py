#!/usr/bin/env cs_python
"""f32-random-bits: random f32 bit patterns (a quarter with exponent field 0, 1, 254 or
255) through @fadds/@fsubs/@fmuls (numpy float32), @fmacs a + b*k (exactly rounded:
whether the hardware fuses is not documented, so an element is also accepted when it
equals the unfused a + f32(b*k)), @fnegs/@fabss (sign-bit operations, NaN payloads kept)
and @fs2h (numpy float16 conversion), bit for bit; a NaN result only has to be a NaN."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    per_pe = int(json.load(f)["params"]["per_pe"])
w, hgt = 4, 4
total = w * hgt * per_pe
m16, m32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
rows = 6
rng = np.random.default_rng(101)


def patterns(count):
    bits = rng.integers(0, 2**32, count, dtype=np.uint64).astype(np.uint32)
    special = rng.random(count) < 0.25
    exps = rng.choice(np.array([0, 1, 254, 255], dtype=np.uint32), count)
    bits[special] = (bits[special] & np.uint32(0x807fffff)) | (exps[special] << np.uint32(23))
    # Some zero mantissas, so infinities and exact powers of two show up too.
    plain = rng.random(count) < 0.1
    bits[plain] &= np.uint32(0xff800000)
    return bits


a_bits, b_bits = patterns(total), patterns(total)
k = np.float32(-1.3e-3)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("a", "b", "out", "half")}
runner.load()
runner.run()
for name, bits in (("a", a_bits), ("b", b_bits)):
    runner.memcpy_h2d(ids[name], bits.view(np.float32), 0, 0, w, hgt, per_pe, streaming=False,
                      order=ROW, data_type=m32, nonblock=False)
runner.launch("sweep", k, nonblock=False)
out = np.zeros(total * rows, dtype=np.float32)
runner.memcpy_d2h(out, ids["out"], 0, 0, w, hgt, rows * per_pe, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
raw = np.zeros(total, dtype=np.uint32)
runner.memcpy_d2h(raw, ids["half"], 0, 0, w, hgt, per_pe, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
runner.stop()
out = out.reshape(w * hgt, rows, per_pe).transpose(1, 0, 2).reshape(rows, total)
half = memcpy_view(raw, np.dtype(np.float16))

a = a_bits.view(np.float32)
b = b_bits.view(np.float32)


def fused(a, b, k):
    """a + b*k rounded once to f32: the product is exact in float64, the sum's error is
    carried by TwoSum and decides ties and near-ties between the f32 neighbours."""
    p = b.astype(np.float64) * np.float64(k)
    s = a.astype(np.float64) + p
    bb = s - a.astype(np.float64)
    e = (a.astype(np.float64) - (s - bb)) + (p - bb)
    r = s.astype(np.float32)
    finite = np.isfinite(s) & np.isfinite(r)
    up = np.nextafter(r, np.float32(np.inf))
    down = np.nextafter(r, np.float32(-np.inf))
    best = r.copy()
    best_d = np.abs((r.astype(np.float64) - s) - e)
    for c in (up, down):
        ok = finite & np.isfinite(c)
        d = np.abs((c.astype(np.float64) - s) - e)
        closer = ok & ((d < best_d) | ((d == best_d) & ((c.view(np.uint32) & 1) == 0)))
        best = np.where(closer, c, best)
        best_d = np.where(closer, d, best_d)
    return np.where(finite, best, r)


with np.errstate(all="ignore"):
    unfused = a + (b * k)
    checks = [
        ("fadds", out[0], a + b, None, False), ("fsubs", out[1], a - b, None, False),
        ("fmuls", out[2], a * b, None, False), ("fmacs a+b*k", out[3], fused(a, b, k), unfused, False),
        ("fnegs", out[4], (a_bits ^ np.uint32(0x80000000)).view(np.float32), None, True),
        ("fabss", out[5], (b_bits & np.uint32(0x7fffffff)).view(np.float32), None, True),
        ("fs2h", half, a.astype(np.float16), None, False),
    ]
failures = 0
for label, got, want, also, exact_nan in checks:
    u = np.uint32 if got.dtype == np.float32 else np.uint16
    same = got.view(u) == want.view(u)
    if also is not None:
        same |= got.view(u) == also.view(u)
    if not exact_nan:
        same |= np.isnan(got) & np.isnan(want)
    bad = np.nonzero(~same)[0]
    failures += len(bad)
    for j in bad[:4]:
        print(f"MISMATCH {label} a={int(a_bits[j]):#010x} ({a[j]!r}) b={int(b_bits[j]):#010x} "
              f"({b[j]!r}): got {got[j]!r} ({int(got[j:j + 1].view(u)[0]):#x}) want "
              f"{want[j]!r} ({int(want[j:j + 1].view(u)[0]):#x})")
    if len(bad) > 4:
        print(f"  ... {len(bad)} {label} mismatches in all")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
