#!/usr/bin/env cs_python
"""host-api-contract: the SDK host API as its documentation states it, checked call by call.

SdkRuntime (constructor keywords, get_id, load/run/stop and their misuse, memcpy_h2d and
memcpy_d2h in positional, keyword and default forms, both orders and both widths,
nonblocking copies, launches and calls with is_task_done/task_wait, argument errors that
name the argument, read_symbol, coord_logical_to_physical), sdk_utils, debug_util after
stop(), and appliance mode (SdkCompiler, SdkLauncher with launched.py, and the
with-block SdkRuntime of cerebras.sdk.client).
Prints SUCCESS! only when every check passes."""
import argparse
import json
import os
import pathlib
import tempfile
import time

import numpy as np

from cerebras.sdk.client import SdkCompiler, SdkLauncher
from cerebras.sdk.client import SdkRuntime as ApplianceRuntime
from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime
from cerebras.sdk.sdk_utils import (cast_uint32, check_rpc_api, get_api_info_dict,
                                    input_array_to_u32, memcpy_view)

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of the system (omit for the simulator)")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    compile_data = json.load(f)
W = int(compile_data["params"]["width"])
H = int(compile_data["params"]["height"])
N = int(compile_data["params"]["n"])
OFF_X, OFF_Y = 4, 1  # --fabric-offsets: debug_util takes fabric coordinates
B32, B16 = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


def refused(what, words, fn, *a, **kw):
    """fn(*a, **kw) must raise, with every one of `words` in the message."""
    try:
        fn(*a, **kw)
    except Exception as e:  # pylint: disable=broad-except
        missing = [w for w in words if w not in str(e)]
        check(not missing, f"{what}: {type(e).__name__}: '{e}' lacks {missing}")
        return
    check(False, f"{what}: no error")


def col_major(block):
    """A host array [h][w][n] flattened as MemcpyOrder.COL_MAJOR lays it out."""
    return block.transpose(2, 1, 0).ravel()


# ---- enums and sdk_utils, before any device ----
check(MemcpyDataType(1) is B16 and B16.name == "MEMCPY_16BIT" and B32.value == 0,
      "MemcpyDataType members, names and values")
check(MemcpyOrder(1) is COL and ROW.name == "ROW_MAJOR", "MemcpyOrder members")
check(cast_uint32(np.float16(1.5)) == 0x3E00 and cast_uint32(np.float32(-1.0)) == 0xBF800000,
      "cast_uint32 gives the bits of 16- and 32-bit values")
api = get_api_info_dict(args.name)
check(sorted(api) == ["mix", "scale", "widen"] and api["scale"][1] == ["f32", "u16"]
      and api["widen"][1] == ["u16"], f"get_api_info_dict: {api}")
check(check_rpc_api("scale", [np.float32(2.0), np.uint16(N)], api), "check_rpc_api accepts")
refused("check_rpc_api with a wrong count", ["scale", "2 arguments"], check_rpc_api, "scale",
        [1.0], api)

# ---- constructor keywords; the lifecycle before run() ----
runner = SdkRuntime(pathlib.Path(args.name), cmaddr=args.cmaddr, suppress_simfab_trace=True,
                    simfab_numthreads=2, msg_level="WARNING")
vec_id, half_id, ints_id, stats_id = (runner.get_id(s) for s in ("vec", "half", "ints", "stats"))
check(len({vec_id, half_id, ints_id, stats_id}) == 4 and isinstance(vec_id, int),
      "get_id gives four distinct integer ids")
refused("get_id of an unknown symbol", ["'nosuch'"], runner.get_id, "nosuch")
refused("SdkRuntime with an unknown keyword", ["threads"], SdkRuntime, args.name, threads=2)
zeros = np.zeros(W * H * N, np.float32)
refused("memcpy_h2d before load()", ["memcpy_h2d", "load()"], runner.memcpy_h2d, vec_id,
        zeros, 0, 0, W, H, N)
refused("run() before load()", ["run", "load()"], runner.run)
runner.load()
refused("memcpy_d2h before run()", ["memcpy_d2h", "run()"], runner.memcpy_d2h, zeros.copy(),
        vec_id, 0, 0, W, H, N)
refused("launch before run()", ["launch", "run()"], runner.launch, "widen", 1)
refused("stop() before run()", ["stop", "run()"], runner.stop)
runner.run()
refused("run() twice", ["run"], runner.run)

# ---- copies: positional, keyword and default forms; both orders ----
a = np.arange(W * H * N, dtype=np.float32) * 0.5 - 3.0  # [h][w][n], ROW_MAJOR
runner.memcpy_h2d(vec_id, a, 0, 0, W, H, N, streaming=False, data_type=B32, order=ROW,
                  nonblock=False)
got = np.zeros(W * H * N, np.float32)
runner.memcpy_d2h(dest=got, src=vec_id, px=0, py=0, w=W, h=H, elem_per_pe=N, streaming=False,
                  data_type=B32, order=COL, nonblock=False)
