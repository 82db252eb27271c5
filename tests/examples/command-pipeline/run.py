#!/usr/bin/env cs_python
"""command-pipeline: rounds of nonblocking commands (H2D, launch or call, D2H of arrays
and of exported scalar pointers) issued back to back, with a task_wait on the very last
one only; every earlier D2H array must then hold the state of its own moment.

Arguments the way SDK scripts pass them: launch with numpy scalars and cast_uint32
words, call with packed words (f32 bits, a zero-extended i16) and with an empty list;
an i16 scalar read by 16-bit D2H and viewed as int16; a copy through a pointer into the
middle of an array, to a partial rectangle; results copied back and sent out again
without a wait (a view of the array a pending D2H fills); two D2H copies into one array
and a wait for the second. The runtime is built from a platform (get_platform with a SimfabConfig that asks
for a core dump).
Prints SUCCESS! only when every check passes."""
import argparse
import json
import os

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import (MemcpyDataType, MemcpyOrder, SdkRuntime,
                                                   SdkTarget, SimfabConfig, get_platform)
from cerebras.sdk.sdk_utils import cast_uint32

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of the system (omit for the simulator)")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    compile_data = json.load(f)
W = int(compile_data["params"]["width"])
H = int(compile_data["params"]["height"])
N = int(compile_data["params"]["n"])
TAIL = int(compile_data["params"]["tail_at"])
target = SdkTarget.WSE3 if compile_data.get("arch") == "wse3" else SdkTarget.WSE2
B16, B32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


def wrap16(v):
    return ((np.asarray(v, np.int64) + 0x8000) % 0x10000 - 0x8000).astype(np.int16)


core_path = os.path.abspath("pipeline.core")
if os.path.exists(core_path):
    os.remove(core_path)
platform = get_platform(args.cmaddr, SimfabConfig(num_threads=2, dump_core=True,
                                                  core_path=core_path), target)
runner = SdkRuntime(args.name, platform)
ids = {s: runner.get_id(s) for s in ("inc", "acc", "acc_tail", "steps", "balance")}
runner.load()
runner.run()

rng = np.random.default_rng(11)
pe_factor = (np.arange(H * W).reshape(H, W) + 1).astype(np.int64)  # pe_number + 1
acc = np.zeros((H, W, N), np.float32)
steps = 0
balance = np.zeros((H, W), np.int16)

