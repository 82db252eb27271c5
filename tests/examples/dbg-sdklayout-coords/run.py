#!/usr/bin/env cs_python
"""dbg-sdklayout-coords: debug_util on an SdkLayout program. One 1x1 region placed at
(6, 5) echoes a host stream, tracing each word and summing it. The user only ever sees
layout coordinates (place(), read_symbol, the PE(6,5) that fmt_with_coords prints in its
simprint line); after stop(), debug_util must find the region's `total` and its "seen"
trace at those same coordinates, agreeing with what read_symbol read before stop()."""
import argparse
import re

import numpy as np

from cerebras.geometry.geometry import IntVector
from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    Color, SdkLayout, SdkRuntime, SdkTarget, SimfabConfig, get_platform)

parser = argparse.ArgumentParser()
parser.add_argument("--cmaddr", help="IP:port of an appliance")
parser.add_argument("--arch", choices=["wse2", "wse3"], default="wse3")
args = parser.parse_args()

X, Y = 6, 5
platform = get_platform(args.cmaddr, SimfabConfig(),
                        SdkTarget.WSE3 if args.arch == "wse3" else SdkTarget.WSE2)
layout = SdkLayout(platform)
echo = layout.create_code_region("./echo.csl", "echo", 1, 1)
rx, tx = Color("rx", 3), Color("tx", 4)
echo.set_param_all("size", 4)
echo.set_param_all("rx", rx)
echo.set_param_all("tx", tx)
echo.place(X, Y)
stream_in = layout.create_input_stream_from_loc(IntVector(X, Y), rx)
stream_out = layout.create_output_stream_from_loc(IntVector(X, Y), tx)
artifacts = layout.compile(out_prefix="out")

runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
runtime.load()
runtime.run()
sent = np.array([5, 600, 70000, 8], np.uint32)
back = np.zeros(4, np.uint32)
runtime.send(stream_in, sent, nonblock=True)
runtime.receive(stream_out, back, 4, nonblock=False)
total_rs = runtime.read_symbol(X, Y, "total", dtype=np.uint32)
runtime.stop()

np.testing.assert_array_equal(back, sent + 1)
assert list(total_rs) == [int(sent.sum())], total_rs
with open("sim.log", encoding="utf-8") as f:
    lines = [l for l in f.read().splitlines()
             if not re.fullmatch(r"@0 (Architecture is: \w+|dimX=\d+, dimY=\d+)", l)]
# A simprint line is "@<cycle> <text>"; fmt_with_coords put "PE(6,5): " in the text.
assert len(lines) == 1 and re.fullmatch(rf"@\d+ PE\({X},{Y}\): total {int(sent.sum())}",
                                        lines[0]), lines

dbg = debug_util("out")
got = dbg.get_symbol(X, Y, "total", np.uint32)
assert list(got) == list(total_rs), f"debug_util at ({X},{Y}): {got}; read_symbol: {total_rs}"
assert dbg.read_trace(X, Y, "seen") == [int(v) for v in sent]
print("SUCCESS!")
