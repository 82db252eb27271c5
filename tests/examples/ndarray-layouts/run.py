#!/usr/bin/env cs_python
"""ndarray-layouts: memcpy with numpy arrays as scripts really hold them.

Host arrays are passed without ravel(): 3-D [h][w][l] arrays, a Fortran-ordered array,
transposed, strided and reversed views (COL_MAJOR written as the transposed [l][w][h]
view), a big-endian array, a large non-contiguous u32 array (over 256 KiB: it travels
through shared memory on a local appliance); results come back into 3-D arrays, into
row slices of a 2-D array from nonblocking copies waited on once, and into a
big-endian array. Every expected value is computed here from the inputs.
Prints SUCCESS! only when every check passes."""
import argparse
import json

import numpy as np

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
BIG = int(compile_data["params"]["big_n"])
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
B32 = MemcpyDataType.MEMCPY_32BIT

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


def tags():
    """10 * row + col of every PE, as transform() adds it: [h][w][1]."""
    return (10 * np.arange(H)[:, None] + np.arange(W)[None, :]).astype(np.float32)[:, :, None]


rng = np.random.default_rng(2026)
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
x_id, y_id, k_id, big_id = (runner.get_id(s) for s in ("x", "y", "k", "big"))
runner.load()
runner.run()

# ---- a 3-D array as it is, then a Fortran-ordered one ----
x = rng.uniform(-8, 8, size=(H, W, N)).astype(np.float32)
runner.memcpy_h2d(x_id, x, 0, 0, W, H, N, streaming=False, data_type=B32, order=ROW,
                  nonblock=False)
k = rng.integers(-(1 << 20), 1 << 20, size=(H, W, N), dtype=np.int32)
runner.memcpy_h2d(k_id, np.asfortranarray(k), 0, 0, W, H, N, streaming=False, data_type=B32,
                  order=ROW, nonblock=False)
back = np.zeros((H, W, N), np.float32)
runner.memcpy_d2h(back, x_id, 0, 0, W, H, N, streaming=False, data_type=B32, order=ROW,
                  nonblock=False)
check(np.array_equal(back, x), "a 3-D array in and back, ROW_MAJOR")
kback = np.zeros((N, W, H), np.int32)  # COL_MAJOR lands as [l][w][h]
runner.memcpy_d2h(kback, k_id, 0, 0, W, H, N, streaming=False, data_type=B32, order=COL,
                  nonblock=False)
check(np.array_equal(kback.transpose(2, 1, 0), k),
      "a Fortran-ordered array in by ROW_MAJOR, out as [l][w][h] by COL_MAJOR")

# ---- launches, results into row slices of one 2-D array, one wait ----
expected_x, expected_k = x.copy(), k.copy()
rounds = [(np.float32(0.5), -3), (np.float32(-2.0), 7), (np.float32(1.25), 0)]
history = np.full((len(rounds), H * W * N), np.nan, np.float32)
khistory = np.zeros((len(rounds), W, H, N), np.int32)  # khistory[r] is [w][h][l]
expected_history = []
last = None
for r, (scale, shift) in enumerate(rounds):
    runner.launch("transform", scale, np.int32(shift), nonblock=True)
    runner.memcpy_d2h(history[r], y_id, 0, 0, W, H, N, nonblock=True)
    # [w][h][l] is neither order: read it PE by PE, one column of PEs per copy.
    for col in range(W):
        last = runner.memcpy_d2h(khistory[r, col], k_id, col, 0, 1, H, N, order=ROW,
                                 nonblock=True)
    expected_k = expected_k * 2 + shift
    expected_history.append((expected_x * scale + tags(), expected_k.copy()))
    # the next round's x: a reversed view of a fresh array, as a partial rectangle too
    fresh = rng.uniform(-8, 8, size=(H, W, N)).astype(np.float32)
    runner.memcpy_h2d(x_id, fresh[::-1, ::-1, ::-1], 0, 0, W, H, N, nonblock=True)
    expected_x = fresh[::-1, ::-1, ::-1].copy()
