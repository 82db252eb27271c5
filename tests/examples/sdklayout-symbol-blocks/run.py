#!/usr/bin/env cs_python
"""sdklayout-symbol-blocks: set_symbol_all's block distribution over a 2-D region.

Region `grid` (3x2 PEs) gets a 4x12 f32 matrix `m` and a 4x12 int16 matrix `w` by
set_symbol_all: PE (x, y) must hold rows 2y..2y+1 and columns 4x..4x+3 of each. Region
`twin` (1x1, same source file) gets its own 2x4 data. Each PE sums its block's rows
(times a per-PE `scale`) and a weighted dot product, in f32 left to right; results are
read with read_symbol and compared bit for bit with a sequential numpy model."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    SdkLayout,
    SdkRuntime,
    SdkTarget,
    SimfabConfig,
    get_platform,
)

parser = argparse.ArgumentParser()
parser.add_argument("--cmaddr", help="IP:port of an appliance")
parser.add_argument("--arch", choices=["wse2", "wse3"], default="wse3")
args = parser.parse_args()

target = SdkTarget.WSE3 if args.arch == "wse3" else SdkTarget.WSE2
platform = get_platform(args.cmaddr, SimfabConfig(), target)
layout = SdkLayout(platform)
rng = np.random.default_rng(404)
BR, BC = 2, 4

grid = layout.create_code_region("./block.csl", "grid", 3, 2)
grid.set_param_all("rows", BR)
grid.set_param_all("cols", BC)
scales = {}
for x in range(3):
    for y in range(2):
        scales[(x, y)] = 1 + x + 3 * y
        grid.set_param((x, y), "scale", scales[(x, y)])
m = rng.uniform(-4, 4, size=(2 * BR, 3 * BC)).astype(np.float32)
w = rng.integers(-300, 300, size=(2 * BR, 3 * BC), dtype=np.int16)
grid.set_symbol_all("m", m, 3 * BC, 2 * BR)
grid.set_symbol_all("w", w.reshape(-1), 3 * BC, 2 * BR)
grid.place(2, 1)

twin = layout.create_code_region("./block.csl", "twin", 1, 1)
twin.set_param_all("rows", BR)
twin.set_param_all("cols", BC)
twin.set_param_all("scale", 7)
tm = rng.uniform(-1, 1, size=(BR, BC)).astype(np.float32)
tw = rng.integers(-9, 9, size=(BR, BC), dtype=np.int16)
twin.set_symbol_all("m", tm, BC, BR)
twin.set_symbol_all("w", tw, BC, BR)
twin.place(7, 3)

artifacts = layout.compile(out_prefix="out")
runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()
runtime.stop()


def model(mb, wb, scale):
    rowsum = np.zeros(BR, dtype=np.float32)
    dot = np.zeros(BR, dtype=np.float32)
    for r in range(BR):
        s, d = np.float32(0), np.float32(0)
        for c in range(BC):
            s = np.float32(s + mb[r, c])
            d = np.float32(d + np.float32(mb[r, c] * np.float32(wb[r, c])))
        rowsum[r] = np.float32(s * np.float32(scale))
        dot[r] = d
    return rowsum, dot


def check(px, py, mb, wb, scale, what):
    got_m = runtime.read_symbol(px, py, "m", dtype="float32").reshape(BR, BC)
    np.testing.assert_array_equal(got_m, mb, err_msg=f"{what}: block of m")
    got_w = runtime.read_symbol(px, py, "w", dtype="int16").reshape(BR, BC)
    np.testing.assert_array_equal(got_w, wb, err_msg=f"{what}: block of w")
    rowsum, dot = model(mb, wb, scale)
    np.testing.assert_array_equal(runtime.read_symbol(px, py, "rowsum", dtype="float32"),
                                  rowsum, err_msg=f"{what}: rowsum")
    np.testing.assert_array_equal(runtime.read_symbol(px, py, "dot", dtype="float32"), dot,
                                  err_msg=f"{what}: dot")


for (x, y), scale in scales.items():
    check(2 + x, 1 + y, m[y * BR:(y + 1) * BR, x * BC:(x + 1) * BC],
          w[y * BR:(y + 1) * BR, x * BC:(x + 1) * BC], scale, f"grid PE ({x}, {y})")
check(7, 3, tm, tw, 7, "twin")
print("SUCCESS!")
