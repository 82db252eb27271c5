#!/usr/bin/env cs_python
"""launch-arg-taps: a 3-tap FIR per PE with the taps from the launch; three launches with
other taps and both edge modes, checked bit for bit against float32 sums in tap order."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width, n = int(params["width"]), int(params["n"])

rt = SdkRuntime(args.name, cmaddr=args.cmaddr)
rt.load()
rt.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
f32 = np.float32

rng = np.random.default_rng(21)
for launch, (taps, clamp) in enumerate((((0.25, 0.5, 0.25), 0), ((-1.0, 2.0, -1.0), 1),
                                        ((0.1, 0.7, 0.3), 1))):
    x = rng.uniform(-5, 5, size=(width, n)).astype(f32)
    rt.memcpy_h2d(rt.get_id("x"), x.ravel(), 0, 0, width, 1, n, streaming=False, order=row,
                  data_type=u32, nonblock=False)
    rt.launch("filter", f32(taps[0]), f32(taps[1]), f32(taps[2]), np.uint16(clamp),
              nonblock=False)
    y = np.zeros(width * n, dtype=f32)
    rt.memcpy_d2h(y, rt.get_id("y"), 0, 0, width, 1, n, streaming=False, order=row,
                  data_type=u32, nonblock=False)
    y = y.reshape(width, n)
    for pe in range(width):
        want = np.zeros(n, dtype=f32)
        for i in range(n):
            s = f32(0)
            for t, off in enumerate((-1, 0, 1)):
                j = i + off
                if 0 <= j < n:
                    v = x[pe, j]
                else:
                    v = x[pe, 0 if j < 0 else n - 1] if clamp else f32(0)
                s = f32(s + f32(f32(taps[t]) * v))
            want[i] = s
        np.testing.assert_array_equal(y[pe], want, err_msg=f"launch {launch}, PE {pe}")
rt.stop()
print("SUCCESS!")
