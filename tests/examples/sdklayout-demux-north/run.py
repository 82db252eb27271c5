#!/usr/bin/env cs_python
"""sdklayout-demux-north: a demultiplexer and a multiplexer built from router switch
positions in an SdkLayout program (no layout.csl), in directions the SDK's gemv tutorial
does not use.

The host streams H batches of u32 into `split` (1x1, in on its left edge, out on its top
edge); `split` sends a SWITCH_ADV control wavelet (ce_ignore) between batches. The
`column` region (1xH) above it is painted with two positions (SOUTH -> RAMP, then
SOUTH -> NORTH; the top edge gets only the first through get_edge_routing), so its bottom
PE keeps the first batch, the next PE the second, and so on northwards. Each column PE
mixes its batch with a per-PE param and sends it west through a H-PE port connected to
the H-PE port of `gather` (1xH), whose routers start at RAMP -> SOUTH and are advanced
to NORTH -> SOUTH by each PE's own control wavelet after its batch: the batches leave
its bottom edge bottom PE first, into the host output stream (which must not count the
control wavelets). The stream is sent in two pieces; read_symbol after stop() reads
what each PE kept (layout coordinates). Colors come from region.color() and Color(),
params from set_param_all(color), set_param with IntVector and set_param_range."""
import argparse

import numpy as np

from cerebras.geometry.geometry import IntRectangle, IntVector  # pylint: disable=no-name-in-module
from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    Color,
    Edge,
    Route,
    RoutingPosition,
    SdkLayout,
    SdkRuntime,
    SdkTarget,
    SimfabConfig,
    get_edge_routing,
    get_platform,
)

parser = argparse.ArgumentParser()
parser.add_argument("--cmaddr", help="IP:port of an appliance")
parser.add_argument("--arch", choices=["wse2", "wse3"], default="wse3")
args = parser.parse_args()

H = 5   # batches, column and gather heights
BS = 7  # values per batch
SLOTS = [3, 11, 0, 6, 9]  # column PE params, top (row 0) to bottom
SPLIT_AT = (4, 10)  # below the column, which starts at (4, 3)

target = SdkTarget.WSE3 if args.arch == "wse3" else SdkTarget.WSE2
platform = get_platform(args.cmaddr, SimfabConfig(dump_core=True), target)
layout = SdkLayout(platform)

take = RoutingPosition().set_output([Route.RAMP])
give = RoutingPosition().set_input([Route.RAMP])

split = layout.create_code_region("./split.csl", "split", 1, 1)
s_src, s_dst = split.color("src"), split.color("dst")
split.set_param_all("nb", H)
split.set_param_all("bs", BS)
split.set_param_all(s_src)
split.set_param_all(s_dst)
split_in = split.create_input_port(s_src, Edge.LEFT, [take], H * BS)
split_out = split.create_output_port(s_dst, Edge.TOP, [give], H * BS)
split.place(*SPLIT_AT)

column = layout.create_code_region("./column.csl", "column", 1, H)
c_src = Color("col_src")
c_res = Color("col_res")
column.set_param_all("bs", BS)
column.set_param_all("src", c_src)
column.set_param_all("res", c_res)
for row, slot in enumerate(SLOTS):
    column.set_param(IntVector(0, row), "slot", slot)
keep = RoutingPosition().set_input([Route.SOUTH]).set_output([Route.RAMP])
north = RoutingPosition().set_input([Route.SOUTH]).set_output([Route.NORTH])
column.paint_all(c_src, [keep, north], [get_edge_routing(Edge.TOP, [keep])])
column_in = column.create_input_port(
    c_src, Edge.BOTTOM,
    [RoutingPosition().set_output([Route.RAMP]), RoutingPosition().set_output([Route.NORTH])],
    H * BS)
column_out = column.create_output_port(c_res, Edge.LEFT, [give], BS)
column.place(4, 3)

gather = layout.create_code_region("./gather.csl", "gather", 1, H)
g_res, g_down = gather.color("res"), gather.color("down")
gather.set_param_range(IntRectangle(IntVector(0, 0), IntVector(1, H)), "bs", BS)
gather.set_param_all(g_res)
gather.set_param_all(g_down)
emit = RoutingPosition().set_input([Route.RAMP]).set_output([Route.SOUTH])
relay = RoutingPosition().set_input([Route.NORTH]).set_output([Route.SOUTH])
gather.paint_all(g_down, [emit, relay], [get_edge_routing(Edge.TOP, [emit])])
gather_in = gather.create_input_port(g_res, Edge.RIGHT, [take], BS)
gather_out = gather.create_output_port(
    g_down, Edge.BOTTOM,
    [RoutingPosition().set_input([Route.RAMP]), RoutingPosition().set_input([Route.NORTH])],
    H * BS)
gather.place(1, 3)

layout.connect(split_out, column_in)
layout.connect(column_out, gather_in)
x_stream = layout.create_input_stream(split_in)
y_stream = layout.create_output_stream(gather_out)

artifacts = layout.compile(out_prefix="out")

runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()

rng = np.random.default_rng(2024)
x = rng.integers(0, 2**32, size=H * BS, dtype=np.uint32)
y = np.zeros(H * BS, dtype=np.uint32)
first = 3 * BS - 2  # the first piece ends inside a batch
runtime.send(x_stream, x[:first], nonblock=True)
runtime.send(x_stream, x[first:], nonblock=True)
runtime.receive(y_stream, y, H * BS, nonblock=True)
runtime.stop()

batches = x.reshape(H, BS)
want = np.zeros((H, BS), dtype=np.uint32)
for b in range(H):
    row = H - 1 - b  # batch b is kept by the b-th PE from the bottom
    k = SLOTS[row]
    want[b] = [(int(v) * (2 * k + 1) + (int(v) >> 5) + (k << 24)) & 0xFFFFFFFF
               for v in batches[b]]
np.testing.assert_array_equal(y.reshape(H, BS), want, err_msg="gathered batches")

for row in range(H):
    kept = runtime.read_symbol(4, 3 + row, "kept", dtype="uint32")
    np.testing.assert_array_equal(kept, batches[H - 1 - row],
                                  err_msg=f"batch kept by column PE row {row}")
    fwd = runtime.read_symbol(1, 3 + row, "forwarded", dtype="uint32")
    assert list(fwd) == [BS], f"gather PE row {row} forwarded {fwd}"
checksum = np.bitwise_xor.reduce(x)
got = runtime.read_symbol(*SPLIT_AT, "checksum", dtype="uint32")
assert list(got) == [checksum], f"split checksum {got} != {checksum}"
seen = runtime.read_symbol(*SPLIT_AT, "batches_seen", dtype="uint32")
assert list(seen) == [H], f"split saw {seen} batches"
print("SUCCESS!")
