#!/usr/bin/env cs_python
"""math-sweep: <math> results against numpy. Expected values are numpy's float64 results
of the (f32 or f16) inputs, rounded to the type. Exact functions (abs, floor, ceil,
fscale, min, max, sign) must match exactly, sqrt within 1 ulp, the f16 forms within 1 ulp
of f16, transcendental f32 forms within the tolerances in TOL32. NaN must give NaN and
infinities the same infinity. The sign of a zero result must be IEEE's for the functions
in SIGNED_ZEROS; for the others it is reported, not failed (the <math> page does not give
it; float-edge-bits does the same)."""
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
W, N = int(params["width"]), int(params["n"])
FNS = ["sqrt", "invsqrt", "exp", "log", "pow", "sin", "cos", "tanh", "abs", "floor", "ceil",
       "fscale", "min", "max", "sign"]
F = len(FNS)
inf, nan = np.inf, np.nan
# (rtol, atol, ulps) per f32 function; None: exact.
# sin/cos in ulps also next to their zeros (sin(pi_f32) = -8.74e-8: before e4d2c2b the
# library's one-part 2 pi reduction gave -2.4e-7 there); pow to a relative error:
# exp(y log x) loses |y log x| ulps (10^38 is 40 ulps off).
TOL32 = {"sqrt": (0, 0, 1), "invsqrt": (0, 0, 2), "exp": (0, 0, 2), "log": (0, 0, 2),
         "pow": (1e-5, 0, 2), "sin": (0, 0, 2), "cos": (0, 0, 2), "tanh": (0, 0, 2)}

# Functions whose zero results have the sign IEEE 754 gives them (abs(-0) = +0, sin(-0) =
# -0, ...): a wrong sign fails (sin and abs failed before e4d2c2b and 17edee1). The others'
# zero signs are reported only.
SIGNED_ZEROS = {"abs", "sin", "sqrt", "floor", "ceil", "fscale", "tanh"}

rng = np.random.default_rng(99)


def fill(special, lo, hi, log=False):
    """N values: the special ones, then random ones in [lo, hi] (log-uniform magnitudes)."""
    special = list(special)[:N]
    k = N - len(special)
    if log:
        mag = 10.0 ** rng.uniform(lo, hi, k)
        rand = mag * rng.choice([-1.0, 1.0], k)
    else:
        rand = rng.uniform(lo, hi, k)
    return np.array(special + list(rand), dtype=np.float32)


