#!/usr/bin/env cs_python
"""vec-namespace-laws: every launch integrates each PE's particles under one force law
(picked on the device from a table of function pointers) plus the PE's wind; run.py
repeats the float32 arithmetic in the device's order and checks the state bit for bit,
then the cell histogram (truncating float -> int, & on negatives) and the widest cell."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width, n = int(params["width"]), int(params["n"])

rt = SdkRuntime(args.name, cmaddr=args.cmaddr)
rt.load()
rt.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
f32 = np.float32

rng = np.random.default_rng(4)
state = rng.uniform(-1, 1, size=(width, n, 4)).astype(f32)
rt.memcpy_h2d(rt.get_id("state"), state.ravel(), 0, 0, width, 1, 4 * n, streaming=False,
              order=row, data_type=u32, nonblock=False)


def advance(p, law, steps, c, dt, wind):
    px, py, vx, vy = p
    c, dt = f32(c), f32(dt)
    for _ in range(steps):
        if law == 0:
            ax, ay = f32(px * -c), f32(py * -c)
        elif law == 1:
            ax, ay = f32(vx * -c), f32(vy * -c)
        else:
            ax, ay = f32(0), -c
        ax, ay = f32(ax + wind[0]), f32(ay + wind[1])
        vx, vy = f32(vx + f32(ax * dt)), f32(vy + f32(ay * dt))
        px, py = f32(px + f32(vx * dt)), f32(py + f32(vy * dt))
    return np.array([px, py, vx, vy], dtype=f32)


for launch, (law, steps, c, dt) in enumerate(((0, 7, 2.0, 0.05), (1, 5, 0.5, 0.1),
                                              (2, 9, 9.81, 0.02), (0, 3, 0.75, 0.2))):
    rt.launch("step", np.uint16(law), np.uint16(steps), f32(c), f32(dt), nonblock=False)
    got = np.zeros(width * n * 4, dtype=f32)
    rt.memcpy_d2h(got, rt.get_id("state"), 0, 0, width, 1, 4 * n, streaming=False,
                  order=row, data_type=u32, nonblock=False)
    got = got.reshape(width, n, 4)
    cells = np.zeros(width * 17, dtype=np.uint32)
    rt.memcpy_d2h(cells, rt.get_id("cells"), 0, 0, width, 1, 17, streaming=False,
                  order=row, data_type=u32, nonblock=False)
    cells = cells.reshape(width, 17)
    for x in range(width):
        wind = (f32(f32(0.25) * f32(x)), f32(-0.125))
        for i in range(n):
            state[x, i] = advance(state[x, i], law, steps, c, dt, wind)
        np.testing.assert_array_equal(got[x], state[x], err_msg=f"launch {launch}, PE {x}")
        want = np.zeros(17, dtype=np.int64)
        for i in range(n):
            cx = int(np.trunc(f32(f32(4) * state[x, i, 0])))
            cy = int(np.trunc(f32(f32(4) * state[x, i, 1])))
            want[(cx & 3) + 4 * (cy & 3)] += 1
            want[16] = max(want[16], abs(cx) + abs(cy))
        np.testing.assert_array_equal(cells[x], want, err_msg=f"launch {launch}, PE {x}: cells")
rt.stop()
print("SUCCESS!")
