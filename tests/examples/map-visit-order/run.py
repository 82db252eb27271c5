#!/usr/bin/env cs_python
"""map-visit-order: four tours with other strides and cuts; the logged visit order of every
@map, the equality of @map-made and loop-made draws (forwards, and backwards through the
reversed output), per-PE seeds differing, and call counts."""
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
row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT
rng = np.random.default_rng(3)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("vals", "log", "draws")}
runner.load()
runner.run()
tours = [(1, 0, n), (3, 1, 5), (-2, n - 1, 6), (0, 4, 3), (-1, 7, 8)]
prev_draws = None
for stride, start, length in tours:
    idx = [start + stride * i for i in range(length)]
    assert all(0 <= j < n for j in idx)
    vals = rng.integers(0, 2**16, size=(2, n), dtype=np.uint32)  # < 2^16: visit2 packs pairs
    runner.memcpy_h2d(ids["vals"], vals.ravel(), 0, 0, 2, 1, n, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    runner.launch("tour", np.int16(stride), np.uint16(start), np.uint16(length), nonblock=False)
    log = np.zeros(2 * 4 * n, np.uint32)
    runner.memcpy_d2h(log, ids["log"], 0, 0, 2, 1, 4 * n, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    draws = np.zeros(2 * 4 * n, np.uint32)
    runner.memcpy_d2h(draws, ids["draws"], 0, 0, 2, 1, 4 * n, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    log = log.reshape(2, 4 * n)
    draws = draws.reshape(2, 4 * n)
    for x in range(2):
        v = vals[x]
        want = [v[j] for j in idx] + [v[n - 1 - i] for i in range(n)] \
            + [v[1 + 2 * i] for i in range(n // 2)] + [v[i] * 65536 + v[n - 1 - i] for i in range(n)]
        got = [int(a) for a in log[x, :len(want)]]
        assert got == [int(w) for w in want], f"tour {(stride, start, length)} PE {x}: visits {got} != {want}"
        nvisits = len(want)
        assert int(draws[x, 3 * n + 1]) == nvisits, f"PE {x}: {int(draws[x, 3 * n + 1])} visits logged"
        assert int(draws[x, 3 * n]) == length, f"PE {x}: counted {int(draws[x, 3 * n])} calls, want {length}"
        fwd = draws[x, 0:n]
        back = draws[x, n:2 * n][::-1]
        loop = draws[x, 2 * n:3 * n]
        assert np.array_equal(fwd, loop), f"PE {x}: @map draws {fwd} != loop draws {loop}"
        assert np.array_equal(back, loop), f"PE {x}: reversed-output draws {back} != {loop}"
        assert np.any((loop ^ v) != 0), f"PE {x}: @random16 gave only zeros"
    # the PEs' seeds differ, so their key streams differ
    keys = draws[:, 2 * n:3 * n] ^ vals
    assert not np.array_equal(keys[0], keys[1]), "both PEs drew the same numbers"
    # the same seed every tour: the key stream repeats
    if prev_draws is not None:
        assert np.array_equal(keys, prev_draws), "a reseeded generator drew other numbers"
    prev_draws = keys
runner.stop()
print("SUCCESS!")
