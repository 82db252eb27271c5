#!/usr/bin/env cs_python
"""sdklayout-ring-symbols: an SdkLayout program with no host streams at all (so no memcpy):
a 3x2 region whose six PEs pass a u16 vector round a ring for several rounds on two
alternating colors, each router painted on its own with paint(IntVector, ...) (one color
given a fixed value with Color(name, value)), per-PE params by set_param; a 1x1 region
working alone. After run() and stop(), read_symbol reads u16 2-D arrays, a u32, an f32 and
a negative i32 in layout coordinates; every value checked exactly."""
import argparse

import numpy as np

from cerebras.geometry.geometry import IntVector  # pylint: disable=no-name-in-module
from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    Color,
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

N, ROUNDS, TERMS = 9, 4, 40
# Ring order and the direction to the next PE.
RING = [(0, 0), (1, 0), (2, 0), (2, 1), (1, 1), (0, 1)]
STEP = {(1, 0): Route.EAST, (-1, 0): Route.WEST, (0, 1): Route.SOUTH, (0, -1): Route.NORTH}
BACK = {Route.EAST: Route.WEST, Route.WEST: Route.EAST, Route.SOUTH: Route.NORTH,
        Route.NORTH: Route.SOUTH}
BUMPS = [5, 300, 65535, 12, 4096, 77]  # per ring position

target = SdkTarget.WSE3 if args.arch == "wse3" else SdkTarget.WSE2
platform = get_platform(args.cmaddr, SimfabConfig(dump_core=True), target)
layout = SdkLayout(platform)

ring = layout.create_code_region("./ring.csl", "ring", 3, 2)
even_link = Color("even_link", 3)  # links out of ring positions 0, 2, 4
odd_link = Color("odd_link")      # links out of positions 1, 3, 5
ring.set_param_all("n", N)
ring.set_param_all("rounds", ROUNDS)
for pos, (x, y) in enumerate(RING):
    nx, ny = RING[(pos + 1) % 6]
    px, py = RING[(pos - 1) % 6]
    out_dir = STEP[(nx - x, ny - y)]
    in_dir = BACK[STEP[(x - px, y - py)]]
    send, recv = (even_link, odd_link) if pos % 2 == 0 else (odd_link, even_link)
    here = IntVector(x, y)
    ring.paint(here, send, [RoutingPosition().set_input([Route.RAMP]).set_output([out_dir])])
    ring.paint(here, recv, [RoutingPosition().set_input([in_dir]).set_output([Route.RAMP])])
    ring.set_param(here, "send", send)
    ring.set_param(here, "recv", recv)
    ring.set_param(here, "first", 1 if pos == 0 else 0)
    ring.set_param(here, "bump", BUMPS[pos])
ring.place(2, 1)

lone = layout.create_code_region("./lone.csl", "lone", 1, 1)
lone.set_param_all("terms", TERMS)
lone.place(6, 3)

artifacts = layout.compile(out_prefix="out")
runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()
runtime.stop()

# Model: position p receives in round r the vector after r full laps plus the bumps of
# positions 0..p-1 (the starter's receipts come after whole laps).
start = (7 * np.arange(N) + 1).astype(np.uint16)
lap = sum(BUMPS[1:]) + BUMPS[0]
for pos, (x, y) in enumerate(RING):
    want = np.zeros((ROUNDS, N), dtype=np.uint16)
    for r in range(ROUNDS):
        if pos == 0:
            total = sum(BUMPS[1:]) + r * lap
        else:
            total = r * lap + sum(BUMPS[1:pos])
        want[r] = (start.astype(np.int64) + total) % 65536
    got = runtime.read_symbol(2 + x, 1 + y, "seen", dtype="uint16").reshape(ROUNDS, N)
    np.testing.assert_array_equal(got, want, err_msg=f"seen at ring position {pos}")

a, b = 0, 1
harm = np.float32(0)
alt = 0
for k in range(1, TERMS + 1):
    a, b = b, (a + b) % 2**32
    harm = np.float32(harm + np.float32(np.float32(1.0) / np.float32(k)))
    alt += -k * k if k % 2 else k
assert list(runtime.read_symbol(6, 3, "fib", dtype="uint32")) == [a]
got_h = runtime.read_symbol(6, 3, "harmonic", dtype="float32")
assert got_h.view(np.uint32)[0] == np.array(harm).view(np.uint32), f"{got_h} != {harm}"
assert list(runtime.read_symbol(6, 3, "alternating", dtype="int32")) == [alt]
print("SUCCESS!")
