#!/usr/bin/env cs_python
"""module-matrix-kinds: y = A x, the column sums, the diagonal sum and the nonzero count of
three matrices (f32 4x3, i32 3x5, f16 2x6), each through its own instance of matrix.csl;
numpy repeats every operation in the element type and order the module uses (one rounding
per multiply and per add; i32 wraps)."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

rng = np.random.default_rng(99)
shapes = [(np.float32, 4, 3), (np.int32, 3, 5), (np.float16, 2, 6)]


def make(dtype, rows, cols):
    if dtype == np.int32:
        a = rng.integers(-2**31, 2**31, (rows, cols), dtype=np.int64).astype(np.int32)
        x = rng.integers(-50000, 50000, cols).astype(np.int32)
    else:
        a = rng.uniform(-8, 8, (rows, cols)).astype(dtype)
        x = rng.uniform(-2, 2, cols).astype(dtype)
    a[rows - 1, 0] = 0  # a zero for the nonzero count
    a[0, cols - 1] = 0
    return a, x


def bits(v, dtype):
    v = np.array(v, dtype=dtype)
    return int(v.view(np.uint16 if dtype == np.float16 else np.uint32))


def expected(dtype, a, x):
    rows, cols = a.shape
    out = []
    with np.errstate(over="ignore"):
        for r in range(rows):
            acc = dtype(0)
            for c in range(cols):
                acc = dtype(acc + dtype(a[r, c] * x[c]))
            out.append(bits(acc, dtype))
        for c in range(cols):
            s = dtype(0)
            for r in range(rows):
                s = dtype(s + a[r, c])
            out.append(bits(s, dtype))
        t = dtype(0)
        for i in range(min(rows, cols)):
            t = dtype(t + a[i, i])
    out.append(bits(t, dtype))
    out.append(int(np.count_nonzero(a)))
    return out


mats = [make(*s) for s in shapes]
inbox = []
for (dtype, _, _), (a, _) in zip(shapes, mats):
    inbox += [bits(v, dtype) for v in a.ravel()]
for (dtype, _, _), (_, x) in zip(shapes, mats):
    inbox += [bits(v, dtype) for v in x]
want = []
for (dtype, _, _), (a, x) in zip(shapes, mats):
    want += expected(dtype, a, x)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
inbox_id = runner.get_id("inbox")
outbox_id = runner.get_id("outbox")
runner.load()
runner.run()
row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT
runner.memcpy_h2d(inbox_id, np.array(inbox, dtype=np.uint32), 0, 0, 1, 1, len(inbox),
                  streaming=False, order=row, data_type=u32, nonblock=False)
runner.launch("compute", nonblock=False)
got = np.zeros(len(want), dtype=np.uint32)
runner.memcpy_d2h(got, outbox_id, 0, 0, 1, 1, len(want), streaming=False, order=row,
                  data_type=u32, nonblock=False)
runner.stop()
bad = [(i, hex(g), hex(w)) for i, (g, w) in enumerate(zip(got, want)) if g != w]
assert not bad, f"(word, got, expected): {bad}"
print("SUCCESS!")
