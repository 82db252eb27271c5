#!/usr/bin/env cs_python
"""control-bus: four scripts (one stopped early by DONE, one empty, one random) run by
PE 0 over the bus; every listener's accumulator is replayed in f32 and the per-command
counts of every PE are checked."""
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
w, max_len = p["width"], p["max_len"]

SET, ADD, MUL, COORD, HALVE, DONE = range(6)
B32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("ops", "vals", "acc", "counts")}
runner.load()
runner.run()


def read(sym, per_pe, dtype):
    out = np.zeros(w * per_pe, dtype=dtype)
    runner.memcpy_d2h(out, ids[sym], 0, 0, w, 1, per_pe, streaming=False, order=ROW,
                      data_type=B32, nonblock=False)
    return out.reshape(w, per_pe)


rng = np.random.default_rng(17)
random_ops = rng.integers(0, 5, size=20)
random_vals = rng.uniform(-2, 2, size=20).astype(np.float32)
scripts = [
    ([SET, ADD, COORD, MUL, HALVE], [1.5, 2.25, 0, -0.5, 0]),
    ([ADD, COORD, COORD, DONE, ADD], [3.0, 0, 0, 0, 100.0]),
    # Ends with COORD so the listeners' values differ.
    (list(random_ops) + [COORD, ADD], list(random_vals) + [0, 0.75]),
    ([], []),
]

acc = np.zeros(w, dtype=np.float32)          # the listeners' model (index = x)
counts = np.zeros((w, 6), dtype=np.uint32)
for ops, vals in scripts:
    ops_words = np.zeros(max_len, dtype=np.uint32)
    vals_words = np.zeros(max_len, dtype=np.float32)
    ops_words[:len(ops)] = ops
    vals_words[:len(vals)] = vals
    runner.memcpy_h2d(ids["ops"], ops_words, 0, 0, 1, 1, max_len, streaming=False,
                      order=ROW, data_type=B32, nonblock=False)
    runner.memcpy_h2d(ids["vals"], vals_words, 0, 0, 1, 1, max_len, streaming=False,
                      order=ROW, data_type=B32, nonblock=False)
    runner.launch("run_script", np.uint16(len(ops)), nonblock=False)

    for op, v in zip(ops, vals):
        if op == DONE:
            break
        counts[:, op] += 1
        v = np.float32(v)
        for x in range(1, w):
            if op == SET:
                acc[x] = v
            elif op == ADD:
                acc[x] = np.float32(acc[x] + v)
            elif op == MUL:
                acc[x] = np.float32(acc[x] * v)
            elif op == COORD:
                acc[x] = np.float32(acc[x] * np.float32(x))
            else:
                acc[x] = np.float32(acc[x] * np.float32(0.5))
    counts[:, DONE] += 1

    got_acc = read("acc", 1, np.float32)[:, 0]
    np.testing.assert_array_equal(got_acc[1:], acc[1:], err_msg=f"script {ops}")
    np.testing.assert_array_equal(read("counts", 6, np.uint32), counts, err_msg=f"script {ops}")
    print(f"script of {len(ops)} commands: accumulators {got_acc[1:].tolist()}")
runner.stop()
print("SUCCESS!")
