#!/usr/bin/env cs_python
"""host-stream-poll: overlapping host I/O by polling. The D2H streams are posted
nonblocking first; is_task_done() on them must answer False (the host is not waiting, so
nothing is hung) while the H2D data is still to come; the x stream is then fed in two
pieces (1 then 3 elements per PE) with a poll after each, the key stream in one piece, and
the D2H tasks polled until done. Every answer and counter is checked.
Prints SUCCESS! only when every check passes."""
import argparse
import json
import time

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
B32, ROW = MemcpyDataType.MEMCPY_32BIT, MemcpyOrder.ROW_MAJOR
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


def poll_until_done(runner, task, what):
    deadline = time.monotonic() + 60
    while not runner.is_task_done(task):
        if time.monotonic() > deadline:
            check(False, f"{what}: not done after 60 s")
            return
        time.sleep(0.01)


place = (10 * np.arange(W)[None, :] + np.arange(H)[:, None]).astype(np.float32)[:, :, None]
rng = np.random.default_rng(5)
M = 4
x = (rng.integers(-800, 800, size=(H, W, M)) / 4).astype(np.float32)
keys = rng.integers(0, 1 << 32, size=(H, W, 2), dtype=np.uint64).astype(np.uint32)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
counts_id = runner.get_id("counts")
runner.load()
runner.run()
y = np.zeros((H, W, M), np.float32)
kk = np.zeros((H, W, 2), np.uint32)
t_y = runner.memcpy_d2h(y, Y_OUT, 0, 0, W, H, M, streaming=True, data_type=B32, order=ROW,
                        nonblock=True)
t_k = runner.memcpy_d2h(kk, KEY_OUT, 0, 0, W, H, 2, streaming=True, data_type=B32,
                        order=ROW, nonblock=True)
try:
    check(not runner.is_task_done(t_y) and not runner.is_task_done(t_k),
          "the D2H streams are not done before any data was sent")
    runner.memcpy_h2d(X_IN, np.ascontiguousarray(x[:, :, :1]), 0, 0, W, H, 1, streaming=True,
                      data_type=B32, order=ROW, nonblock=True)
    check(not runner.is_task_done(t_y), "the x answers are not done after 1 of 4 per PE")
    runner.memcpy_h2d(X_IN, np.ascontiguousarray(x[:, :, 1:]), 0, 0, W, H, M - 1,
                      streaming=True, data_type=B32, order=ROW, nonblock=True)
    poll_until_done(runner, t_y, "x answers")
    check(not runner.is_task_done(t_k), "the key answers wait for the key stream")
    runner.memcpy_h2d(KEY_IN, keys, 0, 0, W, H, 2, streaming=True, data_type=B32, order=ROW,
                      nonblock=True)
    poll_until_done(runner, t_k, "key answers")
    check(np.array_equal(y, np.float32(2.0) * x + place), "x answers, fed in two pieces")
    check(np.array_equal(kk, ((keys.astype(np.uint64) * 3 + 1) % (1 << 32)).astype(np.uint32)),
          "key answers")
    counts = np.zeros((H, W, 2), np.uint32)
    runner.memcpy_d2h(counts, counts_id, 0, 0, W, H, 2)
    check(np.all(counts[:, :, 0] == M) and np.all(counts[:, :, 1] == 2),
          f"counters {counts.tolist()}")
    runner.stop()
except Exception as e:  # pylint: disable=broad-except
    check(False, f"the polled session failed: {type(e).__name__}: {str(e).splitlines()[0]}")

if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
