#!/usr/bin/env cs_python
"""host-misuse-messages: host-side mistakes a run.py makes, one at a time; each must be a
Python exception whose message names the argument (or symbol, or state) that is wrong --
never a hang, never a silent partial copy.

Mistakes: arrays of the wrong dtype (float64 and int64 as numpy makes them by default,
uint16 for 16-bit data, a list, a numpy scalar), of the wrong length (H2D, D2H, row and
column broadcasts, strided), non-writeable or Fortran-ordered destinations, bad ROIs (each
edge, zero sizes, an SRAM overrun), bad enum/flag values and misspelt keywords, unknown
symbols, a function the layout does not export, a variable launched, a function copied to,
wrong launch/call arguments, tasks from another runtime, calls before run() and after
stop()/close(), debug_util with rectangle coordinates, sdk_utils given wrong arrays, and
finally a kernel that forgets unblock_cmd_stream (the next command must fail, not hang).
After the mistakes, the device state must be exactly what the valid commands made it.
Prints SUCCESS! only when every check passes."""
import argparse
import json
import time

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime
from cerebras.sdk.sdk_utils import check_rpc_api, get_api_info_dict, input_array_to_u32, memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of the system (omit for the simulator)")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H, N = int(params["width"]), int(params["height"]), int(params["n"])
OFF_X, OFF_Y = 4, 1
B16, B32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


def refused(what, words, fn, *a, **kw):
    """fn(*a, **kw) must raise within a minute, with every one of `words` in the message."""
    start = time.monotonic()
    try:
        fn(*a, **kw)
    except Exception as e:  # pylint: disable=broad-except
        missing = [w for w in words if w not in str(e)]
        check(not missing, f"{what}: {type(e).__name__}: '{e}' lacks {missing}")
        check(time.monotonic() - start < 60, f"{what}: took {time.monotonic() - start:.0f} s")
        return e
    check(False, f"{what}: no error")
    return None


ALL = W * H * N
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vec, ints, half = (runner.get_id(s) for s in ("vec", "ints", "half"))
refused("get_id of a misspelt symbol", ["'vecs'"], runner.get_id, "vecs")
refused("get_id of a non-str name", ["name"], runner.get_id, 3)
refused("launch before load()", ["launch", "load()"], runner.launch, "scale", 1.0, 1)
runner.load()
refused("memcpy_h2d before run()", ["memcpy_h2d", "run()"], runner.memcpy_h2d, vec,
        np.zeros(ALL, np.float32), 0, 0, W, H, N)
runner.run()

# The valid state every refused command below must leave alone.
rng = np.random.default_rng(11)
v = rng.integers(-500, 500, size=(H, W, N)).astype(np.float32)
k = rng.integers(-(1 << 30), 1 << 30, size=(H, W, N), dtype=np.int32)
u = rng.integers(0, 1 << 16, size=(H, W, N)).astype(np.uint16)
runner.memcpy_h2d(vec, v, 0, 0, W, H, N)
runner.memcpy_h2d(ints, k, 0, 0, W, H, N)
runner.memcpy_h2d(half, input_array_to_u32(u, None, N), 0, 0, W, H, N, data_type=B16)

# ---- arrays of the wrong dtype ----
refused("float64 src (np.arange of floats)", ["src", "float64"], runner.memcpy_h2d, vec,
        np.arange(ALL, dtype=np.float64), 0, 0, W, H, N)
refused("int64 src (np.arange's default)", ["src", "int64"], runner.memcpy_h2d, ints,
        np.arange(ALL), 0, 0, W, H, N)
refused("uint16 src for a 16-bit copy", ["src", "uint16"], runner.memcpy_h2d, half,
        u.ravel(), 0, 0, W, H, N, data_type=B16)
refused("float16 src", ["src", "float16"], runner.memcpy_h2d, half,
        np.zeros(ALL, np.float16), 0, 0, W, H, N, data_type=B16)
