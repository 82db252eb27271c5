#!/usr/bin/env cs_python
"""hostile-deep-valid: valid programs shaped like generated code: 200 nested parentheses,
120 nested ifs and calls, 150 nested blocks, a 900-long chain of forward-referencing
consts, a module with a UTF-8 byte order mark. Each value the PEs compute at three k is
checked against model.py. Failed before 90c57ee (build/h-hostile/NOTES.md 1, 2, 4: cslc
refused 66 parentheses / 49 ifs and a BOM, and crashed on a 3000-long chain, which is now
a clean error past 1000)."""
import argparse

import numpy as np

import model
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
res = runner.get_id("res")
runner.load()
runner.run()
failures = []
for k in (0, 57, 4_000_000_000):
    runner.launch("go", np.uint32(k), nonblock=False)
    got = np.zeros(16, np.uint32)
    runner.memcpy_d2h(got, res, 0, 0, 2, 1, 8, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    for px in range(2):
        x = (k + px) & model.M32
        want = [model.parens(x), model.nested_ifs(x), model.nested_calls(x),
                model.nested_blocks(x), model.head(), model.marked(x)]
        for i, w in enumerate(want):
            if got[px * 8 + i] != w:
                failures.append(f"k={k} PE {px} res[{i}]: got {got[px * 8 + i]}, want {w}")
runner.stop()
for f in failures:
    print("FAIL", f)
if failures:
    raise SystemExit(f"{len(failures)} value(s) wrong")
print("SUCCESS!")
