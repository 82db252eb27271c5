#!/usr/bin/env cs_python
"""mixed-precision-pipe: z = acc + f32(f16(x)) * f32(f16(k)) computed across three PEs
with the f16 values travelling as wavelets, and (ints ^ 0x5a5a) >> 3 (arithmetic) on the
integer colors; both checked bit for bit at the last PE."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import input_array_to_u32, memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])
m16, m32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

rng = np.random.default_rng(3031)
x = rng.uniform(-70000, 70000, n).astype(np.float32)
x[:8] = [0.0, -0.0, 65519.0, 65520.0, -65536.0, 2.0 ** -25, 3 * 2.0 ** -26, np.inf]
acc = rng.uniform(-1, 1, n).astype(np.float32)
acc[8:12] = [1e30, -0.0, 2.0 ** -130, 16777216.0]
ints = rng.integers(0, 1 << 16, n, dtype=np.uint16)
ints[:4] = [0x0000, 0xffff, 0x5a5a, 0xa5a5]
k = np.float32(-1.2345)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("x", "acc", "ints", "z", "shifted")}
runner.load()
runner.run()
# x goes to PE 0, acc to PE 1; every PE gets the same vector (only one stage reads it).
runner.memcpy_h2d(ids["x"], np.tile(x, 3), 0, 0, 3, 1, n, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.memcpy_h2d(ids["acc"], np.tile(acc, 3), 0, 0, 3, 1, n, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.memcpy_h2d(ids["ints"], input_array_to_u32(np.tile(ints, 3), None, n), 0, 0, 3, 1, n,
                  streaming=False, order=ROW, data_type=m16, nonblock=False)
runner.launch("run", k, nonblock=False)
z = np.zeros(n, dtype=np.float32)
runner.memcpy_d2h(z, ids["z"], 2, 0, 1, 1, n, streaming=False, order=ROW, data_type=m32,
                  nonblock=False)
shifted_raw = np.zeros(n, dtype=np.uint32)
runner.memcpy_d2h(shifted_raw, ids["shifted"], 2, 0, 1, 1, n, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
runner.stop()

with np.errstate(all="ignore"):
    want_z = acc + x.astype(np.float16).astype(np.float32) * np.float32(np.float16(k))
want_shifted = ((ints ^ 0x5a5a).view(np.int16) >> 3).view(np.uint16)
got_shifted = memcpy_view(shifted_raw, np.dtype(np.uint16))

failures = 0
zb, wb = z.view(np.uint32), want_z.view(np.uint32)
for i in np.nonzero((zb != wb) & ~(np.isnan(z) & np.isnan(want_z)))[0]:
    failures += 1
    print(f"MISMATCH z[{i}]: x={x[i]!r} acc={acc[i]!r}: got {z[i]!r} ({zb[i]:#x}) "
          f"want {want_z[i]!r} ({wb[i]:#x})")
for i in np.nonzero(got_shifted != want_shifted)[0]:
    failures += 1
    print(f"MISMATCH shifted[{i}]: ints={ints[i]:#06x}: got {got_shifted[i]:#06x} "
          f"want {want_shifted[i]:#06x}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
