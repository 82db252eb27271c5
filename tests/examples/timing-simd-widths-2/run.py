#!/usr/bin/env cs_python
"""timing-simd-widths-2: cycle counts of 26 more memory-only DSD ops against docs/simulator.md's
cost table, exactly (the companion of timing-simd-widths).

Formula (cost table, "memory DSD op"):
    cycles(op, n) = setup + ceil(n / width) + ceil(c / width)
c = 0 where both sources are in one array 33 elements apart (no shared bank mod 4); for
faddhs/fmachs (an f32 and an f16 array) c follows the bank rule at the one relative phase of
the two arrays that fits, which must be the same for both.
SIMD widths WSE-2 / WSE-3 from the table under it: sub16 and16 or16 xor16 and the f16
sub/mul/neg/abs/norm/scale ops 4 / 8; fh2xp16 xp162fh 1 / 8; shifts, fs2xp16 xp162fs 1 / 4;
the f32 sub/neg/abs/norm/scale ops, faddhs, fmachs 2 / 4; popcnt, clz, ctz 1. The code
around each op is the same for every n, so each op's count minus ceil(n / width) must be
one constant, at least 15 (setup) above two bare timestamps. The results of the n = nmax runs
are checked bit for bit against numpy (not for fnorms/fnormh, whose values the doc leaves a
choice)."""
import argparse
import math
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", choices=("wse2", "wse3"), required=True)
parser.add_argument("--nmax", type=int, default=17)
args = parser.parse_args()
wse3 = args.arch == "wse3"
NOPS, ROW, SPAN, NMAX = 26, 32, 80, args.nmax

OPS = [("fsubs", 2, 4), ("fnegs", 2, 4), ("fabss", 2, 4), ("fscales", 2, 4), ("fsubh", 4, 8),
       ("fmulh", 4, 8), ("fnegh", 4, 8), ("fabsh", 4, 8), ("fscaleh", 4, 8), ("faddhs", 2, 4),
       ("fmachs", 2, 4), ("and16", 4, 8), ("or16", 4, 8), ("xor16", 4, 8), ("sub16", 4, 8),
       ("slr16", 1, 4), ("sar16", 1, 4), ("popcnt", 1, 1), ("clz", 1, 1), ("ctz", 1, 1),
       ("fs2xp16", 1, 4), ("xp162fs", 1, 4), ("fh2xp16", 1, 8), ("xp162fh", 1, 8),
       ("fnorms", 2, 4), ("fnormh", 4, 8)]
assert len(OPS) == NOPS

rng = np.random.default_rng(31)
fsrc = (rng.integers(-64, 64, SPAN) * 0.5).astype(np.float32)
hsrc = (rng.integers(-64, 64, SPAN) * 0.25).astype(np.float16)
usrc = rng.integers(0, 65536, SPAN).astype(np.uint16)
usrc[:4] = [0, 0x8000, 1, 0xFFFF]
isrc = rng.integers(-32768, 32768, SPAN).astype(np.int16)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("cyc", "fsrc", "hsrc", "usrc", "isrc", "fout", "hout", "uout", "iout")}
runner.load()
runner.run()
u32, u16, ROWM = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT, MemcpyOrder.ROW_MAJOR


def h2d(sym, arr, dt):
    runner.memcpy_h2d(ids[sym], arr, 0, 0, 1, 1, arr.size, streaming=False, order=ROWM,
                      data_type=dt, nonblock=False)


def d2h(sym, count, dt):
    out = np.zeros(count, dtype=np.uint32)
    runner.memcpy_d2h(out, ids[sym], 0, 0, 1, 1, count, streaming=False, order=ROWM,
                      data_type=dt, nonblock=False)
    return out


h2d("fsrc", fsrc.view(np.uint32), u32)
h2d("hsrc", hsrc.view(np.uint16).astype(np.uint32), u16)
h2d("usrc", usrc.astype(np.uint32), u16)
h2d("isrc", isrc.view(np.uint16).astype(np.uint32), u16)
runner.launch("go", nonblock=False)
cyc = d2h("cyc", NOPS * ROW + 1, u32).astype(np.int64)
fout = d2h("fout", NOPS * ROW, u32).view(np.float32).reshape(NOPS, ROW)
hout = d2h("hout", NOPS * ROW, u16).astype(np.uint16).view(np.float16).reshape(NOPS, ROW)
uout = d2h("uout", NOPS * ROW, u16).astype(np.uint16).reshape(NOPS, ROW)
iout = d2h("iout", NOPS * ROW, u16).astype(np.uint16).view(np.int16).reshape(NOPS, ROW)
runner.stop()

