#!/usr/bin/env cs_python
"""ut-runtime-ids: three launches, each with another pair of run-time microthread IDs
and scale; the middle PE's f32 * scale + u16 result and its 16-bit wrapping sum are
checked against numpy, and every PE's completion counters after each launch."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {name: runner.get_id(name) for name in ("src_f", "src_h", "out", "hsum", "done")}
runner.load()
runner.run()
w32 = MemcpyDataType.MEMCPY_32BIT
w16 = MemcpyDataType.MEMCPY_16BIT
row = MemcpyOrder.ROW_MAJOR

rng = np.random.default_rng(2026)
# (microthread of the f32 stream, of the u16 stream, scale): memcpy owns microthread 0
launches = [(1, 7, np.float32(0.5)), (6, 2, np.float32(-3.0)), (4, 5, np.float32(1.25))]
for count, (ut_f, ut_h, scale) in enumerate(launches, start=1):
    f = rng.uniform(-100, 100, size=n).astype(np.float32)
    h = rng.integers(0, 65536, size=n, dtype=np.uint32)
    runner.memcpy_h2d(ids["src_f"], f, 0, 0, 1, 1, n, streaming=False, order=row,
                      data_type=w32, nonblock=False)
    runner.memcpy_h2d(ids["src_h"], h, 2, 0, 1, 1, n, streaming=False, order=row,
                      data_type=w16, nonblock=False)
    runner.launch("go", np.uint16(ut_f), np.uint16(ut_h), scale, nonblock=False)

    out = np.zeros(n, dtype=np.float32)
    runner.memcpy_d2h(out, ids["out"], 1, 0, 1, 1, n, streaming=False, order=row,
                      data_type=w32, nonblock=False)
    expect = (f * scale + h.astype(np.float32)).astype(np.float32)
    np.testing.assert_array_equal(out, expect)

    hsum = np.zeros(n, dtype=np.uint32)
    runner.memcpy_d2h(hsum, ids["hsum"], 1, 0, 1, 1, n, streaming=False, order=row,
                      data_type=w16, nonblock=False)
    np.testing.assert_array_equal(hsum, (2 * h + 40000) % 65536)

    done = np.zeros(3 * 4, dtype=np.uint32)
    runner.memcpy_d2h(done, ids["done"], 0, 0, 3, 1, 4, streaming=False, order=row,
                      data_type=w32, nonblock=False)
    c = count
    np.testing.assert_array_equal(done.reshape(3, 4),
                                  [[0, 0, 0, c], [c, c, c, 0], [0, 0, 0, c]])
    print(f"launch {count}: microthreads {ut_f} and {ut_h}, scale {scale}: ok")
runner.stop()
print("SUCCESS!")
