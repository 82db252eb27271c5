#!/usr/bin/env cs_python
"""wide-mul-streams: three rounds; each PE gets x and y (num_bits each, random, one round
with all-ones limbs) as a 16-bit ROW_MAJOR H2D stream of (index << 16 | limb) words in a
shuffled order per PE, computes x*y two ways, adds it into its running sum and streams
the 2*num_bits-bit sum back (16-bit, COL_MAJOR). Sums checked exactly with Python ints;
the two multiplications must agree on every PE (copy-mode D2H of a counter)."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    MemcpyDataType,
    MemcpyOrder,
    SdkRuntime,
)
from cerebras.sdk.sdk_utils import memcpy_view  # pylint: disable=no-name-in-module

parser = argparse.ArgumentParser()
parser.add_argument("--name", required=True)
parser.add_argument("--cmaddr")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H, bits = int(params["width"]), int(params["height"]), int(params["num_bits"])
h2d, d2h = int(params["MEMCPYH2D_DATA_1_ID"]), int(params["MEMCPYD2H_DATA_1_ID"])
words = bits // 16
P = W * H
B16 = MemcpyDataType.MEMCPY_16BIT


def limbs(v, n):
    return [(v >> (16 * i)) & 0xFFFF for i in range(n)]


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
dis_id = runner.get_id("disagree")
runner.load()
runner.run()

rng = np.random.default_rng(64)
totals = [0] * P  # PE p = y * W + x
for rnd in range(3):
    pairs = []
    for p in range(P):
        if rnd == 1:
            a = b = 2**bits - 1
        else:
            a = int.from_bytes(rng.bytes(bits // 8), "little") >> int(rng.integers(0, 40))
            b = int.from_bytes(rng.bytes(bits // 8), "little")
        pairs.append((a, b))
    stream = np.zeros((P, 2 * words), dtype=np.uint32)
    for p, (a, b) in enumerate(pairs):
        order = rng.permutation(2 * words)
        vals = limbs(a, words) + limbs(b, words)
        stream[p] = [(int(k) << 16) | vals[k] for k in order]
    runner.launch("f_run", np.int16(2 * words), nonblock=False)
    runner.memcpy_h2d(h2d, stream.ravel(), 0, 0, W, H, 2 * words, streaming=True,
                      data_type=B16, order=MemcpyOrder.ROW_MAJOR, nonblock=True)
    out = np.zeros(P * 2 * words, dtype=np.uint32)
    runner.memcpy_d2h(out, d2h, 0, 0, W, H, 2 * words, streaming=True, data_type=B16,
                      order=MemcpyOrder.COL_MAJOR, nonblock=False)
    got = memcpy_view(out, np.dtype(np.uint16)).reshape(2 * words, W, H)
    for p, (a, b) in enumerate(pairs):
        totals[p] = (totals[p] + a * b) % 2**(2 * bits)
        x, y = p % W, p // W
        want = limbs(totals[p], 2 * words)
        assert [int(v) for v in got[:, x, y]] == want, f"round {rnd}, PE ({x},{y})"

dis = np.zeros(P, dtype=np.uint32)
runner.memcpy_d2h(dis, dis_id, 0, 0, W, H, 1, streaming=False, data_type=B16,
                  order=MemcpyOrder.ROW_MAJOR, nonblock=False)
runner.stop()
assert (dis & 0xFFFF == 0).all(), f"the two multiplications disagree: {dis}"
print("SUCCESS!")
