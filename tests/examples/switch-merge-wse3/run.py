#!/usr/bin/env cs_python
"""switch-merge-wse3: four rounds (orders 0, 1, 1, 0) of configure + merge with new
blocks; the merger's stream must be west, then south/east in the configured order,
whatever the timing, and its running sum bit for bit a float32 sequential sum. The
switch position configure found (0 before the first round, 2 after each merge) and the
counters are checked. Then cslc must refuse the layout with a color that has no
switches on WSE-3."""
import argparse
import json
import subprocess

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    blk = int(json.load(f)["params"]["blk"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {name: runner.get_id(name) for name in ("block", "merged", "scan", "counts")}
runner.load()
runner.run()
w32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR


def put(x, y, values):
    runner.memcpy_h2d(ids["block"], values, x, y, 1, 1, blk, streaming=False, order=row,
                      data_type=w32, nonblock=False)


def get(name, x, y, count, dtype):
    out = np.zeros(count, dtype=dtype)
    runner.memcpy_d2h(out, ids[name], x, y, 1, 1, count, streaming=False, order=row,
                      data_type=w32, nonblock=False)
    return out


rng = np.random.default_rng(31)
for rnd, order in enumerate((0, 1, 1, 0), start=1):
    west, east, south = (rng.uniform(-8, 8, size=blk).astype(np.float32) for _ in range(3))
    put(0, 0, west)
    put(2, 0, east)
    put(1, 1, south)
    runner.launch("configure", np.uint16(order), nonblock=False)
    counts = get("counts", 1, 0, 4, np.uint32)
    assert counts[0] == rnd and counts[2] == (0 if rnd == 1 else 2) and counts[3] == 0, counts
    runner.launch("merge", nonblock=False)

    expect = np.concatenate((west, south, east) if order == 0 else (west, east, south))
    np.testing.assert_array_equal(get("merged", 1, 0, 3 * blk, np.float32), expect)
    scan = np.zeros_like(expect)
    acc = np.float32(0.0)
    for i, v in enumerate(expect):
        acc = np.float32(acc + v)
        scan[i] = acc
    np.testing.assert_array_equal(get("scan", 1, 0, 3 * blk, np.float32), scan)
    for x, y in ((0, 0), (1, 0), (2, 0), (1, 1), (0, 1), (2, 1)):
        assert get("counts", x, y, 4, np.uint32)[1] == rnd, (x, y)
    print(f"round {rnd}, order {'W S E' if order == 0 else 'W E S'}: merged and scanned")
runner.stop()

refused = subprocess.run(
    ["cslc", "--arch=wse3", "layout.csl", "--fabric-dims=10,4", "--fabric-offsets=4,1",
     f"--params=blk:{blk},merge_color_id:11", "-o", "out_color11", "--memcpy",
     "--channels=1"], capture_output=True, text=True, check=False)
message = refused.stdout + refused.stderr
assert refused.returncode == 1, (refused.returncode, message)
assert "color 11 does not support switches on wse3" in message, message
print("switches on color 11 refused:", message.strip().splitlines()[0])
print("SUCCESS!")
