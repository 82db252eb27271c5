#!/usr/bin/env cs_python
"""sdklayout-misuse-errors: SdkLayout mistakes must be clear Python exceptions.

Each case builds a small layout of `emit` / `absorb` 1x1 regions with one mistake and
checks the exception's type and that its message names what is wrong (region, port,
color, PE or argument): overlapping regions, a negative place(), a zero-sized region, a
duplicate region name, a duplicate port, a port used twice, ports of the wrong
direction, data sizes or PE counts that differ, a stream from a multi-PE port, a
Color value out of 0..23, two different pinned values joined by connect(), two pinned
connections that both need the same router, a receiver walled in by other regions,
set_param outside the region, a negative param, set_symbol_all data of the wrong shape,
a missing source file, a missing param value (the CSL compile's message, file:line) and
an empty layout. Then the same objects still work: a correct layout compiles and runs."""
import argparse

import numpy as np

from cerebras.geometry.geometry import IntVector
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
# The docs list LayoutError (a ValueError) with the sdkruntimepybind names; catch the base.
LayoutError = ValueError
FROM_RAMP = RoutingPosition().set_input([Route.RAMP])
TO_RAMP = RoutingPosition().set_output([Route.RAMP])


def emitter(lay, name, at, edge=Edge.RIGHT, color=None, seed=1):
    region = lay.create_code_region("./emit.csl", name, 1, 1)
    color = color or Color(f"{name}_c")
    region.set_param_all("tx", color)
    region.set_param_all("seed", seed)
    port = region.create_output_port(color, edge, [FROM_RAMP], 4)
    region.place(*at)
    return region, port


def absorber(lay, name, at, edge=Edge.LEFT, color=None, bias=0):
    region = lay.create_code_region("./absorb.csl", name, 1, 1)
    color = color or Color(f"{name}_c")
    region.set_param_all("rx", color)
    region.set_param_all("bias", bias)
    port = region.create_input_port(color, edge, [TO_RAMP], 4)
    region.place(*at)
    return region, port


def expect(what, exc_type, needles, action):
    try:
        action()
    except exc_type as e:
        text = str(e)
        missing = [n for n in needles if n not in text]
        assert not missing, f"{what}: message lacks {missing}: {text}"
        print(f"ok   {what}: {type(e).__name__}: {text.splitlines()[0]}")
        return
    except Exception as e:  # pylint: disable=broad-except
        raise AssertionError(f"{what}: expected {exc_type.__name__}, got "
                             f"{type(e).__name__}: {e}") from e
    raise AssertionError(f"{what}: no exception")


def overlap():
    lay = SdkLayout(platform)
    emitter(lay, "left", (0, 0))
    absorber(lay, "right", (2, 0))
    emitter(lay, "intruder", (2, 0))
    lay.compile(out_prefix="out_overlap")


expect("overlapping regions", LayoutError, ["'right'", "'intruder'", "(2, 0)"], overlap)
expect("negative place", LayoutError, ["'neg'", "place(-1, 2)"],
       lambda: SdkLayout(platform).create_code_region("./emit.csl", "neg", 1, 1).place(-1, 2))
expect("zero-sized region", LayoutError, ["'flat'", "0x3"],
       lambda: SdkLayout(platform).create_code_region("./emit.csl", "flat", 0, 3))


def duplicate_region():
    lay = SdkLayout(platform)
    lay.create_code_region("./emit.csl", "twin", 1, 1)
    lay.create_code_region("./absorb.csl", "twin", 1, 1)


expect("duplicate region name", LayoutError, ["'twin'"], duplicate_region)


def duplicate_port():
    lay = SdkLayout(platform)
    region = lay.create_code_region("./emit.csl", "dup", 1, 1)
    c = Color("dup_c")
    region.create_output_port(c, Edge.RIGHT, [FROM_RAMP], 4)
    region.create_output_port(c, Edge.RIGHT, [FROM_RAMP], 4)


expect("duplicate port", LayoutError, ["'dup'", "prefix"], duplicate_port)


def port_used_twice():
    lay = SdkLayout(platform)
    _, tx = emitter(lay, "e", (0, 0))
    _, rx = absorber(lay, "a", (2, 0))
    _, rx2 = absorber(lay, "b", (2, 2))
    lay.connect(tx, rx)
    lay.connect(tx, rx2)


expect("port used twice", LayoutError, ["e_e_c_out", "already"], port_used_twice)


def wrong_direction():
    lay = SdkLayout(platform)
    _, tx = emitter(lay, "e", (0, 0))
    _, rx = absorber(lay, "a", (2, 0))
    lay.connect(rx, tx)


expect("connect(input, output)", LayoutError, ["a_a_c_in", "input port"], wrong_direction)


def sizes_differ():
    lay = SdkLayout(platform)
    _, tx = emitter(lay, "e", (0, 0))
    region = lay.create_code_region("./absorb.csl", "a", 1, 1)
    rx = region.create_input_port(Color("a_c"), Edge.LEFT, [TO_RAMP], 5)
    lay.connect(tx, rx)


expect("data sizes differ", LayoutError, ["4", "5", "data size"], sizes_differ)


