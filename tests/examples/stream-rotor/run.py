#!/usr/bin/env cs_python
"""stream-rotor: three streams of different lengths (the rotation counters carry over);
the checkpoints each PE streams back (count and sum before every `limit`-th next value)
and the totals a launch reads back are checked against a model of the rotation rule."""
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
w, h = int(params["width"]), int(params["height"])
h2d, d2h = int(params["MEMCPYH2D_DATA_1_ID"]), int(params["MEMCPYD2H_DATA_1_ID"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
totals_id = runner.get_id("totals")
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR

rng = np.random.default_rng(23)
# per PE: rotation counter, values taken, sum, checkpoints
state = {(x, y): [y, 0, 0, 0] for x in range(w) for y in range(h)}
for stream, count in enumerate((13, 24, 7), start=1):
    data = rng.integers(0, 1 << 32, size=(h, w, count), dtype=np.uint32)
    expected = {}
    for (x, y), s in state.items():
        limit = x + 2
        points = []
        for v in data[y, x]:
            if s[0] == limit:
                s[0] = 0
                points.append((s[1], s[2]))
                s[3] += 1
            s[0] += 1
            s[1] += 1
            s[2] = (s[2] + int(v)) & 0xFFFFFFFF
        expected[(x, y)] = points
    # Checkpoints leave while the stream is still coming in (they can fill the output
    # queue), so the H2D stream is nonblocking and the D2H reads run beside it. Every PE of
    # a D2H ROI must send as many values, and the counts differ per PE, so each PE's
    # checkpoints are read with a 1x1 streaming D2H.
    sent = runner.memcpy_h2d(h2d, data.ravel(), 0, 0, w, h, count, streaming=True, order=row,
                             data_type=u32, nonblock=True)
    for (x, y), points in sorted(expected.items()):
        if not points:
            continue
        got = np.zeros(2 * len(points), dtype=np.uint32)
        runner.memcpy_d2h(got, d2h, x, y, 1, 1, 2 * len(points), streaming=True, order=row,
                          data_type=u32, nonblock=False)
        np.testing.assert_array_equal(got.reshape(-1, 2), np.array(points, dtype=np.uint32),
                                      err_msg=f"stream {stream}: PE ({x},{y}) checkpoints")
    runner.task_wait(sent)
    runner.launch("collect", nonblock=False)
    totals = np.zeros(w * h * 3, dtype=np.uint32)
    runner.memcpy_d2h(totals, totals_id, 0, 0, w, h, 3, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    totals = totals.reshape(h, w, 3)
    for (x, y), s in state.items():
        np.testing.assert_array_equal(totals[y, x], s[1:], err_msg=f"stream {stream}: PE ({x},{y})")
    print(f"stream {stream}: {count} values per PE, "
          f"{sum(len(p) for p in expected.values())} checkpoints")
runner.stop()
print("SUCCESS!")
