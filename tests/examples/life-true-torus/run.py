#!/usr/bin/env cs_python
"""life-true-torus: Conway's Life on a periodic board: a random soup for 9 generations,
then (board kept on the device) 14 more, then a fresh board of four gliders placed to
cross both wrap seams, for 4 N generations (a glider moves one cell diagonally every 4,
so they come back where they started). Every board is compared cell for cell with numpy
(np.roll neighbours); per PE the generation count, live cells and births are checked."""
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
P, T = int(params["P"]), int(params["T"])
N = P * T
U32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR


def to_tiles(X):
    return X.reshape(P, T, P, T).transpose(0, 2, 1, 3).ravel()


def from_tiles(flat):
    return flat.reshape(P, P, T, T).transpose(0, 2, 1, 3).reshape(N, N)


def per_tile(X):
    return X.reshape(P, T, P, T).sum(axis=(1, 3))


def life(B, gens):
    births = np.zeros((P, P), np.int64)
    for _ in range(gens):
        n = sum(np.roll(np.roll(B, dy, 0), dx, 1) for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                if (dy, dx) != (0, 0))
        new = ((n == 3) | ((n == 2) & (B == 1))).astype(np.int64)
        births += per_tile((new == 1) & (B == 0))
        B = new
    return B, births


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
cells_id, stats_id = runner.get_id("cells"), runner.get_id("stats")
runner.load()
runner.run()
rng = np.random.default_rng(1970)
soup = (rng.random((N, N)) < 0.35).astype(np.int64)
gliders = np.zeros((N, N), np.int64)
shape = np.array([[0, 1, 0], [0, 0, 1], [1, 1, 1]])
for (y, x) in ((N - 2, N - 2), (1, N // 2), (N // 2, 0), (N // 3, N // 3)):
    for dy in range(3):
        for dx in range(3):
            gliders[(y + dy) % N, (x + dx) % N] = shape[dy, dx]
plan = [(soup, 9), (None, 14), (gliders, 4 * N)]
board = None
total = 0
for launch, (start, gens) in enumerate(plan):
    if start is not None:
        board = start
        runner.memcpy_h2d(cells_id, to_tiles(board.astype(np.uint32)), 0, 0, P, P, T * T,
                          streaming=False, order=ROW, data_type=U32, nonblock=False)
    runner.launch("generations", np.uint16(gens), nonblock=False)
    total += gens
    board, births = life(board, gens)
    out = np.zeros(N * N, np.uint32)
    runner.memcpy_d2h(out, cells_id, 0, 0, P, P, T * T, streaming=False, order=ROW, data_type=U32,
                      nonblock=False)
    got = from_tiles(out)
    bad = np.argwhere(got != board)
    assert bad.size == 0, f"launch {launch}: {len(bad)} cells differ, first {bad[:5].tolist()}"
    stats = np.zeros(P * P * 3, np.uint32)
    runner.memcpy_d2h(stats, stats_id, 0, 0, P, P, 3, streaming=False, order=ROW, data_type=U32,
                      nonblock=False)
    stats = stats.reshape(P, P, 3).astype(np.int64)
    assert (stats[:, :, 0] == total).all(), stats[:, :, 0]
    assert (stats[:, :, 1] == per_tile(board)).all(), (stats[:, :, 1], per_tile(board))
    assert (stats[:, :, 2] == births).all(), (stats[:, :, 2], births)
    if start is gliders:
        assert (board == gliders).all(), "the gliders did not come back after 4 N generations"
    print(f"launch {launch}: {gens} generations on {N}x{N}: {int(board.sum())} alive, "
          f"{int(births.sum())} births")

runner.stop()
print("SUCCESS!")
