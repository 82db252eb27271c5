#!/usr/bin/env cs_python
"""sdklayout-wide-ports: connections between multi-PE ports on all four edges.

Row pipeline: `top` (4x1, data from set_symbol_all) sends through a 4-PE BOTTOM port to
`middle` (4x1, TOP port) placed 5 rows lower and 2 columns east, which sends through its
BOTTOM port to `bottom` (4x1) 5 rows lower and 3 columns west: each pair of PEs gets its
own bent route on the connection's one color. Column pipeline: `west` (1x3) sends
through a 3-PE RIGHT port to `east` (1x3, LEFT port) 4 columns east and 2 rows higher.
Each PE adds its own param (set_param per PE, set_param_range on a row); results are read
with read_symbol after stop() and compared with a numpy model, word for word."""
import argparse

import numpy as np

from cerebras.geometry.geometry import IntRectangle, IntVector
from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    Color,
    Edge,
    Route,
    RoutingPosition,
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

N = 6
FROM_RAMP = [RoutingPosition().set_input([Route.RAMP])]
TO_RAMP = [RoutingPosition().set_output([Route.RAMP])]
rng = np.random.default_rng(5)


def stage(name, w, h, at, has_in, has_out):
    region = layout.create_code_region("./stage.csl", name, w, h)
    region.set_param_all("n", N)
    region.set_param_all("has_in", int(has_in))
    region.set_param_all("has_out", int(has_out))
    rx, tx = region.color("rx"), region.color("tx")
    region.set_param_all("rx", rx)
    region.set_param_all("tx", tx)
    region.place(*at)
    return region, rx, tx


# Row pipeline.
top, _, top_tx = stage("top", 4, 1, (1, 1), False, True)
middle, mid_rx, mid_tx = stage("middle", 4, 1, (3, 6), True, True)
bottom, bot_rx, _ = stage("bottom", 4, 1, (0, 11), True, False)
top_data = rng.integers(0, 1 << 20, size=(1, 4 * N), dtype=np.uint32)
top.set_symbol_all("buf", top_data, 4 * N, 1)
adds = {"top": [3, 5, 7, 11], "middle": [100, 200, 300, 400], "bottom": [9, 9, 9, 9]}
for i in range(4):
    top.set_param(IntVector(i, 0), "add", adds["top"][i])
    middle.set_param((i, 0), "add", adds["middle"][i])
bottom.set_param_range(IntRectangle(IntVector(0, 0), IntVector(4, 1)), "add", 9)
layout.connect(top.create_output_port(top_tx, Edge.BOTTOM, FROM_RAMP, N),
               middle.create_input_port(mid_rx, Edge.TOP, TO_RAMP, N))
layout.connect(middle.create_output_port(mid_tx, Edge.BOTTOM, FROM_RAMP, N),
               bottom.create_input_port(bot_rx, Edge.TOP, TO_RAMP, N))

# Column pipeline.
west, _, west_tx = stage("west", 1, 3, (8, 5), False, True)
east, east_rx, _ = stage("east", 1, 3, (12, 3), True, False)
west_data = rng.integers(0, 1 << 20, size=(3 * N,), dtype=np.uint32)
west.set_symbol_all("buf", west_data, N, 3)
for j in range(3):
    west.set_param((0, j), "add", 1000 + j)
    east.set_param((0, j), "add", 50 * j)
layout.connect(west.create_output_port(west_tx, Edge.RIGHT, FROM_RAMP, N),
               east.create_input_port(east_rx, Edge.LEFT, TO_RAMP, N))

artifacts = layout.compile(out_prefix="out")
runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()
runtime.stop()


def step(v, add):
    return (v.astype(np.uint64) * 3 + add).astype(np.uint32)


for i in range(4):
    v = top_data[0, i * N:(i + 1) * N]
    v = step(step(step(v, adds["top"][i]), adds["middle"][i]), adds["bottom"][i])
    got = runtime.read_symbol(0 + i, 11, "buf", dtype="uint32")
    np.testing.assert_array_equal(got, v, err_msg=f"row pipeline, column {i}")
    got_top = runtime.read_symbol(1 + i, 1, "buf", dtype="uint32")
    np.testing.assert_array_equal(got_top, step(top_data[0, i * N:(i + 1) * N],
                                                adds["top"][i]), err_msg=f"top PE {i}")
for j in range(3):
    v = step(step(west_data[j * N:(j + 1) * N], 1000 + j), 50 * j)
    got = runtime.read_symbol(12, 3 + j, "buf", dtype="uint32")
    np.testing.assert_array_equal(got, v, err_msg=f"column pipeline, row {j}")
print("SUCCESS!")
