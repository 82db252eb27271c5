#!/usr/bin/env cs_python
"""sdklayout-io-loc: where host streams meet the layout, chosen by the user.

`bump` (1x1 at (4, 3)) gets its input stream from an explicit io_loc two PEs west of its
LEFT port and sends its output stream to an io_loc south-east of its BOTTOM port (the
route must turn); compile(save_port_map=True) must show both paths ending at those PEs.
`tap` (1x1 at the layout's far corner) is a stream endpoint itself:
create_input_stream_from_loc / create_output_stream_from_loc on its own colors, one of
them pinned with Color(name, value). Routing positions are built with add_input /
add_output and read back with get_input / get_output. Streams are used by name and by
get_port_id number; every word is checked exactly."""
import argparse
import json
import os

import numpy as np

from cerebras.geometry.geometry import IntVector
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

N_BUMP, N_TAP, K = 13, 9, 40000

from_ramp = RoutingPosition()
from_ramp.add_input(Route.RAMP)
to_ramp = RoutingPosition()
to_ramp.add_output(Route.RAMP)
assert list(from_ramp.get_input()) == [Route.RAMP] and list(from_ramp.get_output()) == []
assert list(to_ramp.get_output()) == [Route.RAMP] and list(to_ramp.get_input()) == []

bump = layout.create_code_region("./bump.csl", "bump", 1, 1)
b_rx, b_tx = bump.color("rx"), bump.color("tx")
bump.set_param_all("size", N_BUMP)
bump.set_param_all("k", K)
bump.set_param_all(b_rx)  # the (color) form: the param is the color's local name
bump.set_param_all(b_tx)
bump_in = bump.create_input_port(b_rx, Edge.LEFT, [to_ramp], N_BUMP)
bump_out = bump.create_output_port(b_tx, Edge.BOTTOM, [from_ramp], N_BUMP)
bump.place(4, 3)

tap = layout.create_code_region("./tap.csl", "tap", 1, 1)
t_rx, t_tx = Color("tap_rx", 7), Color("tap_tx")
tap.set_param_all("size", N_TAP)
tap.set_param_all("rx", t_rx)
tap.set_param_all("tx", t_tx)
tap.place(9, 8)

IN_LOC, OUT_LOC = (2, 3), (6, 6)
bump_in_s = layout.create_input_stream(bump_in, io_loc=IntVector(*IN_LOC))
bump_out_s = layout.create_output_stream(bump_out, io_loc=IntVector(*OUT_LOC))
tap_in_s = layout.create_input_stream_from_loc(IntVector(9, 8), t_rx)
tap_out_s = layout.create_output_stream_from_loc(IntVector(9, 8), t_tx)

artifacts = layout.compile(out_prefix="out", save_port_map=True)

with open(os.path.join("out", "colors.json"), encoding="utf-8") as f:
    colors = json.load(f)
assert colors["tap_rx"] == 7, colors
with open(os.path.join("out", "port_map.json"), encoding="utf-8") as f:
    port_map = json.load(f)
paths = {name: entry["path"] for name, entry in port_map.items() if "path" in entry}
assert tuple(paths[bump_in_s][0]) == (4, 3) and tuple(paths[bump_in_s][-1]) == IN_LOC, paths
assert tuple(paths[bump_out_s][0]) == (4, 3) and tuple(paths[bump_out_s][-1]) == OUT_LOC, paths

runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
names = [bump_in_s, bump_out_s, tap_in_s, tap_out_s]
ids = [runtime.get_port_id(n) for n in names]
assert sorted(ids) == list(range(4)), ids
assert runtime.get_port_id("no_such_stream") is None
runtime.load()
runtime.run()

rng = np.random.default_rng(2026)
x = rng.integers(0, 2**32 - K, size=N_BUMP, dtype=np.uint32)
t = rng.integers(0, 2**31 - 1, size=N_TAP, dtype=np.uint32)
y = np.zeros(N_BUMP, dtype=np.uint32)
u = np.zeros(N_TAP, dtype=np.uint32)
runtime.send(ids[2], t, nonblock=True)          # by number
runtime.send(bump_in_s, x, nonblock=True)       # by name
runtime.receive(ids[1], y, N_BUMP, nonblock=True)
runtime.receive(tap_out_s, u, N_TAP, nonblock=True)
runtime.stop()

np.testing.assert_array_equal(y, x + np.uint32(K), err_msg="bump: x + k")
np.testing.assert_array_equal(u, 2 * t + 1, err_msg="tap: 2t + 1")
print("SUCCESS!")
