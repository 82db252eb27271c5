#!/usr/bin/env cs_python
"""packed-headers: 32-bit packed-struct headers built on one PE and decoded on the next;
run.py packs the same bits with Python integers (value in bits 0-11, lane 12-15, kind
16-18, urgent 19, seq 20-27, parity 28-31) and checks the sent words, the decoded
statistics, the ring after in-place updates and the float32 inverse-square-root trick,
bit for bit; three launches (one with no bad parity)."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])

rt = SdkRuntime(args.name, cmaddr=args.cmaddr)
rt.load()
rt.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
f32 = np.float32


def parity(word):
    p = 0
    for k in range(7):
        p ^= (word >> (4 * k)) & 0xF
    return p


def pack(value, lane, kind, urgent, seq, par=None):
    w = (value & 0xFFF) | (lane << 12) | (kind << 16) | (urgent << 19) | (seq << 20)
    return w | ((parity(w) if par is None else par) << 28)


def invsqrt(x):
    x = f32(x)
    i = np.array([x], dtype=f32).view(np.uint32)[0]
    y = np.array([np.uint32(0x5F3759DF - (int(i) >> 1))], dtype=np.uint32).view(f32)[0]
    t = f32(f32(f32(f32(0.5) * x) * y) * y)
    return f32(y * f32(f32(1.5) - t))


rng = np.random.default_rng(12)
total = 0
for launch, flip in enumerate((3, n + 5, 0)):
    value = rng.integers(-2048, 2048, size=n)
    value[:2] = (-2048, 2047)
    lane = rng.integers(0, 16, size=n)
    kind = rng.integers(0, 5, size=n)
    urgent = rng.integers(0, 2, size=n)
    seq = rng.integers(0, 256, size=n)
    seq[-1] = 255  # wraps to 0 in the ring
    fields = np.stack([value & 0xFFFFFFFF, lane, kind, urgent, seq], axis=1).astype(np.uint32)
    rt.memcpy_h2d(rt.get_id("fields"), fields.ravel(), 0, 0, 1, 1, 5 * n, streaming=False,
                  order=row, data_type=u32, nonblock=False)
    rt.launch("run", np.uint16(flip), nonblock=False)

    words = [pack(*[int(a[i]) for a in (value, lane, kind, urgent, seq)]) for i in range(n)]
    if flip < n:
        words[flip] = (words[flip] & 0x0FFFFFFF) | ((~(words[flip] >> 28) & 0xF) << 28)
    sent = np.zeros(n, dtype=np.uint32)
    rt.memcpy_d2h(sent, rt.get_id("words"), 0, 0, 1, 1, n, streaming=False, order=row,
                  data_type=u32, nonblock=False)
    np.testing.assert_array_equal(sent, words, err_msg=f"launch {launch}: packed words")

    stats = np.zeros(26, dtype=np.int32)
    rt.memcpy_d2h(stats, rt.get_id("stats"), 1, 0, 1, 1, 26, streaming=False, order=row,
                  data_type=u32, nonblock=False)
    want = np.zeros(26, dtype=np.int64)
    for i in range(n):
        want[lane[i]] += value[i]
        want[16 + kind[i]] += 1
        want[21] += urgent[i]
    want[22] = 1 if flip < n else 0
    want[23] = flip if flip < n else -1
    ring = [None] * 8
    for i in range(n):
        ring[i % 8] = pack(int(value[i]), int(lane[i]), int(kind[i]), 0, (int(seq[i]) + 1) % 256,
                           words[i] >> 28)
    want[24] = sum((w >> 20) & 0xFF for w in ring)
    total += n
    want[25] = total
    np.testing.assert_array_equal(stats, want, err_msg=f"launch {launch}: stats")
    got_ring = np.zeros(8, dtype=np.uint32)
    rt.memcpy_d2h(got_ring, rt.get_id("words"), 1, 0, 1, 1, 8, streaming=False, order=row,
                  data_type=u32, nonblock=False)
    np.testing.assert_array_equal(got_ring, ring, err_msg=f"launch {launch}: ring")
    roots = np.zeros(n, dtype=f32)
    rt.memcpy_d2h(roots, rt.get_id("roots"), 1, 0, 1, 1, n, streaming=False, order=row,
                  data_type=u32, nonblock=False)
    np.testing.assert_array_equal(roots, [invsqrt(abs(int(v)) + 1) for v in value],
                                  err_msg=f"launch {launch}: roots")
rt.stop()
print("SUCCESS!")
