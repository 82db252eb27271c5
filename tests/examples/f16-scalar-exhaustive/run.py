#!/usr/bin/env cs_python
"""f16-scalar-exhaustive: every f16 bit pattern x with a random partner y through scalar
f16 code: x+y, x-y, x*y, x/y, -x (sign flip, payload kept), (x*y)-x by compound
assignments then through f32 and back (exact), and the five comparisons. numpy float16
arithmetic is IEEE with one rounding per operation; a NaN result only has to be a NaN."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    per_pe = int(json.load(f)["params"]["per_pe"])
w, hgt = 8, 8
total = w * hgt * per_pe
m16 = MemcpyDataType.MEMCPY_16BIT
ROW = MemcpyOrder.ROW_MAJOR
rows = 6
rng = np.random.default_rng(131)
x_bits = np.arange(total, dtype=np.uint32)
y_bits = rng.permutation(total).astype(np.uint32)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("x", "y", "res", "flags")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["x"], x_bits, 0, 0, w, hgt, per_pe, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
runner.memcpy_h2d(ids["y"], y_bits, 0, 0, w, hgt, per_pe, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
runner.launch("sweep", nonblock=False)
raw = np.zeros(total * rows, dtype=np.uint32)
runner.memcpy_d2h(raw, ids["res"], 0, 0, w, hgt, rows * per_pe, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
fl = np.zeros(total, dtype=np.uint32)
runner.memcpy_d2h(fl, ids["flags"], 0, 0, w, hgt, per_pe, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
runner.stop()
res = memcpy_view(raw, np.dtype(np.float16)).reshape(w * hgt, rows, per_pe)
res = res.transpose(1, 0, 2).reshape(rows, total)
flags = fl & 0xffff

x = x_bits.astype(np.uint16).view(np.float16)
y = y_bits.astype(np.uint16).view(np.float16)
with np.errstate(all="ignore"):
    wants = [("x+y", x + y, False), ("x-y", x - y, False), ("x*y", x * y, False),
             ("x/y", x / y, False),
             ("-x", (x_bits ^ 0x8000).astype(np.uint16).view(np.float16), True),
             ("(x*y)-x via f32", (x * y) - x, False)]
    want_flags = ((x < y) * 1 | (x <= y) * 2 | (x == y) * 4 | (x != y) * 8
                  | (x > y) * 16).astype(np.uint32)
failures = 0
for r, (label, want, exact_nan) in enumerate(wants):
    got = res[r]
    same = got.view(np.uint16) == want.view(np.uint16)
    if not exact_nan:
        same |= np.isnan(got) & np.isnan(want)
    bad = np.nonzero(~same)[0]
    failures += len(bad)
    for j in bad[:4]:
        print(f"MISMATCH {label} x={int(x_bits[j]):#06x} ({x[j]!r}) y={int(y_bits[j]):#06x} "
              f"({y[j]!r}): got {got[j]!r} ({int(got[j:j + 1].view(np.uint16)[0]):#06x}) "
              f"want {want[j]!r} ({int(want[j:j + 1].view(np.uint16)[0]):#06x})")
    if len(bad) > 4:
        print(f"  ... {len(bad)} {label} mismatches in all")
bad = np.nonzero(flags != want_flags)[0]
failures += len(bad)
for j in bad[:4]:
    print(f"MISMATCH comparisons x={x[j]!r} y={y[j]!r}: got {int(flags[j]):#07b} "
          f"want {int(want_flags[j]):#07b}")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
