#!/usr/bin/env cs_python
"""sdklayout-paint-layers: routes painted in layers on a 3x3 region, later ones winning.

One color broadcasts from PE (0, 0). The layers: paint_all with a default (north in,
south + ramp out) plus edge routes from get_edge_routing for the TOP edge (west in, east
+ south + ramp out) and BOTTOM edge (north in, ramp out only); paint_range over the
2x2 block at (0, 0) then drops the ramp of those four PEs (north in, south out), and
paint() last repaints three of them: the source (ramp in, east + south out), (1, 0)
and (0, 1) back to their edge/default routes, plus (2, 0) (no east). So (1, 1) alone
keeps the no-ramp route: its column still passes south. (A rectangle from (0, 0) is
the same under IntRectangle's (origin, dims) and (corner, corner) readings.) Every PE
but the source and (1, 1) must count all n words and their sum; (1, 1) must see none. A second 1x1 region touches the grid's east side and is not reached."""
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
    get_edge_routing,
    get_platform,
)

parser = argparse.ArgumentParser()
parser.add_argument("--cmaddr", help="IP:port of an appliance")
parser.add_argument("--arch", choices=["wse2", "wse3"], default="wse3")
args = parser.parse_args()

target = SdkTarget.WSE3 if args.arch == "wse3" else SdkTarget.WSE2
platform = get_platform(args.cmaddr, SimfabConfig(), target)
layout = SdkLayout(platform)
N = 17


def rp(ins, outs):
    return RoutingPosition().set_input(ins).set_output(outs)


grid = layout.create_code_region("./cell.csl", "grid", 3, 3)
c = Color("bcast")
grid.set_param_all("n", N)
grid.set_param_all("is_source", 0)
grid.set_param((0, 0), "is_source", 1)
grid.set_param_all("c", c)
grid.paint_all(c, [rp([Route.NORTH], [Route.SOUTH, Route.RAMP])],
               [get_edge_routing(Edge.TOP, [rp([Route.WEST],
                                              [Route.EAST, Route.SOUTH, Route.RAMP])]),
                get_edge_routing(Edge.BOTTOM, [rp([Route.NORTH], [Route.RAMP])])])
grid.paint_range(IntRectangle(IntVector(0, 0), IntVector(2, 2)), c,
                 [rp([Route.NORTH], [Route.SOUTH])])
grid.paint(IntVector(0, 0), c, [rp([Route.RAMP], [Route.EAST, Route.SOUTH])])
grid.paint(IntVector(1, 0), c, [rp([Route.WEST], [Route.EAST, Route.SOUTH, Route.RAMP])])
grid.paint(IntVector(0, 1), c, [rp([Route.NORTH], [Route.SOUTH, Route.RAMP])])
grid.paint(IntVector(2, 0), c, [rp([Route.WEST], [Route.SOUTH, Route.RAMP])])
grid.place(1, 1)

# A neighbour touching the grid's east side: same code, its own color, no source.
side = layout.create_code_region("./cell.csl", "side", 1, 1)
side.set_param_all("n", N)
side.set_param_all("is_source", 0)
side.set_param_all("c", Color("quiet"))
side.place(4, 2)

artifacts = layout.compile(out_prefix="out")
runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()
runtime.stop()

words = (np.arange(N, dtype=np.uint64) * 2654435761 + 12345) % (1 << 32)
total = int(words.sum() % (1 << 32))
for y in range(3):
    for x in range(3):
        if (x, y) == (0, 0):
            continue
        count = int(runtime.read_symbol(1 + x, 1 + y, "count", dtype="uint32")[0])
        got = int(runtime.read_symbol(1 + x, 1 + y, "total", dtype="uint32")[0])
        want = (0, 0) if (x, y) == (1, 1) else (N, total)
        assert (count, got) == want, f"PE ({x}, {y}): count {count} sum {got}, want {want}"
assert int(runtime.read_symbol(4, 2, "count", dtype="uint32")[0]) == 0
print("SUCCESS!")
