#!/usr/bin/env cs_python
"""debug-trace-kinds: two launches (v = 1234567, then -8000001); after stop(), debug_util's
read_trace of key "log" on every PE must list, per launch, the string, i8, u8, i16, u16,
i32, u32, f16, f32, bool and string entries with the values the PE computed (Python
ints, floats, bools and strs), and key "clock" two growing timestamps per launch."""
import argparse
import json

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util  # pylint: disable=no-name-in-module
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime  # pylint: disable=no-name-in-module

parser = argparse.ArgumentParser()
parser.add_argument("--name", required=True)
parser.add_argument("--cmaddr")
args = parser.parse_args()
with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H = int(params["width"]), int(params["height"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
values = [1234567, -8000001]
for v in values:
    runner.launch("go", np.int32(v), nonblock=False)
runner.stop()


def wrap(v, bits, signed):
    v &= (1 << bits) - 1
    return v - (1 << bits) if signed and v >= 1 << (bits - 1) else v


dbg = debug_util(args.name, cmaddr=args.cmaddr)
for x in range(W):
    for y in range(H):
        want = []
        for k, v in enumerate(values):
            w = v - y
            want += ["even" if k % 2 == 0 else "odd", wrap(w, 8, True), w & 0xFF,
                     w >> 8, (w & 0xFFFFFFFF) >> 16, wrap(w * 3, 32, True),
                     (w & 0xFFFFFFFF) ^ 0xA5A5A5A5,
                     float(np.float16(x) + np.float16(0.5) * np.float16(y)),
                     float(np.float32(w) * np.float32(0.25)), w < 0, "row"]
        got = dbg.read_trace(4 + x, 1 + y, "log")
        assert len(got) == len(want), f"PE ({x},{y}): {len(got)} entries, want {len(want)}: {got}"
        for i, (g, e) in enumerate(zip(got, want)):
            assert type(g) is type(e) and g == e, f"PE ({x},{y}) entry {i}: {g!r} != {e!r}"
        ticks = dbg.read_trace(4 + x, 1 + y, "clock")
        assert len(ticks) == 4 and all(a < b for a, b in zip(ticks, ticks[1:])), \
            f"PE ({x},{y}) clock {ticks}"
print("SUCCESS!")
