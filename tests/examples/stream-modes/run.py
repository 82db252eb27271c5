#!/usr/bin/env cs_python
"""stream-modes: wavelet mode, bulk mode, wavelet mode again. Each stream is longer
than the queues between host and PE, so it only finishes when the answers are read
while it is being sent (nonblocking H2D, then a D2H)."""
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
w, h, max_len = int(params["width"]), int(params["height"]), int(params["max_len"])
h2d = int(params["MEMCPYH2D_DATA_1_ID"])
d2h = int(params["MEMCPYD2H_DATA_1_ID"])
f32 = MemcpyDataType.MEMCPY_32BIT
rng = np.random.default_rng(3)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
offsets_id = runner.get_id("offsets")
handled_id = runner.get_id("handled")
runner.load()
runner.run()


def stream(x, count, order):
    """Streams x (A[h][w][count] in the given order) in and returns the answers."""
    answers = np.zeros(w * h * count, dtype=np.float32)
    sent = runner.memcpy_h2d(h2d, x, 0, 0, w, h, count, streaming=True, data_type=f32,
                             order=order, nonblock=True)
    runner.memcpy_d2h(answers, d2h, 0, 0, w, h, count, streaming=True, data_type=f32,
                      order=order, nonblock=False)
    runner.task_wait(sent)
    return answers


# Wavelet mode, ROW_MAJOR.
n1 = 30
x1 = rng.uniform(-3, 3, size=(h, w, n1)).astype(np.float32)
runner.launch("set_coeffs", 2.5, -1.0, nonblock=False)
y1 = stream(x1.ravel(), n1, MemcpyOrder.ROW_MAJOR).reshape(h, w, n1)
np.testing.assert_allclose(y1, x1 * np.float32(2.5) - np.float32(1.0), rtol=1e-6)

# Bulk mode, COL_MAJOR (the PE index fastest: A[h][w][l] -> [l][w][h]).
n2 = max_len
offsets = rng.uniform(0, 10, size=(h, w, max_len)).astype(np.float32)
runner.memcpy_h2d(offsets_id, offsets.ravel(), 0, 0, w, h, max_len, streaming=False,
                  data_type=f32, order=MemcpyOrder.ROW_MAJOR, nonblock=False)
x2 = rng.uniform(-3, 3, size=(h, w, n2)).astype(np.float32)
runner.launch("arm", np.uint16(n2), np.float32(-0.5), nonblock=False)
y2 = stream(x2.transpose(2, 1, 0).ravel(), n2, MemcpyOrder.COL_MAJOR)
y2 = y2.reshape(n2, w, h).transpose(2, 1, 0)
np.testing.assert_allclose(y2, offsets + x2 * np.float32(-0.5), rtol=1e-6)

# Wavelet mode again: only works if the bulk op unblocked the data task.
n3 = 17
x3 = rng.uniform(-3, 3, size=(h, w, n3)).astype(np.float32)
runner.launch("set_coeffs", -1.0, 4.0, nonblock=False)
y3 = stream(x3.ravel(), n3, MemcpyOrder.ROW_MAJOR).reshape(h, w, n3)
np.testing.assert_allclose(y3, -x3 + np.float32(4.0), rtol=1e-6)

handled = np.zeros(w * h * 2, dtype=np.uint32)
runner.memcpy_d2h(handled, handled_id, 0, 0, w, h, 2, streaming=False, data_type=f32,
                  order=MemcpyOrder.ROW_MAJOR, nonblock=False)
runner.stop()
np.testing.assert_array_equal(handled.reshape(-1, 2), np.tile([n1 + n3, 1], (w * h, 1)))
print("SUCCESS!")
