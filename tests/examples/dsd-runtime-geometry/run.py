#!/usr/bin/env cs_python
"""dsd-runtime-geometry: draws rows of (operation, extent, base/offset/stride x3) whose
addresses stay inside the arrays and never read an element an earlier element of the same
operation wrote (a destination may equal a source element for element), runs them in one
launch per batch, and replays them element by element: f32 ops rounded per operation,
@fmacs rounded once, i16 wrapping, f32 <-> f16 by numpy's round-to-nearest-even casts. Three batches, the arrays carried across them."""
import argparse
import sys
from fractions import Fraction

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
m32 = MemcpyDataType.MEMCPY_32BIT
m16 = MemcpyDataType.MEMCPY_16BIT
ROW = MemcpyOrder.ROW_MAJOR
NF, NH, NG, MAX_ROWS = 160, 161, 97, 32
f32 = np.float32
KINDS = ["fadds", "fsubs", "fmuls", "fmacs", "fmovs", "add16", "sub16", "mov16", "xor16",
         "fs2h", "fh2s", "fnegh", "fmovh"]
NSRC = [2, 2, 1, 2, 1, 2, 2, 1, 1, 1, 1, 1, 1]
# (destination array, source array) of each kind: f = wf (f32), h = wh (i16), g = wg (f16)
ARRAYS = ["ff"] * 5 + ["hh"] * 4 + ["gf", "fg", "gg", "gg"]
SIZE = {"f": NF, "h": NH, "g": NG}
rng = np.random.default_rng(7531)


def round_f32(x):
    r = f32(float(x))
    best, best_d = None, None
    for c in (np.nextafter(r, f32(-np.inf)), r, np.nextafter(r, f32(np.inf))):
        d = abs(Fraction(float(c)) - x)
        if best is None or d < best_d or (d == best_d and int(c.view(np.uint32)) % 2 == 0):
            best, best_d = c, d
    return f32(best)


def addrs(g, ext):
    base, off, stride = g
    return [base + off + i * stride for i in range(ext)]


def draw_row():
    while True:
        kind = int(rng.integers(0, 13))
        dst_n, src_n = SIZE[ARRAYS[kind][0]], SIZE[ARRAYS[kind][1]]
        same = ARRAYS[kind][0] == ARRAYS[kind][1]
        ext = int(rng.integers(1, 41))
        geo = []
        for slot in range(3):
            stride = int(rng.choice([-3, -2, -1, 1, 1, 2, 3, 4] + ([0] if slot else [])))
            n = dst_n if slot == 0 else src_n
            if slot and same and rng.random() < 0.4:
                # near the destination: the same walk, or shifted so it reads ahead of it
                b, o, s = geo[0]
                shift = int(rng.choice([0, 0, 1, 2, 5])) * (1 if s > 0 else -1)
                geo.append((b, o + shift, s))
                continue
            base = int(rng.integers(0, n))
            off = int(rng.integers(-12, 13))
            geo.append((base, off, stride))
        ok = all(0 <= a < dst_n for a in addrs(geo[0], ext))
        ok = ok and all(0 <= a < src_n for g in geo[1:1 + NSRC[kind]] for a in addrs(g, ext))
        dst = addrs(geo[0], ext)
        srcs = [addrs(g, ext) for g in geo[1:1 + NSRC[kind]]]
        ok = ok and len(set(dst)) == ext
        for i in range(ext if same else 0):
            for s in srcs:
                if any(s[j] == dst[i] for j in range(i + 1, ext)):
                    ok = False
        if ok:
            return kind, ext, geo


