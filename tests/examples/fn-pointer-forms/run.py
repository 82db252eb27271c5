#!/usr/bin/env cs_python
"""fn-pointer-forms: 16 host picks; each step's five calls (direct, table, struct field,
through a pointer to the pointer, explicit dereference) must equal the Python function
applied to the same argument (u32 arithmetic)."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

M = 0xFFFFFFFF
ops = [lambda x: (x + 1) & M, lambda x: (x * 2) & M, lambda x: (x * x) & M,
       lambda x: ((x << 3) | (x >> 29)) & M]
n, count, seed = 16, 16, 12345
picks = np.random.default_rng(5).integers(0, 1000, n).astype(np.uint32)
want = []
x = seed
for i in range(count):
    k = int(picks[i]) % 4
    f, g = ops[k], ops[3 - k]
    want += [f(x), f((x + 1) & M), g(x), f((x + 2) & M), f((x + 3) & M)]
    x = f(x)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
picks_id = runner.get_id("picks")
results_id = runner.get_id("results")
runner.load()
runner.run()
row = MemcpyOrder.ROW_MAJOR
runner.memcpy_h2d(picks_id, picks, 0, 0, 1, 1, n, streaming=False, order=row,
                  data_type=MemcpyDataType.MEMCPY_16BIT, nonblock=False)
runner.launch("apply", np.uint16(count), np.uint16(seed), nonblock=False)
got = np.zeros(5 * n, dtype=np.uint32)
runner.memcpy_d2h(got, results_id, 0, 0, 1, 1, 5 * n, streaming=False, order=row,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()
bad = [(i // 5, i % 5, hex(g), hex(w)) for i, (g, w) in enumerate(zip(got, want)) if g != w]
assert not bad, f"(step, form, got, expected): {bad}"
print("SUCCESS!")
