#!/usr/bin/env cs_python
"""wse3-fifo-suspend: one synchronous pop of n values through an 8-slot FIFO that a
concurrent async receive fills (empty action suspend), then terminate-on-empty pops that
return true and leave the rest of their destination untouched. Three launches."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])

rt = SdkRuntime(args.name, cmaddr=args.cmaddr)
rt.load()
rt.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
f32 = np.float32

rng = np.random.default_rng(9)
for launch, (k, m) in enumerate(((3, 5), (1, 8), (6, 7))):
    data = rng.uniform(0, 10, size=n).astype(f32)
    rt.memcpy_h2d(rt.get_id("buf"), data, 0, 0, 1, 1, n, streaming=False, order=row,
                  data_type=u32, nonblock=False)
    rt.launch("go", np.uint16(k), np.uint16(m), nonblock=False)
    got = np.zeros(n + 11, dtype=f32)
    rt.memcpy_d2h(got, rt.get_id("buf"), 1, 0, 1, 1, n + 11, streaming=False, order=row,
                  data_type=u32, nonblock=False)
    where = f"launch {launch} (k={k}, m={m})"
    np.testing.assert_array_equal(got[:n], data, err_msg=f"{where}: stream")
    assert got[n + 10] == 1, f"{where}: the suspending pop returned false"
    # The terminate pop takes the k values the FIFO holds (the stream's first k, read
    # back from buf after the first pop) and leaves the other m - k slots at -1.
    want_tail = np.full(8, -1, dtype=f32)
    want_tail[:k] = data[:k]
    # Then the empty-FIFO pop of one element (into buf[n]) moves nothing.
    np.testing.assert_array_equal(got[n:n + 8], want_tail, err_msg=f"{where}: terminate pop")
    assert got[n + 8] == 1 and got[n + 9] == 1, f"{where}: results {got[n + 8:n + 10]}"
rt.stop()
print("SUCCESS!")
