#!/usr/bin/env cs_python
"""wse3-six-queues: six concurrent streams into one PE's six input queues; the west sums
(in stream order) must be complete before any east value is weighted by their total; the
finishing task is picked at run time from a table of task IDs. Five launches, all three
modes, bit for bit against float32 sums in arrival order per stream."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])

rt = SdkRuntime(args.name, cmaddr=args.cmaddr)
data_id = rt.get_id("data")
info_id = rt.get_id("info")
rt.load()
rt.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
f32 = np.float32

rng = np.random.default_rng(33)
for launch, mode in enumerate((0, 2, 1, 2, 0)):
    west = rng.uniform(-2, 2, size=3 * n).astype(f32)
    east = rng.uniform(-2, 2, size=3 * n).astype(f32)
    rt.memcpy_h2d(data_id, west, 0, 0, 1, 1, 3 * n, streaming=False, order=row, data_type=u32,
                  nonblock=False)
    rt.memcpy_h2d(data_id, east, 2, 0, 1, 1, 3 * n, streaming=False, order=row, data_type=u32,
                  nonblock=False)
    rt.launch("go", np.uint16(mode), nonblock=False)

    sums = []
    for k in range(3):
        s = f32(0)
        for v in west[k * n:(k + 1) * n]:
            s = f32(s + v)
        sums.append(s)
    west_total = f32(f32(sums[0] + sums[1]) + sums[2])
    for k in range(3):
        s = f32(0)
        for v in east[k * n:(k + 1) * n]:
            s = f32(s + f32(v * west_total))
        sums.append(s)
    if mode == 0:
        result = f32(0)
        for s in sums:
            result = f32(result + s)
    elif mode == 1:
        result = max(sums)
    else:
        result = f32(f32(west_total * f32(2)) - f32(f32(sums[3] + sums[4]) + sums[5]))

    data = np.zeros(8, dtype=f32)
    rt.memcpy_d2h(data, data_id, 1, 0, 1, 1, 8, streaming=False, order=row, data_type=u32,
                  nonblock=False)
    info = np.zeros(8, dtype=np.uint32)
    rt.memcpy_d2h(info, info_id, 1, 0, 1, 1, 8, streaming=False, order=row, data_type=u32,
                  nonblock=False)
    where = f"launch {launch} (mode {mode})"
    np.testing.assert_array_equal(data[:6], sums, err_msg=f"{where}: sums")
    assert data[7] == west_total, f"{where}: west total {data[7]} != {west_total}"
    assert data[6] == result, f"{where}: result {data[6]} != {result}"
    order = info[:6]
    assert sorted(order) == [1, 2, 3, 4, 5, 6], f"{where}: completion order {order}"
    assert max(order[:3]) < min(order[3:]), f"{where}: an east stream completed first: {order}"
    assert info[6] == mode and info[7] == launch + 1, f"{where}: info {info[6:]}"
    sent = np.zeros(3, dtype=np.uint32)
    rt.memcpy_d2h(sent, info_id, 0, 0, 3, 1, 1, streaming=False, order=row, data_type=u32,
                  nonblock=False)
    assert sent[0] == sent[2] == 3 * (launch + 1), f"{where}: sends finished {sent}"
rt.stop()
print("SUCCESS!")
