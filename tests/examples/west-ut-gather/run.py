#!/usr/bin/env cs_python
"""west-ut-gather: two streams into one PE at once on explicit WSE-3 microthreads;
three launches accumulate, with a different k for the far stream each time."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port or unix:PATH of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vec_id = runner.get_id("vec")
acc_id = runner.get_id("acc")
runner.load()
runner.run()

f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
rng = np.random.default_rng(23)
near_acc = np.zeros(n, dtype=np.float32)
far_acc = np.zeros(n, dtype=np.float32)
# Powers of two: k * x is exact in f32, so the result does not depend on whether @fmacs
# rounds the product before the sum.
for launch, k in enumerate((2.0, -0.25, 4.0)):
    sent = rng.uniform(-8, 8, size=(2, n)).astype(np.float32)  # (1,0) and (2,0)
    runner.memcpy_h2d(vec_id, sent.ravel(), 1, 0, 2, 1, n, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    runner.launch("gather", np.float32(k), nonblock=False)
    near_acc = near_acc + sent[0]
    far_acc = far_acc + sent[1] * np.float32(k)
    acc = np.zeros(2 * n, dtype=np.float32)
    runner.memcpy_d2h(acc, acc_id, 0, 0, 1, 1, 2 * n, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    np.testing.assert_array_equal(acc[:n], near_acc, err_msg=f"near, launch {launch}")
    np.testing.assert_array_equal(acc[n:], far_acc, err_msg=f"far, launch {launch}")
    vec = np.zeros(3 * n, dtype=np.float32)
    runner.memcpy_d2h(vec, vec_id, 0, 0, 3, 1, n, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    np.testing.assert_array_equal(vec[:n], near_acc - far_acc, err_msg=f"vec, launch {launch}")
    np.testing.assert_array_equal(vec[n:], sent.ravel(), err_msg="senders keep their data")
runner.stop()
print("SUCCESS!")
