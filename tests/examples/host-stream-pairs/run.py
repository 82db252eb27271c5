#!/usr/bin/env cs_python
"""host-stream-pairs: two H2D and two D2H streaming colors (MEMCPYH2D_DATA_1/_2,
MEMCPYD2H_DATA_1/_2) on a 4x3 block over two channels.

Round 1 one stream at a time: f32 x to the whole block (ROW_MAJOR), answers 2x + place
read blocking; u32 keys to a far-corner 2x2 (COL_MAJOR), answers 3k + 1 read blocking.
Round 2 everything at once: both D2H streams posted nonblocking first (the second on a
1x3 column), then both H2D streams nonblocking, then the waits, second stream first.
Round 3 the copy-mode counters of both tasks on every PE. Prints SUCCESS! only when every
check passes."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of the system (omit for the simulator)")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H = int(params["width"]), int(params["height"])
X_IN, KEY_IN = int(params["MEMCPYH2D_DATA_1_ID"]), int(params["MEMCPYH2D_DATA_2_ID"])
Y_OUT, KEY_OUT = int(params["MEMCPYD2H_DATA_1_ID"]), int(params["MEMCPYD2H_DATA_2_ID"])
B32 = MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


place = (10 * np.arange(W)[None, :] + np.arange(H)[:, None]).astype(np.float32)
counts = np.zeros((H, W, 2), np.uint32)


def x_answers(x, px, py):
    h, w, m = x.shape
    counts[py:py + h, px:px + w, 0] += m
    return np.float32(2.0) * x + place[py:py + h, px:px + w, None]


def key_answers(k, px, py):
    h, w, m = k.shape
    counts[py:py + h, px:px + w, 1] += m
    return ((k.astype(np.uint64) * 3 + 1) % (1 << 32)).astype(np.uint32)


rng = np.random.default_rng(22)
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
counts_id = runner.get_id("counts")
runner.load()
runner.run()

# ---- round 1: one stream at a time ----
x = (rng.integers(-1000, 1000, size=(H, W, 5)) / 8).astype(np.float32)
runner.memcpy_h2d(X_IN, x, 0, 0, W, H, 5, streaming=True, data_type=B32, order=ROW,
                  nonblock=True)
y = np.zeros((H, W, 5), np.float32)
runner.memcpy_d2h(y, Y_OUT, 0, 0, W, H, 5, streaming=True, data_type=B32, order=ROW,
                  nonblock=False)
check(np.array_equal(y, x_answers(x, 0, 0)), "round 1: x answers on D2H_1")
k = rng.integers(0, 1 << 32, size=(2, 2, 3), dtype=np.uint64).astype(np.uint32)
runner.memcpy_h2d(KEY_IN, k.transpose(2, 1, 0), W - 2, H - 2, 2, 2, 3, streaming=True,
                  data_type=B32, order=COL, nonblock=True)
kk = np.zeros((3, 2, 2), np.uint32)
runner.memcpy_d2h(kk, KEY_OUT, W - 2, H - 2, 2, 2, 3, streaming=True, data_type=B32,
                  order=COL, nonblock=False)
check(np.array_equal(kk.transpose(2, 1, 0), key_answers(k, W - 2, H - 2)),
      "round 1: key answers on D2H_2 from the far-corner 2x2, COL_MAJOR")

# ---- round 2: both directions of both colors at once ----
x2 = (rng.integers(-1000, 1000, size=(H, W, 4)) / 4).astype(np.float32)
k2 = rng.integers(0, 1 << 32, size=(H, 1, 6), dtype=np.uint64).astype(np.uint32)
y2 = np.zeros(H * W * 4, np.float32)
kk2 = np.zeros((H, 1, 6), np.uint32)
t_k = runner.memcpy_d2h(kk2, KEY_OUT, 1, 0, 1, H, 6, streaming=True, data_type=B32,
                        order=ROW, nonblock=True)
t_y = runner.memcpy_d2h(y2, Y_OUT, 0, 0, W, H, 4, streaming=True, data_type=B32,
                        order=ROW, nonblock=True)
runner.memcpy_h2d(X_IN, x2.ravel(), 0, 0, W, H, 4, streaming=True, data_type=B32, order=ROW,
                  nonblock=True)
runner.memcpy_h2d(KEY_IN, k2, 1, 0, 1, H, 6, streaming=True, data_type=B32, order=ROW,
                  nonblock=True)
runner.task_wait(t_k)
runner.task_wait(t_y)
check(np.array_equal(kk2, key_answers(k2, 1, 0)), "round 2: key answers from one column")
check(np.array_equal(y2.reshape(H, W, 4), x_answers(x2, 0, 0)), "round 2: x answers")

# ---- round 3: the counters ----
got = np.zeros((H, W, 2), np.uint32)
runner.memcpy_d2h(got, counts_id, 0, 0, W, H, 2, streaming=False, data_type=B32, order=ROW,
                  nonblock=False)
runner.stop()
check(np.array_equal(got, counts), f"per-PE counts {got.tolist()}")

if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
