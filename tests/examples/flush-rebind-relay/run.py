#!/usr/bin/env cs_python
"""flush-rebind-relay: four launches; PE 1's log (A, then C = 3 B + k, in order), PE 2's
copy of B, and every PE's teardown counters checked exactly."""
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
ids = {s: runner.get_id(s) for s in ("a", "b", "log", "got_b", "stats")}
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR


def put(name, x, px, values):
    runner.memcpy_h2d(ids[name], values, px, 0, 1, 1, len(values), streaming=False, order=row,
                      data_type=u32, nonblock=False)


def get(name, px, count):
    out = np.zeros(count, dtype=np.uint32)
    runner.memcpy_d2h(out, ids[name], px, 0, 1, 1, count, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    return out


rng = np.random.default_rng(16)
for launch in range(1, 5):
    a = rng.integers(0, 1 << 31, size=n, dtype=np.uint32)
    b = rng.integers(0, 1 << 31, size=n, dtype=np.uint32)
    k = int(rng.integers(0, 1 << 20))
    put("a", a, 0, a)
    put("b", b, 0, b)
    runner.launch("relay", np.uint32(k), nonblock=False)
    c = (b.astype(np.uint64) * 3 + k).astype(np.uint32)
    np.testing.assert_array_equal(get("got_b", 2, n), b)
    np.testing.assert_array_equal(get("log", 1, 2 * n), np.concatenate([a, c]))
    # source: teardown runs, oq 2 flushes, oq 3 flushes, final phase
    np.testing.assert_array_equal(get("stats", 0, 4), [2 * launch, 2 * launch, 0, 2])
    # middle: teardown runs, iq 2 flushes, iq 5 flushes, values taken at the end (2n; the
    # counter restarts at the next launch)
    np.testing.assert_array_equal(get("stats", 1, 4), [2 * launch, 2 * launch, 0, 2 * n])
    print(f"launch {launch}: relayed {n} + {n} values")
runner.stop()
print("SUCCESS!")
