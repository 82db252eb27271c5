#!/usr/bin/env cs_python
"""randexpr: checks one generated case (run in the case's folder: case.json holds its data).

case.json (written by gen.py or gen_conv.py): `about` says what the case checks; `inputs`
are the u32 words copied into `inp`; `expected` the words `out` must hold after a launch of
`compute`; `slots` name each result (description, type, word offset); `two_words` the types
stored in two words. Two kinds:
  - "sets" (gen.py): for each input set s, copy inputs[s] in, launch compute(), copy the
    results out and compare them with expected[s] at every slot;
  - "chunks" (gen_conv.py): copy inputs[0] in once, then for each chunk c launch
    compute(c) and compare the results with expected[c] at the slots slots[c].
Every word is compared bit for bit; any mismatch exits 1 after listing them."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open("case.json", encoding="utf-8") as f:
    case = json.load(f)
print(case["about"])
two_words = set(case["two_words"])

m32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
inp_id, out_id = runner.get_id("inp"), runner.get_id("out")
runner.load()
runner.run()


def copy_in(words):
    src = np.array(words, dtype=np.uint32)
    runner.memcpy_h2d(inp_id, src, 0, 0, 1, 1, src.size, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)


def mismatches(where, expected, slots):
    """Copies the results out and prints every slot that differs from expected."""
    got = np.zeros(len(expected), dtype=np.uint32)
    runner.memcpy_d2h(got, out_id, 0, 0, 1, 1, got.size, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)
    count = 0
    for desc, t, at in slots:
        n = 2 if t in two_words else 1
        g = [int(w) for w in got[at:at + n]]
        w = expected[at:at + n]
        if g != w:
            count += 1
            print(f"MISMATCH {where}{desc} ({t}): got {[hex(x) for x in g]} "
                  f"want {[hex(x) for x in w]}")
    return count


failures, checked = 0, 0
if case["kind"] == "sets":
    for s, words in enumerate(case["inputs"]):
        copy_in(words)
        runner.launch("compute", nonblock=False)
        failures += mismatches(f"set {s} ", case["expected"][s], case["slots"])
        checked += len(case["slots"])
elif case["kind"] == "chunks":
    copy_in(case["inputs"][0])
    for chunk, (slots, expected) in enumerate(zip(case["slots"], case["expected"])):
        runner.launch("compute", np.uint16(chunk), nonblock=False)
        failures += mismatches(f"chunk {chunk} ", expected, slots)
        checked += len(slots)
else:
    runner.stop()
    sys.exit(f"case.json: unknown kind {case['kind']!r} (sets or chunks)")
runner.stop()
if failures:
    print(f"{failures} mismatches of {checked} results")
    sys.exit(1)
print(f"{checked} results checked")
print("SUCCESS!")