ROUNDS = 7
acc_seen = np.zeros((ROUNDS, H, W, N), np.float32)
tail_seen = np.zeros((ROUNDS, N - TAIL, W, H), np.float32)  # COL_MAJOR: [l][w][h]
steps_seen = np.zeros((ROUNDS, H, W), np.uint32)
balance_seen = np.full((ROUNDS, H, W), 0xDEADBEEF, np.uint32)
expected = []
tasks = []
relay = np.zeros((H, W, N), np.float32)
reused = np.zeros((H, W), np.uint32)
for r in range(ROUNDS):
    inc = rng.uniform(-1, 1, size=(H, W, N)).astype(np.float32)
    tasks.append(runner.memcpy_h2d(ids["inc"], inc.ravel(), 0, 0, W, H, N, streaming=False,
                                   data_type=B32, order=ROW, nonblock=True))
    weight = np.float32(rng.uniform(-2, 2))
    times = r % 3 + 1
    if r % 2 == 0:
        tasks.append(runner.launch("step", weight, cast_uint32(times), nonblock=True))
    else:  # the packed form: the f32's bits, then an int
        tasks.append(runner.call("step", [cast_uint32(weight), times], nonblock=True))
    for _ in range(times):
        acc = acc + inc * weight
    steps += times

    delta = int(rng.integers(-6000, 6000))
    if r % 2 == 0:
        tasks.append(runner.launch("bump", np.int16(delta), nonblock=True))
    else:  # a negative i16 packed as its zero-extended 16 bits
        tasks.append(runner.call("bump", np.array([cast_uint32(np.int16(delta))], np.uint32),
                                 nonblock=True))
    balance = wrap16(balance.astype(np.int64) + delta * pe_factor)

    if r == 2:
        tasks.append(runner.call("reset", [], nonblock=True))
        acc = np.zeros_like(acc)
        steps = 0
    if r == 4:  # through the pointer into the middle of acc, a 2x2 rectangle at (1, 0)
        fresh = rng.uniform(-50, 50, size=(2, 2, N - TAIL)).astype(np.float32)
        tasks.append(runner.memcpy_h2d(ids["acc_tail"], fresh.ravel(), 1, 0, 2, 2, N - TAIL,
                                       streaming=False, data_type=B32, order=ROW,
                                       nonblock=True))
        acc[0:2, 1:3, TAIL:] = fresh

    tasks.append(runner.memcpy_d2h(acc_seen[r].ravel(), ids["acc"], 0, 0, W, H, N,
                                   streaming=False, data_type=B32, order=ROW, nonblock=True))
    tasks.append(runner.memcpy_d2h(tail_seen[r].reshape(-1), ids["acc_tail"], 0, 0, W, H,
                                   N - TAIL, streaming=False, data_type=B32, order=COL,
                                   nonblock=True))
    tasks.append(runner.memcpy_d2h(steps_seen[r], ids["steps"], 0, 0, W, H, 1,
                                   streaming=False, data_type=B32, order=ROW, nonblock=True))
    tasks.append(runner.memcpy_d2h(balance_seen[r], ids["balance"], 0, 0, W, H, 1,
                                   streaming=False, data_type=B16, order=COL, nonblock=True))
    expected.append((acc.copy(), steps, balance.copy()))

    if r == 5:
        # Device -> host -> device without a wait: acc comes back into `relay` and goes
        # straight out again (column-reversed view) as inc; step(1, 1) then adds it.
        # The H2D must send what the pending D2H brings (it sent zeros before 79fecc0).
        tasks.append(runner.memcpy_d2h(relay, ids["acc"], 0, 0, W, H, N, streaming=False,
                                       data_type=B32, order=ROW, nonblock=True))
        tasks.append(runner.memcpy_h2d(ids["inc"], relay[:, ::-1, :], 0, 0, W, H, N,
                                       streaming=False, data_type=B32, order=ROW,
                                       nonblock=True))
        tasks.append(runner.launch("step", np.float32(1.0), cast_uint32(1), nonblock=True))
        acc = acc + acc[:, ::-1, :] * np.float32(1.0)
        steps += 1
        # two copies into one array, a wait for the second: its words must stay (the
        # first copy's overwrote them before 0079315)
        tasks.append(runner.memcpy_d2h(reused, ids["steps"], 0, 0, W, H, 1, nonblock=True))
        tasks.append(runner.memcpy_d2h(reused, ids["balance"], 0, 0, W, H, 1,
                                       data_type=B16, nonblock=True))
        runner.task_wait(tasks[-1])
        check(np.array_equal(reused.astype(np.uint16).view(np.int16), balance),
              "two D2H copies into one array: the later one's words")

runner.task_wait(tasks[-1])  # the only other wait
check(np.array_equal(relay.reshape(H, W, N), expected[5][0]), "relay: acc of round 5")
for r, (e_acc, e_steps, e_balance) in enumerate(expected):
    check(np.array_equal(acc_seen[r], e_acc), f"round {r}: acc")
    check(np.array_equal(tail_seen[r].transpose(2, 1, 0), e_acc[:, :, TAIL:]),
          f"round {r}: acc from the pointer into its middle, COL_MAJOR")
    check(np.all(steps_seen[r] == e_steps), f"round {r}: steps {steps_seen[r]} != {e_steps}")
    # COL_MAJOR with one element per PE is [w][h]: the (H, W) array holds it transposed.
    words = balance_seen[r].reshape(W, H).T
    check(not np.any(words >> 16), f"round {r}: 16-bit D2H words have zero upper halves")
    check(np.array_equal(words.astype(np.uint16).view(np.int16), e_balance),
          f"round {r}: balance (i16) {words.astype(np.uint16).view(np.int16)} != {e_balance}")
check(all(runner.is_task_done(t) for t in tasks), "every task is done after the last one")

runner.stop()
check(os.path.exists(core_path) and os.path.getsize(core_path) > 0,
      "SimfabConfig(dump_core=True) writes the core to core_path at stop()")
if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
