#!/usr/bin/env cs_python
"""sdklayout-stacked: regions placed by hstack and vstack, not place(): a row of four
stages side by side (edge-to-edge RIGHT -> LEFT connections between neighbouring regions,
no PE between them) and a column of three stages one above the other (BOTTOM -> TOP
connections), each with its own host input and output stream; both streams sent and
received at once. The stages multiply, add, negate or subtract a per-region param.
Checked bit for bit against float32."""
import argparse

import numpy as np

from cerebras.geometry.geometry import IntVector  # pylint: disable=no-name-in-module
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

SIZE = 21
ROW = [(0, 3), (1, 5), (2, 0), (3, 2)]   # (op, k): *3, +5, neg, -2
COLUMN = [(1, 7), (0, 2), (3, 1)]        # +7, *2, -1
target = SdkTarget.WSE3 if args.arch == "wse3" else SdkTarget.WSE2
platform = get_platform(args.cmaddr, SimfabConfig(), target)
layout = SdkLayout(platform)
to_ramp = RoutingPosition().set_output([Route.RAMP])
from_ramp = RoutingPosition().set_input([Route.RAMP])


def stage(name, op, k, in_edge, out_edge):
    r = layout.create_code_region("./stage.csl", name, 1, 1)
    rx, tx = r.color("rx"), r.color("tx")
    r.set_param_all("size", SIZE)
    r.set_param_all("op", op)
    r.set_param_all("k", k)
    r.set_param_all(rx)
    r.set_param_all(tx)
    return (r, r.create_input_port(rx, in_edge, [to_ramp], SIZE),
            r.create_output_port(tx, out_edge, [from_ramp], SIZE))


row = [stage(f"row{i}", op, k, Edge.LEFT, Edge.RIGHT) for i, (op, k) in enumerate(ROW)]
col = [stage(f"col{i}", op, k, Edge.TOP, Edge.BOTTOM) for i, (op, k) in enumerate(COLUMN)]
layout.hstack([r for r, _, _ in row], IntVector(2, 1))
layout.vstack([r for r, _, _ in col], IntVector(3, 4))
for a, b in zip(row, row[1:]):
    layout.connect(a[2], b[1])
for a, b in zip(col, col[1:]):
    layout.connect(a[2], b[1])
row_in = layout.create_input_stream(row[0][1])
row_out = layout.create_output_stream(row[-1][2])
col_in = layout.create_input_stream(col[0][1])
col_out = layout.create_output_stream(col[-1][2])

artifacts = layout.compile(out_prefix="out")
runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()
rng = np.random.default_rng(12)
x = rng.uniform(-100, 100, size=SIZE).astype(np.float32)
z = rng.uniform(-100, 100, size=SIZE).astype(np.float32)
y = np.zeros(SIZE, dtype=np.float32)
w = np.zeros(SIZE, dtype=np.float32)
runtime.send(row_in, x, nonblock=True)
runtime.send(col_in, z, nonblock=True)
runtime.receive(row_out, y, SIZE, nonblock=True)
runtime.receive(col_out, w, SIZE, nonblock=True)
runtime.stop()


def apply(v, stages):
    for op, k in stages:
        kf = np.float32(k)
        v = {0: lambda a: a * kf, 1: lambda a: a + kf, 2: lambda a: -a,
             3: lambda a: a - kf}[op](v).astype(np.float32)
    return v


np.testing.assert_array_equal(y, apply(x, ROW), err_msg="hstack row")
np.testing.assert_array_equal(w, apply(z, COLUMN), err_msg="vstack column")
print("SUCCESS!")
