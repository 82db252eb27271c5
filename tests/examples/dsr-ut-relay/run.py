#!/usr/bin/env cs_python
"""dsr-ut-relay: three launches with new a, b, k and another run-time microthread for
the last PE; z = (a - b) * k read from PE 2 bit for bit against float32 numpy, and the
completion counters (one async op per PE per launch)."""
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
vec_id = runner.get_id("vec")
done_id = runner.get_id("done")
runner.load()
runner.run()
w32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR

rng = np.random.default_rng(333)
for count, (k, sink_ut) in enumerate(((np.float32(1.5), 2), (np.float32(-0.1), 7),
                                      (np.float32(1e36), 1)), start=1):
    a = rng.uniform(-1e3, 1e3, size=n).astype(np.float32)
    b = rng.uniform(-1e3, 1e3, size=n).astype(np.float32)
    both = np.concatenate((a, b))
    runner.memcpy_h2d(vec_id, both, 0, 0, 2, 1, n, streaming=False, order=row,
                      data_type=w32, nonblock=False)
    runner.launch("run", k, np.uint16(sink_ut), nonblock=False)
    z = np.zeros(n, dtype=np.float32)
    runner.memcpy_d2h(z, vec_id, 2, 0, 1, 1, n, streaming=False, order=row, data_type=w32,
                      nonblock=False)
    with np.errstate(over="ignore"):
        expect = ((a - b).astype(np.float32) * k).astype(np.float32)
    np.testing.assert_array_equal(z, expect)
    done = np.zeros(3, dtype=np.uint32)
    runner.memcpy_d2h(done, done_id, 0, 0, 3, 1, 1, streaming=False, order=row,
                      data_type=w32, nonblock=False)
    np.testing.assert_array_equal(done, [count] * 3)
    print(f"k = {k}, sink microthread {sink_ut}: ok ({np.isinf(expect).sum()} infinities)")
runner.stop()
print("SUCCESS!")
