#!/usr/bin/env cs_python
"""peer-widening-access: binary operations between an i16 and an i32, a u8 and a u32, an
f16 and an f32 (the narrower operand is widened), and DSDs made from a tensor access's
base_address/offset/stride/extent fields."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

M32 = 0xFFFFFFFF


def signed(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


def model(a, b, c, d):
    narrow, wide, small = signed(a, 16), signed(b, 32), c & 0xFF
    out = [(narrow + wide) & M32, (wide - narrow) & M32, int(narrow < wide),
           (small + d) & M32, int(np.float32(1.5) * np.float32(d)) & M32, 1]
    out += [(a + 3 * i + 4) & M32 for i in range(3)]
    out += [(100 * i + 2 + d) & M32 for i in range(3)]
    return out + [4, 2]


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
input_id = runner.get_id("input")
results_id = runner.get_id("results")
runner.load()
runner.run()

ok = True
for inputs in [(3, 70000, 7, 10), (0xFFFF, 0xFFFFFFF0, 0x1FF, 1000), (0x8000, 5, 255, 0x100001)]:
    runner.memcpy_h2d(input_id, np.array(inputs, np.uint32), 0, 0, 1, 1, 4, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    runner.launch("compute", nonblock=False)
    want = model(*inputs)
    got = np.zeros(16, np.uint32)
    runner.memcpy_d2h(got, results_id, 0, 0, 1, 1, 16, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    for i, v in enumerate(want):
        if int(got[i]) != v:
            print(f"inputs {inputs}: results[{i}] = {int(got[i]):#x}, expected {v:#x}")
            ok = False
runner.stop()

if not ok:
    raise SystemExit("FAIL: peer-widening-access")
print("SUCCESS!")
