#!/usr/bin/env cs_python
"""randcomptime checker, shared by every case: run in a case directory (cases/<id>/) after
its compile_<arch>.sh. Reads case.json (written by ../../gen.py).
  valid:   copies the inputs to `inp`, launches compute, reads back `out_ct` (filled by the
           compiler's comptime evaluation) and `out_rt` (computed at run time) and compares
           every word with the model's, bit for bit.
  invalid: cslc must have failed (not timed out) with an error that names
           pe_program.csl:LINE:COL on the wrong line, COL inside that line."""
import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
case = json.loads(Path("case.json").read_text())

if case["kind"] == "invalid":
    rc = int(Path("cslc.rc").read_text().strip())
    log = Path("cslc.log").read_text()
    first = log.splitlines()[0] if log else "(no output)"
    where = f"{case['mutation']} (seed {case['seed']}): {case['text']}"
    if rc == 0:
        sys.exit(f"FAIL {where}: cslc accepted the program")
    if rc == 124:
        sys.exit(f"FAIL {where}: cslc did not finish within the timeout")
    spots = [(m.group(1), int(m.group(2)), int(m.group(3)))
             for m in re.finditer(r"^([\w./-]+):(\d+):(\d+): error:", log, re.M)]
    if not spots:
        sys.exit(f"FAIL {where}: no 'file:line:col: error:' in cslc's output: {first}")
    want = (case["file"], case["line"])
    ok = [s for s in spots if (Path(s[0]).name, s[1]) == want and 1 <= s[2] <= case["line_len"]]
    if not ok:
        # The error may sit inside a called function; then a note must lead to the line.
        notes = [(Path(m.group(1)).name, int(m.group(2)), int(m.group(3)))
                 for m in re.finditer(r"^([\w./-]+):(\d+):(\d+): note:", log, re.M)]
        ok = [s for s in notes if (s[0], s[1]) == want and 1 <= s[2] <= case["line_len"]]
    if not ok:
        sys.exit(f"FAIL {where}: expected an error (or note) at {want[0]}:{want[1]}:COL, got: {first}")
    missing = [w for w in case["words"] if w.lower() not in log.lower()]
    if missing:
        sys.exit(f"FAIL {where}: the message lacks {missing}: {first}")
    print(f"refused as expected: {first}")
    print("SUCCESS!")
    sys.exit(0)

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder  # noqa: E402

m32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
w, h = case["width"], case["height"]
want = case["expected"]  # [pe = y * w + x][slot]
n = len(want[0])
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
inp = np.array([v for pe in case["inputs"] for v in (pe or [0])], dtype=np.uint32)
runner.memcpy_h2d(runner.get_id("inp"), inp, 0, 0, w, h, inp.size // (w * h), streaming=False,
                  order=ROW, data_type=m32, nonblock=False)
runner.launch("compute", nonblock=False)
got = {}
for sym in ("out_ct", "out_rt"):
    arr = np.zeros(w * h * n, dtype=np.uint32)
    runner.memcpy_d2h(arr, runner.get_id(sym), 0, 0, w, h, n, streaming=False, order=ROW,
                      data_type=m32, nonblock=False)
    got[sym] = arr.reshape(w * h, n)
runner.stop()
bad = 0
for sym, arr in got.items():
    for pe in range(w * h):
        for i, (g, wv) in enumerate(zip(arr[pe].tolist(), want[pe])):
            if g != wv:
                bad += 1
                print(f"MISMATCH seed {case['seed']} PE ({pe % w},{pe // w}) {sym}[{i}] "
                      f"{case['labels'][i]}: got {g:#x} want {wv:#x}")
if bad:
    sys.exit(f"{bad} mismatches")
print(f"{n} values on each of {w * h} PEs, at comptime and at run time, match the model")
print("SUCCESS!")
