#!/usr/bin/env cs_python
"""generic-reductions: the generic reductions per type, recomputed with numpy (wrapping
integer arithmetic in the type, float32 sums in element order, f16 arithmetic rounded per
operation) and the CRC-32s with zlib."""
import argparse
import json
import zlib

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, ROWS, COLS = int(params["width"]), int(params["rows"]), int(params["cols"])
N = ROWS * COLS
BLOCK = 5 + COLS + N

rng = np.random.default_rng(77)
raw = rng.integers(0, 2**32, size=(W, N), dtype=np.uint64).astype(np.uint32)
raw[0, :4] = [0, 0xFFFFFFFF, 0x80000000, 0x7FFF8000]  # extremes of every lane
fl = rng.normal(0, 300, size=(W, N)).astype(np.float32)
fl[1, :5] = [0.0, -0.0, 65504.0, -70000.0, 1e-6]  # f16 edge: max, overflow to -inf, subnormal
fl[2] = np.round(fl[2])  # exact values: ties in the f16 conversions

# (numpy type, wide type, scale, bias) as generic_pe.csl's config gives them.
CFG = {
    "i16": (np.int16, np.int32, 3, -7),
    "u16": (np.uint16, np.uint32, 3, 11),
    "i32": (np.int32, np.int32, 3, -100000),
    "u32": (np.uint32, np.uint32, 40503, None),
    "f16": (np.float16, np.float32, 3, 0.25),
    "f32": (np.float32, np.float32, 1.5, -2.0),
}


def lanes(x, name):
    if name == "i16":
        return (raw[x] & 0xFFFF).astype(np.uint16).view(np.int16)
    if name == "u16":
        return (raw[x] >> 16).astype(np.uint16)
    if name == "i32":
        return raw[x].view(np.int32)
    if name == "u32":
        return raw[x].copy()
    if name == "f16":
        with np.errstate(over="ignore"):  # -70000 becomes -inf, as @as(f16, x) gives
            return fl[x].astype(np.float16)
    return fl[x].copy()


def word(v):
    """The value's bits, zero-extended to 32 bits."""
    v = np.asarray(v)
    return int(v.view({1: np.uint8, 2: np.uint16, 4: np.uint32}[v.dtype.itemsize]))


def wrap_sum(values, wide):
    acc = wide(0)
    with np.errstate(over="ignore"):
        for v in values:
            acc = wide(acc + wide(v))
    return acc


def expected(x):
    out = np.zeros(6 * BLOCK, dtype=np.uint32)
    for t, (name, (T, WIDE, scale, bias)) in enumerate(CFG.items()):
        v = lanes(x, name)
        b = t * BLOCK
        lo_at = int(np.argmin(v))
        out[b + 0] = word(v.min())
        out[b + 1] = word(v.max())
        out[b + 2] = word(wrap_sum(v, WIDE))
        out[b + 3] = lo_at
        out[b + 4] = int(np.count_nonzero(v > 0))
        grid = v.reshape(ROWS, COLS)
        for c in range(COLS):
            out[b + 5 + c] = word(wrap_sum(grid[:, c], WIDE))
        with np.errstate(over="ignore"):
            if T in (np.float16, np.float32):
                y = (v * T(scale)).astype(T)
                if bias is not None:
                    y = (y + T(bias)).astype(T)
            else:
                bits = 8 * np.dtype(T).itemsize
                y = [(int(e) * scale + (bias or 0)) % 2**bits for e in v]
        for i in range(N):
            out[b + 5 + COLS + i] = y[i] if isinstance(y, list) else word(y[i])
    return out


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("raw", "fl", "out", "crc")}
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
runner.memcpy_h2d(ids["raw"], raw.ravel(), 0, 0, W, 1, N, streaming=False, order=ROW, data_type=u32, nonblock=False)
runner.memcpy_h2d(ids["fl"], fl.ravel(), 0, 0, W, 1, N, streaming=False, order=ROW, data_type=u32, nonblock=False)
runner.launch("reduce_all", nonblock=False)
got = np.zeros(W * 6 * BLOCK, dtype=np.uint32)
crc = np.zeros(W * 2, dtype=np.uint32)
runner.memcpy_d2h(got, ids["out"], 0, 0, W, 1, 6 * BLOCK, streaming=False, order=ROW, data_type=u32, nonblock=False)
runner.memcpy_d2h(crc, ids["crc"], 0, 0, W, 1, 2, streaming=False, order=ROW, data_type=u32, nonblock=False)
runner.stop()

got = got.reshape(W, 6, BLOCK)
crc = crc.reshape(W, 2)
labels = ["lo", "hi", "sum", "argmin", "positives"] + [f"colsum{c}" for c in range(COLS)] + [f"affine{i}" for i in range(N)]
bad = 0
for x in range(W):
    want = expected(x).reshape(6, BLOCK)
    for t, name in enumerate(CFG):
        for k in np.nonzero(got[x, t] != want[t])[0][:6]:
            print(f"PE {x} {name} {labels[k]}: got {got[x, t, k]:#x}, want {want[t, k]:#x}")
            bad += 1
    want_crc = [zlib.crc32(raw[x].tobytes()), zlib.crc32(fl[x].tobytes())]
    if list(crc[x]) != want_crc:
        print(f"PE {x} crc: got {[hex(c) for c in crc[x]]}, want {[hex(c) for c in want_crc]}")
        bad += 1
assert bad == 0, f"{bad} mismatches"
print("SUCCESS!")
