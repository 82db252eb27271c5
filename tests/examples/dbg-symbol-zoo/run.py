#!/usr/bin/env cs_python
"""dbg-symbol-zoo: after stop(), debug_util must read every global of a 4x3 block placed at
fabric offset (6,3): scalars of every type (i8 u8 bool i16 u16 i32 u32 i64 u64 f16 bf16
f32), a 5-byte u8 array, [3,4]f32 and [2,3,2]i16 arrays (row-major), module globals
(`zoo.*`, `pad.words`) and globals that only one code class has; get_symbol with other
dtypes than the declared one (byte views), get_symbol_rect on the whole block and on
sub-rectangles at its corners; and each misuse must raise a Python exception whose
message names what was wrong."""
import argparse

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

W, H = 4, 3
OX, OY = 6, 3
SEED = 0x9E3779B1

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
grid_id = runner.get_id("grid")
runner.load()
runner.run()
runner.launch("fill", np.uint32(SEED), nonblock=False)
grid_host = np.zeros(W * H * 12, dtype=np.uint32)
runner.memcpy_d2h(grid_host, grid_id, 0, 0, W, H, 12, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)
runner.stop()
grid_host = grid_host.view(np.float32).reshape(H, W, 12)


def expected(x, y):
    """Every global of PE (x, y) as numpy arrays of the declared type."""
    seed = np.uint32(SEED)
    e = {}
    e["zoo.sx"] = np.array([-(x + 1) * 10 - y], np.int8)
    e["zoo.ux"] = np.array([200 + x * 10 + y], np.uint8)
    e["zoo.flag"] = np.array([(x + y) % 2 == 0], np.bool_)
    e["zoo.s16"] = np.array([-1000 * x - y - (SEED & 0xff)], np.int16)
    e["zoo.u16v"] = np.array([60000 + x * 100 + y], np.uint16)
    e["zoo.s32"] = np.array([np.int64(-int(seed.view(np.int32))) * (x + 1) - y]).astype(np.int64)
    e["zoo.s32"] = (e["zoo.s32"] & 0xFFFFFFFF).astype(np.uint32).view(np.int32)
    e["zoo.u32v"] = np.array([(SEED * 7 + x * 1000 + y) & 0xFFFFFFFF], np.uint32)
    s64 = (-SEED * 1000003 * (x + 1) + y) & 0xFFFFFFFFFFFFFFFF
    e["zoo.s64"] = np.array([s64], np.uint64).view(np.int64)
    e["zoo.u64v"] = np.array([(SEED << 32) | (x << 16) | y], np.uint64)
    e["zoo.h"] = np.array([np.float16(x) + np.float16(0.5) * np.float16(y) + np.float16(0.25)],
                          np.float16)
    bf = np.float32(x) * np.float32(2) + np.float32(y) * np.float32(0.125) - np.float32(3)
    e["zoo.bf"] = np.array([np.float32(bf).view(np.uint32) >> 16], np.uint16)  # exact in bf16
    e["zoo.f"] = np.array([np.float32(SEED) / np.float32(3) + np.float32(x)], np.float32)
    e["zoo.arr5"] = np.array([x, y, x + y, 255, SEED & 0xff], np.uint8)
    e["zoo.grid"] = np.array([[i * 10 + j + x * 0.5 + y * 0.25 for j in range(4)]
                              for i in range(3)], np.float32)
    e["zoo.cube"] = np.array([[[a * 100 + b * 10 + c - x - 8 * y for c in range(2)]
                               for b in range(3)] for a in range(2)], np.int16)
    if x < 2:
        e["west_only"] = np.array([x, y, SEED], np.uint32)
    else:
        e["pad.words"] = np.array([x * 16 + y + i for i in range(7)], np.uint16)
        e["east_only"] = np.array([-x - 0.125 * y], np.float32)
    return e


def same(got, want, what):
    assert got.dtype == want.dtype, f"{what}: dtype {got.dtype}, want {want.dtype}"
    assert got.shape == want.shape, f"{what}: shape {got.shape}, want {want.shape}"
    assert got.tobytes() == want.tobytes(), f"{what}: {got} != {want}"


dbg = debug_util(args.name, cmaddr=args.cmaddr)
checks = 0
for y in range(H):
    for x in range(W):
        px, py = OX + x, OY + y
        e = expected(x, y)
        # The memcpy copy and the core dump agree.
        np.testing.assert_array_equal(grid_host[y, x], e["zoo.grid"].ravel())
        for name, want in e.items():
            dtype = np.uint16 if name == "zoo.bf" else want.dtype
            got = dbg.get_symbol(px, py, name, dtype)
            same(got, want.ravel(), f"PE ({px},{py}) {name}")
            # Every symbol also reads as its raw bytes, and as other widths that divide it.
            raw = dbg.get_symbol(px, py, name, np.uint8)
            same(raw, np.frombuffer(want.tobytes(), np.uint8), f"PE ({px},{py}) {name} bytes")
            for other in (np.uint16, np.int32, np.float64):
                if want.nbytes % np.dtype(other).itemsize == 0:
                    same(dbg.get_symbol(px, py, name, other),
                         np.frombuffer(want.tobytes(), np.dtype(other).newbyteorder("<"))
                         .astype(other), f"PE ({px},{py}) {name} as {np.dtype(other)}")
            checks += 1
        # Multi-dimensional arrays come back flat, in row-major order.
        same(dbg.get_symbol(px, py, "zoo.grid", np.float32).reshape(3, 4), e["zoo.grid"],
             f"PE ({px},{py}) grid[i,j]")
        cube = dbg.get_symbol(px, py, "zoo.cube", np.int16).reshape(2, 3, 2)
        assert cube[1, 2, 0] == 120 - x - 8 * y, cube
        # A big-endian dtype asks for the same values, not swapped bytes.
        same(dbg.get_symbol(px, py, "zoo.u32v", np.dtype(">u4")).astype(np.uint32),
             e["zoo.u32v"], f"PE ({px},{py}) u32v as >u4")


