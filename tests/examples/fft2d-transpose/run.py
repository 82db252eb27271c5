#!/usr/bin/env cs_python
"""fft2d-transpose: two 2-D FFTs in a row (the routers' filter counters carry over from
the first to the second). The result must equal, bit for bit, a float32 model of the
same row FFTs and transpose, and be close to numpy's fft2."""
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
P, R, log_n = int(params["P"]), int(params["R"]), int(params["log_n"])
N = 1 << log_n
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

k = np.arange(N // 2)
tw_re = np.cos(2 * np.pi * k / N).astype(np.float32)
tw_im = (-np.sin(2 * np.pi * k / N)).astype(np.float32)
rev = [int(format(i, f"0{log_n}b")[::-1], 2) for i in range(N)]


def row_ffts(re, im):
    """Radix-2 DIT on every row, float32, one rounding per operation (the device's order)."""
    re, im = re[:, rev].copy(), im[:, rev].copy()
    for s in range(log_n):
        half = 1 << s
        step = N // (2 * half)
        wr = np.tile(tw_re[::step][:half], step)
        wi = np.tile(tw_im[::step][:half], step)
        top = (np.arange(N // 2) // half) * 2 * half + np.arange(N // 2) % half
        bot = top + half
        tr = re[:, bot] * wr - im[:, bot] * wi
        ti = re[:, bot] * wi + im[:, bot] * wr
        re[:, bot], im[:, bot] = re[:, top] - tr, im[:, top] - ti
        re[:, top], im[:, top] = re[:, top] + tr, im[:, top] + ti
    return re, im


def model(re, im):
    re, im = row_ffts(re, im)
    return row_ffts(re.T.copy(), im.T.copy())


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("Z", "twiddles")}
runner.load()
runner.run()

table = np.concatenate([tw_re, tw_im]).astype(np.float32)
runner.memcpy_h2d_rowbcast(ids["twiddles"], table, 0, 0, P, 1, N, streaming=False,
                           order=ROW, data_type=f32, nonblock=False)


def to_device(re, im):
    """PE p gets Z[2][R][N]: its R rows of the real parts, then of the imaginary parts."""
    return np.stack([re.reshape(P, R, N), im.reshape(P, R, N)], axis=1).ravel()


def from_device(flat):
    z = flat.reshape(P, 2, R, N)
    return z[:, 0].reshape(N, N), z[:, 1].reshape(N, N)


rng = np.random.default_rng(17)
for trial in range(2):
    re = rng.standard_normal((N, N)).astype(np.float32)
    im = rng.standard_normal((N, N)).astype(np.float32)
    runner.memcpy_h2d(ids["Z"], to_device(re, im), 0, 0, P, 1, 2 * R * N, streaming=False,
                      order=ROW, data_type=f32, nonblock=False)
    runner.launch("fft2d", nonblock=False)
    out = np.zeros(P * 2 * R * N, dtype=np.float32)
    runner.memcpy_d2h(out, ids["Z"], 0, 0, P, 1, 2 * R * N, streaming=False,
                      order=ROW, data_type=f32, nonblock=False)
    got_re, got_im = from_device(out)
    want_re, want_im = model(re, im)
    np.testing.assert_array_equal(got_re, want_re, err_msg=f"trial {trial}: real parts")
    np.testing.assert_array_equal(got_im, want_im, err_msg=f"trial {trial}: imaginary parts")
    exact = np.fft.fft2(re.astype(np.float64) + 1j * im.astype(np.float64)).T
    np.testing.assert_allclose(got_re + 1j * got_im, exact, atol=1e-4 * N * N)
    print(f"trial {trial}: max |Y - fft2(X)^T| = {np.abs(got_re + 1j * got_im - exact).max():.3g}")

runner.stop()
print("SUCCESS!")
