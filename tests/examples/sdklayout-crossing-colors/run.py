#!/usr/bin/env cs_python
"""sdklayout-crossing-colors: sixteen connections whose routes cross and share routers.

Emitters (1x1) sit in column 0, rows 0..15; absorbers (1x1) in column 5, in reverse
order (emitter k feeds the absorber in row 15 - k), so every route crosses the others
in the four free columns between them and many routers carry several colors. Each
connection gets its own physical color (checked in colors.json and port_map.json:
no PE carries one color twice). Every absorber must hold exactly its emitter's words."""
import argparse
import json
import os
from collections import Counter

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
K = 16
from_ramp = RoutingPosition().set_input([Route.RAMP])
to_ramp = RoutingPosition().set_output([Route.RAMP])
expect = {}
for k in range(K):
    emit = layout.create_code_region("./emit.csl", f"emit{k}", 1, 1)
    tx = Color(f"tx{k}")
    emit.set_param_all("tx", tx)
    emit.set_param_all("seed", 97 * k + 13)
    emit.place(0, k)
    absorb = layout.create_code_region("./absorb.csl", f"absorb{k}", 1, 1)
    rx = Color(f"rx{k}")
    absorb.set_param_all("rx", rx)
    absorb.set_param_all("bias", 7 * k)
    absorb.place(5, K - 1 - k)
    layout.connect(emit.create_output_port(tx, Edge.RIGHT, [from_ramp], 4),
                   absorb.create_input_port(rx, Edge.LEFT, [to_ramp], 4))
    expect[(5, K - 1 - k)] = [(97 * k + 13) * (2 * i + 1) + 7 * k for i in range(4)]

artifacts = layout.compile(out_prefix="out", save_port_map=True)
with open(os.path.join("out", "colors.json"), encoding="utf-8") as f:
    colors = json.load(f)
assert len({colors[f"tx{k}"] for k in range(K)}) == K, colors
with open(os.path.join("out", "port_map.json"), encoding="utf-8") as f:
    port_map = json.load(f)
load = Counter()
for entry in port_map.values():
    for path in entry["paths"]:
        cells = [tuple(c) for c in path]
        assert len(cells) == len(set(cells)), f"a path visits a PE twice: {cells}"
        load.update(cells[1:-1])
assert max(load.values()) >= 4, f"routes were expected to share routers: {load}"

runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()
runtime.stop()
for (x, y), want in expect.items():
    np.testing.assert_array_equal(runtime.read_symbol(x, y, "got", dtype="uint32"),
                                  np.array(want, dtype=np.uint32), err_msg=f"absorb ({x}, {y})")
print("SUCCESS!")