def rect_want(x0, y0, w, h, name, dtype):
    out = np.zeros((w, h, expected(x0, y0)[name].size), dtype)
    for c in range(w):
        for r in range(h):
            out[c, r] = expected(x0 + c, y0 + r)[name].ravel()
    return out


# get_symbol_rect: result [col][row][n]; whole block, corners, one column, one row.
for (x0, y0, w, h) in [(0, 0, 4, 3), (0, 0, 1, 1), (3, 2, 1, 1), (1, 1, 3, 2), (2, 0, 2, 3),
                       (0, 2, 4, 1), (3, 0, 1, 3), (1, 0, 2, 2)]:
    for name, dtype in [("zoo.grid", np.float32), ("zoo.cube", np.int16),
                        ("zoo.u64v", np.uint64), ("zoo.arr5", np.uint8),
                        ("zoo.sx", np.int8), ("zoo.h", np.float16)]:
        got = dbg.get_symbol_rect(((OX + x0, OY + y0), (w, h)), name, dtype)
        same(got, rect_want(x0, y0, w, h, name, dtype), f"rect {(x0, y0, w, h)} {name}")
    checks += 1
same(dbg.get_symbol_rect(((OX + 2, OY), (2, 3)), "east_only", np.float32),
     rect_want(2, 0, 2, 3, "east_only", np.float32), "rect east_only")
same(dbg.get_symbol_rect(((OX, OY + 1), (2, 2)), "west_only", np.uint32),
     rect_want(0, 1, 2, 2, "west_only", np.uint32), "rect west_only")


def fails(what, call, kinds, *words):
    """call() must raise one of kinds, its message naming every word."""
    try:
        result = call()
    except kinds as err:
        msg = str(err)
        for w in words:
            assert w in msg, f"{what}: the message {msg!r} does not name {w!r}"
        return msg
    except Exception as err:  # pylint: disable=broad-except
        raise AssertionError(f"{what}: raised {type(err).__name__}: {err}") from err
    raise AssertionError(f"{what}: returned {result!r} instead of raising")


LOOKUP = (KeyError, ValueError)
fails("unknown symbol", lambda: dbg.get_symbol(OX, OY, "nosuch", np.uint16), LOOKUP, "nosuch")
fails("symbol of the other class", lambda: dbg.get_symbol(OX + 2, OY, "west_only", np.uint32),
      LOOKUP, "west_only", "8,3")
fails("module symbol without its prefix", lambda: dbg.get_symbol(OX, OY, "sx", np.int8),
      LOOKUP, "sx")
fails("PE west of the block", lambda: dbg.get_symbol(OX - 1, OY, "zoo.f", np.float32),
      (ValueError, IndexError), "5,3")
fails("PE south of the block", lambda: dbg.get_symbol(OX, OY + H, "zoo.f", np.float32),
      (ValueError, IndexError), "6,6")
fails("rectangle coordinates instead of fabric ones",
      lambda: dbg.get_symbol(0, 0, "zoo.f", np.float32), (ValueError, IndexError), "0,0")
fails("5 bytes as u16", lambda: dbg.get_symbol(OX, OY, "zoo.arr5", np.uint16), ValueError,
      "zoo.arr5", "5")
fails("rect over both classes for a one-class symbol",
      lambda: dbg.get_symbol_rect(((OX + 1, OY), (2, 1)), "west_only", np.uint32), LOOKUP,
      "west_only", "8,3")
fails("rect past the east edge",
      lambda: dbg.get_symbol_rect(((OX + 2, OY), (3, 1)), "zoo.f", np.float32),
      (ValueError, IndexError), "10,3")
fails("rect of width 0", lambda: dbg.get_symbol_rect(((OX, OY), (0, 2)), "zoo.f", np.float32),
      ValueError, "0x2")
fails("rect 5 bytes as f32",
      lambda: dbg.get_symbol_rect(((OX, OY), (2, 2)), "zoo.arr5", np.float32), ValueError,
      "zoo.arr5")
fails("trace key nobody imported", lambda: dbg.read_trace(OX, OY, "zoo"), LOOKUP, "zoo")
fails("no such compile directory", lambda: debug_util(args.name + "-missing"),
      (FileNotFoundError, OSError, ValueError), args.name + "-missing")
fails("missing core file", lambda: debug_util(args.name, core="no-such-core.cs1"),
      (FileNotFoundError, OSError, ValueError), "no-such-core.cs1")
print(f"{checks} symbol checks")
print("SUCCESS!")
