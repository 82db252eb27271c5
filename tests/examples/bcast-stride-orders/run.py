#!/usr/bin/env cs_python
"""bcast-stride-orders: every H2D shape in every order and width, on sub-rectangles.

memcpy_h2d_rowbcast and memcpy_h2d_colbcast in COL_MAJOR (the host array is the
transposed [l][h] / [l][w] view, passed as it is) and ROW_MAJOR, 32- and 16-bit;
memcpy_h2d_stride with different row and column strides, COL_MAJOR 16-bit and ROW_MAJOR
32-bit, and a column stride larger than the ROI; most of them nonblocking, over two I/O
channels. Each input array is read back and compared with a numpy model of what each
copy shape writes, then combine() mixes them all and its result is checked too.
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
B16, B32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


rng = np.random.default_rng(4242)


def f32(*shape):
    return rng.uniform(-4, 4, size=shape).astype(np.float32)


def u16(*shape):
    return rng.integers(0, 1 << 16, size=shape, dtype=np.uint32).astype(np.uint16)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
names = ("a", "row_scale", "col_scale", "row_bias", "col_bias", "marks", "out")
ids = {s: runner.get_id(s) for s in names}
runner.load()
runner.run()

# ---- every array first as a whole box, so nothing depends on initial memory ----
model = {"a": f32(H, W, N), "row_scale": f32(H, W, N), "col_scale": f32(H, W, N),
         "row_bias": u16(H, W, N), "col_bias": u16(H, W, N), "marks": u16(H, W, N)}
for s in ("a", "row_scale", "col_scale"):
    runner.memcpy_h2d(ids[s], model[s].ravel(), 0, 0, W, H, N, streaming=False, data_type=B32,
                      order=ROW, nonblock=True)
for s in ("row_bias", "col_bias", "marks"):  # 16-bit, COL_MAJOR: [l][w][h]
    runner.memcpy_h2d(ids[s], model[s].transpose(2, 1, 0).astype(np.uint32), 0, 0, W, H, N,
                      streaming=False, data_type=B16, order=COL, nonblock=True)

# ---- row broadcast, COL_MAJOR, 32-bit: ROI (1, 1) 4x3, host A[h][l] given as its [l][h] view
R = f32(3, N)
runner.memcpy_h2d_rowbcast(ids["row_scale"], R.T, 1, 1, 4, 3, N, streaming=False,
                           data_type=B32, order=COL, nonblock=True)
model["row_scale"][1:4, 1:5, :] = R[:, None, :]

# ---- column broadcast, COL_MAJOR, 32-bit: the whole block, host A[w][l] as [l][w]
C = f32(W, N)
runner.memcpy_h2d_colbcast(ids["col_scale"], C.T, 0, 0, W, H, N, streaming=False,
                           data_type=B32, order=COL, nonblock=True)
model["col_scale"][:, :, :] = C[None, :, :]

# ---- row broadcast, ROW_MAJOR, 16-bit: ROI (0, 2) 3x2
RB = u16(2, N)
runner.memcpy_h2d_rowbcast(ids["row_bias"], RB.astype(np.uint32).ravel(), 0, 2, 3, 2, N,
                           streaming=False, data_type=B16, order=ROW, nonblock=True)
model["row_bias"][2:4, 0:3, :] = RB[:, None, :]

# ---- column broadcast, COL_MAJOR, 16-bit: ROI (2, 0) 3x4
CB = u16(3, N)
runner.memcpy_h2d_colbcast(ids["col_bias"], CB.T.astype(np.uint32), 2, 0, 3, 4, N,
                           streaming=False, data_type=B16, order=COL, nonblock=True)
model["col_bias"][0:4, 2:5, :] = CB[None, :, :]

# ---- strided, COL_MAJOR, 16-bit: ROI (1, 0) 4x4, every 2nd row and 3rd column
# (PEs (1,0) (4,0) (1,2) (4,2)); the host array is [l][nx][ny]
nx, ny = 1 + (4 - 1) // 3, 1 + (4 - 1) // 2
MK = u16(N, nx, ny)
runner.memcpy_h2d_stride(ids["marks"], MK.astype(np.uint32), 1, 0, 4, 4, N, 2, 3,
                         streaming=False, data_type=B16, order=COL, nonblock=True)
for rx in range(nx):
    for ry in range(ny):
        model["marks"][2 * ry, 1 + 3 * rx, :] = MK[:, rx, ry]

# ---- strided, ROW_MAJOR, 32-bit, keyword strides: every 3rd row, 2nd column of the block
AS = f32(1 + (H - 1) // 3, 1 + (W - 1) // 2, N)  # [ny][nx][l]
runner.memcpy_h2d_stride(ids["a"], AS.ravel(), 0, 0, W, H, N, row_stride=3, col_stride=2,
                         streaming=False, data_type=B32, order=ROW, nonblock=True)
model["a"][::3, ::2, :] = AS

# ---- strided with a column stride wider than the ROI: one column, every row, COL_MAJOR
AC = f32(N, 1, 3)  # [l][nx = 1][ny = 3]
runner.memcpy_h2d_stride(ids["a"], AC, 3, 1, 2, 3, N, row_stride=1, col_stride=5,
                         streaming=False, data_type=B32, order=COL, nonblock=False)
model["a"][1:4, 3, :] = AC[:, 0, :].T

# ---- read every input back, then combine() ----
for s in ("a", "row_scale", "col_scale"):
    got = np.zeros((H, W, N), np.float32)
    runner.memcpy_d2h(got, ids[s], 0, 0, W, H, N, streaming=False, data_type=B32, order=ROW,
                      nonblock=False)
    check(np.array_equal(got, model[s]), f"{s} after its copies")
for s in ("row_bias", "col_bias", "marks"):
    got = np.zeros((H, W, N), np.uint32)
    runner.memcpy_d2h(got, ids[s], 0, 0, W, H, N, streaming=False, data_type=B16, order=ROW,
                      nonblock=False)
    check(np.array_equal(got, model[s].astype(np.uint32)), f"{s} after its copies")

runner.launch("combine", nonblock=True)
expected = (model["a"] * model["row_scale"] * model["col_scale"]
            + model["marks"].astype(np.float32)
            + (model["row_bias"].astype(np.int32) - model["col_bias"].astype(np.int32))
            .astype(np.float32))
out_col = np.zeros((N, W, H), np.float32)
runner.memcpy_d2h(out_col, ids["out"], 0, 0, W, H, N, streaming=False, data_type=B32,
                  order=COL, nonblock=True)
corner = np.zeros((2, 3, N), np.float32)  # ROW_MAJOR, the 3x2 ROI at (2, 2)
done = runner.memcpy_d2h(corner, ids["out"], 2, 2, 3, 2, N, streaming=False, data_type=B32,
                         order=ROW, nonblock=True)
runner.task_wait(done)
check(np.array_equal(out_col.transpose(2, 1, 0), expected), "combine(): out, COL_MAJOR")
check(np.array_equal(corner, expected[2:4, 2:5, :]), "combine(): out, a ROW_MAJOR corner")

runner.stop()
if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