runner.task_wait(last)
for r, (ey, ek) in enumerate(expected_history):
    check(np.array_equal(history[r].reshape(H, W, N), ey), f"round {r}: y in history[{r}]")
    check(np.array_equal(khistory[r].transpose(1, 0, 2), ek), f"round {r}: k per PE column")

# ---- COL_MAJOR from the transposed view; a strided view into a sub-rectangle ----
x2 = rng.uniform(-100, 100, size=(H, W, N)).astype(np.float32)
runner.memcpy_h2d(x_id, x2.transpose(2, 1, 0), 0, 0, W, H, N, order=COL)
wide = rng.uniform(-100, 100, size=(2, 3, 2 * N)).astype(np.float32)
runner.memcpy_h2d(x_id, wide[:, :, ::2], 1, 1, 3, 2, N, order=ROW)  # a strided view
expected_x = x2.copy()
expected_x[1:3, 1:4, :] = wide[:, :, ::2]
runner.launch("transform", np.float32(3.0), np.int32(-1))
y_be = np.zeros((H, W, N), ">f4")  # big-endian destination
runner.memcpy_d2h(y_be, y_id, 0, 0, W, H, N)
check(np.array_equal(y_be.astype(np.float32), expected_x * np.float32(3.0) + tags()),
      "COL_MAJOR from a transposed view, a strided view into a sub-rectangle, "
      "read into a big-endian array")
x_be = (rng.uniform(-1, 1, size=(H, W, N)) * 1000).astype(">f4")
runner.memcpy_h2d(x_id, x_be, 0, 0, W, H, N)
one = np.zeros((H, W), np.float32)  # one element per PE into a 2-D [h][w] array
runner.memcpy_d2h(one, x_id, 0, 0, W, H, 1)
check(np.array_equal(one, x_be[:, :, 0].astype(np.float32)), "a big-endian source array")

# ---- a large non-contiguous u32 array (values past 2^31), mixed, back blocking and not ----
huge = rng.integers(0, 1 << 32, size=(H, W, 2 * BIG), dtype=np.uint64).astype(np.uint32)
src = huge[:, :, 1::2]  # every second word: not contiguous
runner.memcpy_h2d(big_id, src, 0, 0, W, H, BIG, order=ROW, nonblock=True)
mul, add = 2654435761, 0x9E3779B9
runner.launch("mix", np.uint32(mul), np.uint32(add), nonblock=True)
code = (256 * np.arange(H)[:, None] + np.arange(W)[None, :]).astype(np.uint64)[:, :, None]
expected_big = ((src.astype(np.uint64) * mul + add + code) % (1 << 32)).astype(np.uint32)
big_back = np.zeros((H, W, BIG), np.uint32)
runner.memcpy_d2h(big_back, big_id, 0, 0, W, H, BIG, order=ROW, nonblock=False)
check(np.array_equal(big_back, expected_big), "large non-contiguous u32 array, blocking D2H")
big_col = np.zeros((BIG, W, H), np.uint32)
t = runner.memcpy_d2h(big_col, big_id, 0, 0, W, H, BIG, order=COL, nonblock=True)
runner.task_wait(t)
check(np.array_equal(big_col.transpose(2, 1, 0), expected_big),
      "large COL_MAJOR nonblocking D2H into [l][w][h]")

# ---- a destination that is a column slice (not contiguous): filled or refused ----
holder = np.zeros((H * W * N, 2), np.float32)
try:
    runner.memcpy_d2h(holder[:, 1], y_id, 0, 0, W, H, N)
    check(np.array_equal(holder[:, 1].reshape(H, W, N),
                         expected_x * np.float32(3.0) + tags()),
          "a column-slice destination, accepted, must receive the data")
except (ValueError, TypeError) as e:
    check("dest" in str(e), f"a column-slice destination is refused naming dest: {e}")

runner.stop()
if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
