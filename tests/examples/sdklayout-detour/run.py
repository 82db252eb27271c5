#!/usr/bin/env cs_python
"""sdklayout-detour: a program laid out from Python with SdkLayout, no layout.csl.

Three code regions: `scale` (x * k) and `prefix` (running sums) joined by one port
connection, and a 1x3 `wall` placed in the straight line between them, which the router
must go around; the wall's middle PE turns a second host stream into |z| (in at its top
edge, out at its bottom edge, passing its neighbours' routers). Two host input streams
and two output streams, all nonblocking, then stop(). Checked bit for bit."""
import argparse

import numpy as np

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

size = 23
k = 3
from_ramp = RoutingPosition().set_input([Route.RAMP])
to_ramp = RoutingPosition().set_output([Route.RAMP])

scale = layout.create_code_region("./scale.csl", "scale", 1, 1)
s_rx, s_tx = Color("s_rx"), Color("s_tx")
scale.set_param_all("size", size)
scale.set_param_all("k", k)
scale.set_param_all("rx", s_rx)
scale.set_param_all("tx", s_tx)
scale_in = scale.create_input_port(s_rx, Edge.LEFT, [to_ramp], size)
scale_out = scale.create_output_port(s_tx, Edge.RIGHT, [from_ramp], size)
scale.place(2, 3)

prefix = layout.create_code_region("./prefix.csl", "prefix", 1, 1)
p_rx, p_tx = Color("p_rx"), Color("p_tx")
prefix.set_param_all("size", size)
prefix.set_param_all("rx", p_rx)
prefix.set_param_all("tx", p_tx)
prefix_in = prefix.create_input_port(p_rx, Edge.LEFT, [to_ramp], size)
prefix_out = prefix.create_output_port(p_tx, Edge.RIGHT, [from_ramp], size)
prefix.place(8, 3)

wall = layout.create_code_region("./wall.csl", "wall", 1, 3)
w_rx, w_tx = Color("w_rx"), Color("w_tx")
wall.set_param_all("size", size)
wall.set_param_all("is_worker", 0)
wall.set_param((0, 1), "is_worker", 1)
wall.set_param_all("rx", w_rx)
wall.set_param_all("tx", w_tx)
# Top PE: w_rx passes south; middle: w_rx to its RAMP, w_tx from its RAMP south;
# bottom: w_tx passes south.
wall.paint((0, 0), w_rx, [RoutingPosition().set_input([Route.NORTH]).set_output([Route.SOUTH])])
wall.paint((0, 1), w_rx, [RoutingPosition().set_input([Route.NORTH]).set_output([Route.RAMP])])
wall.paint((0, 1), w_tx, [RoutingPosition().set_input([Route.RAMP]).set_output([Route.SOUTH])])
wall_in = wall.create_input_port(w_rx, Edge.TOP,
                                 [RoutingPosition().set_output([Route.SOUTH])], size)
wall_out = wall.create_output_port(w_tx, Edge.BOTTOM,
                                   [RoutingPosition().set_input([Route.NORTH])], size)
wall.place(5, 2)

layout.connect(scale_out, prefix_in)
x_stream = layout.create_input_stream(scale_in)
y_stream = layout.create_output_stream(prefix_out)
z_stream = layout.create_input_stream(wall_in)
w_stream = layout.create_output_stream(wall_out)

artifacts = layout.compile(out_prefix="out")

runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()

rng = np.random.default_rng(77)
x = rng.uniform(-10, 10, size=size).astype(np.float32)
z = rng.uniform(-10, 10, size=size).astype(np.float32)
y = np.zeros(size, dtype=np.float32)
w = np.zeros(size, dtype=np.float32)
runtime.send(x_stream, x, nonblock=True)
runtime.send(z_stream, z, nonblock=True)
runtime.receive(y_stream, y, size, nonblock=True)
runtime.receive(w_stream, w, size, nonblock=True)
runtime.stop()

scaled = (x * np.float32(k)).astype(np.float32)
want_y = np.zeros(size, dtype=np.float32)
acc = np.float32(0)
for i, v in enumerate(scaled):
    acc = np.float32(acc + v) if i else v
    want_y[i] = acc
np.testing.assert_array_equal(y, want_y, err_msg="prefix sums of k * x")
np.testing.assert_array_equal(w, np.abs(z), err_msg="|z| through the wall")
print("SUCCESS!")
