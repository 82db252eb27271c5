#!/usr/bin/env cs_python
"""ptr-index-wrap: three walks (start, steps) = (n-1, n), (5, 6), (9, 1) over per-PE tables;
each reads p[0], p[65535], p[65534], ... from p = &table[start]: the 16-bit addresses wrap
to table[start], table[start-1], ... Sum and last value checked. Fails while the
simulator does not wrap addresses (build/h-variants NOTES 8; not registered)."""
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
    n = int(json.load(f)["params"]["n"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
tid, oid = runner.get_id("table"), runner.get_id("out")
runner.load()
runner.run()
rng = np.random.default_rng(3)
table = rng.integers(0, 65536, size=(3, n)).astype(np.uint32)
runner.memcpy_h2d(tid, table.ravel(), 0, 0, 3, 1, n, streaming=False,
                  data_type=MemcpyDataType.MEMCPY_16BIT, order=MemcpyOrder.ROW_MAJOR,
                  nonblock=False)
for start, steps in ((n - 1, n), (5, 6), (9, 1)):
    runner.launch("walk", np.uint16(start), np.uint16(steps), nonblock=False)
    out = np.zeros(6, dtype=np.uint32)
    runner.memcpy_d2h(out, oid, 0, 0, 3, 1, 2, streaming=False,
                      data_type=MemcpyDataType.MEMCPY_32BIT, order=MemcpyOrder.ROW_MAJOR,
                      nonblock=False)
    out = out.reshape(3, 2)
    for x in range(3):
        read = [int(table[x, start - k]) for k in range(steps)]
        assert list(out[x]) == [sum(read), read[-1]], f"walk({start}, {steps}) on PE {x}: {out[x]}"
runner.stop()
print("SUCCESS!")