check(np.array_equal(got, col_major(a.reshape(H, W, N))),
      "ROW_MAJOR in, COL_MAJOR out by keyword arguments")
patch = np.array([100.0 + i for i in range(2 * N)], np.float32)
runner.memcpy_h2d(vec_id, patch, 1, 1, w=2, h=1, elem_per_pe=N, order=ROW)
expected_vec = a.reshape(H, W, N).copy()
expected_vec[1, 1:3, :] = patch.reshape(2, N)
got = np.zeros(W * H * N, np.float32)
runner.memcpy_d2h(got, vec_id, 0, 0, W, H, N)  # the defaults: copy mode, 32 bits, ROW_MAJOR
check(np.array_equal(got, expected_vec.ravel()), "a keyword sub-rectangle, then the defaults")

halves = ((np.arange(W * H * N) * 4099 + 7) % 65536).astype(np.uint16).reshape(H, W, N)
runner.memcpy_h2d(half_id, input_array_to_u32(col_major(halves), None, N), 0, 0, W, H, N,
                  streaming=False, data_type=B16, order=COL, nonblock=False)
words = np.full(W * H * N, 0xFFFFFFFF, np.uint32)
runner.memcpy_d2h(words, half_id, 0, 0, W, H, N, streaming=False, data_type=B16, order=ROW,
                  nonblock=False)
check(np.array_equal(memcpy_view(words, np.dtype(np.uint16)), halves.ravel()),
      "16-bit COL_MAJOR in, ROW_MAJOR out")
check(not np.any(words >> 16), "16-bit D2H words have zero upper halves")

ints = (np.arange(W * H * N, dtype=np.int32) - 11) * 1000003
runner.memcpy_h2d(ints_id, ints, 0, 0, W, H, N, streaming=False, data_type=B32, order=ROW,
                  nonblock=False)

# ---- nonblocking commands and their task handles ----
c = np.linspace(-2.0, 2.0, W * H * N).astype(np.float32)
t_copy = runner.memcpy_h2d(vec_id, c, 0, 0, W, H, N, nonblock=True)
t_scale = runner.launch("scale", np.float32(2.0), np.uint16(N - 1), nonblock=True)
t_widen = runner.call("widen", np.array([65530], np.uint32), nonblock=True)
after = np.zeros(W * H * N, np.float32)
t_back = runner.memcpy_d2h(after, vec_id, 0, 0, W, H, N, nonblock=True)
deadline = time.monotonic() + 120
while not runner.is_task_done(t_back):
    check(time.monotonic() < deadline, "the nonblocking D2H finishes")
    if failures:
        break
    time.sleep(0.01)
check(all(runner.is_task_done(t) for t in (t_copy, t_scale, t_widen)),
      "commands before a finished one are finished too")
for t in (t_copy, t_scale, t_widen, t_back, t_back):  # waiting twice is harmless
    runner.task_wait(t)
scaled = c.reshape(H, W, N).copy()
scaled[:, :, :N - 1] *= 2.0
check(np.array_equal(after, scaled.ravel()), "nonblocking copy, launch, copy back")
runner.launch("mix", -3, True, 7)  # Python scalars, blocking
runner.call("mix", [5, 0, 1 << 31])  # packed words: i16 5, false, 2**31
words = np.zeros(W * H * N, np.uint32)
runner.memcpy_d2h(words, half_id, 0, 0, W, H, N, data_type=B16)
check(np.array_equal(memcpy_view(words, np.dtype(np.uint16)),
                     ((halves.astype(np.int64) + 65530) % 65536).ravel()),
      "call('widen') wrapped u16s")
got_ints = np.zeros(W * H * N, np.int32)
runner.memcpy_d2h(got_ints, ints_id, 0, 0, W, H, N)
expected_ints = ints.reshape(H, W, N) + 2 * (np.arange(N, dtype=np.int32) + 1)
check(np.array_equal(got_ints, expected_ints.ravel()), "mix launched, then called")
stats = np.zeros(W * H * 4, np.uint32)
runner.memcpy_d2h(stats, stats_id, 0, 0, W, H, 4)
stats = stats.reshape(H, W, 4)
check(np.all(stats[:, :, 0] == 4) and np.all(stats[:, :, 1] == N - 1)
      and np.all(stats[:, :, 2] == 0), f"stats counters {stats[:, :, :3].tolist()}")
check(stats[:, :, 3].tolist() == [[(1 << 31) + 10 * x + y for x in range(W)] for y in range(H)],
      f"stats words {stats[:, :, 3].tolist()}")

# ---- misuse while running: each error names what is wrong ----
refused("a source array too small", ["src", f"{N - 1} elements"], runner.memcpy_h2d, vec_id,
        np.zeros(N - 1, np.float32), 0, 0, 1, 1, N)
refused("a rectangle past the east edge", ["px"], runner.memcpy_d2h,
        np.zeros(N, np.float32), vec_id, W, 0, 1, 1, N)
