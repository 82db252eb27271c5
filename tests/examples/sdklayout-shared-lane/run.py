#!/usr/bin/env cs_python
"""sdklayout-shared-lane: one Color painted by hand across three touching regions.

`west` (1x1), `middle` (2x1) and `east` (1x1) are placed with hstack from origin (3, 2).
The same Color object `lane` is a param of all three and is painted in each region:
west sends it east from its ramp, middle's two PEs pass it through (west in, east out)
while middle's first PE also injects its own words (ramp in as a second input), and
east takes it off the fabric. No connect(), no streams; east must hold west's words
then middle's, read back with read_symbol."""
import argparse

import numpy as np

from cerebras.geometry.geometry import IntVector
from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    Color,
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
N = 9
lane = Color("lane")


def rp(ins, outs):
    return RoutingPosition().set_input(ins).set_output(outs)


def region(name, w, role, mul):
    r = layout.create_code_region("./lane.csl", name, w, 1)
    r.set_param_all("n", N)
    r.set_param_all("role", role)
    r.set_param_all("mul", mul)
    r.set_param_all("base", 1)
    r.set_param_all("lane", lane)
    return r


west = region("west", 1, 0, 3)
middle = region("middle", 2, 1, 0)
middle.set_param((0, 0), "role", 0)
middle.set_param((0, 0), "mul", 5)
middle.set_param((0, 0), "base", 1000)
east = region("east", 1, 2, 0)
west.paint_all(lane, [rp([Route.RAMP], [Route.EAST])])
middle.paint_all(lane, [rp([Route.WEST], [Route.EAST])])
middle.paint(IntVector(0, 0), lane, [rp([Route.WEST, Route.RAMP], [Route.EAST])])
east.paint_all(lane, [rp([Route.WEST], [Route.RAMP])])
layout.hstack([west, middle, east], IntVector(3, 2))

artifacts = layout.compile(out_prefix="out")
runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()
runtime.stop()

got = np.concatenate([runtime.read_symbol(6, 2, "a", dtype="uint32"),
                      runtime.read_symbol(6, 2, "b", dtype="uint32")])
i = np.arange(N, dtype=np.uint32)
west_words, middle_words = i * 3 + 1, i * 5 + 1000
# The router merges its two inputs wavelet by wavelet; only the multiset and each
# sender's order are fixed.
np.testing.assert_array_equal(np.sort(got), np.sort(np.concatenate([west_words, middle_words])))
for words in (west_words, middle_words):
    pos = [int(np.nonzero(got == w)[0][0]) for w in words]
    assert pos == sorted(pos), f"order of {words} lost: {got}"
print("SUCCESS!")
