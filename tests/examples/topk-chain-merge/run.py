#!/usr/bin/env cs_python
"""topk-chain-merge: the top K of W*H*M keys, three times: random keys with many ties,
keys that are all equal (the ids decide), and keys where one PE holds all the winners.
PE (0, 0)'s list must equal numpy's (key descending, id ascending); every other PE's list
must be the top K of what reached it (its row east of it, and for column 0 the rows south
of it)."""
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
W, H, M, K = (int(params[k]) for k in ("W", "H", "M", "K"))
U32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR


def top(keys, ids):
    order = np.lexsort((ids, -keys.astype(np.int64)))[:K]
    return np.stack([keys[order], ids[order]], axis=1).ravel().astype(np.uint32)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
keys_id, best_id = runner.get_id("keys"), runner.get_id("best")
runner.load()
runner.run()
rng = np.random.default_rng(123)
cases = [rng.integers(0, 40, size=(H, W, M)),
         np.full((H, W, M), 7),
         rng.integers(0, 1000, size=(H, W, M))]
cases[2][H - 1, W - 1, :] += 5000
for launch, keys in enumerate(cases):
    keys = keys.astype(np.uint32)
    ids = np.arange(H * W * M, dtype=np.uint32).reshape(H, W, M)
    runner.memcpy_h2d(keys_id, keys.ravel(), 0, 0, W, H, M, streaming=False, order=ROW,
                      data_type=U32, nonblock=False)
    runner.launch("topk", nonblock=False)
    out = np.zeros(W * H * 2 * K, np.uint32)
    runner.memcpy_d2h(out, best_id, 0, 0, W, H, 2 * K, streaming=False, order=ROW,
                      data_type=U32, nonblock=False)
    out = out.reshape(H, W, 2 * K)
    for y in range(H):
        for x in range(W):
            if x == 0:
                sel = (slice(y, H), slice(0, W))
            else:
                sel = (slice(y, y + 1), slice(x, W))
            want = top(keys[sel].ravel(), ids[sel].ravel())
            assert (out[y, x] == want).all(), f"launch {launch}: PE ({x}, {y}): " \
                f"{out[y, x].reshape(K, 2).tolist()} vs {want.reshape(K, 2).tolist()}"
    print(f"launch {launch}: top {K} of {W * H * M}: keys {out[0, 0, 0::2].tolist()}")

runner.stop()
print("SUCCESS!")