refused("a copy into an immutable symbol", ["'stats'"], runner.memcpy_h2d, stats_id,
        np.zeros(4, np.uint32), 0, 0, 1, 1, 4)
refused("an unknown symbol id", ["4242"], runner.memcpy_h2d, 4242, np.zeros(N, np.float32), 0,
        0, 1, 1, N)
refused("a float coordinate", ["py"], runner.memcpy_h2d, vec_id, np.zeros(N, np.float32), 0,
        0.5, 1, 1, N)
refused("a data_type outside the enum", ["data_type"], runner.memcpy_d2h,
        np.zeros(N, np.float32), vec_id, 0, 0, 1, 1, N, data_type=5)
refused("a misspelt keyword", ["stream"], runner.memcpy_h2d, vec_id, np.zeros(N, np.float32),
        0, 0, 1, 1, N, stream=True)
refused("a D2H into a non-array", ["dest"], runner.memcpy_d2h, [0.0] * N, vec_id, 0, 0, 1, 1,
        N)
refused("an unknown function", ["'nosuch_fn'"], runner.launch, "nosuch_fn")
refused("too few launch arguments", ["scale", "2"], runner.launch, "scale", 1.0)
refused("a launch argument out of its type", ["70000", "u16"], runner.launch, "widen", 70000)
refused("task_wait on a non-task", ["Task"], runner.task_wait, 3)

# ---- simulator extras ----
check(runner.coord_logical_to_physical((2, 1)) == (OFF_X + 2, OFF_Y + 1),
      "coord_logical_to_physical")
check(np.array_equal(runner.read_symbol(1, 1, symbol_name="vec", dtype="float32"),
                     after.reshape(H, W, N)[1, 1]), "read_symbol at rectangle coordinates")

# ---- stop, then what a stopped runtime refuses; debug_util reads the final state ----
runner.stop()
refused("memcpy_h2d after stop()", ["memcpy_h2d", "stopped"], runner.memcpy_h2d, vec_id,
        np.zeros(N, np.float32), 0, 0, 1, 1, N)
refused("stop() twice", ["stop"], runner.stop)
debug = debug_util(args.name, cmaddr=args.cmaddr)
for x in range(W):
    for y in range(H):
        check(np.array_equal(debug.get_symbol(OFF_X + x, OFF_Y + y, "vec", np.float32),
                             after.reshape(H, W, N)[y, x]), f"debug_util get_symbol at {x},{y}")
rect = debug.get_symbol_rect(((OFF_X, OFF_Y), (W, H)), "ints", np.int32)
check(np.array_equal(rect, expected_ints.transpose(1, 0, 2)), "get_symbol_rect is [col][row][n]")

# ---- appliance mode: compile on the appliance, run launched.py in a job there ----
with tempfile.TemporaryDirectory(prefix="host-api-contract-") as scratch:
    here = os.path.dirname(os.path.abspath(__file__))
    with SdkCompiler(resource_cpu=1, resource_mem=1 << 30) as compiler:
        artifact = compiler.compile(
            here, "layout.csl",
            f"--arch={compile_data.get('arch', 'wse2')} --fabric-dims={W + 7},{H + 2} "
            f"--fabric-offsets={OFF_X},{OFF_Y} --params=width:{W},height:{H},n:{N} "
            "-o appliance_out --memcpy --channels=1", scratch)
    check(os.path.exists(os.path.join(artifact, "out.json")), "SdkCompiler.compile's artifact")
    with SdkLauncher(artifact, simulator=True) as launcher:
        launcher.stage(os.path.join(here, "launched.py"))
        response = launcher.run("cs_python launched.py --name appliance_out --cmaddr %CMADDR%")
        check("LAUNCHED OK" in response, f"SdkLauncher.run: {response!r}")
        launcher.download_artifact("launched.json", os.path.join(scratch, "launched.json"))
        with open(os.path.join(scratch, "launched.json"), encoding="utf-8") as f:
            check(json.load(f) == [6.0] * N, "download_artifact of the job's output")
    # Appliance mode's SdkRuntime loads and runs on entering its with block, stops on leaving.
    halved = np.zeros(N, np.float32)
    with ApplianceRuntime(artifact, simulator=True) as appliance_runner:
        appliance_runner.memcpy_h2d(appliance_runner.get_id("vec"), np.full(N, 3.0, np.float32),
                                    W - 1, H - 1, 1, 1, N, streaming=False, data_type=B32,
                                    order=ROW, nonblock=False)
        appliance_runner.launch("scale", -0.5, N, nonblock=True)
        appliance_runner.memcpy_d2h(halved, appliance_runner.get_id("vec"), W - 1, H - 1, 1, 1, N,
                                    nonblock=True)
    check(halved.tolist() == [-1.5] * N, "appliance-mode SdkRuntime; its stop() filled the D2H")

if failures:
    print(f"{len(failures)} check(s) failed")
else:
    print("SUCCESS!")
