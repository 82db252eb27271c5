#!/usr/bin/env cs_python
"""counter-filter-deal: two rounds of two dealt streams (22 singles and 27 pairs, then 13
and 9); every taker must keep exactly the wavelets its filter counters select, the
counters carrying over from the first round into the second."""
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
takers, cap = int(params["takers"]), int(params["cap"])
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR


def keeps_single(j, g):
    return g % takers == j


def keeps_pair(j, g):
    return (g % (2 * takers)) // 2 == j


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
stream_id, counts_id, kept_id = runner.get_id("stream"), runner.get_id("counts"), runner.get_id("kept")
runner.load()
runner.run()

rng = np.random.default_rng(404)
sent_singles, sent_pairs = [], []
for n_single, n_pair in ((22, 27), (13, 9)):
    singles = rng.uniform(-1, 1, size=n_single).astype(np.float32)
    pairs = rng.uniform(-1, 1, size=n_pair).astype(np.float32)
    stream = np.zeros(2 * cap, dtype=np.float32)
    stream[:n_single], stream[cap:cap + n_pair] = singles, pairs
    g_single, g_pair = len(sent_singles), len(sent_pairs)
    sent_singles += list(singles)
    sent_pairs += list(pairs)
    # The sender gets this round's counts; each taker the totals it must have kept.
    counts = np.zeros((takers + 1, 2), dtype=np.uint32)
    counts[0] = (n_single, n_pair)
    for j in range(takers):
        counts[j + 1] = (sum(keeps_single(j, g) for g in range(len(sent_singles))),
                         sum(keeps_pair(j, g) for g in range(len(sent_pairs))))
    runner.memcpy_h2d(stream_id, stream, 0, 0, 1, 1, 2 * cap, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    runner.memcpy_h2d(counts_id, counts.view(np.uint32).ravel(), 0, 0, takers + 1, 1, 2,
                      streaming=False, order=ROW, data_type=f32, nonblock=False)
    runner.launch("deal", nonblock=False)

kept = np.zeros(takers * 2 * cap, dtype=np.float32)
runner.memcpy_d2h(kept, kept_id, 1, 0, takers, 1, 2 * cap, streaming=False, order=ROW,
                  data_type=f32, nonblock=False)
runner.stop()

kept = kept.reshape(takers, 2 * cap)
for j in range(takers):
    want_s = [v for g, v in enumerate(sent_singles) if keeps_single(j, g)]
    want_p = [v for g, v in enumerate(sent_pairs) if keeps_pair(j, g)]
    np.testing.assert_array_equal(kept[j, :len(want_s)], np.array(want_s, dtype=np.float32))
    np.testing.assert_array_equal(kept[j, len(want_s):cap], 0)
    np.testing.assert_array_equal(kept[j, cap:cap + len(want_p)], np.array(want_p, dtype=np.float32))
    np.testing.assert_array_equal(kept[j, cap + len(want_p):], 0)
print("SUCCESS!")
