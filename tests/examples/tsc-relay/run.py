#!/usr/bin/env cs_python
"""tsc-relay: timestamps must show the relay order (each PE starts after its west
neighbour ended), more work must take more cycles, and a counter reset must restart
near zero. The token and the buffers check the computation itself."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import calculate_cycles, make_u48, memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width, length = int(params["width"]), int(params["len"])
u32, u16 = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("stamps", "start_words", "token_seen", "buf")}
runner.load()
runner.run()


def read(sym, count, data_type, dtype):
    out = np.zeros(width * count, dtype=dtype)
    runner.memcpy_d2h(out, ids[sym], 0, 0, width, 1, count, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=data_type, nonblock=False)
    return out.reshape(width, count)


buf = np.linspace(1.0, 2.0, width * length, dtype=np.float32)
runner.memcpy_h2d(ids["buf"], buf, 0, 0, width, 1, length, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)

durations = []
for sweeps in (2, 8):
    runner.launch("relay", np.uint16(sweeps), nonblock=False)
    stamps = read("stamps", 3, u32, np.uint32)
    cycles = [calculate_cycles(stamps[x]) for x in range(width)]
    starts = [make_u48([int(w) & 0xFFFF for w in (stamps[x][0], stamps[x][0] >> 16, stamps[x][1])])
              for x in range(width)]
    ends = [s + c for s, c in zip(starts, cycles)]
    assert all(c > 0 for c in cycles), f"non-positive durations {cycles}"
    for x in range(1, width):
        assert starts[x] > ends[x - 1], f"PE {x} started at {starts[x]} before PE {x - 1} ended at {ends[x - 1]}"
    raw = memcpy_view(read("start_words", 3, u16, np.uint32).ravel(), np.dtype(np.uint16))
    assert [make_u48(raw[3 * x:3 * x + 3]) for x in range(width)] == starts
    np.testing.assert_array_equal(read("token_seen", 1, u32, np.uint32).ravel(),
                                  1000 + np.arange(width, dtype=np.uint32))
    durations.append(cycles)

for x in range(width):
    assert durations[1][x] > 2 * durations[0][x], f"PE {x}: 8 sweeps took {durations[1][x]} cycles, 2 took {durations[0][x]}"

runner.launch("restart_clock", nonblock=False)
raw = memcpy_view(read("start_words", 3, u16, np.uint32).ravel(), np.dtype(np.uint16))
after_reset = [make_u48(raw[3 * x:3 * x + 3]) for x in range(width)]
got_buf = read("buf", length, u32, np.float32).ravel()
runner.stop()

assert all(t < 1000 for t in after_reset), f"timestamps right after reset_tsc_counter: {after_reset}"
expected = buf.copy()
for _ in range(10):
    expected = (expected + expected * np.float32(0.5)).astype(np.float32)
np.testing.assert_allclose(got_buf, expected, rtol=1e-6)
print("SUCCESS!")
