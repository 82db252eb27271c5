#!/usr/bin/env cs_python
"""sentinel-stats: batches of host-chosen length (0 and 1 included) streamed into PE 0,
forwarded and closed by a sentinel control wavelet; the two receivers' statistics are
recomputed in float32 in arrival order."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    h2d = int(json.load(f)["params"]["MEMCPYH2D_DATA_1_ID"])

rt = SdkRuntime(args.name, cmaddr=args.cmaddr)
rt.load()
rt.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
f32 = np.float32

rng = np.random.default_rng(41)
total = 0
for batch, count in enumerate((17, 0, 1, 40)):
    x = rng.uniform(-20, 20, size=count).astype(f32)
    rt.launch("arm", np.uint16(count), nonblock=False)
    if count:
        rt.memcpy_h2d(h2d, x, 0, 0, 1, 1, count, streaming=True, order=row, data_type=u32,
                      nonblock=False)
    rt.launch("collect", nonblock=False)
    got = np.zeros(3 * 8, dtype=f32)
    rt.memcpy_d2h(got, rt.get_id("stats"), 0, 0, 3, 1, 8, streaming=False, order=row,
                  data_type=u32, nonblock=False)
    got = got.reshape(3, 8)
    total += count
    s = sq = f32(0)
    for v in x:
        s = f32(s + v)
        sq = f32(sq + f32(v * v))
    want = np.zeros(8, dtype=f32)
    if count:
        want[:5] = [count, s, x.min(), x.max(), sq]
        want[6] = f32(s / f32(count))
    want[5] = batch + 1
    want[7] = total
    for pe in (1, 2):
        np.testing.assert_array_equal(got[pe], want, err_msg=f"batch {batch} (count {count}), PE {pe}")
    assert got[0][0] == total and got[0][1] == batch + 1, f"batch {batch}: head {got[0][:2]}"
rt.stop()
print("SUCCESS!")
