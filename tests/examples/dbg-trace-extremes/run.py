#!/usr/bin/env cs_python
"""dbg-trace-extremes: read_trace must return exactly what each trace call recorded, for
the values at the edges of every type: f32 and f16 NaN (quiet, signalling, negative),
+-inf, -0.0, the smallest subnormals, the largest finite values, integer minima and maxima
(i8 -128, u8 255, i16 -32768, u32 2^32-1, i32 -2^31), bool from zero and non-zero, and
strings of 0, 1, 9 (UTF-8) and 255 bytes. Python types too: bool, int, float, str."""
import argparse
import math
import struct

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

OX, OY = 4, 1
PATTERNS = [
    [0x7FC00000, 0x7F800001, 0xFFC00000, 0x7F800000, 0xFF800000,
     0x80000000, 0x00000001, 0x80000001, 0x7F7FFFFF, 0xFF7FFFFF],
    [0x00007E00, 0x00007C01, 0x0000FE00, 0x00007C00, 0x0000FC00,
     0x00008000, 0x00000001, 0x00008001, 0x00007BFF, 0x0000FBFF],
    [0x00000000, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000080, 0x0000007F,
     0x00000080, 0x000000FF, 0x00010000, 0xFF000000, 0x00FF8000],
    [0x3F800000, 0x3C003C00, 0x12345678, 0x9ABCDEF0, 0x00800000,
     0x007FFFFF, 0x0000FFFF, 0x00000400, 0x000003FF, 0xDEADBEEF],
]
STRINGS = ["", "x", "héllo→",
           "".join("0123456789abcdefghijklmnopqrstuvwxyz"[i % 36] for i in range(255))]
assert len(STRINGS[2].encode()) == 9

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
bits_id = runner.get_id("bits")
runner.load()
runner.run()
host = np.array([PATTERNS[y * 2 + x] for y in range(2) for x in range(2)], np.uint32).ravel()
runner.memcpy_h2d(bits_id, host, 0, 0, 2, 2, 10, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)
runner.launch("record", nonblock=False)
runner.stop()


def want(b):
    lo = b & 0xFFFF
    return [
        float(np.uint32(b).view(np.float32)),
        float(np.uint16(lo).view(np.float16)),
        int(np.uint32(b).view(np.int32)),
        b,
        int(np.uint16(lo).view(np.int16)),
        lo,
        int(np.uint8(b & 0xFF).view(np.int8)),
        b >> 24,
        b != 0,
    ]


def same(g, w):
    if type(g) is not type(w):
        return False
    if isinstance(w, float):
        if math.isnan(w):
            return math.isnan(g) and math.copysign(1, g) == math.copysign(1, w)
        return struct.pack("<d", g) == struct.pack("<d", w)  # -0.0 is not 0.0
    return g == w


dbg = debug_util(args.name)
for y in range(2):
    for x in range(2):
        got = dbg.read_trace(OX + x, OY + y, "edge")
        expect = [v for b in PATTERNS[y * 2 + x] for v in want(b)] + STRINGS
        assert len(got) == len(expect), f"PE ({x},{y}): {len(got)} entries, want {len(expect)}"
        for i, (g, w) in enumerate(zip(got, expect)):
            assert same(g, w), f"PE ({x},{y}) entry {i}: {g!r} ({type(g).__name__}), want {w!r}"
print("SUCCESS!")
