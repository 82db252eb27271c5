#!/usr/bin/env cs_python
"""conv9-corners: a field with a few point sources convolved 4 times with an asymmetric
3x3 kernel (so corner halos that came from the wrong neighbour, or a transposed kernel,
show), then 3 more times with another kernel; each result compared with a float32 model
doing the same multiply-adds in the same order."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
PW, PH = int(params["PW"]), int(params["PH"])
TX, TY = int(params["TX"]), int(params["TY"])
NY, NX = PH * TY, PW * TX


def model(g, steps, w):
    w = np.asarray(w, dtype=np.float32).reshape(3, 3)
    for _ in range(steps):
        p = np.pad(g, 1)
        acc = np.zeros_like(g)
        for di in range(3):
            for dj in range(3):
                term = (p[di:di + NY, dj:dj + NX] * w[di, dj]).astype(np.float32)
                acc = (acc + term).astype(np.float32)
        g = acc
    return g


def to_tiles(g):  # [y][x][ty][tx] -> PE-contiguous ROW_MAJOR
    return g.reshape(PH, TY, PW, TX).transpose(0, 2, 1, 3).ravel()


def from_tiles(flat):
    return flat.reshape(PH, PW, TY, TX).transpose(0, 2, 1, 3).reshape(NY, NX)


grid = np.zeros((NY, NX), dtype=np.float32)
grid[0, 0] = 100.0
grid[NY - 1, NX - 1] = -50.0
grid[TY, TX] = 80.0          # the north-west corner cell of PE (1, 1)
grid[TY - 1, 2 * TX - 1] = 60.0  # the south-east corner cell of PE (1, 0)
grid += np.random.default_rng(3).uniform(0, 1, size=grid.shape).astype(np.float32)

kernels = [
    (4, [0.05, 0.10, 0.02, 0.20, 0.30, 0.08, 0.01, 0.15, 0.09]),
    (3, [-0.1, 0.0, 0.3, 0.25, 0.5, -0.2, 0.05, 0.125, 0.07]),
]

f32 = MemcpyDataType.MEMCPY_32BIT
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
field_sym = runner.get_id("field")
done_sym = runner.get_id("steps_done")
runner.load()
runner.run()
runner.memcpy_h2d(field_sym, to_tiles(grid), 0, 0, PW, PH, TX * TY, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)

failures = []
want = grid
total = 0
for steps, w in kernels:
    runner.launch("convolve", np.uint16(steps), *[np.float32(v) for v in w], nonblock=False)
    total += steps
    flat = np.zeros(NX * NY, dtype=np.float32)
    runner.memcpy_d2h(flat, field_sym, 0, 0, PW, PH, TX * TY, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
    got = from_tiles(flat)
    want = model(want, steps, w)
    bad = np.argwhere(~np.isclose(got, want, rtol=1e-5, atol=1e-5))
    for i, j in bad[:10]:
        failures.append(f"after {total} steps: cell ({i},{j}) (PE ({j // TX},{i // TY})) = {got[i, j]}, "
                        f"expected {want[i, j]}")
    if len(bad) > 10:
        failures.append(f"after {total} steps: {len(bad)} cells wrong")

done = np.zeros(PW * PH, dtype=np.uint32)
runner.memcpy_d2h(done, done_sym, 0, 0, PW, PH, 1, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=f32, nonblock=False)
runner.stop()
if np.any(done != total):
    failures.append(f"steps per PE {list(done)}, expected {total} each")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("SUCCESS!")
