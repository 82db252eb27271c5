#!/usr/bin/env cs_python
"""debug-inspect: the same seed draws the same values, another seed other values; after
stop(), debug_util's core dump must agree with what memcpy returned (get_symbol_rect of
`noise`, get_symbol of the unexported `bins` and `total`), read_trace must give the traced
values in order with growing timestamps, and sim.log must hold each PE's simprint line."""
import argparse
import json
import re

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])
width, height = 4, 2
u16 = MemcpyDataType.MEMCPY_16BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
noise_id = runner.get_id("noise")
runner.load()
runner.run()


def draw(seed):
    runner.launch("generate", np.uint32(seed), nonblock=False)
    raw = np.zeros(width * height * n, dtype=np.uint32)
    runner.memcpy_d2h(raw, noise_id, 0, 0, width, height, n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u16, nonblock=False)
    return memcpy_view(raw, np.dtype(np.uint16)).reshape(height, width, n).copy()


first = draw(2024)
other = draw(7)
again = draw(2024)
runner.stop()

np.testing.assert_array_equal(again, first)
assert not np.array_equal(other, first), "another seed drew the same values"
for y in range(height):
    for x in range(width):
        v = first[y, x]
        assert len(np.unique(v)) > n // 2, f"PE ({x},{y}) drew {len(np.unique(v))} distinct values"
        assert abs(v.astype(np.float64).mean() - 32767.5) < 8000, f"PE ({x},{y}) mean {v.mean()}"
        if (x, y) != (0, 0):
            assert not np.array_equal(v, first[0, 0]), f"PE ({x},{y}) drew what PE (0,0) drew"

def traced(v):
    """What one launch traces for the values v a PE drew."""
    v = v.astype(np.uint32)
    total = int(v.sum())
    bins = np.bincount(v >> 14, minlength=4)
    return ["draw", int(v[0]), int(np.uint16(v[-1]).view(np.int16)), total,
            bool(bins[3] > bins[0]), float(np.float32(total) / np.float32(n))]


# The core dump holds the state after the last launch (seed 2024). debug_util takes
# absolute fabric coordinates: the program rectangle starts at (4, 1).
ox, oy = 4, 1
dbg = debug_util(args.name, cmaddr=args.cmaddr)
rect = dbg.get_symbol_rect(((ox, oy), (width, height)), "noise", np.uint16)
assert rect.shape == (width, height, n), rect.shape
np.testing.assert_array_equal(rect.transpose(1, 0, 2), first)

with open("sim.log", encoding="utf-8") as f:
    log = f.read()
for y in range(height):
    for x in range(width):
        v = first[y, x].astype(np.uint32)
        want_bins = np.bincount(v >> 14, minlength=4).astype(np.uint32)
        np.testing.assert_array_equal(dbg.get_symbol(ox + x, oy + y, "bins", np.uint32), want_bins)
        total = int(v.sum())
        np.testing.assert_array_equal(dbg.get_symbol(ox + x, oy + y, "total", np.uint32),
                                      np.array([total], dtype=np.uint32))
        got = dbg.read_trace(ox + x, oy + y, "trace")
        want = traced(first[y, x]) + traced(other[y, x]) + traced(first[y, x])
        # Each launch traces 14 words; the buffer has room for 40, so the third launch's
        # last entry (an f32: a tag and two words from word 39 on) is cut off and dropped.
        assert got == want[:-1], f"PE ({x},{y}) trace {got} != {want[:-1]}"
        stamps = dbg.read_trace(ox + x, oy + y, "times")
        # Two per launch; 16 words hold four 4-word entries.
        assert len(stamps) == 4 and all(np.diff(stamps) > 0), f"PE ({x},{y}) timestamps {stamps}"
        # One simprint line per launch; the last one is seed 2024's.
        lines = re.findall(rf"PE\({x},{y}\): total=(\d+) top=([0-9A-Fa-f]+)", log)
        assert len(lines) == 3, f"PE ({x},{y}): {len(lines)} simprint lines in sim.log"
        assert int(lines[-1][0]) == total and int(lines[-1][1], 16) == int(want_bins[3]), lines
print("SUCCESS!")
