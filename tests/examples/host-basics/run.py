#!/usr/bin/env cs_python
"""host-basics: checks values and counters after two launches, using ROW_MAJOR and
COL_MAJOR copies, nonblocking commands and a D2H that stop() completes."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port or unix:PATH of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width = int(params["width"])
size = int(params["size"])

rng = np.random.default_rng(7)
values = rng.uniform(-4, 4, size=(1, width, size)).astype(np.float32)  # [h][w][size]
counters = np.arange(width * size, dtype=np.uint32).reshape(1, width, size)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
values_id = runner.get_id("values")
counters_id = runner.get_id("counters")
runner.load()
runner.run()

f32 = MemcpyDataType.MEMCPY_32BIT
runner.memcpy_h2d(values_id, values.ravel(), 0, 0, width, 1, size, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
# COL_MAJOR wants the PE index fastest: A[h][w][l] -> transpose to [l][w][h].
runner.memcpy_h2d(counters_id, counters.transpose(2, 1, 0).ravel(), 0, 0, width, 1, size,
                  streaming=False, order=MemcpyOrder.COL_MAJOR, data_type=f32, nonblock=True)
runner.launch("scale_and_shift", np.float32(0.5), np.int16(3), nonblock=False)
task = runner.launch("scale_and_shift", 2.0, -1, nonblock=True)
runner.task_wait(task)

got_values = np.zeros(width * size, dtype=np.float32)
runner.memcpy_d2h(got_values, values_id, 0, 0, width, 1, size, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
got_counters = np.zeros(width * size, dtype=np.uint32)
runner.memcpy_d2h(got_counters, counters_id, 0, 0, width, 1, size, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=True)
runner.stop()

column = np.arange(width, dtype=np.float32).reshape(1, width, 1)
expected = (values * np.float32(0.5) + (3 + column)) * np.float32(2.0) + (-1 + column)
np.testing.assert_allclose(got_values, expected.ravel(), rtol=1e-6, atol=1e-6)
np.testing.assert_array_equal(got_counters, counters.ravel() + 2)
print("SUCCESS!")
