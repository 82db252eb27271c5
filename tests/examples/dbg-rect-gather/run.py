#!/usr/bin/env cs_python
"""dbg-rect-gather: get_symbol_rect where the same symbol lies at different addresses in
different code classes and straddles or sits beyond the first 4 KB page, over 120 PEs:
`data` (all classes) equals what memcpy copied; `halves` (u16 at 22, 94 and 4116 bytes)
over the whole block and sub-rectangles; `cross` (u32 over bytes 4092..4115 in file c) per
column, where even rows never stored page 1 (checked in the core) and must read zeros.
Every rectangle also equals per-PE get_symbol; a rectangle reaching a column without
`cross` names that PE."""
import argparse
import json
import os
import struct

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

W, H = 12, 10
OX, OY = 4, 1
with open(f"{args.name}/out.json", encoding="utf-8") as f:
    seed = int(json.load(f)["params"]["seed"])

with open(os.path.join(args.name, "bin", "out_program.pb"), "rb") as f:
    from tessera import program_pb2  # the program file Tessera's cslc wrote
    program = program_pb2.FabricProgram.FromString(f.read())
addresses = {}
for cls in program.classes:
    for s in cls.symbols:
        addresses.setdefault((cls.file, s.name), s.address)
# The layout this test is about (if the compiler places them otherwise, the test would
# no longer cover what it claims to).
assert addresses[("a.csl", "halves")] % 4 == 2 and addresses[("b.csl", "halves")] % 4 == 2
assert addresses[("c.csl", "halves")] >= 4096, addresses
assert addresses[("c.csl", "cross")] < 4096 < addresses[("c.csl", "cross")] + 24, addresses

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
data_id = runner.get_id("data")
runner.load()
runner.run()
copied = np.zeros(W * H * 5, np.uint32)
runner.memcpy_d2h(copied, data_id, 0, 0, W, H, 5, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)
runner.stop()
copied = copied.reshape(H, W, 5)


def want(name, x, y):
    if name == "data":
        return np.array([seed ^ (x << 16) ^ (y << 8) ^ (i * 0x01010101) for i in range(5)],
                        np.uint32)
    if name == "halves":
        if x % 3 == 2 and y % 2 == 0:
            return np.zeros(3, np.uint16)
        return np.array([x * 100 + y * 7 + i for i in range(3)], np.uint16)
    return np.array([0 if (i >= 1 and y % 2 == 0) else 0xC0000000 + x * 64 + y * 4 + i
                     for i in range(6)], np.uint32)


dbg = debug_util(args.name)


def check_rect(name, dtype, x0, y0, w, h):
    got = dbg.get_symbol_rect(((OX + x0, OY + y0), (w, h)), name, dtype)
    assert got.shape == (w, h, want(name, x0, y0).size) and got.dtype == dtype, got.shape
    for c in range(w):
        for r in range(h):
            x, y = x0 + c, y0 + r
            np.testing.assert_array_equal(got[c, r], want(name, x, y),
                                          err_msg=f"{name} rect {(x0, y0, w, h)} PE ({x},{y})")
            np.testing.assert_array_equal(dbg.get_symbol(OX + x, OY + y, name, dtype), got[c, r],
                                          err_msg=f"{name} get_symbol PE ({x},{y})")


for y in range(H):
    for x in range(W):
        np.testing.assert_array_equal(copied[y, x], want("data", x, y), err_msg=f"memcpy ({x},{y})")
check_rect("data", np.uint32, 0, 0, W, H)
check_rect("halves", np.uint16, 0, 0, W, H)
for rect in [(3, 2, 7, 5), (1, 1, 2, 9), (11, 0, 1, 10), (0, 9, 12, 1), (2, 3, 1, 1)]:
    check_rect("halves", np.uint16, *rect)
for x in (2, 5, 8, 11):
    check_rect("cross", np.uint32, x, 0, 1, H)
    check_rect("cross", np.uint32, x, 3, 1, 4)
try:
    dbg.get_symbol_rect(((OX + 2, OY), (2, 1)), "cross", np.uint32)
    raise AssertionError("a rectangle reaching column 3 read `cross`")
except KeyError as err:
    assert f"{OX + 3},{OY}" in str(err) and "cross" in str(err), str(err)

# Even rows of file c never wrote page 1: the core has no such page for them.
with open(os.path.join(args.name, "corefile.cs1"), "rb") as f:
    core = f.read()
table, = struct.unpack_from("<Q", core, 56)
for y in range(H):
    for x in (2, 5, 8, 11):
        mask, = struct.unpack_from("<I", core, table + (y * W + x) * 224 + 44)
        assert bool(mask >> 1 & 1) == (y % 2 == 1), f"PE ({x},{y}) page mask {mask:012b}"
print("SUCCESS!")
