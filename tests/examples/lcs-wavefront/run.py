#!/usr/bin/env cs_python
"""lcs-wavefront: fills the LCS table of two strings twice (random DNA-like strings, then
strings with long repeats) and compares every PE's block, border included, with numpy.
The strings are sent with 16-bit row and column broadcasts."""
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
    params = json.load(f)["params"]
W, H = int(params["W"]), int(params["H"])
La, Lb = int(params["La"]), int(params["Lb"])
NA, NB = W * La, H * Lb


def lcs_table(a, b):
    t = np.zeros((len(b) + 1, len(a) + 1), dtype=np.int64)
    for i in range(1, len(b) + 1):
        for j in range(1, len(a) + 1):
            t[i, j] = t[i - 1, j - 1] + 1 if a[j - 1] == b[i - 1] else max(t[i - 1, j], t[i, j - 1])
    return t


rng = np.random.default_rng(5)
cases = [
    (rng.choice(np.frombuffer(b"ACGT", dtype=np.uint8), NA), rng.choice(np.frombuffer(b"ACGT", dtype=np.uint8), NB)),
    (np.frombuffer((b"AAB" * NA)[:NA], dtype=np.uint8), np.frombuffer((b"ABBBA" * NB)[:NB], dtype=np.uint8)),
]

u16 = MemcpyDataType.MEMCPY_16BIT
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
a_sym = runner.get_id("a_seg")
b_sym = runner.get_id("b_seg")
table_sym = runner.get_id("table")
runner.load()
runner.run()

failures = []
block = (Lb + 1) * (La + 1)
for n, (a, b) in enumerate(cases, start=1):
    # Column c gets a[c*La..]; row r gets b[r*Lb..].
    runner.memcpy_h2d_colbcast(a_sym, a.astype(np.uint32), 0, 0, W, H, La, streaming=False,
                               order=MemcpyOrder.ROW_MAJOR, data_type=u16, nonblock=False)
    runner.memcpy_h2d_rowbcast(b_sym, b.astype(np.uint32), 0, 0, W, H, Lb, streaming=False,
                               order=MemcpyOrder.ROW_MAJOR, data_type=u16, nonblock=False)
    runner.launch("solve", nonblock=False)
    got = np.zeros(W * H * block, dtype=np.uint32)
    runner.memcpy_d2h(got, table_sym, 0, 0, W, H, block, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u16, nonblock=False)
    got = got.reshape(H, W, Lb + 1, La + 1)
    want = lcs_table(a, b)
    for r in range(H):
        for c in range(W):
            ref = want[r * Lb:(r + 1) * Lb + 1, c * La:(c + 1) * La + 1]
            bad = np.argwhere(got[r, c] != ref)
            for i, j in bad[:4]:
                failures.append(f"case {n}: PE ({c},{r}) dp[{i},{j}] = {got[r, c, i, j]}, expected {ref[i, j]}")
    print(f"case {n}: LCS length {got[H - 1, W - 1, Lb, La]} (expected {want[NB, NA]})")
runner.stop()

if failures:
    print("\n".join(failures[:40]))
    sys.exit(1)
print("SUCCESS!")
