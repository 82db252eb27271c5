#!/usr/bin/env cs_python
"""half-precision-io: f16 in (COL_MAJOR, zero-extended; ROW_MAJOR with index sentinels
in the upper halves, which copy mode must ignore), bf16 in and out as raw u16 bits, f16
and f32 out; two launches accumulate into the bf16 vector. Checked bit for bit against
numpy (f16 arithmetic, f32 -> bf16 rounded to nearest even)."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import input_array_to_u32, memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])
w, h = 3, 2
m16, m32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR


def to_bf16_bits(f):
    """f32 -> bf16 bits, rounded to nearest even (no NaNs here)."""
    bits = np.asarray(f, dtype=np.float32).view(np.uint32)
    return ((bits + np.uint32(0x7FFF) + ((bits >> np.uint32(16)) & np.uint32(1))) >> np.uint32(16)).astype(np.uint16)


def from_bf16_bits(b):
    return (np.asarray(b, dtype=np.uint32) << np.uint32(16)).view(np.float32)


rng = np.random.default_rng(1616)
x = rng.uniform(-4, 4, size=(h, w, n)).astype(np.float16)
y = rng.uniform(-4, 4, size=(h, w, n)).astype(np.float16)
acc_bits = to_bf16_bits(rng.uniform(-100, 100, size=(h, w, n)).astype(np.float32))

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("x", "y", "z", "wide", "acc")}
runner.load()
runner.run()

# x column-major: the host array is indexed [k][px][py].
runner.memcpy_h2d(ids["x"], input_array_to_u32(x.transpose(2, 1, 0).ravel(), None, n),
                  0, 0, w, h, n, streaming=False, order=COL, data_type=m16, nonblock=False)
runner.memcpy_h2d(ids["y"], input_array_to_u32(y.ravel(), 1, n), 0, 0, w, h, n,
                  streaming=False, order=ROW, data_type=m16, nonblock=False)
runner.memcpy_h2d(ids["acc"], input_array_to_u32(acc_bits.ravel(), None, n), 0, 0, w, h, n,
                  streaming=False, order=ROW, data_type=m16, nonblock=False)

want_acc = acc_bits
for a in (np.float32(1.5), np.float32(-0.3)):
    runner.launch("compute", a, nonblock=False)
    ah = np.float16(a)
    want_z = (x * ah).astype(np.float16) + y
    want_wide = want_z.astype(np.float32)
    want_acc = to_bf16_bits(from_bf16_bits(want_acc) + want_wide)

z_raw = np.zeros(w * h * n, dtype=np.uint32)
runner.memcpy_d2h(z_raw, ids["z"], 0, 0, w, h, n, streaming=False, order=ROW, data_type=m16,
                  nonblock=False)
wide = np.zeros(w * h * n, dtype=np.float32)
runner.memcpy_d2h(wide, ids["wide"], 0, 0, w, h, n, streaming=False, order=ROW, data_type=m32,
                  nonblock=False)
acc_raw = np.zeros(w * h * n, dtype=np.uint32)
runner.memcpy_d2h(acc_raw, ids["acc"], 0, 0, w, h, n, streaming=False, order=COL, data_type=m16,
                  nonblock=False)
runner.stop()

# 16-bit D2H words are zero-extended.
assert not (z_raw >> 16).any() and not (acc_raw >> 16).any()
z = memcpy_view(z_raw, np.dtype(np.float16)).reshape(h, w, n)
np.testing.assert_array_equal(z.view(np.uint16), want_z.view(np.uint16))
np.testing.assert_array_equal(wide.reshape(h, w, n), want_wide)
acc = memcpy_view(acc_raw, np.dtype(np.uint16)).reshape(n, w, h).transpose(2, 1, 0)
np.testing.assert_array_equal(acc, want_acc)
print("SUCCESS!")
