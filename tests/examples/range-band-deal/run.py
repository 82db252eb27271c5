#!/usr/bin/env cs_python
"""range-band-deal: each row's dealer sends n indexed values; every taker must keep
exactly the values of its own band (computed here from the same cut formula) in index
order, and its count must grow by its band's size each round (empty bands included)."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width, height, n = int(params["width"]), int(params["height"]), int(params["n"])
r = width - 1


def cut(y, k):
    return (k * k + y * k) * n // (r * r + y * r)


bands = [[(cut(y, k), cut(y, k + 1)) for k in range(r)] for y in range(height)]
assert any(lo == hi for row in bands for lo, hi in row), "expected an empty band"

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vals_id, kept_id = runner.get_id("vals"), runner.get_id("kept")
runner.load()
runner.run()

u32 = MemcpyDataType.MEMCPY_32BIT
rng = np.random.default_rng(940)
for round_ in range(1, 4):
    vals = rng.integers(0, 1 << 16, size=(height, n), dtype=np.uint32)
    runner.memcpy_h2d(vals_id, vals.ravel(), 0, 0, 1, height, n, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
    runner.launch("deal", nonblock=False)
    kept = np.zeros(height * r * (n + 1), dtype=np.uint32)
    runner.memcpy_d2h(kept, kept_id, 1, 0, r, height, n + 1, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
    kept = kept.reshape(height, r, n + 1)
    for y in range(height):
        for k, (lo, hi) in enumerate(bands[y]):
            np.testing.assert_array_equal(kept[y, k, :hi - lo], vals[y, lo:hi],
                                          err_msg=f"round {round_}, PE ({k + 1}, {y})")
            assert kept[y, k, n] == round_ * (hi - lo), (round_, k, y, kept[y, k, n])

runner.stop()
print("SUCCESS!")
