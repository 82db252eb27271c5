#!/usr/bin/env cs_python
"""compile-sweep's child: runs one compiled variant and prints its results as one JSON
line. x comes from --seed, so the parent can rebuild it."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name", required=True)
parser.add_argument("--cmaddr")
parser.add_argument("--seed", type=int, default=0)
parser.add_argument("--coef", type=float, default=1.0)
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width, n = int(params["width"]), int(params["n"])
x = np.random.default_rng(args.seed).uniform(-1.5, 1.5, size=(1, width, n)).astype(np.float32)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
x_id, y_id = runner.get_id("x"), runner.get_id("y")
runner.load()
runner.run()
runner.memcpy_h2d(x_id, x.ravel(), 0, 0, width, 1, n, streaming=False,
                  data_type=MemcpyDataType.MEMCPY_32BIT, order=MemcpyOrder.ROW_MAJOR,
                  nonblock=False)
runner.launch("horner", np.float32(args.coef), nonblock=False)
y = np.zeros(width * n, np.float32)
runner.memcpy_d2h(y, y_id, 0, 0, width, 1, n, streaming=False,
                  data_type=MemcpyDataType.MEMCPY_32BIT, order=MemcpyOrder.ROW_MAJOR,
                  nonblock=False)
runner.stop()
print("RESULT " + json.dumps({"name": args.name, "y_bits": y.view(np.uint32).tolist()}))
