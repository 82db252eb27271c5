#!/usr/bin/env cs_python
"""wave-leapfrog-rotate: a plucked string (u at t = -dt and t = 0 given) advanced 5, 1
and 12 leapfrog steps with c2 = 1/4 (the products by 2, -2 and 1/4 are exact, so every
value is bit for bit the float32 model: (left + right) + cur * -2, then
(cur * 2 - prev) + tmp * c2); the newest buffer is chosen by the step count and the two
older ones must hold the previous steps."""
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
W, n = int(params["width"]), int(params["n"])
L = n + 2
NT = W * n
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
c2 = np.float32(0.25)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
bufs_id, steps_id = runner.get_id("bufs"), runner.get_id("steps")
runner.load()
runner.run()

xs = np.arange(1, NT + 1) / (NT + 1)
u0 = np.where(xs < 0.3, xs / 0.3, (1 - xs) / 0.7).astype(np.float32)   # plucked at 0.3
u_prev = u0.copy()
u_cur = u0.copy()


def model_step(prev, cur):
    pad = np.pad(cur, 1)
    t = (pad[:-2] + pad[2:]).astype(np.float32)
    t = (t + cur * np.float32(-2.0)).astype(np.float32)
    nxt = ((cur * np.float32(2.0)).astype(np.float32) - prev).astype(np.float32)
    return (nxt + t * c2).astype(np.float32)


def to_device(b0, b1):
    """bufs per PE: buffer 0 = prev, 1 = cur, 2 = zeros; halos hold the neighbours."""
    out = np.zeros((W, 3, L), dtype=np.float32)
    for k, u in enumerate((b0, b1)):
        pad = np.pad(u, 1)
        for x in range(W):
            out[x, k] = pad[x * n:x * n + L]
    return out.ravel()


runner.memcpy_h2d(bufs_id, to_device(u_prev, u_cur), 0, 0, W, 1, 3 * L, streaming=False,
                  order=ROW, data_type=f32, nonblock=False)
history = [u_prev, u_cur]
total = 0
for count in (5, 1, 12):
    runner.launch("advance", np.uint16(count), np.float32(c2), nonblock=False)
    for _ in range(count):
        history.append(model_step(history[-2], history[-1]))
    total += count
    flat = np.zeros(W * 3 * L, dtype=np.float32)
    runner.memcpy_d2h(flat, bufs_id, 0, 0, W, 1, 3 * L, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    steps = np.zeros(W, dtype=np.uint32)
    runner.memcpy_d2h(steps, steps_id, 0, 0, W, 1, 1, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    assert (steps == total).all(), steps
    per = flat.reshape(W, 3, L)
    # After `total` steps, buffer (total + 1) % 3 is newest, total % 3 the one before it.
    for age, b in ((0, (total + 1) % 3), (1, total % 3)):
        got = np.concatenate([per[x, b, 1:-1] for x in range(W)])
        want = history[-1 - age]
        bad = np.nonzero(got.view(np.uint32) != want.view(np.uint32))[0]
        assert bad.size == 0, f"after {total} steps, buffer {b} (age {age}): {bad.size} points " \
            f"differ, first {bad[0]}: {got[bad[0]]} vs {want[bad[0]]}"
    print(f"{total} steps: string of {NT} points matches, max |u| {np.abs(history[-1]).max():.4f}")
runner.stop()
print("SUCCESS!")
