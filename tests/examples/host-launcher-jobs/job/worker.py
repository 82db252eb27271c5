"""Runs inside an SdkLauncher job (staged by run.py with its helpers/ directory).
--mode a: acc = inputs.npy, axpy(3, -1), saved to result_a.npy
--mode b: acc = result_a.npy (left in the workspace by mode a), axpy(-2, 5), result_b.npy
--mode fail: exits with status 3 after printing why."""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "helpers"))
from pack import block_of  # pylint: disable=wrong-import-position

from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime  # pylint: disable=wrong-import-position

parser = argparse.ArgumentParser()
parser.add_argument("--name", default="out")
parser.add_argument("--cmaddr", default=None)
parser.add_argument("--mode", choices=("a", "b", "fail"), required=True)
args = parser.parse_args()
if args.mode == "fail":
    print("worker: refusing on purpose")
    sys.exit(3)

W, H, N = block_of(args.name)
source, (a, b), target = {"a": ("inputs.npy", (3, -1), "result_a.npy"),
                          "b": ("result_a.npy", (-2, 5), "result_b.npy")}[args.mode]
acc_in = np.load(source)
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
acc = runner.get_id("acc")
runner.load()
runner.run()
runner.memcpy_h2d(acc, acc_in, 0, 0, W, H, N, streaming=False,
                  data_type=MemcpyDataType.MEMCPY_32BIT, order=MemcpyOrder.ROW_MAJOR,
                  nonblock=True)
runner.launch("axpy", np.int32(a), np.int32(b), nonblock=True)
out = np.zeros_like(acc_in)
runner.memcpy_d2h(out, acc, 0, 0, W, H, N, streaming=False,
                  data_type=MemcpyDataType.MEMCPY_32BIT, order=MemcpyOrder.ROW_MAJOR,
                  nonblock=True)
runner.stop()
np.save(target, out)
print(f"worker {args.mode}: cmaddr {args.cmaddr}, wrote {target}, sum {int(out.astype(np.int64).sum())}")
