#!/usr/bin/env cs_python
"""fft3d-variants: <kernels/fft/fft3d_layout> entry points against numpy.fft, in f16 or f32:
csfftExecC2C forward and inverse and csfftExecR2C / csfftExecC2R (imaginary parts read as
zero) with norm 0 (numpy "backward"), 1 ("ortho") and 2 ("forward"). Errors are measured
against the largest magnitude of the expected result: 2e-5 in f32, 4e-3 in f16 (values
stored in f16, pencils computed in f32)."""
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
    p = json.load(f)["params"]
n, t, half = int(p["N"]), int(p["pencils"]), int(p["half"]) != 0
w = n // t
per_pe = 2 * t * t * n
dt = np.float16 if half else np.float32
tol = 4e-3 if half else 2e-5
kind = MemcpyDataType.MEMCPY_16BIT if half else MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
NORMS = {0: "backward", 1: "ortho", 2: "forward"}

gx, gy, gz = np.meshgrid(np.arange(n), np.arange(n), np.arange(n), indexing="ij")
pe_row, pe_col = gy // t, gx // t
slot = gz * t * t + (gy % t) * t + gx % t


def to_words(a):
    """f16 values travel as the low halves of 32-bit words."""
    a = np.ascontiguousarray(a.astype(dt))
    return a.view(np.uint16).astype(np.uint32) if half else a.view(np.uint32)


def from_words(u):
    return (u & 0xffff).astype(np.uint16).view(np.float16) if half else u.view(np.float32)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
x_id, tw_id = runner.get_id("X"), runner.get_id("twiddle_array")
runner.load()
runner.run()

k_half = np.arange(n // 2)
twiddle = np.empty(n, dtype=np.float64)
twiddle[0::2] = np.cos(2 * np.pi * k_half / n)
twiddle[1::2] = np.sin(2 * np.pi * k_half / n)
runner.memcpy_h2d(tw_id, to_words(np.tile(twiddle, w * w)), 0, 0, w, w, n, streaming=False,
                  order=ROW, data_type=kind, nonblock=False)


def put(a):
    words = np.zeros((w, w, per_pe), dtype=np.float64)
    words[pe_row, pe_col, 2 * slot] = a.real
    words[pe_row, pe_col, 2 * slot + 1] = a.imag
    runner.memcpy_h2d(x_id, to_words(words.ravel()), 0, 0, w, w, per_pe, streaming=False,
                      order=ROW, data_type=kind, nonblock=False)


def get():
    out = np.zeros(w * w * per_pe, dtype=np.uint32)
    runner.memcpy_d2h(out, x_id, 0, 0, w, w, per_pe, streaming=False, order=ROW,
                      data_type=kind, nonblock=False)
    words = from_words(out).astype(np.float64).reshape(w, w, per_pe)
    return words[pe_row, pe_col, 2 * slot] + 1j * words[pe_row, pe_col, 2 * slot + 1]


rng = np.random.default_rng(n * 10 + t)
bad = 0


def check(label, got, want):
    global bad
    scale = max(np.abs(want).max(), 1e-30)
    err = np.abs(got - want).max() / scale
    ok = err <= tol
    print(f"{label:34s} rel err {err:.2e} {'ok' if ok else 'WRONG'}")
    if not ok:
        i = np.unravel_index(np.argmax(np.abs(got - want)), want.shape)
        print(f"  worst at {i}: got {got[i]}, want {want[i]}")
        bad += 1


for norm, name in NORMS.items():
    g = (rng.uniform(-1, 1, (n, n, n)) + 1j * rng.uniform(-1, 1, (n, n, n)))
    g = g.astype(np.complex64 if not half else np.complex128)
    g = g.real.astype(dt).astype(np.float64) + 1j * g.imag.astype(dt).astype(np.float64)
    put(g)
    runner.launch("csfftExecC2C", np.int16(norm), np.int16(0), nonblock=False)
    fwd = get()
    check(f"C2C forward norm={name}", fwd, np.fft.fftn(g, norm=name))
    # The inverse of what is on the device now (its own f16/f32 spectrum).
    runner.launch("csfftExecC2C", np.int16(norm), np.int16(1), nonblock=False)
    check(f"C2C inverse norm={name}", get(), np.fft.ifftn(fwd, norm=name))

    r = rng.uniform(-1, 1, (n, n, n)).astype(dt).astype(np.float64)
    # R2C must ignore whatever imaginary parts X holds.
    put(r + 1j * rng.uniform(-1, 1, (n, n, n)).astype(dt).astype(np.float64))
    runner.launch("csfftExecR2C", np.int16(norm), nonblock=False)
    check(f"R2C norm={name}", get(), np.fft.fftn(r, norm=name))

    s = rng.uniform(-1, 1, (n, n, n)).astype(dt).astype(np.float64)
    put(s + 1j * rng.uniform(-1, 1, (n, n, n)).astype(dt).astype(np.float64))
    runner.launch("csfftExecC2R", np.int16(norm), nonblock=False)
    check(f"C2R norm={name}", get(), np.fft.ifftn(s, norm=name))

runner.stop()
if bad:
    print(f"FAIL: {bad} transforms wrong")
    sys.exit(1)
print("SUCCESS!")
