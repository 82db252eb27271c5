#!/usr/bin/env cs_python
"""binomial-field: each PE's (1 + a t)^d at the host's points against numpy's polyval of
the same coefficients in float32 (Horner, so bit for bit), its coordinates and degree,
and its row of the device's comptime Pascal table against math.comb."""
import argparse
import json
import math

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width, height = int(params["width"]), int(params["height"])
maxdeg, points = int(params["maxdeg"]), int(params["points"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
t_id, value_id, info_id = runner.get_id("t"), runner.get_id("value"), runner.get_id("info")
runner.load()
runner.run()

f32 = MemcpyDataType.MEMCPY_32BIT
ninfo = 3 + maxdeg + 1


def d2h(sym, count, dtype):
    got = np.zeros(height * width * count, dtype=dtype)
    runner.memcpy_d2h(got, sym, 0, 0, width, height, count, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    return got.reshape(height, width, count)


def coefficients(x, y):
    d = (x + 2 * y) % (maxdeg + 1)
    a = np.float32((x - y) * 0.25)
    c, power = [], np.float32(1)
    for k in range(d + 1):
        c.append(np.float32(math.comb(d, k)) * power)
        power = np.float32(power * a)
    return d, c


rng = np.random.default_rng(1006)
for scale in (1.0, -2.5):
    t = rng.uniform(-1.5, 1.5, size=(height, width, points)).astype(np.float32)
    runner.memcpy_h2d(t_id, t.ravel(), 0, 0, width, height, points, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    runner.launch("evaluate", np.float32(scale), nonblock=False)
    value, info = d2h(value_id, points, np.float32), d2h(info_id, ninfo, np.uint32)
    for y in range(height):
        for x in range(width):
            d, c = coefficients(x, y)
            assert list(info[y, x, :3]) == [x, y, d], (x, y, info[y, x, :3])
            row = [math.comb(d, k) if k <= d else 0 for k in range(maxdeg + 1)]
            assert list(info[y, x, 3:]) == row, (x, y, info[y, x, 3:])
            for i in range(points):
                acc = c[d]
                for k in range(d - 1, -1, -1):
                    acc = np.float32(np.float32(acc * t[y, x, i]) + c[k])
                want = np.float32(np.float32(scale) * acc)
                assert value[y, x, i] == want, (x, y, i, value[y, x, i], want)

runner.stop()
print("SUCCESS!")
