#!/usr/bin/env cs_python
"""sdklayout-same-edge: the SDK's ports-and-connections tutorial with other ports: two
1x1 `emit` regions east of a 1x1 `mix` region (one north-east, one south-east) both
connect to input ports on mix's RIGHT edge; mix's output port on its LEFT edge connects to
`keep`'s input port on its TOP edge, south-west of mix (the route must leave west and come
back). i16 data from set_symbol_all; no host streams; `keep` read with read_symbol
(int16). Checked exactly, wrapping included."""
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

SIZE = 13
rng = np.random.default_rng(8)
a = rng.integers(-32768, 32768, size=SIZE).astype(np.int16)
b = rng.integers(-32768, 32768, size=SIZE).astype(np.int16)

target = SdkTarget.WSE3 if args.arch == "wse3" else SdkTarget.WSE2
platform = get_platform(args.cmaddr, SimfabConfig(dump_core=True), target)
layout = SdkLayout(platform)
from_ramp = RoutingPosition().set_input([Route.RAMP])
to_ramp = RoutingPosition().set_output([Route.RAMP])

ports = []
for name, data, where in (("emit_a", a, (9, 1)), ("emit_b", b, (8, 7))):
    r = layout.create_code_region("./emit.csl", name, 1, 1)
    tx = r.color("tx")
    r.set_param_all("size", SIZE)
    r.set_param_all(tx)
    r.set_symbol_all("vals", data.reshape(1, SIZE), SIZE, 1)
    ports.append(r.create_output_port(tx, Edge.LEFT, [from_ramp], SIZE))
    r.place(*where)

mix = layout.create_code_region("./mix.csl", "mix", 1, 1)
rx1, rx2, mtx = Color("rx1"), Color("rx2"), Color("mix_tx")
mix.set_param_all("size", SIZE)
mix.set_param_all(rx1)
mix.set_param_all(rx2)
mix.set_param_all("tx", mtx)
in1 = mix.create_input_port(rx1, Edge.RIGHT, [to_ramp], SIZE)
in2 = mix.create_input_port(rx2, Edge.RIGHT, [to_ramp], SIZE)
mix_out = mix.create_output_port(mtx, Edge.LEFT, [from_ramp], SIZE)
mix.place(5, 4)

keep = layout.create_code_region("./keep.csl", "keep", 1, 1)
krx = keep.color("rx")
keep.set_param_all("size", SIZE)
keep.set_param_all(krx)
keep_in = keep.create_input_port(krx, Edge.TOP, [to_ramp], SIZE)
keep.place(3, 8)

layout.connect(ports[0], in1)
layout.connect(ports[1], in2)
layout.connect(mix_out, keep_in)

artifacts = layout.compile(out_prefix="out")
runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()
runtime.stop()

want = (a.astype(np.int32) - 2 * b.astype(np.int32)).astype(np.int16)  # wraps
got = runtime.read_symbol(3, 8, "got", dtype="int16")
np.testing.assert_array_equal(got, want, err_msg="a - 2 b at keep")
print("SUCCESS!")
