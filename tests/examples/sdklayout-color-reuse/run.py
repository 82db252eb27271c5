#!/usr/bin/env cs_python
"""sdklayout-color-reuse: 30 independent SdkLayout connections, more than the 24 colors.

Thirty emit -> absorb pairs of 1x1 regions on a 6x5 grid (emit at (3c, r), absorb at
(3c + 2, r)), each pair joined by connect() with its own symbolic colors. No two routes
share a router, so the layout compiler may give several connections the same physical
color: the layout must compile and every absorb PE must hold its own emitter's words.
No host streams; results come back with read_symbol after stop()."""
import argparse
import json
import os

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

COLS, ROWS = 6, 5
from_ramp = RoutingPosition().set_input([Route.RAMP])
to_ramp = RoutingPosition().set_output([Route.RAMP])
pairs = []
for c in range(COLS):
    for r in range(ROWS):
        k = c * ROWS + r
        seed, bias = 11 * k + 5, 1000 * k
        emit = layout.create_code_region("./emit.csl", f"emit{k}", 1, 1)
        tx = Color(f"tx{k}")
        emit.set_param_all("tx", tx)
        emit.set_param_all("seed", seed)
        out_port = emit.create_output_port(tx, Edge.RIGHT, [from_ramp], 4)
        emit.place(3 * c, r)
        absorb = layout.create_code_region("./absorb.csl", f"absorb{k}", 1, 1)
        rx = Color(f"rx{k}")
        absorb.set_param_all("rx", rx)
        absorb.set_param_all("bias", bias)
        in_port = absorb.create_input_port(rx, Edge.LEFT, [to_ramp], 4)
        absorb.place(3 * c + 2, r)
        layout.connect(out_port, in_port)
        pairs.append((3 * c + 2, r, seed, bias))

artifacts = layout.compile(out_prefix="out")
with open(os.path.join("out", "colors.json"), encoding="utf-8") as f:
    colors = json.load(f)
values = {colors[f"tx{k}"] for k in range(COLS * ROWS)}
assert all(0 <= v < 24 for v in values), values
for k in range(COLS * ROWS):
    assert colors[f"tx{k}"] == colors[f"rx{k}"], (k, colors[f"tx{k}"], colors[f"rx{k}"])

runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()
runtime.stop()

for x, y, seed, bias in pairs:
    got = runtime.read_symbol(x, y, "got", dtype="uint32")
    want = np.array([seed * (2 * i + 1) + bias for i in range(4)], dtype=np.uint32)
    np.testing.assert_array_equal(got, want, err_msg=f"absorb at ({x}, {y})")
print("SUCCESS!")
