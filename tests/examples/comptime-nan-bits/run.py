#!/usr/bin/env cs_python
"""comptime-nan-bits: compile-time NaN patterns (f32 signaling with payloads and signs, a
bf16 widened to f32, an f16 negative NaN with a payload stored and widened, an f16 var
initialised with one) read back exactly."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name", required=True)
parser.add_argument("--cmaddr")
args = parser.parse_args()

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
out = runner.get_id("out")
runner.load()
runner.run()
runner.launch("go", nonblock=False)
got = np.zeros(6, dtype=np.uint32)
runner.memcpy_d2h(got, out, 0, 0, 1, 1, 6, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()
# f16 0xfd01 widens to f32 0xffa02000 (sign, all-ones exponent, payload << 13).
want = [0x7f800001, 0xff812345, 0x7f810000, 0xfd01, 0xffa02000, 0x7e05]
bad = [(i, hex(g), hex(w)) for i, (g, w) in enumerate(zip(got.tolist(), want)) if g != w]
if bad:
    raise SystemExit(f"FAIL: {bad}")
print("SUCCESS!")
