#!/usr/bin/env cs_python
"""cg-stencil-3d: runs conjugate gradient on the device for two right-hand sides and
iteration counts, and checks the iterates and the residual history against CG in
float64 on the host, plus the true residual |b - A x| of the returned x. Every PE must
report the same history (the all-reduce gives all of them the same total)."""
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
width, height = int(params["width"]), int(params["height"])
nz, max_iters = int(params["nz"]), int(params["max_iters"])
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR


def apply_A(u):
    """7-point Laplacian on u[y][x][z] with zero Dirichlet boundary."""
    pad = np.pad(u, 1)
    return (6.0 * u - pad[:-2, 1:-1, 1:-1] - pad[2:, 1:-1, 1:-1] - pad[1:-1, :-2, 1:-1]
            - pad[1:-1, 2:, 1:-1] - pad[1:-1, 1:-1, :-2] - pad[1:-1, 1:-1, 2:])


def cg(b, iters):
    x = np.zeros_like(b)
    r = b.copy()
    p = r.copy()
    rho = [float(np.vdot(r, r))]
    for _ in range(iters):
        Ap = apply_A(p)
        alpha = rho[-1] / np.vdot(p, Ap)
        x += alpha * p
        r -= alpha * Ap
        rho.append(float(np.vdot(r, r)))
        p = r + (rho[-1] / rho[-2]) * p
    return x, np.array(rho)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("b", "x", "rho")}
runner.load()
runner.run()


def read(sym, count):
    out = np.zeros(width * height * count, dtype=np.float32)
    runner.memcpy_d2h(out, ids[sym], 0, 0, width, height, count, streaming=False,
                      order=ROW, data_type=f32, nonblock=False)
    return out.reshape(height, width, count)


rng = np.random.default_rng(31)
for iters in (5, max_iters):
    b = rng.uniform(-1.0, 1.0, size=(height, width, nz)).astype(np.float32)
    runner.memcpy_h2d(ids["b"], b.ravel(), 0, 0, width, height, nz, streaming=False,
                      order=ROW, data_type=f32, nonblock=False)
    runner.launch("solve", np.uint16(iters), nonblock=False)
    x = read("x", nz)
    rho = read("rho", max_iters + 1)[:, :, :iters + 1]

    for py in range(height):
        for px in range(width):
            np.testing.assert_array_equal(rho[py, px], rho[0, 0],
                                          err_msg=f"PE ({px},{py}) saw different all-reduce totals")
    x_ref, rho_ref = cg(b.astype(np.float64), iters)
    np.testing.assert_allclose(rho[0, 0], rho_ref, rtol=2e-4, err_msg=f"rho history after {iters}")
    err = np.linalg.norm(x - x_ref) / np.linalg.norm(x_ref)
    assert err < 1e-4, f"{iters} iterations: |x - x_ref| / |x_ref| = {err}"
    true_res = np.linalg.norm(b.astype(np.float64) - apply_A(x.astype(np.float64)))
    np.testing.assert_allclose(true_res, np.sqrt(rho[0, 0, -1]), rtol=1e-3)
    assert rho[0, 0, -1] < 0.1 * rho[0, 0, 0], "CG did not reduce the residual"
    print(f"{iters} iterations: |r|^2 {rho[0, 0, 0]:.4g} -> {rho[0, 0, -1]:.4g}")

runner.stop()
print("SUCCESS!")
