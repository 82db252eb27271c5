#!/usr/bin/env cs_python
"""jacobi-3d-faces: 2, 0 and 5 Jacobi sweeps of a random box (weights 1/4 and 1/8, so every
product is exact), bit for bit against a float32 model adding the neighbours in the
device's order (x-1, x+1, y-1, y+1, z-1, z+1), then c0 u + c1 t; the frame planes must
hold the neighbours' last interior planes, zero at the box ends."""
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
W, nz, ny, nx = (int(params[k]) for k in ("width", "nz", "ny", "nx"))
NX = W * nx
SZ = (nz + 2) * (ny + 2) * (nx + 2)
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
c0, c1 = np.float32(0.25), np.float32(0.125)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
u_id = runner.get_id("u")
runner.load()
runner.run()
rng = np.random.default_rng(6)


def blocks(U):
    """U (nz, ny, NX) -> per PE padded blocks with the neighbours' planes in the frame."""
    pad = np.pad(U, 1)
    return np.stack([pad[:, :, x * nx:x * nx + nx + 2] for x in range(W)]).astype(np.float32)


def model(U, count):
    for _ in range(count):
        p = np.pad(U, 1)
        t = (p[1:-1, 1:-1, :-2] + p[1:-1, 1:-1, 2:]).astype(np.float32)
        for s in (p[1:-1, :-2, 1:-1], p[1:-1, 2:, 1:-1], p[:-2, 1:-1, 1:-1], p[2:, 1:-1, 1:-1]):
            t = (t + s).astype(np.float32)
        U = ((U * c0).astype(np.float32) + (t * c1).astype(np.float32)).astype(np.float32)
    return U


U = rng.uniform(-1, 1, size=(nz, ny, NX)).astype(np.float32)
runner.memcpy_h2d(u_id, blocks(U).ravel(), 0, 0, W, 1, SZ, streaming=False, order=ROW,
                  data_type=f32, nonblock=False)
for count in (2, 0, 5):
    runner.launch("sweeps", np.uint16(count), np.float32(c0), np.float32(c1), nonblock=False)
    U_prev = U
    U = model(U, count)
    flat = np.zeros(W * SZ, dtype=np.float32)
    runner.memcpy_d2h(flat, u_id, 0, 0, W, 1, SZ, streaming=False, order=ROW, data_type=f32,
                      nonblock=False)
    per = flat.reshape(W, nz + 2, ny + 2, nx + 2)
    got = np.concatenate([per[x, 1:-1, 1:-1, 1:-1] for x in range(W)], axis=2)
    bad = np.argwhere(got.view(np.uint32) != U.view(np.uint32))
    assert bad.size == 0, f"after {count} sweeps: {len(bad)} points differ, first " \
        f"{bad[0].tolist()}: {got[tuple(bad[0])]} vs {U[tuple(bad[0])]}"
    # The frame planes hold what the neighbours sent before the last sweep.
    if count > 0:
        frames = blocks(model(U_prev, count - 1))
        assert (per[:, 1:-1, 1:-1, 0] == frames[:, 1:-1, 1:-1, 0]).all() and \
            (per[:, 1:-1, 1:-1, -1] == frames[:, 1:-1, 1:-1, -1]).all(), "frame planes"
    assert (per[:, 0] == 0).all() and (per[:, -1] == 0).all() and \
        (per[:, :, 0] == 0).all() and (per[:, :, -1] == 0).all(), "z/y frame written"
    print(f"{count} sweeps: {nz}x{ny}x{NX} box matches, max |u| {np.abs(U).max():.4f}")
runner.stop()
print("SUCCESS!")
