#!/usr/bin/env cs_python
"""poly-roots: polynomials built from host-chosen roots (real ones and conjugate pairs, well
separated); the device's Durand-Kerner roots must match numpy's roots of the same f32
coefficients within 1e-3, and its Horner values must equal the same complex64 / float16
operations done with numpy scalars, bit for bit."""
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
W, D, P = int(params["width"]), int(params["max_degree"]), int(params["points"])
MAX_ITERS = 300

rng = np.random.default_rng(17)


def pick_roots(d):
    while True:
        rs = []
        while len(rs) < d:
            if d - len(rs) >= 2 and rng.integers(0, 2):
                z = complex(rng.uniform(-1.5, 1.5), rng.uniform(0.2, 1.5))
                rs += [z, z.conjugate()]
            else:
                rs.append(complex(rng.uniform(-1.8, 1.8), 0.0))
        rs = np.array(rs)
        gaps = [abs(a - b) for i, a in enumerate(rs) for b in rs[i + 1:]]
        if not gaps or min(gaps) > 0.35:
            return rs


def horner(coefs, z, T):
    """The device's Horner: acc = acc * z + c, complex products as four real products."""
    ar, ai = T(coefs[0]), T(0)
    zr, zi = T(z.real), T(z.imag)
    for c in coefs[1:]:
        mr = T(T(ar * zr) - T(ai * zi))
        mi = T(T(ar * zi) + T(ai * zr))
        ar, ai = T(mr + T(c)), T(mi + T(0))
    return ar, ai


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("coef", "zs", "roots", "values", "values16", "info")}
runner.load()
runner.run()
u32, u16 = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT
ROW = MemcpyOrder.ROW_MAJOR


def d2h(name, count, width=u32, dtype=np.float32):
    buf = np.zeros(W * count, dtype=np.uint32 if width == u16 else dtype)
    runner.memcpy_d2h(buf, ids[name], 0, 0, W, 1, count, streaming=False, order=ROW, data_type=width, nonblock=False)
    if width == u16:
        buf = buf.astype(np.uint16).view(np.float16)
    return buf.reshape(W, count)


bad = 0
for degree in (D, 5, 1, 2):
    coefs = np.zeros((W, D + 1), dtype=np.float32)
    wanted = []
    for x in range(W):
        c = np.poly(pick_roots(degree)).real.astype(np.float32)
        coefs[x, :degree + 1] = c
        wanted.append(np.roots(c.astype(np.float64)))
    pts = rng.uniform(-1.2, 1.2, size=(W, P, 2)).astype(np.float32)
    runner.memcpy_h2d(ids["coef"], coefs.ravel(), 0, 0, W, 1, D + 1, streaming=False, order=ROW, data_type=u32, nonblock=False)
    runner.memcpy_h2d(ids["zs"], pts.ravel(), 0, 0, W, 1, 2 * P, streaming=False, order=ROW, data_type=u32, nonblock=False)
    runner.launch("solve", np.uint16(degree), np.uint16(MAX_ITERS), nonblock=False)
    roots = d2h("roots", 2 * D)
    values = d2h("values", 2 * P)
    values16 = d2h("values16", 2 * P, u16)
    info = d2h("info", 3, dtype=np.uint32)
    for x in range(W):
        got = roots[x, 0:2 * degree:2] + 1j * roots[x, 1:2 * degree:2]
        left = list(wanted[x])
        worst = 0.0
        for g in got:
            k = int(np.argmin([abs(g - w) for w in left]))
            worst = max(worst, abs(g - left.pop(k)))
        its = int(info[x, 0])
        if worst > 1e-3 or its >= MAX_ITERS or info[x, 1] != 1 or info[x, 2] != 1:
            bad += 1
            print(f"degree {degree} PE {x}: worst root error {worst:.3g} after {its} iterations, malloc checks {info[x, 1:].tolist()}")
            print("  got ", np.sort_complex(got))
            print("  want", np.sort_complex(np.array(wanted[x])))
        for p in range(P):
            z = complex(pts[x, p, 0], pts[x, p, 1])
            want32 = horner(coefs[x, :degree + 1], z, np.float32)
            z16 = complex(np.float16(pts[x, p, 0]), np.float16(pts[x, p, 1]))
            want16 = horner(coefs[x, :degree + 1].astype(np.float16), z16, np.float16)
            got32 = (values[x, 2 * p], values[x, 2 * p + 1])
            got16 = (values16[x, 2 * p], values16[x, 2 * p + 1])
            same32 = [np.float32(a).view(np.uint32) == np.float32(b).view(np.uint32) for a, b in zip(got32, want32)]
            same16 = [np.float16(a).view(np.uint16) == np.float16(b).view(np.uint16) for a, b in zip(got16, want16)]
            if not (all(same32) and all(same16)):
                bad += 1
                print(f"degree {degree} PE {x} point {z}: f32 got {got32} want {want32}; f16 got {got16} want {want16}")
    print(f"degree {degree}: iterations {info[:, 0].tolist()}")
runner.stop()
assert bad == 0, f"{bad} mismatches"
print("SUCCESS!")
