#!/usr/bin/env cs_python
"""prng-lanes: three launches; the draws of every PE, split by generator, must equal the
reference PE's sequence of that generator, continued across launches, and every
generator must give a non-constant sequence. (Whether the generators start from one seed
is not documented, so their sequences are not compared with each other; a program with a
single shared generator fails anyway, since each interleaved PE would then split one
sequence between its two histories.)"""
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
width = 6

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
pattern_id, draws_id = runner.get_id("pattern"), runner.get_id("draws")
runner.load()
runner.run()
u16 = MemcpyDataType.MEMCPY_16BIT
row = MemcpyOrder.ROW_MAJOR

rng = np.random.default_rng(7)
history = [[[], []] for _ in range(width)]  # per PE, per generator: values in order
for launch, half in enumerate((n // 2, 0, n), start=1):
    pattern = np.zeros((width, n), dtype=np.uint32)
    pattern[1] = 1
    for x in range(2, width):
        share = (0.2, 0.5, 0.8, 0.5)[x - 2]
        pattern[x] = (rng.random(n) < share).astype(np.uint32)
    pattern[5, : n // 4] = 1  # a run of one generator
    runner.memcpy_h2d(pattern_id, pattern.ravel(), 0, 0, width, 1, n, streaming=False,
                      order=row, data_type=u16, nonblock=False)
    runner.launch("draw", np.uint16(half), nonblock=False)
    got = np.zeros(width * n, dtype=np.uint32)
    runner.memcpy_d2h(got, draws_id, 0, 0, width, 1, n, streaming=False, order=row,
                      data_type=u16, nonblock=False)
    got = got.reshape(width, n)
    assert not (got >> 16).any()
    for x in range(width):
        for i in range(n):
            history[x][int(pattern[x, i])].append(int(got[x, i]))
    reference = [history[0][0], history[1][1]]
    for g in (0, 1):
        assert len(set(reference[g])) > len(reference[g]) // 2, f"generator {g} barely varies"
        for x in range(2, width):
            mine = history[x][g]
            assert mine == reference[g][: len(mine)], (
                f"launch {launch}: PE {x} generator {g} diverges from the reference: "
                f"{mine[:8]} vs {reference[g][:8]}")
    assert history[0][1] == [] and history[1][0] == []
    print(f"launch {launch}: references {len(reference[0])}, {len(reference[1])} draws")
runner.stop()
print("SUCCESS!")
