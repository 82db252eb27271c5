#!/usr/bin/env cs_python
"""soa-stage-modules: the stages replayed in numpy float32 per PE: order, frozen particles,
flag marks, call and touched counts per module instance, tags, sums in index order,
whole-struct snapshot differences; every word checked."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    N = int(json.load(f)["params"]["n"])
W = 2
f32t = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
F = np.float32

# (kind tag, gain) per stage; mark = 1 << (tag & 15)
STAGES = [(3, F(1.5)), (9, F(-0.25)), (12, F(0.0)), (0x40, F(4.0))]
ORDERS = {0: [0, 1], 1: [1, 0], 2: [1, 0]}
for o in range(3, 7):
    ORDERS[o] = [2, 0, 3]
for o in (7, 9, 10, 11):
    ORDERS[o] = [3, 2, 1]


class Model:
    def __init__(self, xs, ys, flags):
        self.xs, self.ys, self.flags = xs.copy(), ys.copy(), flags.copy()
        self.count = 0
        self.calls = [0] * 4
        self.touched = [0] * 4

    def run(self, s, k):
        tag, gain = STAGES[s]
        self.calls[s] += 1
        for i in range(self.count):
            if self.flags[i] & 0x8000:
                continue
            if tag == 3:
                self.xs[i] = F(self.xs[i] + F(gain * F(k)))
            elif tag == 9:
                self.ys[i] = F(F(self.ys[i] * gain) + self.xs[i])
            elif tag == 12:
                self.xs[i], self.ys[i] = self.ys[i], self.xs[i]
            elif self.xs[i] > gain:
                self.xs[i] = gain
            self.flags[i] |= 1 << (tag & 15)
            self.touched[s] += 1

    def step(self, k, order):
        bx, by = self.xs.copy(), self.ys.copy()
        for s in ORDERS.get(order, [2]):
            self.run(s, k)
        changed = sum(1 for i in range(N) if bx[i] != self.xs[i] or by[i] != self.ys[i])
        out = np.zeros(3 * N + 17, dtype=np.uint32)
        out[:N] = self.xs.view(np.uint32)
        out[N:2 * N] = self.ys.view(np.uint32)
        out[2 * N:3 * N] = self.flags
        for s in range(4):
            out[3 * N + 3 * s:3 * N + 3 * s + 3] = [self.calls[s], self.touched[s], STAGES[s][0]]
        sx, sy, flagged = F(0), F(0), 0
        for i in range(self.count):
            sx = F(sx + self.xs[i])
            sy = F(sy + self.ys[i])
            flagged += self.flags[i] != 0
        out[3 * N + 12] = np.array([sx], dtype=F).view(np.uint32)[0]
        out[3 * N + 13] = np.array([sy], dtype=F).view(np.uint32)[0]
        out[3 * N + 14] = flagged
        out[3 * N + 15] = changed
        out[3 * N + 16] = self.count + 17
        return out


rng = np.random.default_rng(7)
xs = (rng.integers(-40, 40, size=(W, N)) * F(0.375)).astype(F)
ys = (rng.integers(-40, 40, size=(W, N)) * F(0.625)).astype(F)
flags = np.zeros((W, N), dtype=np.uint32)
flags[0, [2, 9]] = 0x8000      # frozen particles
flags[1, [0, 5, 15]] = 0x8000
flags[1, 7] = 0x0100           # flagged but not frozen

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {k: runner.get_id(k) for k in ("xin", "yin", "fin", "out")}
runner.load()
runner.run()
runner.memcpy_h2d(ids["xin"], xs.ravel(), 0, 0, W, 1, N, streaming=False, order=row,
                  data_type=f32t, nonblock=False)
runner.memcpy_h2d(ids["yin"], ys.ravel(), 0, 0, W, 1, N, streaming=False, order=row,
                  data_type=f32t, nonblock=False)
runner.memcpy_h2d(ids["fin"], flags.ravel(), 0, 0, W, 1, N, streaming=False, order=row,
                  data_type=f32t, nonblock=False)
models = [Model(xs[x], ys[x], flags[x]) for x in range(W)]
count = 13
runner.launch("load", np.uint16(count), nonblock=False)
for m in models:
    m.count = count
steps = [(2, 0), (1, 2), (3, 5), (0, 8), (5, 10), (4, 7), (6, 1), (1, 12), (2, 3)]
for k, order in steps:
    runner.launch("step", np.uint16(k), np.uint16(order), nonblock=False)
    got = np.zeros(W * (3 * N + 17), dtype=np.uint32)
    runner.memcpy_d2h(got, ids["out"], 0, 0, W, 1, 3 * N + 17, streaming=False, order=row,
                      data_type=f32t, nonblock=False)
    got = got.reshape(W, -1)
    for x in range(W):
        want = models[x].step(k, order)
        bad = np.nonzero(got[x] != want)[0]
        assert bad.size == 0, f"PE {x} step {(k, order)}: words {bad[:8]} got {got[x][bad[:8]]} want {want[bad[:8]]}"
runner.stop()
print("SUCCESS!")
