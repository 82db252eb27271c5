#!/usr/bin/env cs_python
"""ragged-relay: random chunk schedules (columns, reversed rows, flat runs; lengths from 1
to the whole matrix) sent through the relay; the sink's buffer and per-chunk sums are
rebuilt with numpy (scaling by powers of two is exact; sums in float32, element order)."""
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
R, C, K = int(params["R"]), int(params["C"]), int(params["max_chunks"])
CAP = K * R * C
SCALE = [np.float32(0.5), np.float32(1.0), np.float32(2.0)]

rng = np.random.default_rng(5)


def schedule(count):
    rows = []
    for k in range(count):
        mode = int(rng.integers(0, 3))
        if mode == 0:
            idx, ln = int(rng.integers(0, C)), int(rng.integers(1, R + 1))
        elif mode == 1:
            idx, ln = int(rng.integers(0, R)), int(rng.integers(1, C + 1))
        else:
            idx = int(rng.integers(0, R * C))
            ln = int(rng.integers(1, R * C - idx + 1))
        rows.append((mode, idx, ln))
    # Fixed corner cases first: a whole-matrix run, a single element, a full column/row.
    fixed = [(2, 0, R * C), (0, C - 1, 1), (1, R - 1, C), (0, 0, R), (2, R * C - 1, 1)]
    rows[:len(fixed)] = fixed[:count]
    return rows


def expected(A, rows):
    parts, sums = [], []
    for k, (mode, idx, ln) in enumerate(rows):
        if mode == 0:
            v = A[:ln, idx]
        elif mode == 1:
            v = A[idx, ::-1][:ln]
        else:
            v = A.ravel()[idx:idx + ln]
        v = (v * SCALE[k % 3]).astype(np.float32)
        parts.append(v)
        s = np.float32(0)
        for e in v:
            s = np.float32(s + e)
        sums.append(s)
    return (np.concatenate(parts) if parts else np.zeros(0, np.float32)), np.array(sums, np.float32)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("A", "sched", "recv", "sums")}
runner.load()
runner.run()
u32, u16 = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT
ROW = MemcpyOrder.ROW_MAJOR
A = rng.normal(0, 10, size=(R, C)).astype(np.float32)
runner.memcpy_h2d(ids["A"], A.ravel(), 0, 0, 1, 1, R * C, streaming=False, order=ROW, data_type=u32, nonblock=False)

bad = 0
for count in (K, 7, 0, 1):
    rows = schedule(count)
    flat = np.zeros(3 * K, dtype=np.uint32)
    flat[:3 * count] = np.array(rows, dtype=np.uint32).ravel()
    runner.memcpy_h2d(ids["sched"], np.tile(flat, 3), 0, 0, 3, 1, 3 * K, streaming=False, order=ROW,
                      data_type=u16, nonblock=False)
    runner.memcpy_h2d(ids["recv"], np.full(CAP, -1.0, np.float32), 2, 0, 1, 1, CAP, streaming=False,
                      order=ROW, data_type=u32, nonblock=False)
    runner.launch("run", np.uint16(count), nonblock=False)
    recv = np.zeros(CAP, dtype=np.float32)
    sums = np.zeros(K, dtype=np.float32)
    runner.memcpy_d2h(recv, ids["recv"], 2, 0, 1, 1, CAP, streaming=False, order=ROW, data_type=u32, nonblock=False)
    runner.memcpy_d2h(sums, ids["sums"], 2, 0, 1, 1, K, streaming=False, order=ROW, data_type=u32, nonblock=False)
    want, want_sums = expected(A, rows)
    n = len(want)
    ok = (np.array_equal(recv[:n], want) and np.all(recv[n:] == -1.0)
          and np.array_equal(sums[:count], want_sums))
    print(f"{count} chunks, {n} values: {'ok' if ok else 'MISMATCH'}")
    if not ok:
        bad += 1
        print("  schedule", rows)
        diff = np.nonzero(recv[:n] != want)[0]
        print("  first differing values at", diff[:10].tolist(), "got", recv[diff[:5]].tolist(), "want", want[diff[:5]].tolist())
        print("  sums got", sums[:count].tolist(), "want", want_sums.tolist())
    A = (A + np.float32(1)).astype(np.float32)
    runner.memcpy_h2d(ids["A"], A.ravel(), 0, 0, 1, 1, R * C, streaming=False, order=ROW, data_type=u32, nonblock=False)
runner.stop()
assert bad == 0, f"{bad} runs differ"
print("SUCCESS!")
