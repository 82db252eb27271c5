#!/usr/bin/env cs_python
"""math-ulp-probe: <math> f32 sin cos exp log tanh pow sqrt invsqrt in ULPs against numpy's
float64 result rounded to f32. Each function gets n inputs at its hard spots plus random
ones. Special results (NaN, infinities, zeros) must match exactly; finite results must be
within the ULP budget of BUDGET."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--report", action="store_true", help="print the worst inputs")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    N = int(json.load(f)["params"]["n"])
FNS = ["sin", "cos", "exp", "log", "tanh", "pow", "sqrt", "invsqrt"]
BUDGET = {"sin": 2, "cos": 2, "exp": 2, "log": 2, "tanh": 2, "pow": 2, "sqrt": 1,
          "invsqrt": 2}
rng = np.random.default_rng(2026)
f32 = np.float32


def fill(hard, lo, hi, log_scale=False, signed=False):
    hard = np.array(hard, dtype=np.float64)[:N]
    k = N - len(hard)
    if log_scale:
        r = np.exp(rng.uniform(np.log(lo), np.log(hi), k))
    else:
        r = rng.uniform(lo, hi, k)
    if signed:
        r *= rng.choice([-1.0, 1.0], k)
    return np.concatenate([hard, r]).astype(f32)


pi = np.pi
big_trig = [1e5, -1e5, 65535.0, 102943.0, 1e6, -3e6, 1.2e7, 8388607.0, 1e8, 1e10, 1e20,
            3.4e38, 6.2831855e6, 201.06194, 355.0, 1.0e-30, -1e-30, 0.0, -0.0, np.inf,
            -np.inf, np.nan, f32(pi), f32(pi / 2), f32(3 * pi / 2), f32(2 * pi),
            f32(100 * pi), f32(1000.5 * pi), f32(20000 * pi), 1e-45, -1e-45]
x_sin = fill(big_trig, 1.0, 2e7, log_scale=True, signed=True)
x_cos = fill(big_trig, 1.0, 2e7, log_scale=True, signed=True)
x_exp = fill([88.72283, 88.722839, 88.7228394, 88.72284, 89.0, -87.33654, -87.33655, -88.0,
              -100.0, -103.2789, -103.972, -103.97, -104.0, -150.0, 0.0, -0.0, 1e-10, -1e-10,
              np.inf, -np.inf, np.nan, 1.0, -1.0, 0.5, 10.0, 50.0, -50.0, 80.0],
             -103.0, 88.7)
x_log = fill([1e-45, 1.4e-45, 2.9e-45, 1e-40, 1.17549435e-38, 1.1754942e-38, 3.4028235e38,
              1.0, f32(1.0) + np.finfo(f32).eps, f32(1.0) - np.finfo(f32).eps / 2,
              1.0000001, 0.9999999, 0.70710677, 0.7071068, 1.4142135, 1.4142137, 2.0, 0.5,
              np.e, 0.0, -0.0, -1.0, np.inf, -np.inf, np.nan, 1e30, 1e-30],
             1e-38, 3e38, log_scale=True)
x_tanh = fill([0.0, -0.0, 1e-30, 1e-7, 0.1249999, 0.125, 0.1250001, -0.125, 0.2, 0.5, 1.0,
               4.0, 8.9999, 9.0, 9.0001, 10.0, -9.5, 20.0, np.inf, -np.inf, np.nan, 1e-40],
              -10.0, 10.0)
pow_pairs = [(4.0, -64.0), (2.0, -140.0), (10.0, -40.0), (10.0, -39.0), (0.5, 140.0),
             (2.0, -149.0), (2.0, -150.0), (2.0, 127.0), (2.0, 128.0), (0.0, np.nan),
             (-0.0, 3.0), (-0.0, -3.0), (0.0, -3.0), (-0.0, 2.0), (-0.0, -2.0), (1.0, np.nan),
             (1.0, np.inf), (-1.0, np.inf), (-1.0, -np.inf), (np.nan, 0.0), (np.inf, -1.0),
             (-np.inf, 3.0), (-np.inf, -3.0), (-np.inf, 2.0), (0.5, np.inf), (2.0, np.inf),
             (2.0, -np.inf), (-2.0, 0.5), (-8.0, 1.0 / 3), (1.0000001, 63.0),
             (0.99999994, 64.0), (1.1, 60.0), (1.0001, 63.0), (3.0, 4.0), (10.0, 5.0),
             (10.0, 38.0), (-2.0, 65.0), (-2.0, 66.0), (-3.0, 3.0), (2.0, 0.5), (7.0, -2.0)]
x_pow = np.array([p[0] for p in pow_pairs] + list(rng.uniform(0.5, 2.0, N - len(pow_pairs))),
                 dtype=f32)
y_pow = np.array([p[1] for p in pow_pairs] + list(rng.integers(-64, 65, (N - len(pow_pairs)) // 2))
                 + list(rng.uniform(-30.0, 30.0, N - len(pow_pairs) - (N - len(pow_pairs)) // 2)),
                 dtype=f32)
x_sqrt = fill([0.0, -0.0, 1e-45, 1e-40, 1.17549435e-38, 2.0, 4.0, 3.4028235e38, np.inf, -1.0,
               np.nan, -np.inf, 0.25, 1e-38, 1.0 - 2**-24], 1e-45, 3e38, log_scale=True)
x_isq = fill([1e-45, 1e-40, 1.17549435e-38, 1.0, 4.0, 0.25, 3.4028235e38, np.inf, 0.0, -0.0,
              -1.0, np.nan, 2.0, 3.0], 1e-38, 3e38, log_scale=True)
X = [x_sin, x_cos, x_exp, x_log, x_tanh, x_pow, x_sqrt, x_isq]
assert all(len(x) == N for x in X)


def reference(name, x, y):
    x64 = x.astype(np.float64)
    with np.errstate(all="ignore"):
        if name == "sin":
            return np.sin(x64)
        if name == "cos":
            return np.cos(x64)
        if name == "exp":
            return np.exp(x64)
        if name == "log":
            return np.log(x64)
        if name == "tanh":
            return np.tanh(x64)
        if name == "pow":
            return np.power(x64, y.astype(np.float64))
        if name == "sqrt":
            return np.sqrt(x64)
        return 1.0 / np.sqrt(x64)


def ulps(got, want):
    """Distance in representable f32 values (both finite)."""
    def key(v):
        b = np.array(v, dtype=f32).view(np.int32).astype(np.int64)
        return np.where(b < 0, -(b & 0x7fffffff), b)
    return np.abs(key(got) - key(want))


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
syms = {s: runner.get_id(s) for s in ("xin", "yin", "out")}
runner.load()
runner.run()
runner.memcpy_h2d(syms["xin"], np.concatenate(X).view(np.uint32), 0, 0, 1, 1, len(X) * N,
                  streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.memcpy_h2d(syms["yin"], y_pow.view(np.uint32), 0, 0, 1, 1, N, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)
runner.launch("run", nonblock=False)
out = np.zeros(len(X) * N, dtype=np.uint32)
runner.memcpy_d2h(out, syms["out"], 0, 0, 1, 1, len(X) * N, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)
runner.stop()
out = out.view(f32).reshape(len(X), N)

bad = 0
for f, name in enumerate(FNS):
    got = out[f]
    want = reference(name, X[f], y_pow).astype(f32)
    special = ~np.isfinite(want) | (want == 0) | ~np.isfinite(got) | (got == 0)
    err = np.where(special, 0, ulps(got, want))
    wrong_special = special & ~((np.isnan(got) & np.isnan(want)) | (got == want))
    over = err > BUDGET[name]
    print(f"{name:8s} max {int(err.max()):10d} ulp  (budget {BUDGET[name]}), "
          f"{int(over.sum())} over, {int(wrong_special.sum())} wrong specials")
    for i in np.flatnonzero(over | wrong_special)[: (40 if args.report else 8)]:
        arg = f"{X[f][i]!r}" + (f", {y_pow[i]!r}" if name == "pow" else "")
        print(f"  {name}({arg}) = {got[i]!r}, want {want[i]!r} ({int(err[i])} ulp)")
    bad += int(over.sum()) + int(wrong_special.sum())

if bad:
    print(f"FAIL: {bad} results wrong")
    sys.exit(1)
print("SUCCESS!")
