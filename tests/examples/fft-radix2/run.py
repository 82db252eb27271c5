#!/usr/bin/env cs_python
"""fft-radix2: forward FFT of a different complex signal on every PE, then the inverse
of the result. The device result must equal, bit for bit, a float32 model of the same
radix-2 algorithm (same twiddles, same operation order, no fused multiply-add), and be
close to numpy's FFT; the inverse must give back the input."""
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
width, height, log_n = int(params["width"]), int(params["height"]), int(params["log_n"])
n = 1 << log_n
pes = width * height
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

k = np.arange(n // 2)
tw_re = np.cos(2 * np.pi * k / n).astype(np.float32)
tw_im = (-np.sin(2 * np.pi * k / n)).astype(np.float32)


def model(re, im, inverse):
    """The device's algorithm in float32, one rounding per operation."""
    re, im = re.astype(np.float32).copy(), im.astype(np.float32).copy()
    if inverse:
        im = -im
    rev = [int(format(i, f"0{log_n}b")[::-1], 2) for i in range(n)]
    re, im = re[rev], im[rev]
    for s in range(log_n):
        half = 1 << s
        step = n // (2 * half)
        wr = np.tile(tw_re[::step][:half], step)
        wi = np.tile(tw_im[::step][:half], step)
        top = (np.arange(n // 2) // half) * 2 * half + np.arange(n // 2) % half
        bot = top + half
        tr = re[bot] * wr - im[bot] * wi
        ti = re[bot] * wi + im[bot] * wr
        re[bot], im[bot] = re[top] - tr, im[top] - ti
        re[top], im[top] = re[top] + tr, im[top] + ti
    if inverse:
        scale = np.float32(1.0) / np.float32(n)
        re, im = re * scale, -im * scale
    return re, im


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("re", "im", "twiddles")}
runner.load()
runner.run()


def put(sym, data):
    runner.memcpy_h2d(ids[sym], data.ravel(), 0, 0, width, height, n, streaming=False,
                      order=ROW, data_type=f32, nonblock=False)


def get(sym):
    out = np.zeros(pes * n, dtype=np.float32)
    runner.memcpy_d2h(out, ids[sym], 0, 0, width, height, n, streaming=False,
                      order=ROW, data_type=f32, nonblock=False)
    return out.reshape(pes, n)


# One table per row, copied to every PE of that row.
table = np.concatenate([tw_re, tw_im]).astype(np.float32)
runner.memcpy_h2d_rowbcast(ids["twiddles"], np.tile(table, height), 0, 0, width, height, n,
                           streaming=False, order=ROW, data_type=f32, nonblock=False)

rng = np.random.default_rng(5)
sig_re = rng.standard_normal((pes, n)).astype(np.float32)
sig_im = rng.standard_normal((pes, n)).astype(np.float32)
# PE 0 gets a pure tone: its spectrum is two spikes of n/2 (one of n when they meet).
tone = 3 if n >= 8 else 1
sig_re[0] = np.cos(2 * np.pi * tone * np.arange(n) / n).astype(np.float32)
sig_im[0] = 0.0
put("re", sig_re)
put("im", sig_im)

runner.launch("fft", False, nonblock=False)
spec_re, spec_im = get("re"), get("im")
runner.launch("fft", True, nonblock=False)
back_re, back_im = get("re"), get("im")
runner.stop()

for pe in range(pes):
    want_re, want_im = model(sig_re[pe], sig_im[pe], False)
    np.testing.assert_array_equal(spec_re[pe], want_re, err_msg=f"PE {pe} forward re")
    np.testing.assert_array_equal(spec_im[pe], want_im, err_msg=f"PE {pe} forward im")
    exact = np.fft.fft(sig_re[pe].astype(np.float64) + 1j * sig_im[pe].astype(np.float64))
    np.testing.assert_allclose(spec_re[pe] + 1j * spec_im[pe], exact, atol=1e-4 * n)
    inv_re, inv_im = model(spec_re[pe], spec_im[pe], True)
    np.testing.assert_array_equal(back_re[pe], inv_re, err_msg=f"PE {pe} inverse re")
    np.testing.assert_array_equal(back_im[pe], inv_im, err_msg=f"PE {pe} inverse im")
    np.testing.assert_allclose(back_re[pe], sig_re[pe], atol=1e-5)
    np.testing.assert_allclose(back_im[pe], sig_im[pe], atol=1e-5)
spike = np.abs(spec_re[0] + 1j * spec_im[0])
assert spike.argmax() in (tone, n - tone) and spike[tone] > 0.45 * n, spike
print("SUCCESS!")
