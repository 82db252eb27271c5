#!/usr/bin/env cs_python
"""sdklayout-touching-wide: multi-PE ports between regions that touch (no PE between).

Column chain: `a`, `b`, `c` (1x3 each) side by side at x = 0, 1, 2 from the layout's
corner (0, 0); a's 3-PE RIGHT port feeds b's LEFT port, b's RIGHT port feeds c's LEFT
port. Row chain: `d` (3x1 at (0, 4)) feeds `e` (3x1 at (0, 5)) through BOTTOM -> TOP
3-PE ports. Source data come from set_symbol_all; each PE adds its own param (set_param
per PE) after tripling; the last stages are read with read_symbol and checked exactly."""
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
N = 7
FROM_RAMP = [RoutingPosition().set_input([Route.RAMP])]
TO_RAMP = [RoutingPosition().set_output([Route.RAMP])]
rng = np.random.default_rng(31)


def stage(name, w, h, at, has_in, has_out, adds):
    region = layout.create_code_region("./stage.csl", name, w, h)
    region.set_param_all("n", N)
    region.set_param_all("has_in", int(has_in))
    region.set_param_all("has_out", int(has_out))
    rx, tx = region.color("rx"), region.color("tx")
    region.set_param_all("rx", rx)
    region.set_param_all("tx", tx)
    for k, add in enumerate(adds):
        region.set_param((k, 0) if w > 1 else (0, k), "add", add)
    region.place(*at)
    return region, rx, tx


a, _, a_tx = stage("a", 1, 3, (0, 0), False, True, [1, 2, 3])
b, b_rx, b_tx = stage("b", 1, 3, (1, 0), True, True, [10, 20, 30])
c, c_rx, _ = stage("c", 1, 3, (2, 0), True, False, [100, 200, 300])
col_data = rng.integers(0, 1 << 24, size=(3, N), dtype=np.uint32)
a.set_symbol_all("buf", col_data, N, 3)
layout.connect(a.create_output_port(a_tx, Edge.RIGHT, FROM_RAMP, N),
               b.create_input_port(b_rx, Edge.LEFT, TO_RAMP, N))
layout.connect(b.create_output_port(b_tx, Edge.RIGHT, FROM_RAMP, N),
               c.create_input_port(c_rx, Edge.LEFT, TO_RAMP, N))

d, _, d_tx = stage("d", 3, 1, (0, 4), False, True, [5, 6, 7])
e, e_rx, _ = stage("e", 3, 1, (0, 5), True, False, [50, 60, 70])
row_data = rng.integers(0, 1 << 24, size=(1, 3 * N), dtype=np.uint32)
d.set_symbol_all("buf", row_data, 3 * N, 1)
layout.connect(d.create_output_port(d_tx, Edge.BOTTOM, FROM_RAMP, N),
               e.create_input_port(e_rx, Edge.TOP, TO_RAMP, N))

artifacts = layout.compile(out_prefix="out")
runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()
runtime.stop()


def step(v, add):
    return ((v.astype(np.uint64) * 3 + add) % (1 << 32)).astype(np.uint32)


for k in range(3):
    want = step(step(step(col_data[k], 1 + k), 10 * (k + 1)), 100 * (k + 1))
    np.testing.assert_array_equal(runtime.read_symbol(2, k, "buf", dtype="uint32"), want,
                                  err_msg=f"column chain row {k}")
    want = step(step(row_data[0, k * N:(k + 1) * N], 5 + k), 50 + 10 * k)
    np.testing.assert_array_equal(runtime.read_symbol(k, 5, "buf", dtype="uint32"), want,
                                  err_msg=f"row chain column {k}")
print("SUCCESS!")
