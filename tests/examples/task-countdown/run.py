#!/usr/bin/env cs_python
"""task-countdown: three launches with different steps; checks how often each PE's
self-activating task ran and what it accumulated, against counts from --params."""
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
base = int(params["base"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
state_id = runner.get_id("state")
runner.load()
runner.run()

steps = [3, 1000, 7]
ticks = base + np.arange(width, dtype=np.uint64)
tick_runs = np.zeros(width, dtype=np.uint64)
total = np.zeros(width, dtype=np.uint64)
for launch, step in enumerate(steps):
    runner.launch("start", np.uint32(step), nonblock=False)
    got = np.zeros(width * 4, dtype=np.uint32)
    runner.memcpy_d2h(got, state_id, 0, 0, width, 1, 4, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    got = got.reshape(width, 4)
    last = step * ticks * (ticks + 1) // 2
    tick_runs += ticks
    total += last
    np.testing.assert_array_equal(got[:, 0], tick_runs, err_msg=f"tick runs, launch {launch}")
    np.testing.assert_array_equal(got[:, 1], launch + 1, err_msg=f"finish runs, launch {launch}")
    np.testing.assert_array_equal(got[:, 2], last, err_msg=f"accumulator, launch {launch}")
    np.testing.assert_array_equal(got[:, 3], total, err_msg=f"running total, launch {launch}")
runner.stop()
print("SUCCESS!")
