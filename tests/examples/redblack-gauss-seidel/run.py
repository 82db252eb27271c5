#!/usr/bin/env cs_python
"""redblack-gauss-seidel: three launches of red-black sweeps (3, 1 and 10) from a random
start, each checked bit for bit against a float32 model that adds in the device's order
(north + south, + west, + east, + f, times 1/4), colour 0 then colour 1; the residual of
-lap(u) = f must fall over the run."""
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
W, ny, nx = int(params["width"]), int(params["ny"]), int(params["nx"])
NX = W * nx
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
u_id, f_id = runner.get_id("u"), runner.get_id("f")
runner.load()
runner.run()
rng = np.random.default_rng(12)


def strips_padded(U):
    """U (ny x NX) -> per PE (ny+2) x (nx+2) with the neighbours' columns in the frame."""
    pad = np.pad(U, 1)
    return np.stack([pad[:, x * nx:x * nx + nx + 2] for x in range(W)]).astype(np.float32)


def model_sweeps(U, F, count):
    U = np.pad(U, 1).astype(np.float32)
    I, J = np.meshgrid(np.arange(ny), np.arange(NX), indexing="ij")
    for _ in range(count):
        for c in (0, 1):
            m = (I + J) % 2 == c
            t = (U[:-2, 1:-1] + U[2:, 1:-1]).astype(np.float32)
            t = (t + U[1:-1, :-2]).astype(np.float32)
            t = (t + U[1:-1, 2:]).astype(np.float32)
            t = (t + F).astype(np.float32)
            new = (t * np.float32(0.25)).astype(np.float32)
            inner = U[1:-1, 1:-1]
            inner[m] = new[m]
    return U[1:-1, 1:-1].copy()


def residual(U, F):
    pad = np.pad(U.astype(np.float64), 1)
    lap = 4 * pad[1:-1, 1:-1] - pad[:-2, 1:-1] - pad[2:, 1:-1] - pad[1:-1, :-2] - pad[1:-1, 2:]
    return np.linalg.norm(lap - F)


F = rng.uniform(-1, 1, size=(ny, NX)).astype(np.float32)
U = rng.uniform(-2, 2, size=(ny, NX)).astype(np.float32)
runner.memcpy_h2d(f_id, np.stack([F[:, x * nx:(x + 1) * nx] for x in range(W)]).ravel(),
                  0, 0, W, 1, ny * nx, streaming=False, order=ROW, data_type=f32, nonblock=False)
# The frame gets the neighbours' columns from the host too; the device refreshes them.
runner.memcpy_h2d(u_id, strips_padded(U).ravel(), 0, 0, W, 1, (ny + 2) * (nx + 2),
                  streaming=False, order=ROW, data_type=f32, nonblock=False)
r0 = residual(U, F)
for count in (3, 1, 10):
    runner.launch("sweep", np.uint16(count), nonblock=False)
    U = model_sweeps(U, F, count)
    out = np.zeros(W * (ny + 2) * (nx + 2), dtype=np.float32)
    runner.memcpy_d2h(out, u_id, 0, 0, W, 1, (ny + 2) * (nx + 2), streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    strips = out.reshape(W, ny + 2, nx + 2)
    got = np.concatenate([strips[x, 1:-1, 1:-1] for x in range(W)], axis=1)
    bad = np.argwhere(got.view(np.uint32) != U.view(np.uint32))
    assert bad.size == 0, f"after {count} sweeps: {len(bad)} points differ, first " \
        f"{bad[0].tolist()}: {got[tuple(bad[0])]} vs {U[tuple(bad[0])]}"
    # The frame holds the neighbours' last columns (zero at the outer boundary).
    want_frame = strips_padded(U)
    assert (strips[:, 1:-1, 0] == want_frame[:, 1:-1, 0]).all() and \
        (strips[:, 1:-1, -1] == want_frame[:, 1:-1, -1]).all(), "stale halo columns"
    print(f"{count} sweeps: {ny}x{NX} points match, residual {residual(U, F):.4g} (start {r0:.4g})")
assert residual(U, F) < 0.5 * r0
runner.stop()
print("SUCCESS!")
