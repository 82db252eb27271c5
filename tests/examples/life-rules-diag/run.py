#!/usr/bin/env cs_python
"""life-rules-diag: Life-like automata (Conway B3/S23, HighLife B36/S23, Seeds B2/S) one cell
per PE with dead boundaries; launches of 5, 0, 7 and 4 generations continue from the
state the previous launch left. Initial state by a 16-bit ROW_MAJOR copy, states read
back 16-bit COL_MAJOR after each launch and compared with a numpy model."""
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
    params = json.load(f)["params"]
W, H = int(params["width"]), int(params["height"])
B16 = MemcpyDataType.MEMCPY_16BIT


def mask(counts):
    return sum(1 << c for c in counts)


def model(grid, gens, birth, survive):
    for _ in range(gens):
        pad = np.zeros((H + 2, W + 2), dtype=np.int64)
        pad[1:-1, 1:-1] = grid
        live = sum(pad[1 + dy:H + 1 + dy, 1 + dx:W + 1 + dx]
                   for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx)
        m = np.where(grid == 1, survive, birth)
        grid = ((m >> live) & 1).astype(np.uint16)
    return grid


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
state_id = runner.get_id("state")
runner.load()
runner.run()

rng = np.random.default_rng(7)
grid = (rng.random((H, W)) < 0.45).astype(np.uint16)
grid[1, 1:4] = [1, 1, 1]  # a blinker-ish seed so Conway keeps something alive
runner.memcpy_h2d(state_id, grid.ravel().astype(np.uint32), 0, 0, W, H, 1, streaming=False,
                  data_type=B16, order=MemcpyOrder.ROW_MAJOR, nonblock=False)

rules = [(5, mask([3]), mask([2, 3])), (0, mask([3]), mask([2, 3])),
         (7, mask([3, 6]), mask([2, 3])), (4, mask([2]), 0)]
for gens, birth, survive in rules:
    runner.launch("step", np.uint16(gens), np.uint16(birth), np.uint16(survive),
                  nonblock=False)
    grid = model(grid, gens, birth, survive)
    out = np.zeros(W * H, dtype=np.uint32)
    runner.memcpy_d2h(out, state_id, 0, 0, W, H, 1, streaming=False, data_type=B16,
                      order=MemcpyOrder.COL_MAJOR, nonblock=False)
    got = out.reshape(W, H).T
    np.testing.assert_array_equal(got, grid, err_msg=f"after {gens} generations, B{birth:b} S{survive:b}")
    assert grid.sum() > 1, "a test that keeps some cells alive"
runner.stop()
print("SUCCESS!")
