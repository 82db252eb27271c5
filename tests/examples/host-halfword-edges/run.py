#!/usr/bin/env cs_python
"""host-halfword-edges: 16-bit copy-mode memcpy at the awkward places, against a model of
every PE's memory.

A symbol exported from half[1] (it starts in the middle of a 32-bit word); odd element
counts; 16-bit source words carrying input_array_to_u32 index sentinels in their upper
halves (copy mode keeps only the low halves); a 16-bit row broadcast on the last row only,
a COL_MAJOR column broadcast on the last two columns, a strided copy whose strides leave
PEs out; a 32-bit copy of fewer words than the buffer at the far corner PE; 16-bit reads of
32-bit words (low half first) and 32-bit reads of 16-bit arrays (two halfwords per word),
before and after a launch that swaps halfwords. Prints SUCCESS! only when every check passes."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime
from cerebras.sdk.sdk_utils import input_array_to_u32, memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of the system (omit for the simulator)")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H, K = int(params["width"]), int(params["height"]), int(params["k"])
HALF = 2 * K
B16, B32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


def u16(*shape):
    return rng.integers(0, 1 << 16, size=shape).astype(np.uint16)


rng = np.random.default_rng(3131)
half = np.zeros((H, W, HALF), np.uint16)  # the model of every PE's memory
words = np.zeros((H, W, K), np.uint32)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
sid = {s: runner.get_id(s) for s in ("half", "odd", "words")}
runner.load()
runner.run()

# 1. the whole block, 16-bit, sentinel words (index in the upper halves)
v = u16(H, W, HALF)
runner.memcpy_h2d(sid["half"], input_array_to_u32(v.ravel(), 1, HALF), 0, 0, W, H, HALF,
                  streaming=False, data_type=B16, order=ROW, nonblock=False)
half[:] = v

# 2. row broadcast on the last row only, into "odd", 5 halfwords (one row of source)
r = u16(1, 5)
runner.memcpy_h2d_rowbcast(sid["odd"], input_array_to_u32(r, 3, 5), 0, H - 1, W, 1, 5,
                           data_type=B16, order=ROW, nonblock=True)
half[H - 1, :, 1:6] = r[0]

# 3. column broadcast on the last two columns, COL_MAJOR ([l][w] on the host), 3 halfwords
c = u16(2, 3)  # [w][l]
runner.memcpy_h2d_colbcast(sid["odd"], input_array_to_u32(c.T, None, 2), W - 2, 0, 2, H, 3,
                           streaming=False, data_type=B16, order=COL, nonblock=True)
half[:, W - 2:, 1:4] = c[None, :, :]

# 4. strided: ROI (1, 1) (W-1)x(H-1), row stride 2, column stride 3 -> PEs (1,1) and (4,1)
rs, cs = 2, 3
t = u16(1 + (H - 2) // rs, 1 + (W - 2) // cs, 4)
runner.memcpy_h2d_stride(sid["half"], input_array_to_u32(t, 9, 4), 1, 1, W - 1, H - 1, 4, rs,
                         cs, data_type=B16, nonblock=True)
for i in range(t.shape[0]):
    for j in range(t.shape[1]):
        half[1 + i * rs, 1 + j * cs, 0:4] = t[i, j]

# 5. the far corner PE, 32-bit, 3 of its K words; and the whole block's words, 16-bit
w32 = rng.integers(0, 1 << 32, size=(H, W, K), dtype=np.uint64).astype(np.uint32)
pairs = memcpy_view(w32, np.dtype(np.uint16))  # low halves; the high ones by a shift
lows_and_highs = np.stack([w32 & 0xFFFF, w32 >> 16], axis=-1).reshape(H, W, 2 * K)
check(np.array_equal(pairs, (w32 & 0xFFFF).astype(np.uint16)), "memcpy_view keeps low halves")
runner.memcpy_h2d(sid["words"], lows_and_highs.astype(np.uint32), 0, 0, W, H, 2 * K,
                  data_type=B16)  # 16-bit into a u32 array: low half of each word first
words[:] = w32
corner = rng.integers(0, 1 << 32, size=3, dtype=np.uint64).astype(np.uint32)
runner.memcpy_h2d(sid["words"], corner, W - 1, H - 1, 1, 1, 3, data_type=B32, nonblock=True)
words[H - 1, W - 1, :3] = corner

# ---- reads before the launch ----
odd7 = np.zeros((H, W, 7), np.uint32)
runner.memcpy_d2h(odd7, sid["odd"], 0, 0, W, H, 7, data_type=B16)
check(np.array_equal(memcpy_view(odd7, np.dtype(np.uint16)), half[:, :, 1:8]),
      "16-bit read of 7 halfwords from half[1] on")
as_words = np.zeros((H, W, K), np.uint32)
runner.memcpy_d2h(as_words, sid["half"], 0, 0, W, H, K, data_type=B32)
check(np.array_equal(as_words, half.view(np.uint32)),
      "32-bit read of the u16 array: two halfwords per word, the lower index low")
odd_tail = np.zeros(HALF - 1, np.uint32)
runner.memcpy_d2h(odd_tail, sid["odd"], W - 1, H - 1, 1, 1, HALF - 1, data_type=B16,
                  order=COL)
check(np.array_equal(odd_tail, half[H - 1, W - 1, 1:]),
      "the far corner's \"odd\" symbol up to the array's last halfword")

# ---- swap the halfwords of every word, read words 16-bit and 32-bit ----
runner.launch("swap")
words = (words << np.uint32(16)) | (words >> np.uint32(16))
w16 = np.zeros((H, W, 2 * K), np.uint32)
runner.memcpy_d2h(w16, sid["words"], 0, 0, W, H, 2 * K, data_type=B16, order=ROW)
check(np.array_equal(w16, words.view(np.uint16).reshape(H, W, 2 * K)),
      "16-bit read of the swapped u32 words, low half first")
w32_back = np.zeros(K * W * H, np.uint32)
runner.memcpy_d2h(w32_back, sid["words"], 0, 0, W, H, K, data_type=B32, order=COL)
check(np.array_equal(w32_back.reshape(K, W, H).transpose(2, 1, 0), words),
      "32-bit COL_MAJOR read of the swapped words")

# ---- an odd count into "odd" at PE (0,0), then the whole array read 32-bit ----
e = u16(HALF - 1)
runner.memcpy_h2d(sid["odd"], e.astype(np.uint32), 0, 0, 1, 1, HALF - 1, data_type=B16)
half[0, 0, 1:] = e
first = np.zeros(K, np.uint32)
runner.memcpy_d2h(first, sid["half"], 0, 0, 1, 1, K)
runner.stop()
check(np.array_equal(first, half[0, 0].view(np.uint32)),
      "PE (0,0) after 11 halfwords from half[1]: half[0] kept, the rest written")

if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