refused("a list src", ["src", "list"], runner.memcpy_h2d, vec, [0.0] * ALL, 0, 0, W, H, N)
refused("a numpy scalar src", ["src"], runner.memcpy_h2d, vec, np.float32(1.0), 0, 0, 1, 1, 1)
refused("float64 dest", ["dest", "float64"], runner.memcpy_d2h, np.zeros(ALL), vec, 0, 0, W,
        H, N)
refused("uint16 dest for a 16-bit copy", ["dest", "uint16"], runner.memcpy_d2h,
        np.zeros(ALL, np.uint16), half, 0, 0, W, H, N, data_type=B16)
ro = np.zeros(ALL, np.float32)
ro.setflags(write=False)
refused("a read-only dest", ["dest"], runner.memcpy_d2h, ro, vec, 0, 0, W, H, N)
refused("a Fortran-ordered dest", ["dest"], runner.memcpy_d2h,
        np.zeros((H, W, N), np.float32, order="F"), vec, 0, 0, W, H, N)
refused("a list dest", ["dest"], runner.memcpy_d2h, [0.0] * ALL, vec, 0, 0, W, H, N)

# ---- arrays of the wrong length ----
refused("src one element long", ["src", str(ALL + 1), str(ALL)], runner.memcpy_h2d, vec,
        np.zeros(ALL + 1, np.float32), 0, 0, W, H, N)
refused("src of a sub-rectangle's whole-block size", ["src", str(ALL), str(2 * N)],
        runner.memcpy_h2d, vec, np.zeros(ALL, np.float32), 1, 1, 2, 1, N)
refused("dest one element short", ["dest", str(ALL - 1), str(ALL)], runner.memcpy_d2h,
        np.zeros(ALL - 1, np.float32), vec, 0, 0, W, H, N)
refused("rowbcast src sized w*l instead of h*l", ["src", str(W * N), str(H * N)],
        runner.memcpy_h2d_rowbcast, vec, np.zeros(W * N, np.float32), 0, 0, W, H, N)
refused("colbcast src sized h*l instead of w*l", ["src", str(H * N), str(W * N)],
        runner.memcpy_h2d_colbcast, vec, np.zeros(H * N, np.float32), 0, 0, W, H, N)
refused("stride src sized as the whole ROI", ["src"], runner.memcpy_h2d_stride, vec,
        np.zeros(ALL, np.float32), 0, 0, W, H, N, 2, 2)

# ---- bad rectangles and counts ----
refused("px past the east edge", ["px=" + str(W)], runner.memcpy_h2d, vec,
        np.zeros(N, np.float32), W, 0, 1, 1, N)
refused("a negative py", ["py=-1"], runner.memcpy_d2h, np.zeros(N, np.float32), vec, 0, -1,
        1, 1, N)
refused("w reaching past the east edge", ["w=" + str(W)], runner.memcpy_h2d, vec,
        np.zeros(W * N, np.float32), 1, 0, W, 1, N)
refused("h reaching past the south edge", ["h=" + str(H)], runner.memcpy_d2h,
        np.zeros(H * N, np.float32), vec, 0, 1, 1, H, N)
refused("w = 0", ["w=0"], runner.memcpy_h2d, vec, np.zeros(0, np.float32), 0, 0, 0, 1, N)
refused("elem_per_pe = 0", ["elem_per_pe"], runner.memcpy_h2d, vec, np.zeros(0, np.float32),
        0, 0, 1, 1, 0)
refused("elem_per_pe past 48 KB", ["48 KB"], runner.memcpy_h2d, vec,
        np.zeros(12289, np.float32), 0, 0, 1, 1, 12289)
refused("row_stride 0", ["row_stride"], runner.memcpy_h2d_stride, vec,
        np.zeros(ALL, np.float32), 0, 0, W, H, N, 0, 1)
refused("a float px", ["px", "1.0"], runner.memcpy_h2d, vec, np.zeros(N, np.float32), 1.0, 0,
        1, 1, N)
