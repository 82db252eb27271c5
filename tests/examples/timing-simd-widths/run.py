#!/usr/bin/env cs_python
"""timing-simd-widths: cycle counts of single memory-only DSD ops against the cost table of
docs/simulator.md, exactly.

Formula (docs/simulator.md, "Cost table", row "memory DSD op"):
    cycles(op, n) = setup + ceil(n / width) + ceil(c / width)
with width the op's SIMD width on the arch (reduced by a source's stride: stride % 8 of 1
or 7 at most 2, 4 at most 4, 0 width 1) and c the elements whose two source reads fall in
banks equal mod 4. The code around the op is the same for every n, so each op's measured
count minus ceil(n / width) + ceil(c / width) must be one constant K for all n, and K less
the empty measurement (two timestamps, nothing between) must be the same for every op
(setup 15 plus the same few DSD register moves). The results of the last (longest) run
of each op are checked against numpy bit for bit."""
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
NOPS, ROW, SPAN, NMAX = 23, 32, 200, args.nmax

# (name, width wse2, width wse3, conflicts per element: 0 none, 1 every element)
OPS = [
    ("fmovs", 2, 4, 0), ("fmovh", 4, 8, 0), ("mov16", 4, 8, 0), ("mov32", 2, 4, 0),
    ("fadds", 2, 4, 0), ("fadds conflicting", 2, 4, 1), ("faddh", 4, 8, 0),
    ("faddh conflicting", 4, 8, 1), ("add16", 4, 8, 0), ("fmuls", 1, 1, 0),
    ("fmacs", 1, 1, 0), ("fmaxs", 1, 4, 0), ("fmaxh", 1, 8, 0), ("sll16", 1, 4, 0),
    ("fh2s", 1, 4, 0), ("fs2h", 1, 4, 0), ("addc16", 1, 8, 0), ("fmach", 4, 8, 0),
    ("fmovh stride 4", 4, 4, 0), ("fmovh stride 8", 1, 1, 0), ("fmovh stride 7", 2, 2, 0),
    ("fmovh stride 2", 4, 8, 0), ("fmovs stride 9", 2, 2, 0),
]
assert len(OPS) == NOPS

rng = np.random.default_rng(11)
fsrc = rng.integers(-64, 64, SPAN).astype(np.float32) * np.float32(0.5)
hsrc = (rng.integers(-64, 64, SPAN) * 0.25).astype(np.float16)
usrc = rng.integers(0, 65536, SPAN).astype(np.uint16)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("cyc", "fsrc", "hsrc", "usrc", "fout", "hout", "uout")}
runner.load()
runner.run()
u32, u16 = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT


def h2d(sym, arr, data_type):
    runner.memcpy_h2d(ids[sym], arr, 0, 0, 1, 1, arr.size, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=data_type, nonblock=False)


def d2h(sym, count, data_type):
    out = np.zeros(count, dtype=np.uint32)
    runner.memcpy_d2h(out, ids[sym], 0, 0, 1, 1, count, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=data_type, nonblock=False)
    return out


h2d("fsrc", fsrc.view(np.uint32), u32)
h2d("hsrc", hsrc.view(np.uint16).astype(np.uint32), u16)
h2d("usrc", usrc.astype(np.uint32), u16)
runner.launch("go", nonblock=False)
cyc = d2h("cyc", NOPS * ROW + 1, u32).astype(np.int64)
fout = d2h("fout", NOPS * ROW, u32).view(np.float32).reshape(NOPS, ROW)
hout = d2h("hout", NOPS * ROW, u16).astype(np.uint16).view(np.float16).reshape(NOPS, ROW)
uout = d2h("uout", NOPS * ROW, u16).astype(np.uint16).reshape(NOPS, ROW)
runner.stop()

bad = []
empty = int(cyc[NOPS * ROW])
print(f"{args.arch}: two timestamps with nothing between: {empty} cycles")
overheads = {}
for op, (name, w2, w3, conflicting) in enumerate(OPS):
    width = w3 if wse3 else w2
    counts = [int(cyc[op * ROW + n - 1]) for n in range(1, NMAX + 1)]
    model = [math.ceil(n / width) + (math.ceil(n / width) if conflicting else 0)
             for n in range(1, NMAX + 1)]
    consts = sorted({c - m for c, m in zip(counts, model)})
    if len(consts) != 1:
        bad.append(f"{name}: cycles for n=1..{NMAX} are {counts}; the table (width {width}"
                   f"{', every element conflicting' if conflicting else ''}) predicts a "
                   f"constant plus {model}, but the remainders are {consts}")
        continue
    overheads[name] = consts[0] - empty
    print(f"{name:>18}: width {width}, setup and moves {consts[0] - empty} cycles, n=1..{NMAX}: {counts}")
spread = sorted(set(overheads.values()))
if spread and (min(spread) < 15 or max(spread) - min(spread) > 2):
    bad.append(f"op overheads beyond the element cycles vary too much or undercut setup 15: {overheads}")

# Results of the n = NMAX runs.
n = NMAX
fa, fb, fc = fsrc[:n], fsrc[33:33 + n], fsrc[34:34 + n]
ha, hb, hc = hsrc[:n], hsrc[33:33 + n], hsrc[36:36 + n]
ua, ub = usrc[:n], usrc[33:33 + n]
f32, f16 = np.float32, np.float16


def addc16(a, b):
    """@addc16 chains the carry from one element to the next (the simulator's reading, a
    carry of 0 into the first element)."""
    out, carry = [], 0
    for x, y in zip(a.astype(int), b.astype(int)):
        total = x + y + carry
        out.append(total & 0xFFFF)
        carry = total >> 16
    return np.array(out, dtype=np.uint16)


def fmac16(a, b, k):
    return (a.astype(np.float64) + b.astype(np.float64) * float(k)).astype(f16)


expect = {
    0: ("f", fa), 1: ("h", ha), 2: ("u", ua), 3: ("f", fb), 4: ("f", fa + fb), 5: ("f", fa + fc),
    6: ("h", ha + hb), 7: ("h", ha + hc), 8: ("u", (ua.astype(np.uint32) + ub).astype(np.uint16)),
    9: ("f", fa * fb), 10: ("f", (fa.astype(np.float64) + fb.astype(np.float64) * 0.5).astype(f32)),
    11: ("f", np.maximum(fa, fb)), 12: ("h", np.maximum(ha, hb)),
    13: ("u", (ua.astype(np.uint32) << 3).astype(np.uint16)), 14: ("f", ha.astype(f32)),
    15: ("h", fa.astype(f16)), 16: ("u", addc16(ua, ub)),
    17: ("h", fmac16(ha, hb, 0.25)), 18: ("h", hsrc[0:4 * n:4]), 19: ("h", hsrc[0:8 * n:8]),
    20: ("h", hsrc[0:7 * n:7]), 21: ("h", hsrc[0:2 * n:2]), 22: ("f", fsrc[0:9 * n:9]),
}
for op, (kind, want) in expect.items():
    got = {"f": fout, "h": hout, "u": uout}[kind][op, :n]
    if got.tobytes() != np.asarray(want).tobytes():
        bad.append(f"{OPS[op][0]}: result {got} != numpy {want}")

for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
