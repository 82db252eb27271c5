#!/usr/bin/env cs_python
"""randstmt checker, shared by every case: run in a case directory (cases/<id>/) after its
compile_<arch>.sh. Reads case.json (written by ../../gen.py): copies each PE's input words
to `inp`, launches compute(), reads `out` back (the trace of put_* words, then the word
count in the last slot) and compares every word with the model's, bit for bit."""
import argparse
import json
import sys
from pathlib import Path

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
case = json.loads(Path("case.json").read_text())

if case["kind"] == "fault":
    # One PE divides by a zero input word (or reads past the end of SRAM through a [*]u32
    # indexed by an input word): the launch must fail naming that PE (fabric
    # coordinates: the program's (x, 0) is (4 + x, 1) with --fabric-offsets=4,1) and the line.
    runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
    runner.load()
    runner.run()
    w, ni = case["width"], case["n_inputs"]
    inp = np.array([v for pe in case["inputs"] for v in pe], dtype=np.uint32)
    runner.memcpy_h2d(runner.get_id("inp"), inp, 0, 0, w, 1, ni, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    try:
        runner.launch("compute", nonblock=False)
        msg = None
    except Exception as e:  # the appliance's error for a stopped simulation
        msg = str(e)
    try:
        runner.stop()
    except Exception:
        pass
    if msg is None:
        sys.exit(f"FAIL seed {case['seed']}: compute() returned; PE ({case['fault_pe']},0) "
                 f"faults ({case.get('fault_kind', 'div')}) at {case['file']}:{case['fault_line']}")
    want = [f"PE({4 + case['fault_pe']},1)", f"{case['file']}:{case['fault_line']})",
            "out-of-bounds load" if case.get("fault_kind") == "load" else "division by zero"]
    missing = [x for x in want if x not in msg]
    if missing:
        sys.exit(f"FAIL seed {case['seed']}: the error lacks {missing}: {msg}")
    print(f"stopped as expected: {msg}")
    print("SUCCESS!")
    sys.exit(0)

m32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
w, ni, no = case["width"], case["n_inputs"], case["n_out"]
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
inp = np.array([v for pe in case["inputs"] for v in pe], dtype=np.uint32)
assert inp.size == w * ni
runner.memcpy_h2d(runner.get_id("inp"), inp, 0, 0, w, 1, ni, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.launch("compute", nonblock=False)
got = np.zeros(w * no, dtype=np.uint32)
runner.memcpy_d2h(got, runner.get_id("out"), 0, 0, w, 1, no, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.stop()
got = got.reshape(w, no)
bad = 0
for pe in range(w):
    want = case["expected"][pe]
    n = want[-1]
    if int(got[pe][-1]) != n:
        bad += 1
        print(f"MISMATCH seed {case['seed']} PE ({pe},0): {int(got[pe][-1])} words written, "
              f"the model writes {n}")
    for i in range(min(n, no - 1)):
        if int(got[pe][i]) != want[i]:
            bad += 1
            if bad <= 12:
                print(f"MISMATCH seed {case['seed']} PE ({pe},0) word {i} (put #{case['origin'][pe][i]}): "
                      f"got {int(got[pe][i]):#x} want {want[i]:#x}")
if bad:
    sys.exit(f"{bad} mismatches")
print(f"{sum(e[-1] for e in case['expected'])} trace words on {w} PE(s) match the model")
print("SUCCESS!")
