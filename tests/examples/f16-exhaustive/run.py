#!/usr/bin/env cs_python
"""f16-exhaustive: every f16 bit pattern through @fh2s (exact), @fs2h of that (the same
pattern back; a NaN stays a NaN), @fnegh/@fabsh (sign-bit operations: the other bits,
NaN payloads included, unchanged, as IEEE negate/abs), and @faddh/@fsubh/@fmulh with a
random partner pattern and @fmulh with a scalar: numpy float16 arithmetic, bit for bit,
a NaN result only has to be a NaN."""
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
assert total == 65536
m16, m32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
rows = 7

rng = np.random.default_rng(97)
h_bits = np.arange(65536, dtype=np.uint32)
g_bits = rng.permutation(65536).astype(np.uint32)
k = np.float16(-0.3)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("h", "g", "wide", "narrow")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["h"], h_bits, 0, 0, w, hgt, per_pe, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
runner.memcpy_h2d(ids["g"], g_bits, 0, 0, w, hgt, per_pe, streaming=False, order=ROW,
                  data_type=m16, nonblock=False)
runner.launch("sweep", k, nonblock=False)
wide = np.zeros(total, dtype=np.float32)
runner.memcpy_d2h(wide, ids["wide"], 0, 0, w, hgt, per_pe, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
raw = np.zeros(total * rows, dtype=np.uint32)
runner.memcpy_d2h(raw, ids["narrow"], 0, 0, w, hgt, rows * per_pe, streaming=False,
                  order=ROW, data_type=m16, nonblock=False)
runner.stop()
# ROW_MAJOR: PE-contiguous blocks, PE (x, y) at block y*w + x, in the order h was sent.
narrow = memcpy_view(raw, np.dtype(np.float16)).reshape(w * hgt, rows, per_pe)
narrow = narrow.transpose(1, 0, 2).reshape(rows, total)

h = h_bits.astype(np.uint16).view(np.float16)
g = g_bits.astype(np.uint16).view(np.float16)
with np.errstate(all="ignore"):
    checks = [
        ("fh2s", wide, h.astype(np.float32), False),
        ("fs2h(fh2s)", narrow[0], h, False),
        ("fnegh", narrow[1], (h_bits ^ 0x8000).astype(np.uint16).view(np.float16), True),
        ("fabsh", narrow[2], (h_bits & 0x7fff).astype(np.uint16).view(np.float16), True),
        ("faddh", narrow[3], h + g, False),
        ("fsubh", narrow[4], h - g, False),
        ("fmulh", narrow[5], h * g, False),
        ("fmulh scalar", narrow[6], h * k, False),
    ]
failures = 0
for label, got, want, exact_nan in checks:
    u = np.uint32 if got.dtype == np.float32 else np.uint16
    same = got.view(u) == want.view(u)
    if not exact_nan:
        same |= np.isnan(got) & np.isnan(want)
    bad = np.nonzero(~same)[0]
    failures += len(bad)
    for j in bad[:4]:
        print(f"MISMATCH {label} h={int(h_bits[j]):#06x} ({h[j]!r}) g={int(g_bits[j]):#06x} "
              f"({g[j]!r}): got {got[j]!r} ({int(got[j:j + 1].view(u)[0]):#x}) want "
              f"{want[j]!r} ({int(want[j:j + 1].view(u)[0]):#x})")
    if len(bad) > 4:
        print(f"  ... {len(bad)} {label} mismatches in all")
if failures:
    print(f"{failures} mismatches")
    sys.exit(1)
print("SUCCESS!")