def rows_for(pe):
    tiny = [1e-40, -1e-40, 1.4e-45, 1.17549435e-38, 1.1754942e-38]
    x = np.zeros((F, N), dtype=np.float32)
    x[0] = np.abs(fill([0.0, -0.0, -1.0, inf, nan, 2.0, 3.0, 3.4e38, -inf] + tiny, -30, 30, log=True))
    x[0, 1], x[0, 2], x[0, 8] = -0.0, -1.0, -inf
    x[1] = np.abs(fill([0.0, inf, nan, 4.0, 1e-40, 0.25, 3e38], -30, 30, log=True))
    x[2] = fill([0.0, -0.0, inf, -inf, nan, 88.7, 88.73, -87.3, -100.0, -103.0, -104.5, 1e-8, -1e-8,
                 0.6931472, 0.34657359], -110, 95)
    x[3] = np.abs(fill([0.0, 1.0, inf, nan, 1e-40, 1.4e-45, 1.000001, 0.9999999, 3.4e38, 0.5, 2.0],
                       -38, 38, log=True))
    x[3, 0] = -0.0 if pe else 0.0
    x[3, 11], x[3, 12] = -1.0, -inf
    x[5] = fill([0.0, -0.0, 1e-7, np.pi, -np.pi / 2, 64.0, -64.0, inf, nan], -64, 64)
    x[6] = fill([0.0, np.pi, np.pi / 2, -64.0, inf, -inf, nan], -64, 64)
    x[7] = fill([0.0, -0.0, 1e-7, 0.124, 0.126, -0.126, 8.9, 9.1, -9.1, 20.0, inf, -inf, nan],
                -12, 12)
    mix = [0.0, -0.0, 0.5, -0.5, -1.5, 2.5, 8388607.5, -8388609.0, 1e10, -1e-30, 1e-30, inf, -inf,
           nan, -7.0]
    for r in (8, 9, 10, 14):
        x[r] = fill(mix, -1000, 1000)
    x[11] = fill([1.0, 1.5, -3.0, 0.0, 3e38, 1e-38, 1e-44, inf, nan], -4, 4)
    x[12] = fill([0.0, -0.0, 1.0, -inf, inf, 2.0], -100, 100)
    x[13] = fill([0.0, -0.0, 1.0, -inf, inf, -2.0], -100, 100)
    # pow: positive bases with moderate exponents, negative bases, zeros, infinities.
    x[4] = fill([2.0, 2.0, -2.0, -2.0, -2.0, 0.0, 0.0, inf, inf, nan, 10.0, 0.5, 1.0, -1.5,
                 10.0, 3.0, 7.0, 1.1],
                0.01, 60)
    y = fill([10.0, -3.0, 3.0, 2.0, 0.5, 3.0, -1.0, 2.0, -2.0, 0.0, 38.0, -140.0, 7.5, -4.0,
              5.0, 4.0, 9.0, -30.0],
             -8, 8)
    y[np.isnan(y)] = 1.0
    k = np.zeros(N, dtype=np.int16)
    k[:9] = [0, 3, -2, 140, 1, -20, 10, 5, 1]
    k[9:] = rng.integers(-160, 161, N - 9)
    # The whole i16 range: fscale saturates like ldexp (it gave garbage before e333816).
    k[N - 6:] = [32767, -32768, 400, -400, 290, -300]
    with np.errstate(over="ignore"):  # some products overflow to inf: fscale keeps them
        x[11, 9:] *= (10.0 ** rng.integers(-40, 40, N - 9)).astype(np.float32)
    # min/max compare with y: no NaNs there (the page does not say what they give).
    return x, y.astype(np.float32), k


def ref(name, x, y, k):
    """float64 reference of f(x[, y]) (inputs already of the type)."""
    x = x.astype(np.float64)
    y = y.astype(np.float64)
    with np.errstate(all="ignore"):
        return {
            "sqrt": np.sqrt(x), "invsqrt": 1.0 / np.sqrt(x), "exp": np.exp(x), "log": np.log(x),
            "pow": np.power(x, y), "sin": np.sin(x), "cos": np.cos(x), "tanh": np.tanh(x),
            "abs": np.abs(x), "floor": np.floor(x), "ceil": np.ceil(x),
            "fscale": np.ldexp(x, k.astype(np.int64)), "min": np.minimum(x, y),
            "max": np.maximum(x, y), "sign": np.sign(x),
        }[name]


def compare(label, got, want64, dtype, tol, inputs):
    with np.errstate(over="ignore"):
        want = want64.astype(dtype)
    bad = 0
    for i in range(N):
        g, w = got[i], want[i]
        if np.isnan(w) or np.isnan(g):
            ok = np.isnan(w) and np.isnan(g)
        elif np.isinf(w) or np.isinf(g):
            ok = g == w
        elif g == w:
            ok = True
            if w == 0 and np.signbit(g) != np.signbit(w):
                ok = label.split("_")[0] not in SIGNED_ZEROS
                if ok:
                    print(f"note: {label}{inputs(i)} gave {g!r}, numpy gives {w!r}")
        else:
            rtol, atol, ulps = tol if tol else (0, 0, 0)
            spacing = np.spacing(np.abs(w).astype(dtype)).astype(np.float64)
            ok = abs(float(g) - float(w)) <= rtol * abs(float(w)) + atol + ulps * float(spacing)
        if not ok:
            bad += 1
            print(f"MISMATCH {label}{inputs(i)}: got {g!r}, want {w!r} (exact {want64[i]!r})")
    return bad


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("xin", "yin", "kin", "out32", "out16", "cls")}
runner.load()
runner.run()
u32, u16 = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT
ROW = MemcpyOrder.ROW_MAJOR
inputs = [rows_for(pe) for pe in range(W)]
xs = np.stack([i[0] for i in inputs]).reshape(W, F * N)
ys = np.stack([i[1] for i in inputs])
ks = np.stack([i[2] for i in inputs])
runner.memcpy_h2d(ids["xin"], xs.ravel(), 0, 0, W, 1, F * N, streaming=False, order=ROW, data_type=u32, nonblock=False)
runner.memcpy_h2d(ids["yin"], ys.ravel(), 0, 0, W, 1, N, streaming=False, order=ROW, data_type=u32, nonblock=False)
runner.memcpy_h2d(ids["kin"], ks.view(np.uint16).astype(np.uint32).ravel(), 0, 0, W, 1, N,
                  streaming=False, order=ROW, data_type=u16, nonblock=False)
