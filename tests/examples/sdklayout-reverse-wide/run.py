#!/usr/bin/env cs_python
"""sdklayout-reverse-wide: multi-PE port connections that run north and west.

`low` (3x1 at (1, 7)) sends through a 3-PE TOP port to `high` (3x1 at (1, 2)), whose
BOTTOM port receives: three parallel routes northwards across four free rows. `right`
(1x4 at (12, 1)) sends through a 4-PE LEFT port to `left` (1x4 at (6, 1)), whose RIGHT
port receives: four routes westwards. A `block` region (1x1) sits in the middle of the
westward band, so one pair's route must step around it without cutting off the others.
Data by set_symbol_all, per-PE params, results by read_symbol; u32 exact."""
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
N = 5
FROM_RAMP = [RoutingPosition().set_input([Route.RAMP])]
TO_RAMP = [RoutingPosition().set_output([Route.RAMP])]
rng = np.random.default_rng(77)


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


low, _, low_tx = stage("low", 3, 1, (1, 7), False, True, [4, 5, 6])
high, high_rx, _ = stage("high", 3, 1, (1, 2), True, False, [40, 50, 60])
low_data = rng.integers(0, 1 << 24, size=(1, 3 * N), dtype=np.uint32)
low.set_symbol_all("buf", low_data, 3 * N, 1)
layout.connect(low.create_output_port(low_tx, Edge.TOP, FROM_RAMP, N),
               high.create_input_port(high_rx, Edge.BOTTOM, TO_RAMP, N))

right, _, right_tx = stage("right", 1, 4, (12, 1), False, True, [7, 8, 9, 10])
left, left_rx, _ = stage("left", 1, 4, (6, 1), True, False, [70, 80, 90, 100])
right_data = rng.integers(0, 1 << 24, size=(4, N), dtype=np.uint32)
right.set_symbol_all("buf", right_data, N, 4)
layout.connect(right.create_output_port(right_tx, Edge.LEFT, FROM_RAMP, N),
               left.create_input_port(left_rx, Edge.RIGHT, TO_RAMP, N))
block, _, _ = stage("block", 1, 1, (9, 4), False, False, [0])
block.set_param_all("n", 1)

artifacts = layout.compile(out_prefix="out")
runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()
runtime.stop()


def step(v, add):
    return ((v.astype(np.uint64) * 3 + add) % (1 << 32)).astype(np.uint32)


for k in range(3):
    want = step(step(low_data[0, k * N:(k + 1) * N], 4 + k), 40 + 10 * k)
    np.testing.assert_array_equal(runtime.read_symbol(1 + k, 2, "buf", dtype="uint32"), want,
                                  err_msg=f"northward column {k}")
for k in range(4):
    want = step(step(right_data[k], 7 + k), 70 + 10 * k)
    np.testing.assert_array_equal(runtime.read_symbol(6, 1 + k, "buf", dtype="uint32"), want,
                                  err_msg=f"westward row {k}")
print("SUCCESS!")
