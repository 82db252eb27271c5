#!/usr/bin/env cs_python
"""pop-chain-12: two launches; after each, every receiver must have counted exactly the
three data wavelets per launch and summed their values: the all-ce_ignore control wavelet
between them, popped by every router on its way, must never reach a data task (it does on
routers past the eighth before the fix: build/h-variants NOTES 3)."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    MemcpyDataType,
    MemcpyOrder,
    SdkRuntime,
)

parser = argparse.ArgumentParser()
parser.add_argument("--name", required=True)
parser.add_argument("--cmaddr")
args = parser.parse_args()
with open(f"{args.name}/out.json", encoding="utf-8") as f:
    W = int(json.load(f)["params"]["width"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("count", "sum")}
runner.load()
runner.run()
total = 0
for rnd, base in enumerate((100, 7000)):
    runner.launch("go", np.uint32(base), nonblock=False)
    total += 3 * base + 3
    got = {}
    for s in ("count", "sum"):
        out = np.zeros(W, dtype=np.uint32)
        runner.memcpy_d2h(out, ids[s], 0, 0, W, 1, 1, streaming=False,
                          data_type=MemcpyDataType.MEMCPY_32BIT,
                          order=MemcpyOrder.ROW_MAJOR, nonblock=False)
        got[s] = out[1:]
    assert list(got["count"]) == [3 * (rnd + 1)] * (W - 1), \
        f"launch {rnd}: data wavelets counted per receiver {list(got['count'])}"
    assert list(got["sum"]) == [total] * (W - 1), f"launch {rnd}: sums {list(got['sum'])}"
runner.stop()
print("SUCCESS!")