refused("a str elem_per_pe", ["elem_per_pe"], runner.memcpy_d2h, np.zeros(N, np.float32),
        vec, 0, 0, 1, 1, str(N))

# ---- enums, flags, keywords ----
refused("data_type as a str", ["data_type"], runner.memcpy_h2d, vec, np.zeros(N, np.float32),
        0, 0, 1, 1, N, data_type="MEMCPY_32BIT")
refused("order out of the enum", ["order", "2"], runner.memcpy_d2h, np.zeros(N, np.float32),
        vec, 0, 0, 1, 1, N, order=2)
refused("order and data_type swapped (COL_MAJOR as data_type would mean 16-bit)",
        ["data_type", "MemcpyOrder"], runner.memcpy_h2d, vec, np.zeros(N, np.float32), 0, 0,
        1, 1, N, data_type=COL, order=B32)
refused("nonblock=None", ["nonblock"], runner.memcpy_h2d, vec, np.zeros(N, np.float32), 0, 0,
        1, 1, N, nonblock=None)
refused("a misspelt keyword non_block", ["non_block"], runner.memcpy_h2d, vec,
        np.zeros(N, np.float32), 0, 0, 1, 1, N, non_block=True)
refused("streaming=True with a symbol id", ["streaming"], runner.memcpy_h2d, vec,
        np.zeros(N, np.float32), 0, 0, 1, 1, N, streaming=True)

# ---- symbols and functions ----
refused("a function the layout does not export", ["'helper'"], runner.launch, "helper")
refused("a variable launched", ["'vec'", "variable"], runner.launch, "vec")
refused("a variable called", ["'vec'"], runner.call, "vec", [])
refused("a copy into a function", ["'scale'", "function"], runner.memcpy_h2d,
        runner.get_id("scale"), np.zeros(N, np.float32), 0, 0, 1, 1, N)
refused("a symbol id that does not exist", ["777"], runner.memcpy_d2h,
        np.zeros(N, np.float32), 777, 0, 0, 1, 1, N)
refused("launch with one argument of two", ["scale", "2"], runner.launch, "scale", 1.0)
refused("launch with three arguments of two", ["scale", "3"], runner.launch, "scale", 1.0, 2, 3)
refused("a float for an i32 parameter", ["argument 1", "i32"], runner.launch, "scale", 1.0,
        2.5)
refused("an i32 parameter out of range", ["argument 1", "i32"], runner.launch, "scale", 1.0,
        1 << 31)
refused("a str launch argument", ["argument 0", "str"], runner.launch, "scale", "2", 1)
refused("call with a word missing", ["scale", "2", "1"], runner.call, "scale", [1])
refused("call with a float word", ["args[0]"], runner.call, "scale", [1.5, 2])
refused("call with a word past 32 bits", ["args[1]"], runner.call, "scale", [0, 1 << 32])
refused("task_wait on an int", ["Task"], runner.task_wait, 0)

# None of the above may have changed anything.
got_v, got_k = np.zeros((H, W, N), np.float32), np.zeros((H, W, N), np.int32)
got_u = np.zeros((H, W, N), np.uint32)
runner.memcpy_d2h(got_v, vec, 0, 0, W, H, N)
runner.memcpy_d2h(got_k, ints, 0, 0, W, H, N, order=ROW)
runner.memcpy_d2h(got_u, half, 0, 0, W, H, N, data_type=B16)
check(np.array_equal(got_v, v) and np.array_equal(got_k, k)
      and np.array_equal(memcpy_view(got_u, np.uint16), u),
      "the refused commands left vec, ints and half as the valid copies wrote them")

# A valid launch still works after all that.
t = runner.launch("scale", np.float32(-2.0), np.int32(7), nonblock=True)
runner.task_wait(t)
runner.memcpy_d2h(got_v, vec, 0, 0, W, H, N)
runner.memcpy_d2h(got_k, ints, 0, 0, W, H, N)
check(np.array_equal(got_v, v * np.float32(-2.0)) and np.array_equal(got_k, k + 7),
      "scale(-2, 7) after the refused commands")

