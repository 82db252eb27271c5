#!/usr/bin/env cs_python
"""mlp-layernorm: two inputs through one MLP block (f16 W1 and x by 16-bit copies, f32 W2
and layernorm parameters); h (after GELU) on every PE and the gathered y are compared
with a float64 model of the same block (tanh-form GELU, biased variance)."""
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
P, D, H, O = (int(params[k]) for k in ("P", "D", "H", "O"))
Dp, Op = D // P, O // P
b16, b32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("w1", "x", "w2", "norm", "h", "y")}
runner.load()
runner.run()
rng = np.random.default_rng(1234)


def put(sym, arr, per_pe, width):
    if width == 16:
        words = arr.view(np.uint16).astype(np.uint32).ravel()
        runner.memcpy_h2d(ids[sym], words, 0, 0, P, 1, per_pe, streaming=False, order=ROW,
                          data_type=b16, nonblock=False)
    else:
        runner.memcpy_h2d(ids[sym], arr.ravel(), 0, 0, P, 1, per_pe, streaming=False,
                          order=ROW, data_type=b32, nonblock=False)


W1 = (rng.standard_normal((H, D)) / np.sqrt(D)).astype(np.float16)
W2 = (rng.standard_normal((O, H)) / np.sqrt(H)).astype(np.float32)
gain = rng.uniform(0.5, 1.5, size=H).astype(np.float32)
bias = rng.uniform(-0.2, 0.2, size=H).astype(np.float32)
# PE p: columns of its slice, column-major (column j of the slice holds H values).
put("w1", np.stack([W1[:, p * Dp:(p + 1) * Dp].T for p in range(P)]), Dp * H, 16)
put("w2", np.stack([W2[p * Op:(p + 1) * Op, :].T for p in range(P)]), H * Op, 32)
put("norm", np.tile(np.concatenate([gain, bias]), P), 2 * H, 32)
eps = 1e-5


def model(xv):
    hv = W1.astype(np.float64) @ xv.astype(np.float64)
    mu = hv.mean()
    var = ((hv - mu) ** 2).mean()
    z = (hv - mu) / np.sqrt(var + eps) * gain + bias
    g = 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z ** 3)))
    return g, W2.astype(np.float64) @ g


for trial in range(2):
    xv = rng.uniform(-2, 2, size=D).astype(np.float16)
    put("x", xv.reshape(P, Dp), Dp, 16)
    runner.launch("forward", np.float32(eps), nonblock=False)
    hs = np.zeros(P * H, dtype=np.float32)
    runner.memcpy_d2h(hs, ids["h"], 0, 0, P, 1, H, streaming=False, order=ROW, data_type=b32,
                      nonblock=False)
    ys = np.zeros(O, dtype=np.float32)
    runner.memcpy_d2h(ys, ids["y"], 0, 0, P, 1, Op, streaming=False, order=ROW, data_type=b32,
                      nonblock=False)
    hs = hs.reshape(P, H)
    assert (hs == hs[0]).all(), "PEs hold different activations"
    g, yref = model(xv)
    np.testing.assert_allclose(hs[0], g, rtol=1e-4, atol=1e-5, err_msg=f"trial {trial}: gelu(h)")
    np.testing.assert_allclose(ys, yref, rtol=1e-4, atol=1e-4, err_msg=f"trial {trial}: y")
    print(f"trial {trial}: h ({H}) and y ({O}) match, max |y - ref| {np.abs(ys - yref).max():.2e}")
runner.stop()
print("SUCCESS!")
