#!/usr/bin/env cs_python
"""iq-rotate-gather: four gathers with new values; the bottom PE's log must hold the top,
second and third PE's values in that order, whatever order they reached its router in;
handler runs and counters checked."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("values", "log", "info")}
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
rng = np.random.default_rng(4)
for launch in range(1, 5):
    values = rng.integers(0, 1 << 32, size=(3, n), dtype=np.uint32)
    runner.memcpy_h2d(ids["values"], values.ravel(), 0, 0, 1, 3, n, streaming=False,
                      order=row, data_type=u32, nonblock=False)
    runner.launch("gather", nonblock=False)
    log = np.zeros(3 * n, dtype=np.uint32)
    runner.memcpy_d2h(log, ids["log"], 0, 3, 1, 1, 3 * n, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    np.testing.assert_array_equal(log, values.ravel(), err_msg=f"gather {launch}")
    info = np.zeros(4, dtype=np.uint32)
    runner.memcpy_d2h(info, ids["info"], 0, 3, 1, 1, 4, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    np.testing.assert_array_equal(info, [launch, 3 * launch, 3 * n * launch, 0])
    senders = np.zeros(12, dtype=np.uint32)
    runner.memcpy_d2h(senders, ids["info"], 0, 0, 1, 3, 4, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    assert (senders.reshape(3, 4)[:, 0] == launch).all(), senders
    print(f"gather {launch}: 3 x {n} values in sender order")
runner.stop()
print("SUCCESS!")
