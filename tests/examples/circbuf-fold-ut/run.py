#!/usr/bin/env cs_python
"""circbuf-fold-ut: four folds (n below, at and far above the ring size, on different
microthreads) into a ring that keeps its sums between folds; the ring is checked bit for
bit against float32 sums in stream order."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
w, p, max_n = (int(params[k]) for k in ("w", "p", "max_n"))

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("pattern", "ring", "info")}
runner.load()
runner.run()
f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR

rng = np.random.default_rng(19)
ring = np.zeros(w, dtype=np.float32)
for fold, (n, ut) in enumerate(((w - 2, 3), (w, 7), (max_n, 2), (2 * w + 3, 5)), start=1):
    pattern = rng.uniform(-8, 8, size=p).astype(np.float32)
    runner.memcpy_h2d(ids["pattern"], pattern, 0, 0, 1, 1, p, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    runner.launch("fold", np.uint16(n), np.uint16(ut), np.uint16(0), nonblock=False)
    for i in range(n):
        ring[i % w] = np.float32(ring[i % w] + pattern[i % p])
    got = np.zeros(w, dtype=np.float32)
    runner.memcpy_d2h(got, ids["ring"], 1, 0, 1, 1, w, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    np.testing.assert_array_equal(got, ring, err_msg=f"fold {fold} (n={n})")
    info = np.zeros(2, dtype=np.uint32)
    runner.memcpy_d2h(info, ids["info"], 1, 0, 1, 1, 2, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    np.testing.assert_array_equal(info, [fold, ut])
    print(f"fold {fold}: n={n} on microthread {ut}")
runner.stop()
print("SUCCESS!")
