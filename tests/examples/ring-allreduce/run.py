#!/usr/bin/env cs_python
"""ring-allreduce: two all-reduces of random vectors over the ring; every PE must end with
the same vector, bit for bit the float32 sums in ring order (chunk c starts at ring
position c and each next PE adds its own value first: x_{c+t} + partial)."""
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
half, chunk = int(params["half"]), int(params["chunk"])
R = 2 * half
L = R * chunk
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vec_id = runner.get_id("vec")
runner.load()
runner.run()
rng = np.random.default_rng(99)


def ring_position(x, y):
    return x if y == 0 else 2 * half - 1 - x


for trial in range(2):
    # data[y][x] is PE (x, y)'s vector; by ring position too.
    data = rng.uniform(-1, 1, size=(2, half, L)).astype(np.float32) * np.float32(10 ** trial)
    by_pos = np.zeros((R, L), dtype=np.float32)
    for y in range(2):
        for x in range(half):
            by_pos[ring_position(x, y)] = data[y, x]
    runner.memcpy_h2d(vec_id, data.ravel(), 0, 0, half, 2, L, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    runner.launch("allreduce", nonblock=False)
    out = np.zeros(2 * half * L, dtype=np.float32)
    runner.memcpy_d2h(out, vec_id, 0, 0, half, 2, L, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    out = out.reshape(2, half, L)
    want = np.zeros(L, dtype=np.float32)
    for c in range(R):
        cols = slice(c * chunk, (c + 1) * chunk)
        v = by_pos[c, cols].copy()
        for t in range(1, R):
            v = (by_pos[(c + t) % R, cols] + v).astype(np.float32)
        want[cols] = v
    for y in range(2):
        for x in range(half):
            bad = np.nonzero(out[y, x].view(np.uint32) != want.view(np.uint32))[0]
            assert bad.size == 0, f"trial {trial}: PE ({x},{y}) differs at {bad[:5].tolist()}: " \
                f"{out[y, x, bad[0]]} vs {want[bad[0]]}"
    print(f"trial {trial}: {R} PEs agree on the {L}-value sum; "
          f"max |error| vs float64 {np.abs(want - by_pos.astype(np.float64).sum(0)).max():.2e}")
runner.stop()
print("SUCCESS!")
