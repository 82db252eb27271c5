#!/usr/bin/env cs_python
"""odd-width-bits: every result recomputed with Python integers reduced to the type's
width (two's complement for signed types, arithmetic right shifts)."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, N = int(params["width"]), int(params["n"])
WIDTHS = [(3, False), (5, True), (7, False), (9, True), (12, False), (13, True), (20, False),
          (24, True), (31, False), (40, True)]
HEAD = 6
PER = HEAD + 10 * len(WIDTHS)


def signed(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


def rgb(w):
    r, g, b = (w >> 19) & 31, (w >> 10) & 63, (w >> 3) & 31
    packed = (r << 11) | (g << 5) | b
    back = (((r << 3) | (r >> 2)) << 16) | (((g << 2) | (g >> 4)) << 8) | ((b << 3) | (b >> 2))
    return packed, back


def fixed(w):
    x = signed(w, 24)
    prod = signed(x * (5 << 10), 32) >> 12
    y = signed(signed(prod, 24) - (1 << 11), 24)
    return y & 0xFFFFFFFF


def gray_pair(v):
    g = v ^ (v >> 1)
    inv, s = v, 1
    while s < 12:
        inv ^= inv >> s
        s *= 2
    return (g << 16) | inv


def rev12(v):
    return int(f"{v:012b}"[::-1], 2)


def cls(nib):
    return 1 if nib <= 3 else 2 if nib <= 6 else 3 if nib <= 14 else 4


def width_results(x, bits, is_signed, s):
    mask = (1 << bits) - 1
    v = signed(x, bits) if is_signed else x & mask
    shr = v >> s  # Python's >> is arithmetic on negative numbers
    return [(r & mask) for r in (v << s, shr, ~v, -v, v * 3 + 1)]


def expected(words, rounds, counts):
    out = np.zeros(N * PER + 2, dtype=np.uint32)
    c3, c4 = counts
    for _ in range(rounds):
        for i in range(N):
            w, w2 = int(words[i]), int(words[(i + 1) % N])
            at = i * PER
            out[at], out[at + 1] = rgb(w)
            out[at + 2] = fixed(w)
            out[at + 3] = gray_pair(w & 0xFFF)
            out[at + 4] = rev12(w & 0xFFF)
            out[at + 5] = cls(w >> 28)
            c3 = (c3 + (w & 7)) % 8
            c4 = signed(c4 + signed((w >> 4) & 15, 4), 4)
            wide = (w2 << 32) | w
            for k, (bits, sgn) in enumerate(WIDTHS):
                s = (w2 >> 20) % bits
                for j, r in enumerate(width_results(wide, bits, sgn, s)):
                    out[at + HEAD + 10 * k + 2 * j] = r & 0xFFFFFFFF
                    out[at + HEAD + 10 * k + 2 * j + 1] = r >> 32
    out[N * PER] = c3
    out[N * PER + 1] = c4 & 15
    return out, (c3, c4)


rng = np.random.default_rng(4242)
words = rng.integers(0, 2**32, size=(W, N), dtype=np.uint64).astype(np.uint32)
words[0, :6] = [0, 0xFFFFFFFF, 0x80000000, 0x7FFFFFFF, 0x00800000, 0xF0F0F0F0]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
words_id, out_id = runner.get_id("words"), runner.get_id("out")
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
runner.memcpy_h2d(words_id, words.ravel(), 0, 0, W, 1, N, streaming=False, order=ROW, data_type=u32, nonblock=False)

names = ["rgb565", "rgb888", "q12", "gray", "rev12", "class"] + [
    f"{'i' if s else 'u'}{b}:{op}:{half}" for b, s in WIDTHS for op in ("shl", "shr", "not", "neg", "madd") for half in ("lo", "hi")]
counts = [(0, 0)] * W
bad = 0
for rounds in (1, 3):
    runner.launch("run", np.uint16(rounds), nonblock=False)
    got = np.zeros(W * (N * PER + 2), dtype=np.uint32)
    runner.memcpy_d2h(got, out_id, 0, 0, W, 1, N * PER + 2, streaming=False, order=ROW, data_type=u32, nonblock=False)
    got = got.reshape(W, -1)
    for x in range(W):
        want, counts[x] = expected(words[x], rounds, counts[x])
        for k in np.nonzero(got[x] != want)[0][:10]:
            what = "counters" if k >= N * PER else f"elem {k // PER} {names[k % PER]}"
            print(f"rounds {rounds} PE {x} {what}: got {got[x, k]:#x}, want {want[k]:#x} (word {words[x, min(k // PER, N - 1)]:#010x})")
            bad += 1
runner.stop()
assert bad == 0, f"{bad} mismatches"
print("SUCCESS!")
