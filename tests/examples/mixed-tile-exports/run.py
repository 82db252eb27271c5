#!/usr/bin/env cs_python
"""mixed-tile-exports: one block, two PE programs exporting the same names.

`buf` is n values at one address in the west half and n + 3 values at another address
in the east half; `apply` is a scaling in the west and a shift (counting negatives in
`hits`, exported by the east half only) in the east. Box copies over the whole block
must reach each program's own address, sub-rectangle copies the east half's longer
buffer and its own symbol; nonblocking launches run each half's code. After stop(),
debug_util reads both programs' symbols (get_symbol, get_symbol_rect of the east half).
Prints SUCCESS! only when every check passes."""
import argparse
import json

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of the system (omit for the simulator)")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    compile_data = json.load(f)
W = int(compile_data["params"]["width"])
H = int(compile_data["params"]["height"])
N = int(compile_data["params"]["n"])
HALF = W // 2
OFF_X, OFF_Y = 4, 1  # --fabric-offsets: debug_util takes fabric coordinates
B32 = MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


rng = np.random.default_rng(77)
tags = (100 * np.arange(H)[:, None] + np.arange(HALF, W)[None, :]).astype(np.float32)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
buf_id, hits_id = runner.get_id("buf"), runner.get_id("hits")
runner.load()
runner.run()

# east half: all n + 3 values (COL_MAJOR), its hit counters zeroed
east = rng.uniform(-10, 10, size=(H, HALF, N + 3)).astype(np.float32)
runner.memcpy_h2d(buf_id, east.transpose(2, 1, 0), HALF, 0, HALF, H, N + 3, streaming=False,
                  data_type=B32, order=COL, nonblock=True)
runner.memcpy_h2d(hits_id, np.zeros(H * HALF * (N + 3), np.uint32), HALF, 0, HALF, H, N + 3,
                  streaming=False, data_type=B32, order=ROW, nonblock=True)
# then the first n values of every PE by one box copy over both programs
box = rng.uniform(-10, 10, size=(H, W, N)).astype(np.float32)
runner.memcpy_h2d(buf_id, box, 0, 0, W, H, N, streaming=False, data_type=B32, order=ROW,
                  nonblock=True)
west = box[:, :HALF, :].copy()
east[:, :, :N] = box[:, HALF:, :]
hits = np.zeros((H, HALF, N + 3), np.uint32)

for k in (np.float32(-1.5), np.float32(0.75), np.float32(3.0)):
    runner.launch("apply", k, nonblock=True)
    west = west * k
    hits += (east < 0).astype(np.uint32)
    east = east + (k + tags)[:, :, None]

got_box = np.zeros((H, W, N), np.float32)
runner.memcpy_d2h(got_box, buf_id, 0, 0, W, H, N, streaming=False, data_type=B32, order=ROW,
                  nonblock=True)
got_east = np.zeros((H, HALF, N + 3), np.float32)
runner.memcpy_d2h(got_east, buf_id, HALF, 0, HALF, H, N + 3, streaming=False, data_type=B32,
                  order=ROW, nonblock=True)
got_hits = np.zeros((N + 3, HALF, H), np.uint32)
last = runner.memcpy_d2h(got_hits, hits_id, HALF, 0, HALF, H, N + 3, streaming=False,
                         data_type=B32, order=COL, nonblock=True)
runner.task_wait(last)
check(np.array_equal(got_box[:, :HALF, :], west), "west half: buf scaled three times")
check(np.array_equal(got_box[:, HALF:, :], east[:, :, :N]),
      "east half: the box copy read the first n values at the east program's address")
check(np.array_equal(got_east, east), "east half: all n + 3 values shifted")
check(np.array_equal(got_hits.transpose(2, 1, 0), hits), "east half: hits")
check(hits.any() and not hits.all(), "the data gives both negative and non-negative values")
runner.stop()

debug = debug_util(args.name, cmaddr=args.cmaddr)
check(np.array_equal(debug.get_symbol(OFF_X, OFF_Y + H - 1, "buf", np.float32), west[H - 1, 0]),
      "debug_util: buf of a west PE")
check(np.array_equal(debug.get_symbol(OFF_X + W - 1, OFF_Y, "buf", np.float32),
                     east[0, HALF - 1]), "debug_util: buf of an east PE")
rect = debug.get_symbol_rect(((OFF_X + HALF, OFF_Y), (HALF, H)), "hits", np.uint32)
check(np.array_equal(rect, hits.transpose(1, 0, 2)),
      "debug_util: get_symbol_rect of the east half is [col][row][n]")

if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
