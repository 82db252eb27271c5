#!/usr/bin/env cs_python
"""sdklayout-big-stream: host streams longer than one DSD can describe.

A 1x1 `wire` region runs no code: its LEFT input port's route sends the color EAST and
its RIGHT output port takes it from the WEST, so the router carries the stream straight
through. One input stream and one output stream of 40,000 u32 words (more than the
32,767 a DSD extent allows), sent in three nonblocking pieces; the words must come back
unchanged and in order."""
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
N = 40000

wire = layout.create_code_region("./wire.csl", "wire", 1, 1)
c = Color("c")
wire.set_param_all("c", c)
wire.place(2, 2)
port_in = wire.create_input_port(c, Edge.LEFT, [RoutingPosition().set_output([Route.EAST])], N)
port_out = wire.create_output_port(c, Edge.RIGHT, [RoutingPosition().set_input([Route.WEST])],
                                   N)
stream_in = layout.create_input_stream(port_in)
stream_out = layout.create_output_stream(port_out)

artifacts = layout.compile(out_prefix="out")
runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()

x = ((np.arange(N, dtype=np.uint64) * 2654435761 + 99) % (1 << 32)).astype(np.uint32)
y = np.zeros(N, dtype=np.uint32)
for lo, hi in ((0, 1), (1, 32768), (32768, N)):
    runtime.send(stream_in, x[lo:hi], nonblock=True)
runtime.receive(stream_out, y, N, nonblock=True)
runtime.stop()
np.testing.assert_array_equal(y, x, err_msg="words through the wire")
print("SUCCESS!")
