#!/usr/bin/env cs_python
"""malloc-arena-edges: a model of the arena (16-bit words; 32-bit values need an even
word, as the hardware loads them) decides each answer of has_enough_space(T, n),
has_enough_words(n) and has_enough_double_words(n) and whether the request is made; every
value of every allocation must still read back after each step (no overlap), and free()
must give the whole arena back for the next plan."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    p = json.load(f)["params"]
WORDS, STEPS = int(p["words"]), int(p["steps"])
F16, I16, U16, F32, I32, U32 = range(6)
PLANS = [
    [(F16, 3), (F32, 10), (I16, 1), (U32, 37), (U16, 1), (U16, 1), (F32, 1), (I16, 1)],
    [(F32, 50), (F16, 1), (F16, 1), (U32, 1)],
    [(U16, 1), (F32, 50), (I32, 49), (U16, 1), (U16, 1), (F16, 1)],
    [(I16, 101), (I16, 1), (F32, 1)],
    [(U16, 1), (U16, 1), (I32, 1), (U16, 1), (U32, 1), (F16, 90), (U16, 1), (U16, 1)],
]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
plan_id, rep_id = runner.get_id("plan"), runner.get_id("report")
runner.load()
runner.run()
bad = []
for number, plan in enumerate(PLANS):
    words = np.zeros(2 * STEPS, dtype=np.uint32)
    for k, (code, n) in enumerate(plan):
        words[2 * k], words[2 * k + 1] = code, n
    runner.memcpy_h2d(plan_id, words, 0, 0, 1, 1, 2 * STEPS, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_16BIT,
                      nonblock=False)
    runner.launch("go", np.uint16(len(plan)), nonblock=False)
    rep = np.zeros(4 * STEPS, dtype=np.uint32)
    runner.memcpy_d2h(rep, rep_id, 0, 0, 1, 1, 4 * STEPS, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    rep = rep.reshape(STEPS, 4)
    nxt = 0
    for k, (code, n) in enumerate(plan):
        w = 2 if code >= F32 else 1
        start = (nxt + w - 1) // w * w
        fits = start + n * w <= WORDS
        words_ok = nxt + n <= WORDS
        dwords_ok = (nxt + 1) // 2 * 2 + 2 * n <= WORDS
        want = [int(fits), int(words_ok) + 2 * int(dwords_ok), n if fits else 0xffff, 1]
        if fits:
            nxt = start + n * w
        if rep[k].tolist() != want:
            bad.append(f"plan {number} step {k} ({['f16', 'i16', 'u16', 'f32', 'i32', 'u32'][code]} "
                       f"x {n}, arena at word {start if fits else nxt}): report {rep[k].tolist()}, "
                       f"want {want}")
runner.stop()
for b in bad:
    print(b)
if bad:
    print(f"FAIL: {len(bad)} steps wrong")
    sys.exit(1)
print("SUCCESS!")
