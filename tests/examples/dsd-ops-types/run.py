#!/usr/bin/env cs_python
"""dsd-ops-types: <dsd_ops> wrappers on every type against numpy, bit for bit: moves keep
every bit (NaN payloads included), float arithmetic rounds as IEEE (fmac fused), max is
IEEE maxNum (np.fmax), 16-bit integer add/sub wrap, f32 -> f16 rounds to nearest even.
NaN results only need to be NaN where a NaN is computed (payloads are not specified)."""
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
    N = int(json.load(f)["params"]["n"])
ROW = MemcpyOrder.ROW_MAJOR
B32, B16 = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT
rng = np.random.default_rng(4242)

f32, f16 = np.float32, np.float16
edge32 = np.array([0.0, -0.0, np.inf, -np.inf, 1e-45, -1e-45, 1.1754942e-38, 3.4028235e38,
                   -3.4028235e38, 1.0, -1.0, 0.5, 65504.0, 65520.0, 6e-8, 2.9802322e-08,
                   1e-40, 1.5, 2.5], dtype=f32)
qnan = np.array([0x7fc00001, 0xffc12345], dtype=np.uint32).view(f32)


def mix(edges, randoms):
    v = np.concatenate([edges, randoms])[:N]
    return v


fa = mix(np.concatenate([edge32, qnan]), rng.normal(0, 100, N).astype(f32))
fb = mix(np.roll(np.concatenate([edge32, qnan]), 3), rng.normal(0, 100, N).astype(f32))
fb[N // 2: N // 2 + 8] = fa[N // 2: N // 2 + 8]  # x - x = +0, x + x doubling
edge16 = np.array([0.0, -0.0, np.inf, -np.inf, 6e-8, -6e-8, 6.1e-5, 65504.0, -65504.0,
                   1.0, -1.0, 0.5, 0.1, 3.0, 2048.0, 2049.0, 1e-4], dtype=f16)
ha = mix(np.concatenate([edge16, np.array([0x7e01], dtype=np.uint16).view(f16)]),
         rng.normal(0, 30, N).astype(f16))
hb = mix(np.roll(edge16, 5), rng.normal(0, 30, N).astype(f16))
ia = mix(np.array([32767, -32768, -1, 0, 1, 32767, -32768, 12345], dtype=np.int16),
         rng.integers(-32768, 32768, N).astype(np.int16))
ib = mix(np.array([1, -1, 1, -32768, 32767, 32767, -32768, -12345], dtype=np.int16),
         rng.integers(-32768, 32768, N).astype(np.int16))
wa = rng.integers(0, 2**32, N, dtype=np.uint64).astype(np.uint32)
wa[:4] = [0, 0xffffffff, 0x80000000, 0x7fffffff]
K = f32(-1.75)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
sym = {s: runner.get_id(s) for s in ("fa", "fb", "ha", "hb", "ia", "ib", "wa", "fo", "ho",
                                     "io", "wo")}
runner.load()
runner.run()


def put(s, words, kind):
    runner.memcpy_h2d(sym[s], words, 0, 0, 1, 1, N, streaming=False, order=ROW,
                      data_type=kind, nonblock=False)


def get(s, count, kind):
    out = np.zeros(count, dtype=np.uint32)
    runner.memcpy_d2h(out, sym[s], 0, 0, 1, 1, count, streaming=False, order=ROW,
                      data_type=kind, nonblock=False)
    return out


put("fa", fa.view(np.uint32), B32)
put("fb", fb.view(np.uint32), B32)
put("ha", ha.view(np.uint16).astype(np.uint32), B16)
put("hb", hb.view(np.uint16).astype(np.uint32), B16)
put("ia", ia.view(np.uint16).astype(np.uint32), B16)
put("ib", ib.view(np.uint16).astype(np.uint32), B16)
put("wa", wa, B32)
runner.launch("run", K, nonblock=False)
fo = get("fo", 11 * N, B32).view(f32).reshape(11, N)
ho = (get("ho", 10 * N, B16) & 0xffff).astype(np.uint16).view(f16).reshape(10, N)
io = (get("io", 6 * N, B16) & 0xffff).astype(np.uint16).view(np.int16).reshape(6, N)
wo = get("wo", N, B32)
runner.stop()

with np.errstate(all="ignore"):
    ld = np.longdouble
    want_f = [fa, fa + fb, fa - fb, fa * fb, -fa, np.abs(fa), np.fmax(fa, fb),
              (ld(fa) + ld(fb) * ld(K)).astype(f32), ha.astype(f32), fa, fa]
    k16 = f16(K)
    want_h = [ha, ha + hb, ha - hb, ha * hb, -ha, np.abs(ha), np.fmax(ha, hb),
              (ha.astype(np.float64) + hb.astype(np.float64) * np.float64(k16)).astype(f16),
              fa.astype(f16), ha]
want_i = [ia, ib, ia + ib, (ia.view(np.uint16) + ib.view(np.uint16)).view(np.int16), ia - ib, ia]
F_NAMES = ["mov", "add", "sub", "mul", "neg", "abs", "max", "fmac", "convert f16->f32",
           "convert f32->f32", "mov i32"]
H_NAMES = ["mov", "add", "sub", "mul", "neg", "abs", "max", "fmac", "convert f32->f16",
           "convert f16->f16"]
I_NAMES = ["mov i16", "mov u16", "add i16", "add u16", "sub i16", "convert i16->i16"]
# Operations whose every bit is defined, NaNs included.
BITWISE_F = {"mov", "neg", "abs", "convert f32->f32", "mov i32"}
BITWISE_H = {"mov", "neg", "abs", "convert f16->f16"}

bad = 0


def compare(kind, name, got, want, bitwise, utype):
    global bad
    gb, wb = got.view(utype), np.asarray(want).view(utype)
    if bitwise:
        wrong = gb != wb
    else:
        wrong = ~((gb == wb) | (np.isnan(got) & np.isnan(want)))
        # maxNum of +0 and -0 may give either.
        if name == "max":
            wrong &= ~((got == 0) & (np.asarray(want) == 0))
    if wrong.any():
        bad += 1
        i = np.flatnonzero(wrong)[0]
        print(f"{kind} {name}: {int(wrong.sum())} wrong, first [{i}] got {got[i]!r} "
              f"(0x{int(gb[i]):x}) want {want[i]!r} (0x{int(wb[i]):x})")


for r, name in enumerate(F_NAMES):
    compare("f32", name, fo[r], want_f[r].astype(f32), name in BITWISE_F, np.uint32)
for r, name in enumerate(H_NAMES):
    compare("f16", name, ho[r], want_h[r].astype(f16), name in BITWISE_H, np.uint16)
for r, name in enumerate(I_NAMES):
    if not (io[r] == want_i[r]).all():
        bad += 1
        i = np.flatnonzero(io[r] != want_i[r])[0]
        print(f"{name}: [{i}] got {io[r][i]} want {want_i[r][i]}")
if not (wo == wa).all():
    bad += 1
    print(f"mov u32: {np.flatnonzero(wo != wa)[:4]} wrong")

if bad:
    print(f"FAIL: {bad} operations wrong")
    sys.exit(1)
print("SUCCESS!")
