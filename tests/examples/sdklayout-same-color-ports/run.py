#!/usr/bin/env cs_python
"""sdklayout-same-color-ports: three input ports of one color on one PE, told apart by prefix.

The SDK allows ports of the same color when a prefix makes them unique. `merge` (1x1)
has input ports of its one color on its LEFT (prefix "w_"), TOP ("n_") and BOTTOM ("s_")
edges: LEFT and TOP are fed by host streams, BOTTOM by connect() from an `emit` region
below. The router must merge all three: merge must hold all 3n words (each source's
words in that source's order), read with read_symbol after stop()."""
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
N = 4

merge = layout.create_code_region("./merge.csl", "merge", 1, 1)
c = Color("c")
merge.set_param_all("n", N)
merge.set_param_all("rx", c)
merge.place(3, 3)
to_ramp = [RoutingPosition().set_output([Route.RAMP])]
west = merge.create_input_port(c, Edge.LEFT, to_ramp, N, prefix="w_")
north = merge.create_input_port(c, Edge.TOP, to_ramp, N, prefix="n_")
south = merge.create_input_port(c, Edge.BOTTOM, to_ramp, N, prefix="s_")

emit = layout.create_code_region("./emit.csl", "emit", 1, 1)
t = Color("t")
emit.set_param_all("tx", t)
emit.set_param_all("seed", 1000)
emit.place(5, 6)
layout.connect(emit.create_output_port(t, Edge.TOP,
                                       [RoutingPosition().set_input([Route.RAMP])], N), south)
s_west = layout.create_input_stream(west)
s_north = layout.create_input_stream(north)

artifacts = layout.compile(out_prefix="out")
runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()
a = np.arange(N, dtype=np.uint32) + 10
b = np.arange(N, dtype=np.uint32) + 20
runtime.send(s_west, a, nonblock=True)
runtime.send(s_north, b, nonblock=True)
runtime.stop()

got = runtime.read_symbol(3, 3, "got", dtype="uint32")
e = np.array([1000 * (2 * i + 1) for i in range(N)], dtype=np.uint32)
np.testing.assert_array_equal(np.sort(got), np.sort(np.concatenate([a, b, e])),
                              err_msg="all three sources' words")
for words in (a, b, e):
    pos = [int(np.nonzero(got == w)[0][0]) for w in words]
    assert pos == sorted(pos), f"order of {words} lost: {got}"
print("SUCCESS!")
