#!/usr/bin/env cs_python
"""two-sessions: one script, two SdkRuntime sessions on the same compiled program.

Session 1: initial values read back, a batch of nonblocking commands (16-bit and 32-bit
H2D, launch, call with packed words, D2H) kept in a handle list and waited out of order
(task_wait on the last first, then is_task_done must be true for all), stop(), then
debug_util on the core dump (an unexported counter and exported arrays).
Session 2: a new SdkRuntime on the same directory starts from the initial values again,
does different work, and its own core dump shows its own state."""
import argparse
import struct

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of an appliance")
args = parser.parse_args()

W = H = 2
OX, OY = 4, 1  # --fabric-offsets: debug_util takes absolute fabric coordinates
u16 = MemcpyDataType.MEMCPY_16BIT
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
col = MemcpyOrder.COL_MAJOR

INIT_VALS = np.array([1.5, -2.25, 3.0, 0.125, -7.5, 100.0], dtype=np.float32)
INIT_SHORTS = np.array([-3, 0, 7, -32768, 32767], dtype=np.int16)
pe_ids = np.array([[2 * y + x for x in range(W)] for y in range(H)])  # [y][x]


def f32_bits(v):
    return struct.unpack("<I", struct.pack("<f", np.float32(v)))[0]


class Model:
    """The device state per PE, indexed [y][x]."""

    def __init__(self):
        self.vals = np.tile(INIT_VALS, (H, W, 1))
        self.shorts = np.tile(INIT_SHORTS, (H, W, 1))
        self.total = np.zeros((H, W, 2), dtype=np.uint32)
        self.total[:, :, 0] = 0xDEAD0000 + pe_ids
        self.total[:, :, 1] = 11
        self.calls = np.full((H, W), 7, dtype=np.uint32)

    def step(self, k, delta):
        k = np.float32(k)
        self.vals = (self.vals * k + pe_ids[:, :, None].astype(np.float32)).astype(np.float32)
        self.shorts = (self.shorts.astype(np.int32) + delta).astype(np.int16)
        self.calls += 1

    def bump(self, a, f):
        self.total[:, :, 0] = (self.total[:, :, 0].astype(np.uint64)
                               + a * (pe_ids + 1)).astype(np.uint32)
        s = (np.float32(f) + self.vals[:, :, 0]).astype(np.float32)
        self.total[:, :, 1] = s.view(np.uint32)
        self.calls += 10


def read_all(rt, nonblock):
    """D2H of the three arrays; returns (handles, arrays)."""
    vals = np.zeros(W * H * 6, dtype=np.float32)
    shorts = np.zeros(W * H * 5, dtype=np.uint32)
    total = np.zeros(W * H * 2, dtype=np.uint32)
    handles = [
        rt.memcpy_d2h(vals, rt.get_id("vals"), 0, 0, W, H, 6, streaming=False, order=row,
                      data_type=u32, nonblock=nonblock),
        rt.memcpy_d2h(shorts, rt.get_id("shorts"), 0, 0, W, H, 5, streaming=False,
                      order=col, data_type=u16, nonblock=nonblock),
        rt.memcpy_d2h(total, rt.get_id("total"), 0, 0, W, H, 2, streaming=False, order=row,
                      data_type=u32, nonblock=nonblock),
    ]
    return handles, (vals, shorts, total)


def check(arrays, model, what):
    vals, shorts, total = arrays
    np.testing.assert_array_equal(vals.reshape(H, W, 6), model.vals, err_msg=f"{what}: vals")
    # COL_MAJOR: [k][x][y]
    got_shorts = memcpy_view(shorts, np.dtype(np.int16)).reshape(5, W, H).transpose(2, 1, 0)
    np.testing.assert_array_equal(got_shorts, model.shorts, err_msg=f"{what}: shorts")
    np.testing.assert_array_equal(total.reshape(H, W, 2), model.total, err_msg=f"{what}: total")


def check_core(model, what):
    dbg = debug_util(args.name, cmaddr=args.cmaddr)
    for y in range(H):
        for x in range(W):
            where = f"{what}: core of PE ({x}, {y})"
            np.testing.assert_array_equal(dbg.get_symbol(OX + x, OY + y, "calls", np.uint32),
                                          [model.calls[y, x]], err_msg=where)
            np.testing.assert_array_equal(dbg.get_symbol(OX + x, OY + y, "shorts", np.int16),
                                          model.shorts[y, x], err_msg=where)
    rect = dbg.get_symbol_rect(((OX, OY), (W, H)), "vals", np.float32)  # [col][row][n]
    np.testing.assert_array_equal(rect.transpose(1, 0, 2), model.vals, err_msg=f"{what}: rect")


# ---- session 1 ----
model = Model()
rt = SdkRuntime(args.name, cmaddr=args.cmaddr, suppress_simfab_trace=True)
rt.load()
rt.run()
_, arrays = read_all(rt, nonblock=False)
check(arrays, model, "session 1 initial")

rng = np.random.default_rng(5)
new_shorts = rng.integers(-32768, 32768, size=(H, W, 5)).astype(np.int16)
new_vals = rng.uniform(-4, 4, size=(H, W, 6)).astype(np.float32)
handles = []
# 16-bit H2D, COL_MAJOR: the array is [k][x][y], each i16 zero-extended into a u32 word.
col_words = new_shorts.transpose(2, 1, 0).ravel().view(np.uint16).astype(np.uint32)
handles.append(rt.memcpy_h2d(rt.get_id("shorts"), col_words, 0, 0, W, H, 5, streaming=False,
                             order=col, data_type=u16, nonblock=True))
handles.append(rt.memcpy_h2d(rt.get_id("vals"), new_vals.ravel(), 0, 0, W, H, 6,
                             streaming=False, order=row, data_type=u32, nonblock=True))
model.shorts = new_shorts.copy()
model.vals = new_vals.copy()
handles.append(rt.launch("step", np.float32(0.5), np.int16(-1000), nonblock=True))
model.step(0.5, -1000)
handles.append(rt.call("bump", [123457, f32_bits(-1.75)], nonblock=True))
model.bump(123457, -1.75)
handles.append(rt.launch("step", np.float32(-3.0), np.int16(30000), nonblock=True))
model.step(-3.0, 30000)
d2h_handles, arrays = read_all(rt, nonblock=True)
handles += d2h_handles
rt.task_wait(handles[-1])
for i, h in enumerate(handles):
    assert rt.is_task_done(h), f"session 1: command {i} not done after the last one"
for h in handles:
    rt.task_wait(h)  # waiting again on a finished command returns at once
check(arrays, model, "session 1 after the batch")
rt.stop()
check_core(model, "session 1")

# ---- session 2: same directory, a fresh device ----
model2 = Model()
rt2 = SdkRuntime(args.name, cmaddr=args.cmaddr, suppress_simfab_trace=True)
rt2.load()
rt2.run()
_, arrays = read_all(rt2, nonblock=False)
check(arrays, model2, "session 2 initial (must not keep session 1's state)")
rt2.call("bump", [3, f32_bits(0.25)], nonblock=False)
model2.bump(3, 0.25)
h = rt2.launch("step", np.float32(2.0), np.int16(-7), nonblock=True)
model2.step(2.0, -7)
rt2.task_wait(h)
_, arrays = read_all(rt2, nonblock=False)
check(arrays, model2, "session 2 after its work")
rt2.stop()
check_core(model2, "session 2")
print("SUCCESS!")
