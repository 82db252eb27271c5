#!/usr/bin/env cs_python
"""timing-fabric-op-rates: DSD ops with a fabric operand move one wavelet per cycle
(docs/simulator.md cost table, "fabric DSD op element: 1 per wavelet"); the SIMD widths
and the bank-conflict rule apply to memory-only ops ("fabric and FIFO operands are not
counted"). For each of seven op pairs and n in (1, 2, 9, 33, 40): the sender's op and the
receiver's op end exactly n - 1 cycles later than at n = 1 (relative to the sender's first
stamp). The receiver's results are checked bit for bit against numpy."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
N = 40
u32, u16, ROW = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT, MemcpyOrder.ROW_MAJOR
NAMES = ["mov32 -> mov32", "fmovh -> fmovh", "fadds(out, fa, fa) -> fadds(fa, in, fb)",
         "faddh -> faddh", "fmacs -> fmacs", "mov16 -> add16", "fh2s -> fs2h"]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("fa", "fb", "ha", "hb", "ua", "wa", "stamps")}
runner.load()
runner.run()
rng = np.random.default_rng(17)


def put(sym, words, dt):
    runner.memcpy_h2d(ids[sym], np.concatenate([words, words]).astype(np.uint32), 0, 0, 2, 1, N,
                      streaming=False, order=ROW, data_type=dt, nonblock=False)


def get(sym, dt, count=N):
    out = np.zeros(2 * count, dtype=np.uint32)
    runner.memcpy_d2h(out, ids[sym], 0, 0, 2, 1, count, streaming=False, order=ROW,
                      data_type=dt, nonblock=False)
    return out.reshape(2, count)


bad = []
for op, name in enumerate(NAMES):
    rel = {}
    for n in (1, 2, 9, 33, N):
        fa = (rng.integers(-500, 500, N) * 0.125).astype(np.float32)
        fb = (rng.integers(-500, 500, N) * 0.25).astype(np.float32)
        ha = (rng.integers(-300, 300, N) * 0.125).astype(np.float16)
        hb = (rng.integers(-300, 300, N) * 0.0625).astype(np.float16)
        ua = rng.integers(0, 65536, N).astype(np.uint16)
        wa = rng.integers(0, 2**32, N, dtype=np.uint64).astype(np.uint32)
        put("fa", fa.view(np.uint32), u32)
        put("fb", fb.view(np.uint32), u32)
        put("ha", ha.view(np.uint16).astype(np.uint32), u16)
        put("hb", hb.view(np.uint16).astype(np.uint32), u16)
        put("ua", ua.astype(np.uint32), u16)
        put("wa", wa, u32)
        runner.launch("run", np.uint16(op), np.uint16(n), nonblock=False)
        st = get("stamps", u32, 2).astype(np.int64)
        start = int(st[0, 0])
        rel[n] = (int(st[0, 1]) - start, int(st[1, 1]) - start)
        k = slice(0, n)
        f64 = np.float64
        want = {
            0: ("wa", wa[k]),
            1: ("ha", ha[k]),
            2: ("fa", ((fa + fa) + fb)[k]),
            3: ("ha", (hb + (ha + hb))[k]),
            4: ("fa", (fb.astype(f64) + (fa.astype(f64) + fb.astype(f64) * 2.0).astype(np.float32).astype(f64) * 0.5).astype(np.float32)[k]),
            5: ("ua", ((ua.astype(np.uint32) * 2) & 0xFFFF).astype(np.uint16)[k]),
            6: ("ha", ha.astype(np.float32).astype(np.float16)[k]),
        }[op]
        sym, expect = want
        raw = get(sym, u32 if sym in ("fa", "wa") else u16)[1]
        dtype = {"fa": np.float32, "wa": np.uint32, "ha": np.float16, "ua": np.uint16}[sym]
        wide = dtype in (np.float32, np.uint32)
        got = (raw if wide else raw.astype(np.uint16)).view(dtype)[:n]
        if got.tobytes() != np.asarray(expect, dtype=dtype).tobytes():
            bad.append(f"{name} n={n}: received {got} != numpy {expect}")
    print(f"{name:40}: sender op / receiver end (cycles from the sender's first stamp) "
          f"{[rel[n] for n in sorted(rel)]}")
    for n in rel:
        for side, who in ((0, "sender's op"), (1, "receiver's op")):
            if rel[n][side] - rel[1][side] != n - 1:
                bad.append(f"{name}: the {who} ended {rel[n][side] - rel[1][side]} cycles later for "
                           f"n={n} than for n=1; one wavelet per cycle gives {n - 1}")
runner.stop()
for line in bad[:30]:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
