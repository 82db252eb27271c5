#!/usr/bin/env cs_python
"""map-fabric-reduce: every @map form of the 2x1 program recomputed in float32 in the
element order @map walks (reductions are sequential sums), checked bit for bit (sqrt_f32
within 1 ulp); two
launches (hist and the call count accumulate, the reductions restart)."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
n, m = int(params["n"]), int(params["m"])

rt = SdkRuntime(args.name, cmaddr=args.cmaddr)
rt.load()
rt.run()
u32 = MemcpyDataType.MEMCPY_32BIT
u16 = MemcpyDataType.MEMCPY_16BIT
row = MemcpyOrder.ROW_MAJOR
f32 = np.float32


def put(name, x, data, count, width=u32):
    rt.memcpy_h2d(rt.get_id(name), data, x, 0, 1, 1, count, streaming=False, order=row,
                  data_type=width, nonblock=False)


def get(name, x, count, dtype=np.float32, width=u32):
    out = np.zeros(count, dtype=dtype if width == u32 else np.uint32)
    rt.memcpy_d2h(out, rt.get_id(name), x, 0, 1, 1, count, streaming=False, order=row,
                  data_type=width, nonblock=False)
    return out


rng = np.random.default_rng(10)
hist = np.zeros(4, dtype=np.uint32)
calls = f32(0)
for launch, (scale, bias) in enumerate(((0.75, -0.5), (-1.25, 2.0))):
    scale, bias = f32(scale), f32(bias)
    a = rng.uniform(-3, 3, size=n).astype(f32)
    w = rng.uniform(-2, 2, size=2 * n).astype(f32)
    mat = rng.uniform(0, 9, size=(m, m)).astype(f32)
    q = rng.integers(-40, 40, size=n).astype(np.int16)
    q[:3] = (-32768, 32767, 0)
    put("a", 0, a, n)
    put("w", 1, w, 2 * n)
    put("mat", 1, mat.ravel(), m * m)
    put("q", 1, q.view(np.uint16).astype(np.uint32), n, u16)
    rt.launch("run", scale, bias, nonblock=False)

    sent = (a * scale - f32(1.0)).astype(f32)
    y = (sent * w[0::2] + bias).astype(f32)
    sq = f32(0)
    best = f32(0)
    for v in y:
        sq = f32(sq + f32(v * v))
        best = max(best, abs(v))
    qf = (q.astype(f32) * scale).astype(f32)
    total = f32(0)
    for v in qf:
        total = f32(total + v)
    hist += np.array([np.sum(qf < -1), np.sum((qf >= -1) & (qf < 0)),
                      np.sum((qf >= 0) & (qf < 1)), np.sum(qf >= 1)], dtype=np.uint32)
    calls = f32(calls + n)
    where = f"launch {launch}"
    np.testing.assert_array_equal(get("y", 1, n), y, err_msg=f"{where}: y")
    np.testing.assert_array_equal(get("rev", 1, n), -y[::-1], err_msg=f"{where}: rev")
    # <math> does not promise a correctly rounded sqrt_f32: within 1 ulp.
    np.testing.assert_array_max_ulp(get("diag", 1, m), np.sqrt(np.diag(mat)), maxulp=1)
    np.testing.assert_array_equal(get("qf", 1, n), qf, err_msg=f"{where}: qf")
    np.testing.assert_array_equal(get("hist", 1, 4, np.uint32), hist, err_msg=f"{where}: hist")
    np.testing.assert_array_equal(get("stats", 1, 4), [sq, best, total, calls],
                                  err_msg=f"{where}: stats")
rt.stop()
print("SUCCESS!")
