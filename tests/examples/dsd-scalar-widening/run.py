#!/usr/bin/env cs_python
"""dsd-scalar-widening: five launches of (bits, ibits, x); every slot against numpy."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
res_id = runner.get_id("res")
vec_id = runner.get_id("vec")
runner.load()
runner.run()
rng = np.random.default_rng(8)
cases = [(0xFFFE, 0xFFFE, 0.1), (0x00C8, 0x80FD, -3.3e4), (1, 0x7F01, 65519.0),
         (0x8081, 0x0080, 1e-6), (0, 0xFFFF, -0.0)]
for bits, ibits, x in cases:
    v = rng.normal(0, 10, 4).astype(np.float32)
    runner.memcpy_h2d(vec_id, v, 0, 0, 1, 1, 4, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    runner.launch("apply", np.uint16(bits), np.uint16(ibits), np.float32(x), nonblock=False)
    got = np.zeros(40, np.uint32)
    runner.memcpy_d2h(got, res_id, 0, 0, 1, 1, 40, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    i16v = np.array(ibits, np.uint16).view(np.int16)
    u8v = bits & 0xFF
    i8v = np.array(ibits & 0xFF, np.uint8).view(np.int8)
    with np.errstate(over="ignore"):
        hv = np.float16(np.float32(x))
    hf = np.float32(hv)
    e = {}
    e[0] = bits
    e[1] = int(np.array(np.int32(i16v)).view(np.uint32))
    e[2] = u8v
    e[3] = int(np.array(np.int16(i8v)).view(np.uint16))
    e[4] = (u8v + u8v) & 0xFFFF
    e[5] = int(np.array(np.int16(i8v) - np.int16(i8v)).view(np.uint16))
    e[6] = ((u8v + u8v) & 0xFFFF) ^ u8v
    with np.errstate(over="ignore", invalid="ignore"):
        g = (v * hf).astype(np.float32)
        g = (g + hf).astype(np.float32)
        # @fmacs: g + v * hv, fused (one rounding), computed in float64 then rounded
        g = (g.astype(np.float64) + v.astype(np.float64) * np.float64(hf)).astype(np.float32)
    for i in range(4):
        e[8 + i] = int(g[i:i + 1].view(np.uint32)[0])
    e[12] = bits & 1
    e[13] = int(np.array(hv).view(np.uint16))
    for k, want in e.items():
        assert int(got[k]) == want, f"case {(bits, ibits, x)}: res[{k}] = {int(got[k]):#x}, want {want:#x}"
runner.stop()
print("SUCCESS!")
