#!/usr/bin/env cs_python
"""sdklayout-many-streams: eight host input and eight output streams in one SdkLayout.

Eight 1x1 `bump` regions (y = x + k, u32) on a 4x2 grid, four PEs apart; region i takes
its input stream on edge EDGES[i] and gives its output stream on edge OUT_EDGES[i], so
every edge carries both directions somewhere, and sizes differ per region. All sixteen
streams share the host channel. The host posts every send (nonblocking, half of them
in two pieces) before any receive, then receives in reverse order; all exact."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
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

EDGES = [Edge.LEFT, Edge.TOP, Edge.RIGHT, Edge.BOTTOM, Edge.TOP, Edge.LEFT, Edge.BOTTOM,
         Edge.RIGHT]
OUT_EDGES = [Edge.RIGHT, Edge.BOTTOM, Edge.LEFT, Edge.TOP, Edge.LEFT, Edge.BOTTOM,
             Edge.RIGHT, Edge.TOP]
from_ramp = RoutingPosition().set_input([Route.RAMP])
to_ramp = RoutingPosition().set_output([Route.RAMP])
regions = []
for i, (ein, eout) in enumerate(zip(EDGES, OUT_EDGES)):
    size, k = 5 + 3 * i, 1000 * (i + 1) + i
    r = layout.create_code_region("./bump.csl", f"bump{i}", 1, 1)
    rx, tx = r.color("rx"), r.color("tx")
    r.set_param_all("size", size)
    r.set_param_all("k", k)
    r.set_param_all(rx)
    r.set_param_all(tx)
    pin = r.create_input_port(rx, ein, [to_ramp], size)
    pout = r.create_output_port(tx, eout, [from_ramp], size)
    r.place(2 + 4 * (i % 4), 2 + 4 * (i // 4))
    regions.append((layout.create_input_stream(pin), layout.create_output_stream(pout),
                    size, k))

artifacts = layout.compile(out_prefix="out")
runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()

rng = np.random.default_rng(8)
inputs = []
for i, (s_in, _, size, k) in enumerate(regions):
    x = rng.integers(0, 2**32 - k, size=size, dtype=np.uint32)
    inputs.append(x)
    if i % 2:
        half = size // 2
        runtime.send(s_in, x[:half], nonblock=True)
        runtime.send(s_in, x[half:], nonblock=True)
    else:
        runtime.send(s_in, x, nonblock=True)
outputs = [np.zeros(size, dtype=np.uint32) for _, _, size, _ in regions]
for i in reversed(range(len(regions))):
    runtime.receive(regions[i][1], outputs[i], regions[i][2], nonblock=True)
runtime.stop()

for i, (_, _, _, k) in enumerate(regions):
    np.testing.assert_array_equal(outputs[i], inputs[i] + np.uint32(k), err_msg=f"bump{i}")
print("SUCCESS!")
