#!/usr/bin/env cs_python
"""sdklayout-checker-north: r = A^T v + b in an SdkLayout program (no layout.csl), the
SDK gemv tutorial's pattern turned a quarter: v flows east along rows, partial sums flow
north up columns on a row-parity checkerboard of two colors, results leave through the
top edge and are multiplexed west.

Regions: `vsrc` (1xH, v by set_symbol_all) -> H-PE port -> `tile` (WxH, A and b by
set_symbol_all; x multicast painted with paint_all and a right-edge override from
get_edge_routing; the two partial-sum colors swapped row by row with paint_range and
set_param_range) -> W-PE top port -> `ycol` (Wx1, RAMP -> WEST / EAST -> WEST switch
positions advanced by each PE's own control wavelet) -> 1-PE left port -> host output
stream. Nothing is sent by the host; the stream is received nonblocking, then stop();
the result is checked bit for bit against float32 in the device's order."""
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

W, H = 3, 4     # tile region PEs
BW, BH = 3, 5   # block of A per PE: BH rows, BW columns
M, N = H * BH, W * BW  # A is M x N, v has M values, r has N

rng = np.random.default_rng(31)
A = rng.uniform(-2, 2, size=(M, N)).astype(np.float32)
v = rng.uniform(-1, 1, size=M).astype(np.float32)
b = rng.uniform(-4, 4, size=N).astype(np.float32)

target = SdkTarget.WSE3 if args.arch == "wse3" else SdkTarget.WSE2
platform = get_platform(args.cmaddr, SimfabConfig(), target)
layout = SdkLayout(platform)

from_ramp = RoutingPosition().set_input([Route.RAMP])
to_ramp = RoutingPosition().set_output([Route.RAMP])

vsrc = layout.create_code_region("./vsrc.csl", "vsrc", 1, H)
vout = vsrc.color("vout")
vsrc.set_param_all("bh", BH)
vsrc.set_param_all(vout)
vsrc.set_symbol_all("v", v.reshape(M, 1), 1, M)
vsrc_out = vsrc.create_output_port(vout, Edge.RIGHT, [from_ramp], BH)
vsrc.place(1, 4)

tile = layout.create_code_region("./tile.csl", "tile", W, H)
xin = Color("xin")
pa, pb = Color("pa"), Color("pb")
tile.set_param_all("bh", BH)
tile.set_param_all("bw", BW)
tile.set_param_all(xin)
tile.set_symbol_all("A", A, N, M)
b_rows = np.zeros((H, N), dtype=np.float32)
b_rows[H - 1] = b  # only the bottom row starts from b
tile.set_symbol_all("b", b_rows, N, H)
tile.paint_all(xin, [RoutingPosition().set_input([Route.WEST]).set_output([Route.RAMP, Route.EAST])],
               [get_edge_routing(Edge.RIGHT,
                                 [RoutingPosition().set_input([Route.WEST]).set_output([Route.RAMP])])])
tile_in = tile.create_input_port(xin, Edge.LEFT,
                                 [RoutingPosition().set_output([Route.RAMP, Route.EAST])], BH)
up = RoutingPosition().set_input([Route.RAMP]).set_output([Route.NORTH])
from_south = RoutingPosition().set_input([Route.SOUTH]).set_output([Route.RAMP])
tile.set_param_all("bottom", 0)
for y in range(H):
    # The SDK gemv tutorial's form, IntRectangle(IntVector(x0, y0), IntVector(x1, y1)) for
    # one line, visited in increasing order (each line is set last by its own visit).
    rows = IntRectangle(IntVector(0, y), IntVector(W, y + 1))
    send, recv = (pa, pb) if (H - 1 - y) % 2 == 0 else (pb, pa)
    tile.set_param_range(rows, "pout", send)
    tile.set_param_range(rows, "pin", recv)
    tile.paint_range(rows, send, [up])
    if y < H - 1:
        tile.paint_range(rows, recv, [from_south])
top_color = pa if (H - 1) % 2 == 0 else pb  # the color the top row sends on
bottom_rows = IntRectangle(IntVector(0, H - 1), IntVector(W, H))
tile.set_param_range(bottom_rows, "bottom", 1)
tile_out = tile.create_output_port(top_color, Edge.TOP, [from_ramp], BW)
tile.place(3, 4)

ycol = layout.create_code_region("./ycol.csl", "ycol", W, 1)
yin, yout = ycol.color("yin"), ycol.color("yout")
ycol.set_param_all("bw", BW)
ycol.set_param_all(yin)
ycol.set_param_all(yout)
emit = RoutingPosition().set_input([Route.RAMP]).set_output([Route.WEST])
relay = RoutingPosition().set_input([Route.EAST]).set_output([Route.WEST])
ycol.paint_all(yout, [emit, relay], [get_edge_routing(Edge.RIGHT, [emit])])
ycol_in = ycol.create_input_port(yin, Edge.BOTTOM, [to_ramp], BW)
ycol_out = ycol.create_output_port(
    yout, Edge.LEFT, [from_ramp, RoutingPosition().set_input([Route.EAST])], N)
ycol.place(3, 1)

layout.connect(vsrc_out, tile_in)
layout.connect(tile_out, ycol_in)
r_stream = layout.create_output_stream(ycol_out)

artifacts = layout.compile(out_prefix="out")
runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()
r = np.zeros(N, dtype=np.float32)
runtime.receive(r_stream, r, N, nonblock=True)
runtime.stop()

# The device's order: per PE, acc = sum over its rows i in order of A[i, :] * v[i]; then
# b + acc at the bottom row and (sum from below) + acc going up. @fmacs may round the
# product and the sum once (fused, as our simulator does) or twice: both models are built
# and every element must equal one of them.
def model(fused):
    out = np.zeros(N, dtype=np.float32)
    for px in range(W):
        cols = slice(px * BW, (px + 1) * BW)
        total = None
        for py in range(H - 1, -1, -1):
            acc = np.zeros(BW, dtype=np.float32)
            for i in range(py * BH, (py + 1) * BH):
                if fused:
                    acc = (acc.astype(np.float64)
                           + A[i, cols].astype(np.float64) * np.float64(v[i])).astype(np.float32)
                else:
                    acc = (acc + (A[i, cols] * v[i]).astype(np.float32)).astype(np.float32)
            total = (acc + b[cols]).astype(np.float32) if total is None else \
                (total + acc).astype(np.float32)
        out[cols] = total
    return out


want_fused, want_split = model(True), model(False)
ok = (r == want_fused) | (r == want_split)
assert ok.all(), f"r = A^T v + b: got {r}, fused model {want_fused}, unfused {want_split}"
assert np.allclose(r, A.T.astype(np.float64) @ v + b, atol=1e-4)
print("SUCCESS!")
