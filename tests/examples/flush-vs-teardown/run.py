#!/usr/bin/env cs_python
"""flush-vs-teardown: one launch; PE 1's log must hold every value in order, and PE 0's
teardown task must have run twice: first for the TEARDOWN wavelet (both colors in
teardown, the data queue neither reported flushed nor empty), then for the flush (no color
in teardown, flushed, empty)."""
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
ids = {s: runner.get_id(s) for s in ("values", "log", "runs")}
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR

values = np.random.default_rng(8).integers(0, 1 << 32, size=n, dtype=np.uint32)
runner.memcpy_h2d(ids["values"], values, 0, 0, 1, 1, n, streaming=False, order=row,
                  data_type=u32, nonblock=False)
runner.launch("go", nonblock=False)


def get(name, px, count):
    out = np.zeros(count, dtype=np.uint32)
    runner.memcpy_d2h(out, ids[name], px, 0, 1, 1, count, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    return out


np.testing.assert_array_equal(get("log", 1, n), values)
holder = get("runs", 1, 15)
assert holder[0] == 1 and holder[1] == 1, f"PE 1: teardown runs, ready wavelets = {holder[:2]}"
runs = get("runs", 0, 15).reshape(3, 5)
print("PE 0 teardown runs [td_c held, data_c held, flushed, empty, run]:", runs.tolist())
np.testing.assert_array_equal(runs[0], [1, 1, 0, 0, 1],
                              err_msg="run 1 (the TEARDOWN wavelet): the data queue cannot be "
                                      "empty yet, so it must not be reported flushed")
np.testing.assert_array_equal(runs[1], [0, 0, 1, 1, 2], err_msg="run 2 (the flush)")
np.testing.assert_array_equal(runs[2], 0, err_msg="more than two teardown runs")
runner.stop()
print("SUCCESS!")
