#!/usr/bin/env cs_python
"""game-of-life host script.

Writes a first generation into the grid (one cell per PE), launches
run_generations(--iters) on every PE, reads the final generation back and
checks it against the same number of steps computed with numpy. Cells
outside the grid count as dead.
"""

import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder  # pylint: disable=no-name-in-module


def life_step(grid):
  """One generation of Conway's rules on a grid with dead cells around it."""
  height, width = grid.shape
  padded = np.pad(grid, 1)
  neighbours = np.zeros_like(grid)
  for dy in (-1, 0, 1):
    for dx in (-1, 0, 1):
      if dy or dx:
        neighbours += padded[1 + dy:1 + dy + height, 1 + dx:1 + dx + width]
  born = neighbours == 3
  survives = (grid == 1) & (neighbours == 2)
  return (born | survives).astype(np.uint32)


def first_generation(kind, width, height, seed):
  """grid[y, x] of 0/1 cells."""
  if kind == "random":
    rng = np.random.default_rng(seed)
    return (rng.random((height, width)) < 0.3).astype(np.uint32)
  # "gliders": one glider in every 8x8 block, each heading a different way,
  # so they meet, collide and leave debris.
  glider = np.array([[0, 1, 0],
                     [0, 0, 1],
                     [1, 1, 1]], dtype=np.uint32)
  grid = np.zeros((height, width), dtype=np.uint32)
  for by in range(0, height - 2, 8):
    for bx in range(0, width - 2, 8):
      turned = np.rot90(glider, k=(bx // 8 + by // 8) % 4)
      grid[by:by + 3, bx:bx + 3] = turned
  return grid


parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system; omit it for the simulator")
parser.add_argument("--iters", type=int, default=10, help="generations to run (default 10)")
parser.add_argument("--initial-state", choices=["random", "gliders"], default="random",
  help="the first generation (default random)")
parser.add_argument("--seed", type=int, default=2026, help="seed of the random first generation")
args = parser.parse_args()

if not 0 <= args.iters < 2**16:
  parser.error("--iters must fit in 16 bits")

with open(f"{args.name}/out.json", encoding="utf-8") as json_file:
  params = json.load(json_file)["params"]
width = int(params["width"])
height = int(params["height"])

start = first_generation(args.initial_state, width, height, args.seed)
expected = start
for _ in range(args.iters):
  expected = life_step(expected)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
cell_id = runner.get_id("cell")

runner.load()
runner.run()

# grid[y, x] flattened row by row is the ROW_MAJOR order, one cell per PE.
runner.memcpy_h2d(cell_id, start.ravel(), 0, 0, width, height, 1, streaming=False,
  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)

runner.launch("run_generations", np.uint16(args.iters), nonblock=False)

final = np.zeros(width * height, dtype=np.uint32)
runner.memcpy_d2h(final, cell_id, 0, 0, width, height, 1, streaming=False,
  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)

runner.stop()

final = final.reshape(height, width)
print(f"{width}x{height} cells, {args.iters} generations: "
      f"{int(start.sum())} alive at the start, {int(final.sum())} at the end")
np.testing.assert_array_equal(final, expected)
print("SUCCESS!")
