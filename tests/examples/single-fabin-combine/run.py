#!/usr/bin/env cs_python
"""single-fabin-combine: z = x + k*y for three (x, y, k), x and y copied to the row's
ends, z read from PE 2 and checked bit for bit against a fused multiply-add (x + k*y
computed exactly, rounded once to float32 to nearest even: docs/simulator.md's @fmacs).
Then the same program with both streams as fabin operands of one op must be refused by
cslc for WSE-3, naming the op and the file."""
import argparse
import json
import subprocess
from fractions import Fraction

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])



def fused_f32(a, b, c):
    """a + b*c rounded once to the nearest float32 (ties to even)."""
    exact = Fraction(float(a)) + Fraction(float(b)) * Fraction(float(c))
    near = np.float32(float(exact))
    candidates = [near, np.nextafter(near, np.float32(np.inf)),
                  np.nextafter(near, np.float32(-np.inf))]
    return min(candidates, key=lambda v: (abs(Fraction(float(v)) - exact),
                                          int(v.view(np.uint32)) & 1))


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
buf_id = runner.get_id("buf")
runs_id = runner.get_id("runs")
runner.load()
runner.run()
w32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR

rng = np.random.default_rng(45)
for count, k in enumerate((np.float32(2.0), np.float32(-0.375), np.float32(1e-3)), start=1):
    x = rng.uniform(-50, 50, size=n).astype(np.float32)
    y = rng.uniform(-50, 50, size=n).astype(np.float32)
    runner.memcpy_h2d(buf_id, x, 0, 0, 1, 1, n, streaming=False, order=row, data_type=w32,
                      nonblock=False)
    runner.memcpy_h2d(buf_id, y, 3, 0, 1, 1, n, streaming=False, order=row, data_type=w32,
                      nonblock=False)
    runner.launch("combine", k, nonblock=False)
    z = np.zeros(n, dtype=np.float32)
    runner.memcpy_d2h(z, buf_id, 2, 0, 1, 1, n, streaming=False, order=row, data_type=w32,
                      nonblock=False)
    np.testing.assert_array_equal(z, np.array([fused_f32(a, k, b) for a, b in zip(x, y)],
                                              dtype=np.float32))
    runs = np.zeros(4 * 2, dtype=np.uint32)
    runner.memcpy_d2h(runs, runs_id, 0, 0, 4, 1, 2, streaming=False, order=row, data_type=w32,
                      nonblock=False)
    np.testing.assert_array_equal(runs.reshape(4, 2),
                                  [[count, 0], [count, count], [count, 0], [count, 0]])
    print(f"k = {k}: z checked")
runner.stop()

refused = subprocess.run(
    ["cslc", "--arch=wse3", "layout.csl", "--fabric-dims=11,3", "--fabric-offsets=4,1",
     f"--params=n:{n},combine_mode:1", "-o", "out_two_fabins", "--memcpy", "--channels=1"],
    capture_output=True, text=True, check=False)
message = refused.stdout + refused.stderr
assert refused.returncode == 1, (refused.returncode, message)
assert "more than one fabin_dsd operand" in message and "pe.csl" in message, message
print("two fabin operands refused:", message.strip().splitlines()[0])
print("SUCCESS!")
