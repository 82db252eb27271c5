#!/usr/bin/env cs_python
"""switch-dealer: two rounds; taker k must hold block k-1 of each round and nothing else,
and only the last taker must have run the round-end control task, once per round, with
the round number from the control wavelet's data."""
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
takers, blk = int(params["takers"]), int(params["blk"])
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
hand_id, rounds_id = runner.get_id("hand"), runner.get_id("rounds")
runner.load()
runner.run()

hands = []
for rnd in (7, 8):
    hand = (np.arange(takers * blk, dtype=np.float32) + np.float32(100 * rnd))
    hands.append(hand.reshape(takers, blk))
    runner.memcpy_h2d(hand_id, hand, 0, 0, 1, 1, takers * blk, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    runner.launch("deal", np.uint16(rnd), nonblock=False)

held = np.zeros(takers * takers * blk, dtype=np.float32)
runner.memcpy_d2h(held, hand_id, 1, 0, takers, 1, takers * blk, streaming=False, order=ROW,
                  data_type=f32, nonblock=False)
rounds = np.zeros((takers + 1) * 2, dtype=np.uint32)
runner.memcpy_d2h(rounds, rounds_id, 0, 0, takers + 1, 1, 2, streaming=False, order=ROW,
                  data_type=f32, nonblock=False)
runner.stop()

held = held.reshape(takers, takers * blk)
for k in range(takers):
    want = np.zeros(takers * blk, dtype=np.float32)
    want[:blk], want[blk:2 * blk] = hands[0][k], hands[1][k]
    np.testing.assert_array_equal(held[k], want, err_msg=f"taker {k + 1}")
want_rounds = np.zeros((takers + 1, 2), dtype=np.uint32)
want_rounds[0] = (2, 0)          # the dealer counts its rounds
want_rounds[takers] = (2, 8)     # the last taker ran the control task twice, last with 8
np.testing.assert_array_equal(rounds.reshape(takers + 1, 2), want_rounds)
print("SUCCESS!")