# ---- a second runtime: its tasks are not this one's ----
other = SdkRuntime(args.name, cmaddr=args.cmaddr)
other.load()
other.run()
other.memcpy_h2d(vec, v, 0, 0, W, H, N)
foreign = other.launch("scale", -2.0, 0)
refused("task_wait with another runtime's Task", ["Task"], runner.task_wait, foreign)
refused("is_task_done with another runtime's Task", ["Task"], runner.is_task_done, foreign)
other.stop()
refused("run() after stop()", ["run", "stopped"], other.run)
refused("launch after stop()", ["launch", "stopped"], other.launch, "scale", 1.0, 0)
refused("call after stop()", ["call", "stopped"], other.call, "scale", [0, 0])
refused("memcpy_h2d after stop()", ["memcpy_h2d", "stopped"], other.memcpy_h2d, vec,
        np.zeros(N, np.float32), 0, 0, 1, 1, N)
refused("memcpy_d2h after stop()", ["memcpy_d2h", "stopped"], other.memcpy_d2h,
        np.zeros(N, np.float32), vec, 0, 0, 1, 1, N)
refused("stop() twice", ["stop"], other.stop)
debug = debug_util(args.name, cmaddr=args.cmaddr)
refused("get_symbol with rectangle coordinates", ["(0,0)"], debug.get_symbol, 0, 0, "vec",
        np.float32)
refused("get_symbol of an unknown name", ["'vecs'"], debug.get_symbol, OFF_X, OFF_Y, "vecs",
        np.float32)
refused("get_symbol_rect reaching past the rectangle", ["outside"], debug.get_symbol_rect,
        ((OFF_X, OFF_Y), (W + 1, H)), "vec", np.float32)
check(np.array_equal(debug.get_symbol(OFF_X + W - 1, OFF_Y + H - 1, "vec", np.float32),
                     v[H - 1, W - 1] * np.float32(-2.0)),
      "debug_util reads the stopped session's vec at the far corner")
other.close()
refused("launch on a closed runtime", ["closed"], other.launch, "scale", 1.0, 0)

# ---- sdk_utils given the wrong things ----
api = get_api_info_dict(args.name)
refused("check_rpc_api of an unknown function", ["'nosuch'"], check_rpc_api, "nosuch", [], api)
refused("check_rpc_api with a str argument", ["'x'", "str"], check_rpc_api, "scale",
        [1.0, "x"], api)
refused("input_array_to_u32 of float64 data", ["float64"], input_array_to_u32,
        np.zeros(4), None, 4)
refused("memcpy_view of a 16-bit array", ["32-bit"], memcpy_view, np.zeros(4, np.uint16),
        np.uint16)

# ---- a kernel that forgets unblock_cmd_stream: the next command fails, it does not hang ----
# (With the SDK a blocking launch of such a function never returns; here the simulator sees
# that no PE can make progress and the launch fails naming the PEs and the function.)
start = time.monotonic()
refused("a blocking launch of a function that never unblocks the command stream",
        ["unblock_cmd_stream", "stall", f"PE({OFF_X},{OFF_Y})"], runner.launch, "stall")
print(f"the stalled launch failed after {time.monotonic() - start:.1f} s")
refused("a copy after the stalled launch", ["memcpy_d2h: no further command runs",
                                           "unblock_cmd_stream"], runner.memcpy_d2h,
        np.zeros(ALL, np.float32), vec, 0, 0, W, H, N)
# stop() ends the session after the hang (it re-ran the hang before, and never succeeded,
# so no sim.log or core was written).
try:
    runner.stop()
except Exception as e:  # pylint: disable=broad-except
    check(False, f"stop() after the hang: {type(e).__name__}: {e}")
runner.close()

if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