runner.launch("sweep", nonblock=False)
o32 = np.zeros(W * F * N, dtype=np.float32)
o16 = np.zeros(W * F * N, dtype=np.uint32)
cls = np.zeros(W * N, dtype=np.uint32)
runner.memcpy_d2h(o32, ids["out32"], 0, 0, W, 1, F * N, streaming=False, order=ROW, data_type=u32, nonblock=False)
runner.memcpy_d2h(o16, ids["out16"], 0, 0, W, 1, F * N, streaming=False, order=ROW, data_type=u16, nonblock=False)
runner.memcpy_d2h(cls, ids["cls"], 0, 0, W, 1, N, streaming=False, order=ROW, data_type=u32, nonblock=False)
runner.stop()

o32 = o32.reshape(W, F, N)
o16 = o16.astype(np.uint16).view(np.float16).reshape(W, F, N)
cls = cls.reshape(W, N)
bad = 0
for pe in range(W):
    x, y, k = inputs[pe]
    with np.errstate(over="ignore"):
        xh, yh = x.astype(np.float16), y.astype(np.float16)
    for f, name in enumerate(FNS):
        second = name in ("pow", "min", "max")
        def show(arr, yy):
            return lambda i: f"({arr[f, i]!r}" + (f", {yy[i]!r}" if second else "") + \
                (f", {k[i]}" if name == "fscale" else "") + f") PE {pe}"
        bad += compare(f"{name}_f32", o32[pe, f], ref(name, x[f], y, k), np.float32,
                       TOL32.get(name), show(x, y))
        tol16 = None if name in ("abs", "floor", "ceil", "fscale", "min", "max", "sign") else (0, 0, 1)
        bad += compare(f"{name}_f16", o16[pe, f], ref(name, xh[f], yh, k), np.float16, tol16,
                       show(xh, yh))
    # pow with an integer exponent (|y| <= 64): the exact power when representable, else
    # within 2 ulps (exp(y log x) gave 10^5 = 100000.0625 before dada754).
    f = FNS.index("pow")
    for i in range(N):
        if np.isfinite(x[f, i]) and x[f, i] != 0 and float(y[i]).is_integer() and abs(y[i]) <= 64:
            exact = float(x[f, i]) ** float(y[i])
            with np.errstate(over="ignore"):
                want = np.float32(exact)
            g = o32[pe, f, i]
            ok = g == want if (np.isinf(want) or float(want) == exact) else \
                abs(float(g) - float(want)) <= 2 * float(np.spacing(np.abs(want)))
            if not ok:
                bad += 1
                print(f"MISMATCH pow_f32 integer exponent ({x[f, i]!r}, {y[i]!r}) PE {pe}: got {g!r}, want {want!r}")
    for i in range(N):
        want = 0
        for shift, v in ((0, x[0, i]), (4, xh[0, i])):
            want |= (int(np.isnan(v)) | int(np.isinf(v)) << 1 | int(np.isfinite(v)) << 2
                     | int(np.signbit(v)) << 3) << shift
        if cls[pe, i] != want:
            bad += 1
            print(f"MISMATCH predicates of {x[0, i]!r} PE {pe}: got {cls[pe, i]:#x}, want {want:#x}")
assert bad == 0, f"{bad} mismatches"
print("SUCCESS!")
