#!/usr/bin/env cs_python
"""flush-vs-teardown: one launch; PE 1's log must hold every value in order, and PE 0's
teardown task must have run twice: first for the TEARDOWN wavelet (both colors in
teardown, the data queue neither reported flushed nor empty), then for the flush (no color
in teardown, flushed, empty)."""
import argparse
import json
import os
import shutil
import subprocess
import tempfile

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("values", "log", "runs")}
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR

values = np.random.default_rng(8).integers(0, 1 << 32, size=n, dtype=np.uint32)
runner.memcpy_h2d(ids["values"], values, 0, 0, 1, 1, n, streaming=False, order=row,
                  data_type=u32, nonblock=False)
runner.launch("go", nonblock=False)


def get(name, px, count):
    out = np.zeros(count, dtype=np.uint32)
    runner.memcpy_d2h(out, ids[name], px, 0, 1, 1, count, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    return out


np.testing.assert_array_equal(get("log", 1, n), values)
holder = get("runs", 1, 15)
assert holder[0] == 1 and holder[1] == 1, f"PE 1: teardown runs, ready wavelets = {holder[:2]}"
runs = get("runs", 0, 15).reshape(3, 5)
print("PE 0 teardown runs [td_c held, data_c held, flushed, empty, run]:", runs.tolist())
failures = []
if runs[0].tolist() != [1, 1, 0, 0, 1]:
    failures.append(f"run 1 (the TEARDOWN wavelet) saw {runs[0].tolist()}: the data queue "
                    "cannot be empty yet, so it must not be reported flushed")
if runs[1].tolist() != [0, 0, 1, 1, 2]:
    failures.append(f"run 2 (the flush) saw {runs[1].tolist()}, expected [0, 0, 1, 1, 2]")
if runs[2].any():
    failures.append("more than two teardown runs")
runner.stop()
if not failures:
    print("user-bound teardown task: flush seen only once the queue was empty")

# Second build: the handlers registered with @set_teardown_handler and
# @set_empty_queue_handler; on_empty must find the queue empty and the data color released.
here = os.path.dirname(os.path.abspath(__file__))
work = tempfile.mkdtemp(prefix="flush-registered-")
for s in ("layout.csl", "flusher.csl", "flusher_registered.csl", "holder.csl"):
    shutil.copy(os.path.join(here, s), work)
open(os.path.join(work, "child.py"), "w", encoding="utf-8").write(f"""
import numpy as np
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
r = SdkRuntime("out")
rid, lid = r.get_id("runs"), r.get_id("log")
r.load()
r.run()
r.launch("go", nonblock=False)
y = np.zeros(15, dtype=np.uint32)
r.memcpy_d2h(y, rid, 0, 0, 1, 1, 15, streaming=False, order=MemcpyOrder.ROW_MAJOR,
             data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
r.stop()
print("runs", " ".join(str(v) for v in y))
""")
cslc = ["cslc", "--arch=wse3", "./layout.csl", "--fabric-dims=9,3", "--fabric-offsets=4,1",
        f"--params=n:{n},registered:1", "-o", "out", "--memcpy", "--channels", "1"]
r = subprocess.run(cslc, cwd=work, capture_output=True, text=True)
assert r.returncode == 0, r.stdout + r.stderr
r = subprocess.run(["cs_python", "child.py"], cwd=work, capture_output=True, text=True,
                   timeout=120)
assert r.returncode == 0, r.stdout + r.stderr
line = next(l for l in r.stdout.splitlines() if l.startswith("runs "))
calls = np.array([int(v) for v in line.split()[1:]], dtype=np.uint32).reshape(3, 5)
print("registered handlers [on_td, held colors seen by on_empty, on_empty/oq status, empty, who]:",
      calls.tolist())
on_empty = [row for row in calls if row[4] == 2]
if len(on_empty) != 1:
    failures.append("registered: on_empty must run exactly once")
elif on_empty[0][3] != 1 or on_empty[0][1] != 0:
    failures.append("registered: on_empty ran while output queue 2 was not empty (the data "
                    "color still held it)")
shutil.rmtree(work)
for f in failures:
    print("FAIL", f)
assert not failures
print("SUCCESS!")
