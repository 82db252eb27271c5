#!/usr/bin/env cs_python
"""timing-bank-strides: memory DSD op cycles with strided, reversed and overlapping
operands, recomputed from docs/simulator.md ("Cost table" and "SRAM banks"):
    cycles = setup + ceil(n / width) + ceil(c / width)
width = the op's SIMD width on the arch, limited by every mem1d operand's stride s (in
elements; s % 8 taken as a non-negative residue): 0 -> 1, 1 or 7 -> at most 2, 4 -> at most
4 (stride 0 or 1 itself keeps the full width); c = the elements whose two source reads fall
in banks equal mod 4, the bank of byte address a being (a / 2) % 8 (a pointer source reads
the same address every element). All operands of a type live in one array, so the bank
pattern follows from their element offsets alone. As in timing-simd-widths the code around
each op is the same for every n: measured - model must be one constant per op, at least 15
(setup) above two bare timestamps. Results of the n = nmax runs are checked bit for bit."""
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
NOPS, ROW, NMAX = 13, 32, args.nmax


def f(e):
    """16-bit word index of f32 element e of the f32 array."""
    return 2 * e


def h(e):
    """16-bit word index of element e of a 16-bit array."""
    return e


# name, widths (wse2, wse3), strides of every mem1d operand, word of source 0 and 1 at i
OPS = [
    ("fadds a[2i] + a[3i+1]", (2, 4), (1, 2, 3), lambda i: f(2 * i), lambda i: f(3 * i + 1)),
    ("fadds a[i] + a[4i+1]", (2, 4), (1, 1, 4), lambda i: f(i), lambda i: f(4 * i + 1)),
    ("faddh h[i] + h[7i+2]", (4, 8), (1, 1, 7), lambda i: h(i), lambda i: h(7 * i + 2)),
    ("faddh h[2i] + h[2i+4]", (4, 8), (1, 2, 2), lambda i: h(2 * i), lambda i: h(2 * i + 4)),
    ("add16 u[8i] + u[i]", (4, 8), (1, 8, 1), lambda i: h(8 * i), lambda i: h(i)),
    ("fadds a[i] + *&a[5]", (2, 4), (1, 1), lambda i: f(i), lambda i: f(5)),
    ("fmuls a[i] * a[i+2]", (1, 1), (1, 1, 1), lambda i: f(i), lambda i: f(i + 2)),
    ("fmacs a[3i] + a[i+1] * k", (1, 1), (1, 3, 1), lambda i: f(3 * i), lambda i: f(i + 1)),
    ("fmovs a[80-4i]", (2, 4), (1, -4), None, None),
    ("fmovh h[130-7i]", (4, 8), (1, -7), None, None),
    ("faddh h[40-2i] + h[i]", (4, 8), (1, -2, 1), lambda i: h(40 - 2 * i), lambda i: h(i)),
    ("fadds a[i] + a[i]", (2, 4), (1, 1, 1), lambda i: f(i), lambda i: f(i)),
    ("fmovs out[8i] = a[i]", (2, 4), (8, 1), None, None),
]
assert len(OPS) == NOPS


def stride_limit(s):
    if s in (0, 1):
        return 64
    return {0: 1, 1: 2, 7: 2, 4: 4}.get(s % 8, 64)


def model(op, n):
    name, widths, strides, w0, w1 = OPS[op]
    width = min([widths[1] if wse3 else widths[0]] + [stride_limit(s) for s in strides])
    c = 0 if w0 is None else sum(1 for i in range(n) if w0(i) % 4 == w1(i) % 4)
    return width, c, math.ceil(n / width) + math.ceil(c / width)


rng = np.random.default_rng(23)
fbuf = (rng.integers(-64, 64, 160) * 0.5).astype(np.float32)
hbuf = (rng.integers(-64, 64, 160) * 0.25).astype(np.float16)
ubuf = rng.integers(0, 65536, 160).astype(np.uint16)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("cyc", "fbuf", "hbuf", "ubuf", "fout", "hout", "uout")}
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


h2d("fbuf", fbuf.view(np.uint32), u32)
h2d("hbuf", hbuf.view(np.uint16).astype(np.uint32), u16)
h2d("ubuf", ubuf.astype(np.uint32), u16)
runner.launch("go", nonblock=False)
cyc = d2h("cyc", NOPS * ROW + 1, u32).astype(np.int64)
fout = d2h("fout", 12 * 32 + 144, u32).view(np.float32)
hout = d2h("hout", NOPS * ROW, u16).astype(np.uint16).view(np.float16)
uout = d2h("uout", NOPS * ROW, u16).astype(np.uint16)
runner.stop()

bad = []
empty = int(cyc[NOPS * ROW])
overheads = {}
for op in range(NOPS):
    counts = [int(cyc[op * ROW + n - 1]) for n in range(1, NMAX + 1)]
    models = [model(op, n) for n in range(1, NMAX + 1)]
    rest = sorted({cnt - m[2] for cnt, m in zip(counts, models)})
    width = models[0][0]
    conflicts = [m[1] for m in models]
    if len(rest) != 1:
        bad.append(f"{OPS[op][0]}: cycles {counts}; width {width}, conflicting elements {conflicts} "
                   f"predict a constant plus {[m[2] for m in models]}; remainders {rest}")
        continue
    overheads[OPS[op][0]] = rest[0] - empty
    print(f"{OPS[op][0]:>26}: width {width}, c(n=1..{NMAX}) {conflicts}, cycles {counts}")
spread = sorted(set(overheads.values()))
if spread and (min(spread) < 15 or max(spread) - min(spread) > 2):
    bad.append(f"overheads beyond the modelled cycles: {overheads}")

n = NMAX
i = np.arange(n)
f32 = np.float32
want = {
    0: ("f", fbuf[2 * i] + fbuf[3 * i + 1]), 1: ("f", fbuf[i] + fbuf[4 * i + 1]),
    2: ("h", hbuf[i] + hbuf[7 * i + 2]), 3: ("h", hbuf[2 * i] + hbuf[2 * i + 4]),
    4: ("u", (ubuf[8 * i].astype(np.uint32) + ubuf[i]).astype(np.uint16)),
    5: ("f", fbuf[i] + fbuf[5]), 6: ("f", fbuf[i] * fbuf[i + 2]),
    7: ("f", (fbuf[3 * i].astype(np.float64) + fbuf[i + 1].astype(np.float64) * 0.5).astype(f32)),
    8: ("f", fbuf[80 - 4 * i]), 9: ("h", hbuf[130 - 7 * i]), 10: ("h", hbuf[40 - 2 * i] + hbuf[i]),
    11: ("f", fbuf[i] + fbuf[i]),
}
for op, (kind, expect) in want.items():
    got = {"f": fout, "h": hout, "u": uout}[kind][op * ROW:op * ROW + n]
    if got.tobytes() != np.asarray(expect).tobytes():
        bad.append(f"{OPS[op][0]}: {got} != numpy {expect}")
if fout[12 * 32 + 8 * i].tobytes() != fbuf[i].tobytes():
    bad.append(f"strided destination: {fout[12 * 32 + 8 * i]} != {fbuf[i]}")
for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
