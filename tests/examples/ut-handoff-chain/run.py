#!/usr/bin/env cs_python
"""ut-handoff-chain: five launches with (nx, ny) pairs including nx = 0 and the maximum;
z = y * sum(x) bit for bit (the sum in arrival order), the worker's sum and counters, and
the driver's task counts checked after each."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    max_n = int(json.load(f)["params"]["max_n"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("x", "y", "z", "info")}
runner.load()
runner.run()
f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR


def put(name, values):
    runner.memcpy_h2d(ids[name], values, 0, 0, 1, 1, max_n, streaming=False, order=row,
                      data_type=f32, nonblock=False)


def get(name, px, count, dtype):
    out = np.zeros(count, dtype=dtype)
    runner.memcpy_d2h(out, ids[name], px, 0, 1, 1, count, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    return out


rng = np.random.default_rng(3)
for launch, (nx, ny) in enumerate(((10, 20), (0, 5), (max_n, max_n), (1, 1), (33, 7)), start=1):
    x = rng.uniform(-3, 3, size=max_n).astype(np.float32)
    y = rng.uniform(-3, 3, size=max_n).astype(np.float32)
    put("x", x)
    put("y", y)
    runner.launch("go", np.uint16(nx), np.uint16(ny), nonblock=False)
    total = np.float32(0.0)
    for v in x[:nx]:
        total = np.float32(total + v)
    z = get("z", 0, max_n, np.float32)
    np.testing.assert_array_equal(z[:ny], (y[:ny] * total).astype(np.float32),
                                  err_msg=f"launch {launch} (nx={nx}, ny={ny})")
    info = get("info", 1, 4, np.uint32)
    np.testing.assert_array_equal(info[:3], [launch, ny, launch])
    assert info[3] == total.view(np.uint32), f"sum bits {info[3]:#x} != {total.view(np.uint32):#x}"
    np.testing.assert_array_equal(get("info", 0, 2, np.uint32), [launch, launch])
    print(f"launch {launch}: nx={nx} ny={ny} sum={float(total):.6g}")
runner.stop()
print("SUCCESS!")
