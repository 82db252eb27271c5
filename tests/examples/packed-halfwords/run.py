#!/usr/bin/env cs_python
"""packed-halfwords: a copy's data_type sets the element width on the device.

u16 and f16 arrays are written and read with MEMCPY_32BIT copies of m words per PE
(two halfwords per word, the lower-addressed one in the low half), a u32 array with
MEMCPY_16BIT copies of 2*m halfwords per PE (low half first); then partial rectangles,
COL_MAJOR and odd halfword counts, a 16-bit D2H into a float32 array read back with
memcpy_view, and the numpy idioms SDK scripts use instead of sdk_utils (view(np.uint16),
astype(np.uint32)). Expected values come from numpy models of the device's update().
Prints SUCCESS! only when every check passes."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime
from cerebras.sdk.sdk_utils import memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of the system (omit for the simulator)")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    compile_data = json.load(f)
W = int(compile_data["params"]["width"])
H = int(compile_data["params"]["height"])
M = int(compile_data["params"]["m"])
B16, B32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


def widen(halfwords):
    """16-bit values as the words a 16-bit copy carries (zero-extended), as SDK scripts
    write it by hand."""
    return halfwords.view(np.uint16).astype(np.uint32)


def swap_halves(w):
    return ((w << 16) | (w >> 16)).astype(np.uint32)


rng = np.random.default_rng(316)
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
halves_id, words_id, floats_id = (runner.get_id(s) for s in ("halves", "words", "floats"))
runner.load()
runner.run()

# ---- u16 written as packed u32 words, f16 too; u32 written as 16-bit halves ----
halves = rng.integers(0, 1 << 16, size=(H, W, 2 * M), dtype=np.uint32).astype(np.uint16)
runner.memcpy_h2d(halves_id, halves.view(np.uint32).ravel(), 0, 0, W, H, M, streaming=False,
                  data_type=B32, order=ROW, nonblock=False)
floats = rng.uniform(-1000, 1000, size=(H, W, 2 * M)).astype(np.float16)
runner.memcpy_h2d(floats_id, floats.view(np.uint32).ravel(), 0, 0, W, H, M, streaming=False,
                  data_type=B32, order=ROW, nonblock=False)
words = rng.integers(0, 1 << 32, size=(H, W, M), dtype=np.uint64).astype(np.uint32)
runner.memcpy_h2d(words_id, widen(words.view(np.uint16)).ravel(), 0, 0, W, H, 2 * M,
                  streaming=False, data_type=B16, order=ROW, nonblock=False)

# read back before any update, the other way round
as16 = np.zeros((H, W, 2 * M), np.uint32)
runner.memcpy_d2h(as16, halves_id, 0, 0, W, H, 2 * M, streaming=False, data_type=B16,
                  order=ROW, nonblock=False)
check(np.array_equal(as16, halves.astype(np.uint32)),
      "u16 array written by 32-bit copies, read by 16-bit ones")
as32 = np.zeros((H, W, M), np.uint32)
runner.memcpy_d2h(as32, words_id, 0, 0, W, H, M, streaming=False, data_type=B32, order=ROW,
                  nonblock=False)
check(np.array_equal(as32, words), "u32 array written by 16-bit copies, read by 32-bit ones")

k = 40503
runner.launch("update", np.uint16(k), nonblock=False)
halves = (halves.astype(np.uint32) + k).astype(np.uint16)  # wraps modulo 2^16
floats = (floats * np.float16(-2.0)).astype(np.float16)
words = swap_halves(words)

packed = np.zeros(H * W * M, np.uint32)
runner.memcpy_d2h(packed, halves_id, 0, 0, W, H, M, streaming=False, data_type=B32, order=ROW,
                  nonblock=False)
check(np.array_equal(packed.view(np.uint16).reshape(H, W, 2 * M), halves),
      "update(): u16 read as packed words")
fl = np.zeros((H, W, 2 * M), np.float32)  # a 16-bit D2H into a float32 array
runner.memcpy_d2h(fl, floats_id, 0, 0, W, H, 2 * M, streaming=False, data_type=B16,
                  order=ROW, nonblock=False)
check(np.array_equal(memcpy_view(fl, np.dtype(np.float16)), floats),
      "update(): f16 by a 16-bit D2H into float32, memcpy_view")
check(not np.any(fl.view(np.uint32) >> 16), "16-bit words have zero upper halves")
halfword_view = np.zeros((H, W, 2 * M), np.uint32)
runner.memcpy_d2h(halfword_view, words_id, 0, 0, W, H, 2 * M, streaming=False, data_type=B16,
                  order=ROW, nonblock=False)
check(np.array_equal(halfword_view.astype(np.uint16), words.view(np.uint16)),
      "update(): u32 read as its halves, low half first")

# ---- partial rectangles, COL_MAJOR, odd halfword counts, packed words at an offset ----
# 2*M - 1 halfwords into the 2x1 rectangle at (1, 1), COL_MAJOR: [l][w][h] with h = 1
odd = 2 * M - 1
patch = rng.integers(0, 1 << 16, size=(odd, 2, 1), dtype=np.uint32)
runner.memcpy_h2d(halves_id, patch.ravel(), 1, 1, 2, 1, odd, streaming=False, data_type=B16,
                  order=COL, nonblock=True)
halves[1, 1:3, :odd] = patch[:, :, 0].T.astype(np.uint16)
# 3 words into the f16 array of the 1x2 column at (0, 0): halfwords 0..5 of those PEs
pair_patch = rng.uniform(-4, 4, size=(2, 1, 6)).astype(np.float16)
runner.memcpy_h2d(floats_id, pair_patch.view(np.uint32).ravel(), 0, 0, 1, 2, 3,
                  streaming=False, data_type=B32, order=ROW, nonblock=True)
floats[0:2, 0:1, 0:6] = pair_patch
# the words of the last PE, low halves only
lows = rng.integers(0, 1 << 16, size=M, dtype=np.uint32)
runner.memcpy_h2d(words_id, np.stack([lows, words[H - 1, W - 1] >> 16], axis=1).ravel(),
                  W - 1, H - 1, 1, 1, 2 * M, streaming=False, data_type=B16, order=ROW,
                  nonblock=True)
words[H - 1, W - 1] = (words[H - 1, W - 1] & 0xFFFF0000) | lows

k2 = 777
runner.launch("update", np.uint16(k2), nonblock=True)
halves = (halves.astype(np.uint32) + k2).astype(np.uint16)
floats = (floats * np.float16(-2.0)).astype(np.float16)
words = swap_halves(words)

got_halves = np.zeros((2 * M, W, H), np.uint32)  # COL_MAJOR lands as [l][w][h]
runner.memcpy_d2h(got_halves, halves_id, 0, 0, W, H, 2 * M, streaming=False, data_type=B16,
                  order=COL, nonblock=True)
got_floats = np.zeros((H, W, M), np.uint32)
runner.memcpy_d2h(got_floats, floats_id, 0, 0, W, H, M, streaming=False, data_type=B32,
                  order=ROW, nonblock=True)
got_odd = np.zeros((1, 2, odd), np.uint32)  # a rectangle inside, odd halfword count
last = runner.memcpy_d2h(got_odd, halves_id, 1, 0, 2, 1, odd, streaming=False,
                         data_type=B16, order=ROW, nonblock=True)
got_words = np.zeros((H, W, M), np.uint32)
runner.task_wait(last)
runner.memcpy_d2h(got_words, words_id, 0, 0, W, H, M)
check(np.array_equal(got_halves.transpose(2, 1, 0).astype(np.uint16), halves),
      "second update: u16, COL_MAJOR")
check(np.array_equal(got_floats.view(np.float16).reshape(H, W, 2 * M), floats),
      "second update: f16 as packed words")
check(np.array_equal(got_odd.astype(np.uint16), halves[0:1, 1:3, :odd]),
      "second update: odd halfword count from a sub-rectangle")
check(np.array_equal(got_words, words), "second update: u32 after a low-halves patch")

runner.stop()
if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
