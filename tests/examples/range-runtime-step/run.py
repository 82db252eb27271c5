#!/usr/bin/env cs_python
"""range-runtime-step: @range loops whose step the host chooses. Each round sends three
(start, stop, step) triples, runs walk() and checks the values each loop visited against
Python's range(); a zero step must stop the run naming the loop's line."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

MAX_TRACE = 64
ROUNDS = [
    [(2, -3, -2), (0, 7, 3), (-5, 6, 4)],
    [(10, 0, -1), (-4, -20, -5), (7, 7, 1)],
    [(0, 5, -1), (9, 3, 2), (-2147483000, -2147483647, -300)],
    [(3, 40, 13), (30000, 32767, 1000), (100, -100, -37)],
]

with open("pe_program.csl", encoding="utf-8") as f:
    source = f.read().splitlines()
LOOP_LINE = 1 + next(i for i, l in enumerate(source) if "@range(i32" in l)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {name: runner.get_id(name) for name in ("bounds", "trace", "counts")}
runner.load()
runner.run()


def copy_out(name, count, dtype):
    out = np.zeros(count, dtype)
    runner.memcpy_d2h(out, ids[name], 0, 0, 1, 1, count, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    return out


for triples in ROUNDS:
    flat = np.array([v for t in triples for v in t], np.int32)
    runner.memcpy_h2d(ids["bounds"], flat, 0, 0, 1, 1, 9, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    runner.launch("walk", nonblock=False)
    want = [list(range(*t)) for t in triples]
    visited = [v for w in want for v in w]
    counts = copy_out("counts", 3, np.uint32)
    trace = copy_out("trace", MAX_TRACE, np.int32)
    assert list(counts) == [len(w) for w in want], (triples, counts)
    n = min(len(visited), MAX_TRACE)
    assert list(trace[:n]) == visited[:n], (triples, trace[:n], visited[:n])
    print("ok", triples, list(counts))

# A zero step: the Builtins page requires step != 0, and the run stops at the loop.
flat = np.array([0, 5, 0, 0, 1, 1, 0, 1, 1], np.int32)
runner.memcpy_h2d(ids["bounds"], flat, 0, 0, 1, 1, 9, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)
try:
    runner.launch("walk", nonblock=False)
    raise AssertionError("a zero @range step did not stop the run")
except AssertionError:
    raise
except Exception as err:  # pylint: disable=broad-except
    report = str(err)
print(report)
for words in ["step of this @range is 0", f"pe_program.csl:{LOOP_LINE}"]:
    assert words in report, f"the fault report does not name {words!r}"
runner.stop()
print("SUCCESS!")
