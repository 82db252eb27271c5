#!/usr/bin/env cs_python
"""host-command-order: commands run in the order they are issued, whatever the script waits
for and when.

Nonblocking H2D, D2H, launch and call interleaved with blocking ones: a D2H issued before
a launch sees the values before it, one issued after sees them after; a run of nonblocking
launches each followed by a nonblocking D2H into a row of one history array; tasks waited
newest first, then oldest, then polled with is_task_done; a nonblocking D2H whose array is
then sent back by an H2D without a wait (it must send the copied words); a 16-bit D2H of
an odd count (9 u16 per PE) of the per-PE log of function tags; and a nonblocking D2H left
for stop() to finish. Prints SUCCESS! only when every check passes."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime
from cerebras.sdk.sdk_utils import memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of the system (omit for the simulator)")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H, N, L = (int(params[k]) for k in ("width", "height", "n", "log_len"))
B16 = MemcpyDataType.MEMCPY_16BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


place = (8 * np.arange(W)[None, :] + np.arange(H)[:, None]).astype(np.float32)[:, :, None]
f32 = np.float32


def step(x, a):
    return x * f32(a) + f32(1.0)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
sx, sy, slog, scount = (runner.get_id(s) for s in ("x", "y", "log", "count"))
runner.load()
runner.run()
rng = np.random.default_rng(404)
tasks = []

# ---- a copy before a launch sees the old values, one after sees the new ----
x0 = rng.integers(-300, 300, size=(H, W, N)).astype(np.float32)
tasks.append(runner.memcpy_h2d(sx, x0, 0, 0, W, H, N, nonblock=True))
snap0 = np.zeros((H, W, N), np.float32)
tasks.append(runner.memcpy_d2h(snap0, sx, 0, 0, W, H, N, nonblock=True))
tasks.append(runner.launch("step", f32(2.0), np.uint16(1), nonblock=True))
snap1 = np.zeros((H, W, N), np.float32)
tasks.append(runner.memcpy_d2h(snap1, sx, 0, 0, W, H, N, nonblock=True))
y0 = rng.integers(-50, 50, size=(H, W, N)).astype(np.float32)
tasks.append(runner.memcpy_h2d(sy, y0.transpose(2, 1, 0), 0, 0, W, H, N, order=COL,
                               nonblock=True))
tasks.append(runner.call("mix", [5], nonblock=True))
corner = np.zeros((1, 2, N), np.float32)  # the far corner's last two PEs of the last row
runner.memcpy_d2h(corner, sx, W - 2, H - 1, 2, 1, N)  # blocking: everything above is done
expected = step(x0, 2.0) + y0 - place
check(np.array_equal(snap0, x0), "a nonblocking D2H before the launch sees x as copied in")
check(np.array_equal(snap1, step(x0, 2.0)), "a nonblocking D2H after step(2) sees its result")
check(np.array_equal(corner[0], expected[H - 1, W - 2:]),
      "a blocking D2H of the far corner sees call('mix') done")

# ---- a run of launches, each followed by a D2H into a row of one array ----
rounds = [(0.5, 2), (-1.0, 3), (3.0, 4), (0.5, 6)]
history = np.full((len(rounds), H * W * N), np.nan, np.float32)
hist_tasks = []
for r, (a, tag) in enumerate(rounds):
    tasks.append(runner.launch("step", f32(a), np.uint16(tag), nonblock=True))
    hist_tasks.append(runner.memcpy_d2h(history[r], sx, 0, 0, W, H, N, nonblock=True))
    tasks.append(hist_tasks[-1])
    expected = step(expected, a)
log_words = np.full(H * W * L, 0xDEADBEEF, np.uint32)
t_log = runner.memcpy_d2h(log_words, slog, 0, 0, W, H, L, data_type=B16, order=COL,
                          nonblock=True)
counts = np.zeros((H, W), np.uint32)
t_count = runner.memcpy_d2h(counts, scount, 0, 0, W, H, 1, nonblock=True)
tasks += [t_log, t_count]

runner.task_wait(hist_tasks[1])  # the second round's copy: the first is filled too
model = step(step(x0, 2.0) + y0 - place, 0.5)
check(np.array_equal(history[0].reshape(H, W, N), model), "history[0] after step(0.5)")
check(np.array_equal(history[1].reshape(H, W, N), step(model, -1.0)),
      "history[1] after step(-1), waited on directly")
runner.task_wait(t_count)  # the newest
runner.task_wait(tasks[0])  # the oldest, long done: harmless
runner.task_wait(t_log)  # already done
check(all(runner.is_task_done(t) for t in tasks), "every task reports done")
model = step(step(model, -1.0), 3.0)
check(np.array_equal(history[2].reshape(H, W, N), model), "history[2] after step(3)")
check(np.array_equal(history[3].reshape(H, W, N), step(model, 0.5)), "history[3]")
tags = [1, 1005, 2, 3, 4, 6]
check(np.all(counts == len(tags)), f"each PE ran {len(tags)} functions: {counts.tolist()}")
log = memcpy_view(log_words, np.dtype(np.uint16)).reshape(L, W, H).transpose(2, 1, 0)
check(np.array_equal(log[:, :, :len(tags)], np.broadcast_to(np.array(tags, np.uint16),
                                                             (H, W, len(tags)))),
      f"the tag log, 16-bit COL_MAJOR, odd count: {log[0, 0].tolist()}")
check(not np.any(log_words >> 16), "16-bit D2H words have zero upper halves")

# ---- a D2H into an array, sent back by an H2D without a wait ----
relay = np.zeros((H, W, N), np.float32)
runner.memcpy_d2h(relay, sy, 0, 0, W, H, N, nonblock=True)
runner.memcpy_h2d(sx, relay, 0, 0, W, H, N, nonblock=True)  # must send y, not zeros
runner.launch("step", f32(-2.0), np.uint16(7), nonblock=True)
final = np.zeros((H, W, N), np.float32)
last = runner.memcpy_d2h(final, sx, 0, 0, W, H, N, nonblock=True)
runner.task_wait(last)
check(np.array_equal(relay, y0), "the relay array holds y")
check(np.array_equal(final, step(y0, -2.0)), "x = y sent on without a wait, then step(-2)")

# ---- a D2H left for stop() ----
tail = np.zeros((H, W), np.uint32)
runner.launch("mix", np.uint16(9), nonblock=True)
runner.memcpy_d2h(tail, scount, 0, 0, W, H, 1, order=ROW, nonblock=True)
runner.stop()
check(np.all(tail == len(tags) + 2), f"stop() finished the last D2H: {tail.tolist()}")

if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
