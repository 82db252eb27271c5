#!/usr/bin/env cs_python
"""dbg-mixed-classes: debug_util where code classes differ in what they hold, at an offset
moved by memcpy buffers. `data` is 8 words in column 0 and 6 elsewhere: get_symbol reads
each size, get_symbol_rect reads the 6-word columns together and refuses a rectangle that
mixes the sizes, naming both; `folded` (u32 in every class) reads across all; read_trace
finds "t" only in column 0 and "b" only in columns 1-3, and asking a PE for the other key
names the PE and the key."""
import argparse

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

W, H = 4, 2
OX, OY = 7, 2
SALT = 0x0B0E

rng = np.random.default_rng(12)
sent = rng.integers(0, 1 << 16, size=(H, W, 6), dtype=np.uint32)
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
data_id = runner.get_id("data")
runner.load()
runner.run()
runner.memcpy_h2d(data_id, sent.ravel(), 0, 0, W, H, 6, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_16BIT,
                  nonblock=False)
runner.launch("fold", np.uint16(SALT), nonblock=False)
runner.stop()


def data(x, y):
    d = [int(v) for v in sent[y, x]]
    return d + [SALT, 0xA000 + y] if x == 0 else d


def folded(x, y):
    if x == 0:
        f = 0
        for v in data(x, y):
            f = (f * 3 + v) & 0xFFFFFFFF
        return f
    f = SALT + x * 256 + y
    for v in data(x, y):
        f = (f * 5 + v) & 0xFFFFFFFF
    return f


dbg = debug_util(args.name)
for y in range(H):
    for x in range(W):
        got = dbg.get_symbol(OX + x, OY + y, "data", np.uint16)
        np.testing.assert_array_equal(got, np.array(data(x, y), np.uint16),
                                      err_msg=f"PE ({x},{y}) data")
        trace = dbg.read_trace(OX + x, OY + y, "t" if x == 0 else "b")
        want = data(x, y) + [folded(x, y)] if x == 0 else [folded(x, y), -x]
        assert trace == want, f"PE ({x},{y}): {trace} != {want}"
        other = "b" if x == 0 else "t"
        try:
            dbg.read_trace(OX + x, OY + y, other)
            raise AssertionError(f"PE ({x},{y}) read a trace '{other}' it does not have")
        except KeyError as err:
            msg = str(err)
            assert f"{OX + x},{OY + y}" in msg and f"'{other}'" in msg, msg

rect = dbg.get_symbol_rect(((OX + 1, OY), (3, 2)), "data", np.uint16)
assert rect.shape == (3, 2, 6), rect.shape
for c in range(3):
    for r in range(2):
        np.testing.assert_array_equal(rect[c, r], np.array(data(1 + c, r), np.uint16))
col0 = dbg.get_symbol_rect(((OX, OY), (1, 2)), "data", np.uint16)
assert col0.shape == (1, 2, 8) and list(col0[0, 1]) == data(0, 1), col0
every = dbg.get_symbol_rect(((OX, OY), (W, H)), "folded", np.uint32)
assert every.shape == (W, H, 1), every.shape
assert [[int(every[x, y, 0]) for y in range(H)] for x in range(W)] == \
    [[folded(x, y) for y in range(H)] for x in range(W)], every[:, :, 0]
try:
    dbg.get_symbol_rect(((OX, OY), (2, 1)), "data", np.uint16)
    raise AssertionError("a rectangle mixing 8- and 6-word `data` was read")
except ValueError as err:
    msg = str(err)
    assert "'data'" in msg and "16" in msg and "12" in msg and f"{OX + 1},{OY}" in msg, msg
print("SUCCESS!")