def counts_differ():
    lay = SdkLayout(platform)
    wide = lay.create_code_region("./emit.csl", "wide", 1, 2)
    tx = wide.create_output_port(Color("w"), Edge.RIGHT, [FROM_RAMP], 4)
    tall = lay.create_code_region("./absorb.csl", "tall", 1, 3)
    rx = tall.create_input_port(Color("t"), Edge.LEFT, [TO_RAMP], 4)
    lay.connect(tx, rx)


expect("PE counts differ", LayoutError, ["2", "3", "PEs"], counts_differ)


def multi_pe_stream():
    lay = SdkLayout(platform)
    col = lay.create_code_region("./absorb.csl", "col", 1, 3)
    lay.create_input_stream(col.create_input_port(Color("k"), Edge.LEFT, [TO_RAMP], 4))


expect("stream from a 3-PE port", LayoutError, ["col_k_in", "3 PEs"], multi_pe_stream)
expect("Color value 24", LayoutError, ["'big'", "24"], lambda: Color("big", 24))


def pinned_values_differ():
    lay = SdkLayout(platform)
    _, tx = emitter(lay, "e", (0, 0), color=Color("p3", 3))
    _, rx = absorber(lay, "a", (2, 0), color=Color("p4", 4))
    lay.connect(tx, rx)
    lay.compile(out_prefix="out_pinned")


expect("connect joins pinned 3 and 4", LayoutError, ["'p3'=3", "'p4'=4"], pinned_values_differ)


def pinned_crossing():
    # Both connections are pinned to color 5 and both need the router of PE (1, 1).
    lay = SdkLayout(platform)
    _, tx = emitter(lay, "we", (0, 1), color=Color("h_tx", 5))
    _, rx = absorber(lay, "ea", (2, 1), color=Color("h_rx", 5))
    lay.connect(tx, rx)
    _, tx2 = emitter(lay, "no", (1, 0), edge=Edge.BOTTOM, color=Color("v_tx", 5))
    _, rx2 = absorber(lay, "so", (1, 2), edge=Edge.TOP, color=Color("v_rx", 5))
    lay.connect(tx2, rx2)
    lay.compile(out_prefix="out_crossing")


expect("two pinned routes through one router", LayoutError, ["no route", "color 5"],
       pinned_crossing)


def walled_in():
    lay = SdkLayout(platform)
    _, tx = emitter(lay, "e", (0, 2))
    _, rx = absorber(lay, "a", (4, 2))
    for i, (x, y) in enumerate([(3, 1), (4, 1), (5, 1), (3, 3), (4, 3), (5, 3), (5, 2), (3, 2)]):
        wall = lay.create_code_region("./absorb.csl", f"w{i}", 1, 1)
        wall.set_param_all("rx", Color(f"w{i}_c"))
        wall.set_param_all("bias", 0)
        wall.place(x, y)
    lay.connect(tx, rx)
    lay.compile(out_prefix="out_walled")


expect("receiver walled in", LayoutError, ["no route", "(4, 2)", "WEST"], walled_in)


def set_param_outside():
    region = SdkLayout(platform).create_code_region("./absorb.csl", "sq", 2, 2)
    region.set_param(IntVector(2, 0), "bias", 1)


expect("set_param outside the region", LayoutError, ["'sq'", "(2, 0)", "2x2"], set_param_outside)
expect("negative param", LayoutError, ["'bias'", "-1"],
       lambda: SdkLayout(platform).create_code_region("./absorb.csl", "n", 1, 1)
       .set_param_all("bias", -1))


def symbol_shape():
    region = SdkLayout(platform).create_code_region("./absorb.csl", "sq", 2, 2)
    region.set_symbol_all("got", np.zeros(9, dtype=np.uint32), 3, 3)


expect("set_symbol_all shape 3x3 on 2x2", LayoutError, ["'got'", "3x3", "2x2"], symbol_shape)


def missing_source():
    lay = SdkLayout(platform)
    lay.create_code_region("./nowhere.csl", "ghost", 1, 1)
    lay.compile(out_prefix="out_ghost")


expect("missing source file", LayoutError, ["'ghost'", "nowhere.csl"], missing_source)


def missing_param():
    lay = SdkLayout(platform)
    region = lay.create_code_region("./emit.csl", "e", 1, 1)
    region.set_param_all("tx", Color("e_c"))
    lay.compile(out_prefix="out_noparam")


expect("param without value", LayoutError, ["emit.csl:", "'seed'"], missing_param)
expect("empty layout", LayoutError, ["no code region"],
       lambda: SdkLayout(platform).compile(out_prefix="out_empty"))

# After all that, a correct layout built the same way still compiles and runs.
good = SdkLayout(platform)
_, tx = emitter(good, "e", (0, 0), seed=321)
_, rx = absorber(good, "a", (2, 0), bias=9)
good.connect(tx, rx)
runtime = SdkRuntime(good.compile(out_prefix="out"), platform, memcpy_required=False)
runtime.load()
runtime.run()
runtime.stop()
got = runtime.read_symbol(2, 0, "got", dtype="uint32")
np.testing.assert_array_equal(got, np.array([321 * (2 * i + 1) + 9 for i in range(4)],
                                            dtype=np.uint32))
print("SUCCESS!")
