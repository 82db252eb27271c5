#!/usr/bin/env cs_python
"""symbol-id-dispatch: device code dispatching on host symbol ids. Checks the ids the
device reports against get_id, word-wise copies between tensors picked by id (odd word
counts: half an f32), affine maps with coefficients read by id, and scalar exports
written by the host (memcpy of one element) before they are read by id."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width, n = int(params["width"]), int(params["n"])

rt = SdkRuntime(args.name, cmaddr=args.cmaddr)
names = ["a", "b", "c", "ids", "gain", "offset", "scale"]
host_ids = {name: rt.get_id(name) for name in names}
rt.load()
rt.run()
u16 = MemcpyDataType.MEMCPY_16BIT
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
f32 = np.float32


def put(name, arr, count):
    rt.memcpy_h2d(host_ids[name], np.ascontiguousarray(arr.ravel()), 0, 0, width, 1, count,
                  streaming=False, order=row, data_type=u32, nonblock=False)


def get(name, count):
    out = np.zeros(width * count, dtype=f32)
    rt.memcpy_d2h(out, host_ids[name], 0, 0, width, 1, count, streaming=False, order=row,
                  data_type=u32, nonblock=False)
    return out.reshape(width, count)


rt.launch("report", nonblock=False)
got_ids = np.zeros(width * 8, dtype=np.uint32)
rt.memcpy_d2h(got_ids, host_ids["ids"], 0, 0, width, 1, 8, streaming=False, order=row,
              data_type=u16, nonblock=False)
got_ids = memcpy_view(got_ids, np.dtype(np.uint16)).reshape(width, 8)
for x in range(width):
    assert list(got_ids[x]) == [host_ids[nm] for nm in names] + [1], \
        f"PE {x}: device ids {list(got_ids[x])} != host ids {host_ids}"

rng = np.random.default_rng(17)
a = rng.uniform(-4, 4, size=(width, n)).astype(f32)
b = rng.uniform(-4, 4, size=(width, n)).astype(f32)
c = np.zeros((width, n), dtype=f32)
put("a", a, n)
put("b", b, n)

# a -> c, 2n - 1 words: all of a but the upper half of its last value.
rt.launch("copy", np.uint16(host_ids["a"]), np.uint16(host_ids["c"]), np.uint16(2 * n - 1),
          nonblock=False)
want_c = a.copy()
last = want_c[:, -1].view(np.uint32) & 0xFFFF
want_c[:, -1] = last.astype(np.uint32).view(f32)
np.testing.assert_array_equal(get("c", n), want_c, err_msg="copy a -> c")
c = want_c

scalars = {"gain": f32(2.0), "offset": f32(-0.5), "scale": f32(0.25)}
steps = [("a", "b", "gain", "offset"), ("b", "c", "scale", "gain"), ("c", "a", "offset", "scale")]
tensors = {"a": a, "b": b, "c": c}
for step, (src, dst, k, m) in enumerate(steps):
    if step == 1:
        # The host rewrites one scalar; the device must read the new value by id.
        scalars["gain"] = f32(-3.0)
        put("gain", np.full(width, scalars["gain"], dtype=f32), 1)
    rt.launch("affine", np.uint16(host_ids[src]), np.uint16(host_ids[dst]),
              np.uint16(host_ids[k]), np.uint16(host_ids[m]), nonblock=False)
    tensors[dst] = (tensors[src] * scalars[k] + scalars[m]).astype(f32)
    for name, want in tensors.items():
        np.testing.assert_array_equal(get(name, n), want, err_msg=f"step {step}: {name}")
rt.stop()
print("SUCCESS!")
