#!/usr/bin/env cs_python
"""fft3d-poisson: laplacian(u) = f with periodic boundaries by FFT on the device.
f is a few Fourier modes (whose solution is known in closed form) plus zero-mean noise.
Checked: the device's forward spectrum against numpy's fftn, the solution against the
closed form and against numpy's spectral solve, the spectral residual, the inverse of an
ortho-normalised round trip, and the kernel's cycle counter."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    p = {k: int(v) for k, v in json.load(f)["params"].items()}
n, t = p["N"], p["pencils"]
w = n // t
per_pe = 2 * t * t * n   # f32 words: t*t pencils of n complex values

B32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

# Where grid point (x, y, z) lives: PE (x // t, y // t), complex index z t t + (y % t) t + x % t.
gx, gy, gz = np.meshgrid(np.arange(n), np.arange(n), np.arange(n), indexing="ij")
pe_row, pe_col = gy // t, gx // t
slot = gz * t * t + (gy % t) * t + gx % t


def pack(a):
    words = np.zeros((w, w, per_pe), dtype=np.float32)
    words[pe_row, pe_col, 2 * slot] = a.real
    words[pe_row, pe_col, 2 * slot + 1] = a.imag
    return words


def unpack(words):
    return words[pe_row, pe_col, 2 * slot] + 1j * words[pe_row, pe_col, 2 * slot + 1]


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
x_id = runner.get_id("X")
tw_id = runner.get_id("twiddle_array")
time_id = runner.get_id("fft_time")
runner.load()
runner.run()


def put(a):
    runner.memcpy_h2d(x_id, pack(a).ravel(), 0, 0, w, w, per_pe, streaming=False,
                      order=ROW, data_type=B32, nonblock=False)


def get():
    out = np.zeros(w * w * per_pe, dtype=np.float32)
    runner.memcpy_d2h(out, x_id, 0, 0, w, w, per_pe, streaming=False, order=ROW,
                      data_type=B32, nonblock=False)
    return unpack(out.reshape(w, w, per_pe))


def cycles():
    out = np.zeros(w * w * 2, dtype=np.uint32)
    runner.memcpy_d2h(out, time_id, 0, 0, w, w, 2, streaming=False, order=ROW,
                      data_type=B32, nonblock=False)
    words = out.reshape(w * w, 2).astype(np.uint64)
    return words[:, 0] | (words[:, 1] << 32)


# Twiddles: cos and sin of 2 pi k / n for k < n / 2, interleaved, the same on every PE.
k_half = np.arange(n // 2)
twiddle = np.empty(n, dtype=np.float32)
twiddle[0::2] = np.cos(2 * np.pi * k_half / n)
twiddle[1::2] = np.sin(2 * np.pi * k_half / n)
runner.memcpy_h2d(tw_id, np.tile(twiddle, w * w), 0, 0, w, w, n, streaming=False,
                  order=ROW, data_type=B32, nonblock=False)

# f = laplacian of u_exact, u_exact a sum of three modes with zero mean.
h = 2 * np.pi / n
X, Y, Z = gx * h, gy * h, gz * h
modes = [((1, 0, 2), 1.5), ((3, 1, 1), -0.75), ((0, 2, 5), 0.4)]
u_exact = sum(a * np.sin(kx * X + ky * Y + kz * Z) for (kx, ky, kz), a in modes)
f_modes = sum(-a * (kx * kx + ky * ky + kz * kz) * np.sin(kx * X + ky * Y + kz * Z)
              for (kx, ky, kz), a in modes)
rng = np.random.default_rng(31)
noise = rng.normal(0, 0.1, size=(n, n, n))
noise -= noise.mean()
f = (f_modes + noise).astype(np.float32)

# Forward, real to complex, no scaling ("backward" norm).
put(f.astype(np.complex64))
runner.launch("csfftExecR2C", np.int16(0), nonblock=False)
spectrum = get()
want = np.fft.fftn(f.astype(np.float64))
scale = np.abs(want).max()
err = np.abs(spectrum - want).max() / scale
assert err < 2e-5, f"forward spectrum off by {err} of its largest value"
forward_cycles = cycles()
assert (forward_cycles > 0).all(), forward_cycles

# Solve in the host: u_hat = -f_hat / |k|^2 with k the signed integer wavenumbers.
k = np.fft.fftfreq(n, d=1.0 / n)
kx, ky, kz = np.meshgrid(k, k, k, indexing="ij")
k2 = kx * kx + ky * ky + kz * kz
u_hat = np.zeros_like(spectrum)
nonzero = k2 > 0
u_hat[nonzero] = -spectrum[nonzero] / k2[nonzero]
put(u_hat.astype(np.complex64))
runner.launch("csfftExecC2C", np.int16(0), np.int16(1), nonblock=False)
u = get()

assert np.abs(u.imag).max() < 1e-5, f"imaginary part {np.abs(u.imag).max()}"
u_numpy = np.real(np.fft.ifftn(np.where(nonzero, -np.fft.fftn(f) / np.where(nonzero, k2, 1), 0)))
np.testing.assert_allclose(u.real, u_numpy, atol=2e-5)
# The noise's part of the solution is small; the modes' part is what the modes say.
u_noise = np.real(np.fft.ifftn(np.where(nonzero, -np.fft.fftn(noise) / np.where(nonzero, k2, 1), 0)))
np.testing.assert_allclose(u.real - u_noise, u_exact, atol=2e-5)
# Spectral residual: laplacian(u) - f has no energy outside k = 0 (f's mean is zero).
residual = np.real(np.fft.ifftn(-k2 * np.fft.fftn(u.real))) - f
assert np.abs(residual).max() < 1e-3, f"residual {np.abs(residual).max()}"

# An ortho-normalised forward and inverse transform give the field back.
g = (rng.normal(size=(n, n, n)) + 1j * rng.normal(size=(n, n, n))).astype(np.complex64)
put(g)
runner.launch("csfftExecC2C", np.int16(1), np.int16(0), nonblock=False)
g_hat = get()
np.testing.assert_allclose(g_hat, np.fft.fftn(g, norm="ortho"), atol=2e-5)
runner.launch("csfftExecC2C", np.int16(1), np.int16(1), nonblock=False)
np.testing.assert_allclose(get(), g, atol=2e-5)
runner.stop()
print(f"forward transform cycles per PE: {sorted(set(forward_cycles.tolist()))}")
print("SUCCESS!")