bad = []
empty = int(cyc[NOPS * ROW])
overheads = {}
MIXED = {"faddhs", "fmachs"}  # f32 source from fsrc, f16 source from hsrc: two arrays
phases = {}
for op, (name, w2, w3) in enumerate(OPS):
    width = w3 if wse3 else w2
    counts = [int(cyc[op * ROW + n - 1]) for n in range(1, NMAX + 1)]
    # An f32 source reads 16-bit word 2i (+ its base), an f16 source word i (+ its base);
    # the two arrays' bases are unknown here, so for the mixed ops every relative phase d
    # (words, mod 4) is tried: conflicts c(n) = #{i < n : (2i + d) % 4 == i % 4}.
    candidates = range(4) if name in MIXED else [None]
    fits = []
    for d in candidates:
        model = []
        for n in range(1, NMAX + 1):
            c = 0 if d is None else sum(1 for i in range(n) if (2 * i + d) % 4 == i % 4)
            model.append(math.ceil(n / width) + math.ceil(c / width))
        rest = sorted({cnt - m for cnt, m in zip(counts, model)})
        if len(rest) == 1:
            fits.append((d, rest[0]))
    if len(fits) != 1:
        bad.append(f"{name}: cycles for n=1..{NMAX} are {counts}; width {width} "
                   f"{'and the bank rule fit for phases ' + str([f[0] for f in fits]) if name in MIXED else 'predicts a constant plus ceil(n / width)'}")
        continue
    d, rest = fits[0]
    if d is not None:
        phases[name] = d
    overheads[name] = rest - empty
    print(f"{name:>8}: width {width}{'' if d is None else f', bank phase {d}'}, overhead {rest - empty}, "
          f"n=1..{NMAX}: {counts}")
if len(set(phases.values())) > 1:
    bad.append(f"faddhs and fmachs read the same two arrays but fit different bank phases {phases}")
spread = sorted(set(overheads.values()))
if spread and (min(spread) < 15 or max(spread) - min(spread) > 2):
    bad.append(f"overheads beyond the element cycles: {overheads}")

n = NMAX
fa, fb, ha, hb = fsrc[:n], fsrc[33:33 + n], hsrc[:n], hsrc[33:33 + n]
ua, ub, ia = usrc[:n].astype(np.uint32), usrc[33:33 + n].astype(np.uint32), isrc[:n]
f32, f16, f64 = np.float32, np.float16, np.float64


def popcount(v):
    return np.array([bin(int(x)).count("1") for x in v], dtype=np.uint16)


def clz(v):
    return np.array([16 - int(x).bit_length() for x in v], dtype=np.uint16)


def ctz(v):
    return np.array([16 if x == 0 else (int(x) & -int(x)).bit_length() - 1 for x in v], dtype=np.uint16)


def sat16(x):
    return np.clip(np.rint(x.astype(f64)), -32768, 32767).astype(np.int16)


want = {
    0: ("f", fa - fb), 1: ("f", -fa), 2: ("f", np.abs(fa)), 3: ("f", fa * f32(8)),
    4: ("h", ha - hb), 5: ("h", ha * hb), 6: ("h", -ha), 7: ("h", np.abs(ha)), 8: ("h", ha * f16(8)),
    9: ("f", fa + hb.astype(f32)),
    10: ("f", (fa.astype(f64) + hb.astype(f64) * 0.25).astype(f32)),
    11: ("u", (ua & ub).astype(np.uint16)), 12: ("u", (ua | ub).astype(np.uint16)),
    13: ("u", (ua ^ ub).astype(np.uint16)), 14: ("u", ((ua - ub) & 0xFFFF).astype(np.uint16)),
    15: ("u", (ua >> 3).astype(np.uint16)), 16: ("i", (ia >> 3).astype(np.int16)),
    17: ("u", popcount(ua)), 18: ("u", clz(ua)), 19: ("u", ctz(ua)), 20: ("i", sat16(fa)),
    21: ("f", ia.astype(f32)), 22: ("i", sat16(ha)), 23: ("h", ia.astype(f16)),
}
for op, (kind, expect) in want.items():
    got = {"f": fout, "h": hout, "u": uout, "i": iout}[kind][op, :n]
    if got.tobytes() != np.asarray(expect).tobytes():
        bad.append(f"{OPS[op][0]}: result {got} != numpy {expect}")

for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