def model(wf, wh, wg, rows, scal):
    wf, wh, wg = wf.copy(), [int(v) for v in wh], wg.copy()
    for r, (kind, ext, geo) in enumerate(rows):
        d, s0, s1 = (addrs(g, ext) for g in geo)
        k = scal[r]
        for i in range(ext):
            if kind == 0:
                wf[d[i]] = wf[s0[i]] + wf[s1[i]]
            elif kind == 1:
                wf[d[i]] = wf[s0[i]] - wf[s1[i]]
            elif kind == 2:
                wf[d[i]] = wf[s0[i]] * k
            elif kind == 3:
                wf[d[i]] = round_f32(Fraction(float(wf[s0[i]])) + Fraction(float(wf[s1[i]])) * Fraction(float(k)))
            elif kind == 4:
                wf[d[i]] = wf[s0[i]]
            elif kind == 9:
                wg[d[i]] = np.float16(wf[s0[i]])
            elif kind == 10:
                wf[d[i]] = f32(wg[s0[i]])
            elif kind == 11:
                wg[d[i]] = -wg[s0[i]]
            elif kind == 12:
                wg[d[i]] = wg[s0[i]]
            else:
                a = wh[s0[i]]
                v = {5: lambda: a + wh[s1[i]], 6: lambda: a - wh[s1[i]], 7: lambda: a,
                     8: lambda: a ^ geo[2][0]}[kind]()
                v &= 0xffff
                wh[d[i]] = v - 0x10000 if v & 0x8000 else v
    return wf, np.array(wh, dtype=np.int16), wg


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("wf", "wh", "wg", "rows", "scal")}
runner.load()
runner.run()
wf = rng.uniform(-4, 4, NF).astype(f32)
wh = rng.integers(-32768, 32768, NH).astype(np.int16)
# f16 values, some past f16's range once widened/narrowed (f32 values up to 4 only here;
# wf grows through the f32 rows, so @fs2h also meets overflow and subnormals)
wg = (rng.standard_normal(NG) * 10.0 ** rng.integers(-6, 4, NG)).astype(np.float16)
runner.memcpy_h2d(ids["wf"], wf, 0, 0, 1, 1, NF, streaming=False, order=ROW, data_type=m32,
                  nonblock=False)
runner.memcpy_h2d(ids["wh"], wh.view(np.uint16).astype(np.uint32), 0, 0, 1, 1, NH,
                  streaming=False, order=ROW, data_type=m16, nonblock=False)
runner.memcpy_h2d(ids["wg"], wg.view(np.uint16).astype(np.uint32), 0, 0, 1, 1, NG,
                  streaming=False, order=ROW, data_type=m16, nonblock=False)
failures = 0
for batch in range(3):
    count = [32, 17, 32][batch]
    rows = [draw_row() for _ in range(count)]
    table = np.zeros(12 * MAX_ROWS, dtype=np.int16)
    for r, (kind, ext, geo) in enumerate(rows):
        if kind == 8:
            geo[2] = (int(rng.integers(-32768, 32768)), 0, 0)
        table[12 * r:12 * r + 11] = [kind, ext] + [v for g in geo for v in g]
    scal = rng.choice([f32(0.5), f32(-1.25), f32(1.0000001), f32(-0.1), f32(3.0)], MAX_ROWS).astype(f32)
    runner.memcpy_h2d(ids["rows"], table.view(np.uint16).astype(np.uint32), 0, 0, 1, 1,
                      table.size, streaming=False, order=ROW, data_type=m16, nonblock=False)
    runner.memcpy_h2d(ids["scal"], scal, 0, 0, 1, 1, MAX_ROWS, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)
    runner.launch("run", np.uint16(count), nonblock=False)
    with np.errstate(all="ignore"):
        wf, wh, wg = model(wf, wh, wg, rows, scal)
    got_f = np.zeros(NF, dtype=f32)
    runner.memcpy_d2h(got_f, ids["wf"], 0, 0, 1, 1, NF, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)
    got_h = np.zeros(NH, dtype=np.uint32)
    runner.memcpy_d2h(got_h, ids["wh"], 0, 0, 1, 1, NH, streaming=False, order=ROW,
                      data_type=m16, nonblock=False)
    got_h = (got_h & 0xffff).astype(np.uint16).view(np.int16)
    got_g = np.zeros(NG, dtype=np.uint32)
    runner.memcpy_d2h(got_g, ids["wg"], 0, 0, 1, 1, NG, streaming=False, order=ROW,
                      data_type=m16, nonblock=False)
    got_g = (got_g & 0xffff).astype(np.uint16).view(np.float16)
    bad_g = np.nonzero(got_g.view(np.uint16) != wg.view(np.uint16))[0]
    for i in bad_g[:10]:
        print(f"MISMATCH batch {batch} wg[{i}]: got {got_g[i]!r} want {wg[i]!r}")
    bad_f = np.nonzero(got_f.view(np.uint32) != wf.view(np.uint32))[0]
    bad_h = np.nonzero(got_h != wh)[0]
    for i in bad_f[:10]:
        print(f"MISMATCH batch {batch} wf[{i}]: got {got_f[i]!r} want {wf[i]!r}")
    for i in bad_h[:10]:
        print(f"MISMATCH batch {batch} wh[{i}]: got {got_h[i]} want {wh[i]}")
    failures += len(bad_f) + len(bad_h) + len(bad_g)
    if len(bad_f) or len(bad_h) or len(bad_g):
        for r, (kind, ext, geo) in enumerate(rows):
            print(f"  row {r}: {KINDS[kind]} extent {ext} dst/src0/src1 (base, offset, stride) {geo}")
        break
    wf, wh, wg = got_f.copy(), got_h.copy(), got_g.copy()
runner.stop()
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
