#!/usr/bin/env cs_python
"""async-host-channels: three nonblocking H2D copies in flight at once (waited for with
is_task_done polling and task_wait), two nonblocking launches, then two nonblocking D2H
copies; results compared with numpy."""
import argparse
import json
import time

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width, height, length = int(params["width"]), int(params["height"]), int(params["len"])
pes = width * height

rng = np.random.default_rng(7)
a = rng.uniform(-2, 2, size=(height, width, length)).astype(np.float32)
b = rng.uniform(-2, 2, size=(height, width, length)).astype(np.float32)
c = rng.integers(-1000, 1000, size=(height, width, length)).astype(np.int32)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {name: runner.get_id(name) for name in ("a", "b", "c", "y", "ci")}
runner.load()
runner.run()

f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
col = MemcpyOrder.COL_MAJOR
# b goes COL_MAJOR: flat[y + x*height + k*height*width], i.e. [len][width][height].
loads = [
    runner.memcpy_h2d(ids["a"], a.ravel(), 0, 0, width, height, length, streaming=False,
                      order=row, data_type=f32, nonblock=True),
    runner.memcpy_h2d(ids["b"], b.transpose(2, 1, 0).ravel(), 0, 0, width, height, length,
                      streaming=False, order=col, data_type=f32, nonblock=True),
    runner.memcpy_h2d(ids["c"], c.ravel(), 0, 0, width, height, length, streaming=False,
                      order=row, data_type=f32, nonblock=True),
]
deadline = time.monotonic() + 30
while not all(runner.is_task_done(t) for t in loads):
    assert time.monotonic() < deadline, "H2D copies did not finish"
    time.sleep(0.001)
for t in loads:
    runner.task_wait(t)  # already done: returns at once

alpha1, alpha2 = np.float32(1.5), np.float32(-0.75)
first = runner.launch("compute", alpha1, np.int32(11), nonblock=True)
second = runner.launch("compute", alpha2, np.int32(-5), nonblock=True)
runner.task_wait(first)
runner.task_wait(second)
assert runner.is_task_done(first) and runner.is_task_done(second)

y = np.zeros(pes * length, dtype=np.float32)
ci = np.zeros(pes * length, dtype=np.int32)
reads = [
    runner.memcpy_d2h(y, ids["y"], 0, 0, width, height, length, streaming=False,
                      order=row, data_type=f32, nonblock=True),
    runner.memcpy_d2h(ci, ids["ci"], 0, 0, width, height, length, streaming=False,
                      order=col, data_type=f32, nonblock=True),
]
for t in reversed(reads):
    runner.task_wait(t)
runner.stop()

expected_y = np.zeros_like(a)
for alpha in (alpha1, alpha2):
    expected_y = (expected_y + b).astype(np.float32)
    expected_y = (expected_y + a * alpha).astype(np.float32)
np.testing.assert_allclose(y.reshape(height, width, length), expected_y, rtol=1e-6, atol=1e-6)
pe_id = (np.arange(pes, dtype=np.int32).reshape(height, width) + 1)[:, :, None]
expected_ci = c * pe_id - 5
np.testing.assert_array_equal(ci.reshape(length, width, height).transpose(2, 1, 0), expected_ci)
print("SUCCESS!")
