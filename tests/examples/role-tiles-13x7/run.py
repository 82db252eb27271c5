#!/usr/bin/env cs_python
"""role-tiles-13x7: every PE's vector goes one PE east; each PE combines what it heard
with its own vector, its weight from the comptime table and a bias that depends on
whether it is an interior, edge or corner PE. The geometry and the two colors are read
back from out.json, the SDK way, and the whole block is checked with numpy."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    compile_data = json.load(f)
params = compile_data["params"]
width, height, length = int(params["width"]), int(params["height"]), int(params["len"])
colors = compile_data["colors"]
assert int(colors["color_a"]) != int(colors["color_b"]), colors


def weight(x, y):
    return np.float32(((x * 3 + y * 5) % 7 + 1) * 0.5)


def bias(x, y):
    on_x, on_y = x in (0, width - 1), y in (0, height - 1)
    if on_x and on_y:
        corner = {(0, 0): 0, (width - 1, 0): 1, (width - 1, height - 1): 2, (0, height - 1): 3}
        return 1000 + corner[(x, y)]
    if on_x or on_y:
        side = 0 if y == 0 else 1 if x == width - 1 else 2 if y == height - 1 else 3
        return 100 + 10 * side
    return 0


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
own_id, out_id, seen_id = runner.get_id("own"), runner.get_id("out"), runner.get_id("seen")
runner.load()
runner.run()

f32 = MemcpyDataType.MEMCPY_32BIT
rng = np.random.default_rng(1307)


def read(sym):
    got = np.zeros(height * width * length, dtype=np.float32)
    runner.memcpy_d2h(got, sym, 0, 0, width, height, length, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    return got.reshape(height, width, length)


for k in (1.0, 0.0, -0.5):
    own = rng.uniform(-8, 8, size=(height, width, length)).astype(np.float32)
    runner.memcpy_h2d(own_id, own.ravel(), 0, 0, width, height, length, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    runner.launch("combine", np.float32(k), nonblock=False)

    seen = np.zeros_like(own)
    seen[:, 1:, :] = own[:, :-1, :]
    expected = np.zeros_like(own)
    for y in range(height):
        for x in range(width):
            b = np.float32(bias(x, y)) * np.float32(k)
            expected[y, x] = (seen[y, x] + weight(x, y) * own[y, x] + b).astype(np.float32)
    np.testing.assert_array_equal(read(seen_id), seen, err_msg=f"seen, k={k}")
    np.testing.assert_allclose(read(out_id), expected, rtol=1e-6, atol=1e-4,
                               err_msg=f"out, k={k}")

runner.stop()
print("SUCCESS!")
