#!/usr/bin/env cs_python
"""library-sampler: numpy replays the <dsd_ops> chain on arena memory (f32, f16 bits, i16),
the arena's layout (32-bit values on even words), the <math> predicates, the
<directions> maps; the <timer> spans must order: the empty span shorter than the whole."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    N = int(json.load(f)["params"]["n"])
W = 2
ARENA = 8 * N + 4
u32t, u16t = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT
row = MemcpyOrder.ROW_MAJOR
F = np.float32

# Arena word offsets: a f32, h f16, b f32 (rounded up to an even word), q i16, q2 i16.
A0 = 0
H0 = A0 + 2 * N
B0 = (H0 + N + 1) // 2 * 2
Q0 = B0 + 2 * N
Q20 = Q0 + N
USED = Q20 + N

specials = np.array([0.0, -0.0, 1.5, -2.0, np.inf, -np.inf, np.nan, -65504.0], dtype=F)


def preds(v):
    return (1 if np.isnan(v) else 0) | (2 if np.isinf(v) else 0) | \
        (4 if np.isfinite(v) else 0) | (8 if np.signbit(v) else 0)


PRED = []
for v in specials:
    PRED += [preds(v), preds(np.float16(v))]
N_, E_, S_, W_, R_ = 0, 1, 2, 3, 4
FLIP = {N_: S_, S_: N_, E_: W_, W_: E_, R_: R_}
CW = {N_: E_, E_: S_, S_: W_, W_: N_, R_: R_}
CCW = {N_: W_, W_: S_, S_: E_, E_: N_, R_: R_}
FV = {N_: S_, S_: N_, E_: E_, W_: W_, R_: R_}
FH = {E_: W_, W_: E_, N_: N_, S_: S_, R_: R_}
DIRS = [FLIP[d] | CW[d] << 4 | CCW[d] << 8 | FV[d] << 12 | FH[d] << 16
        for d in (N_, E_, S_, W_, R_)]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
xin, arena, out = (runner.get_id(s) for s in ("xin", "arena", "out"))
runner.load()
runner.run()
rng = np.random.default_rng(3)
spans = []
for k in (F(0.75), F(-1.25), F(3.0)):
    x = rng.integers(-500, 500, size=(W, N)).astype(F)
    runner.memcpy_h2d(xin, x.ravel(), 0, 0, W, 1, N, streaming=False, order=row, data_type=u32t,
                      nonblock=False)
    runner.launch("run", k, nonblock=False)
    got = np.zeros(W * 28, dtype=np.uint32)
    runner.memcpy_d2h(got, out, 0, 0, W, 1, 28, streaming=False, order=row, data_type=u32t,
                      nonblock=False)
    got = got.reshape(W, 28)
    raw = np.zeros(W * ARENA, dtype=np.uint32)
    runner.memcpy_d2h(raw, arena, 0, 0, W, 1, ARENA, streaming=False, order=row, data_type=u16t,
                      nonblock=False)
    words = memcpy_view(raw, np.dtype(np.uint16)).reshape(W, ARENA).copy()
    for p in range(W):
        xs = x[p]
        h = xs.astype(np.float16)
        b = (h.astype(F) + xs).astype(F)
        b = (b + (xs * k).astype(F)).astype(F)
        b = np.maximum(b, np.abs(xs))
        q = (xs.astype(np.int16) - (2 * xs).astype(np.int16)).astype(np.int16)
        q2 = (2 * xs).astype(np.int16)
        w = words[p]
        assert np.array_equal(w[A0:A0 + 2 * N].view(F), np.abs(xs)), f"PE {p} a"
        assert np.array_equal(w[H0:H0 + N], h.view(np.uint16)), f"PE {p} h"
        assert np.array_equal(w[B0:B0 + 2 * N].view(F), b), f"PE {p} b {w[B0:B0 + 2 * N].view(F)} {b}"
        assert np.array_equal(w[Q0:Q0 + N].view(np.int16), q), f"PE {p} q"
        assert np.array_equal(w[Q20:Q20 + N].view(np.int16), q2), f"PE {p} q2"
        assert list(got[p, :16]) == PRED, f"PE {p} predicates {list(got[p, :16])} {PRED}"
        assert list(got[p, 16:21]) == DIRS, f"PE {p} directions"
        assert got[p, 27] == USED, f"PE {p} arena words {got[p, 27]} != {USED}"
        whole = int(got[p, 21]) | int(got[p, 22]) << 16 | int(got[p, 23]) << 32
        empty = int(got[p, 24]) | int(got[p, 25]) << 16 | int(got[p, 26]) << 32
        assert 0 <= empty < whole < 1_000_000, f"PE {p} timer spans {empty} {whole}"
        spans.append(whole)
runner.stop()
print("timer spans (cycles):", spans)
print("SUCCESS!")
