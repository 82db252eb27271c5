#!/usr/bin/env cs_python
"""delay-invariance: the same two streams under eight pairs of sender delays (zero,
balanced, one side much slower, both slow); every run's per-color logs must equal the
sent values in order; the order in which the middle PE took them must follow the
delays (several different interleavings must occur, and a much slower side must come
last), so the delays are real."""
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
total = int(params["chunks"]) * int(params["chunk_len"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("data", "west_log", "east_log", "order")}
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR


def get(name, count):
    out = np.zeros(count, dtype=np.uint32)
    runner.memcpy_d2h(out, ids[name], 1, 0, 1, 1, count, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    return out


rng = np.random.default_rng(31)
west = rng.integers(0, 1 << 32, size=total, dtype=np.uint32)
east = rng.integers(0, 1 << 32, size=total, dtype=np.uint32)
runner.memcpy_h2d(ids["data"], west, 0, 0, 1, 1, total, streaming=False, order=row,
                  data_type=u32, nonblock=False)
runner.memcpy_h2d(ids["data"], east, 2, 0, 1, 1, total, streaming=False, order=row,
                  data_type=u32, nonblock=False)
orders = {}
for delays in ((0, 0), (50, 50), (0, 400), (400, 0), (7, 13), (300, 290), (1000, 0), (0, 0)):
    runner.launch("run", np.uint16(delays[0]), np.uint16(delays[1]), nonblock=False)
    np.testing.assert_array_equal(get("west_log", total), west, err_msg=f"delays {delays}")
    np.testing.assert_array_equal(get("east_log", total), east, err_msg=f"delays {delays}")
    order = get("order", 2 * total)
    assert order.sum() == total, f"delays {delays}: {order.sum()} east values of {total}"
    orders[delays] = order
    first_east = int(np.argmax(order == 1))
    first_west = int(np.argmax(order == 0))
    print(f"delays {delays}: first west at {first_west}, first east at {first_east}")
# The last chunk of a side delayed by 1000 loop iterations per chunk must arrive after
# everything of an undelayed side.
assert orders[(1000, 0)][-1] == 0 and orders[(0, 400)][-1] == 1
assert len({o.tobytes() for o in orders.values()}) >= 3, "the delays did not change the timing"
runner.stop()
print("SUCCESS!")
