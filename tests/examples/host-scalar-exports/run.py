#!/usr/bin/env cs_python
"""host-scalar-exports: exported scalars, one value per PE: f32 gain and u32 steps by 32-bit
copies, i16 bias and u16 mask by 16-bit copies (negative biases sign-extended on the
device, read back with memcpy_view as int16), the initial values read before any write,
a write to the immutable `steps` refused naming it, per-PE values through sub-rectangles
and a column broadcast (elem_per_pe = 1), then apply() on every PE checked against a model.
Prints SUCCESS! only when every check passes."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime
from cerebras.sdk.sdk_utils import input_array_to_u32, memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of the system (omit for the simulator)")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H, N = int(params["width"]), int(params["height"]), int(params["n"])
B16, B32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("gain", "bias", "mask", "steps", "in", "out", "tag")}
runner.load()
runner.run()

# ---- initial values, one element per PE ----
g0, s0 = np.zeros((H, W), np.float32), np.zeros((H, W), np.uint32)
b0, m0 = np.zeros((H, W), np.uint32), np.zeros((H, W), np.uint32)
runner.memcpy_d2h(g0, ids["gain"], 0, 0, W, H, 1)
runner.memcpy_d2h(s0, ids["steps"], 0, 0, W, H, 1, order=COL)
runner.memcpy_d2h(b0, ids["bias"], 0, 0, W, H, 1, data_type=B16)
runner.memcpy_d2h(m0, ids["mask"], 0, 0, W, H, 1, data_type=B16, order=COL)
check(np.all(g0 == 1.0) and np.all(s0 == 100) and np.all(b0 == 0) and np.all(m0 == 0xFFFF),
      f"initial scalars: {g0.tolist()} {s0.tolist()} {b0.tolist()} {m0.tolist()}")

try:
    runner.memcpy_h2d(ids["steps"], np.zeros(W * H, np.uint32), 0, 0, W, H, 1)
    check(False, "a write to the immutable 'steps' must be refused")
except Exception as e:  # pylint: disable=broad-except
    check("'steps'" in str(e), f"the refusal names 'steps': {e}")

# ---- per-PE scalars: whole block, a sub-rectangle, a column broadcast ----
rng = np.random.default_rng(77)
gain = (rng.integers(-16, 16, size=(H, W)) / 4).astype(np.float32)
runner.memcpy_h2d(ids["gain"], gain, 0, 0, W, H, 1)
bias = rng.integers(-300, 300, size=(H, W)).astype(np.int16)
runner.memcpy_h2d(ids["bias"], input_array_to_u32(bias, None, 1), 0, 0, W, H, 1,
                  data_type=B16, nonblock=True)
patch = np.array([[-32768], [32767]], np.int16)  # PEs (W-1, 1) and (W-1, 2)
runner.memcpy_h2d(ids["bias"], input_array_to_u32(patch, 1, 1), W - 1, 1, 1, 2, 1,
                  data_type=B16, order=COL, nonblock=True)
bias[1:3, W - 1] = patch[:, 0]
masks = np.array([0x3, 0x5, 0xFFFF], np.uint16)[:W]  # one mask per column
runner.memcpy_h2d_colbcast(ids["mask"], masks.astype(np.uint32), 0, 0, W, H, 1,
                           data_type=B16, nonblock=True)
x = (rng.integers(-64, 64, size=(H, W, N)) / 2).astype(np.float32)
runner.memcpy_h2d(ids["in"], x, 0, 0, W, H, N)
b_back = np.zeros((H, W), np.uint32)
runner.memcpy_d2h(b_back, ids["bias"], 0, 0, W, H, 1, data_type=B16)
check(np.array_equal(memcpy_view(b_back, np.dtype(np.int16)), bias),
      "i16 biases read back 16-bit, negative ones included")

# ---- apply() twice ----
runner.launch("apply", nonblock=True)
runner.launch("apply", nonblock=False)
out = np.zeros((H, W, N), np.float32)
runner.memcpy_d2h(out, ids["out"], 0, 0, W, H, N)
tags = np.zeros((H, W, N), np.uint32)
runner.memcpy_d2h(tags, ids["tag"], 0, 0, W, H, N, data_type=B16)
steps = np.zeros((H, W), np.uint32)
runner.memcpy_d2h(steps, ids["steps"], 0, 0, W, H, 1)
runner.stop()
expected = x * gain[:, :, None] + bias.astype(np.float32)[:, :, None]
check(np.array_equal(out, expected), "out = in * gain + bias per PE")
expected_tags = (np.arange(N)[None, None, :] + np.arange(W)[None, :, None]) & \
    masks.astype(np.int64)[None, :, None]
check(np.array_equal(tags, np.broadcast_to(expected_tags, (H, W, N))),
      "tag = (i + col) & mask, the mask broadcast per column")
check(np.all(steps == 102), f"steps after two applies: {steps.tolist()}")

if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
