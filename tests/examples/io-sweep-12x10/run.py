#!/usr/bin/env cs_python
"""io-sweep-12x10: copies and streams over the whole block and over sub-rectangles, in
both orders, 32- and 16-bit, checked against a host model of every PE's buffers after each
step (PEs outside a rectangle must keep their values); `<time>` marks around transfers
must increase."""
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
W, H, L = int(params["width"]), int(params["height"]), int(params["len"])
h2d, d2h = int(params["MEMCPYH2D_DATA_1_ID"]), int(params["MEMCPYD2H_DATA_1_ID"])
B32, B16 = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
rng = np.random.default_rng(17)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("w32", "w16", "got", "counts", "marks")}
runner.load()
runner.run()

model = {"w32": np.zeros((H, W, L), np.uint32), "w16": np.zeros((H, W, L), np.uint32),
         "got": np.zeros((H, W, L), np.uint32)}
taken = np.zeros((H, W), np.int64)
mark_no = 0


def host_order(block, order):
    """A [h][w][l] block in the host array order the copy expects."""
    return block.ravel() if order == ROW else np.ascontiguousarray(block.transpose(2, 1, 0)).ravel()


def from_host(flat, h, w, l, order):
    return flat.reshape(h, w, l) if order == ROW else flat.reshape(l, w, h).transpose(2, 1, 0)


def mark():
    global mark_no
    runner.launch("mark", np.uint16(mark_no), nonblock=False)
    mark_no += 1


def h2d_copy(sym, x, y, w, h, l, order, width):
    hi = 1 << 16 if sym == "w16" else 1 << 32
    block = rng.integers(0, hi, size=(h, w, l), dtype=np.uint64).astype(np.uint32)
    runner.memcpy_h2d(ids[sym], host_order(block, order), x, y, w, h, l, streaming=False,
                      data_type=width, order=order, nonblock=True)
    model[sym][y:y + h, x:x + w, :l] = block


def check(sym, x, y, w, h, l, order, width, what):
    flat = np.zeros(w * h * l, np.uint32)
    runner.memcpy_d2h(flat, ids[sym], x, y, w, h, l, streaming=False, data_type=width,
                      order=order, nonblock=False)
    np.testing.assert_array_equal(from_host(flat, h, w, l, order),
                                  model[sym][y:y + h, x:x + w, :l], err_msg=what)


def check_all(what):
    for sym, width in (("w32", B32), ("w16", B16), ("got", B32)):
        check(sym, 0, 0, W, H, L, COL, width, f"{what}: whole {sym}")


mark()
h2d_copy("w32", 0, 0, W, H, L, ROW, B32)
mark()
h2d_copy("w16", 0, 0, W, H, L, COL, B16)
mark()
check_all("whole-block copies")
mark()

rects = [(3, 2, 7, 5, 37), (W - 1, 0, 1, H, L), (0, H - 1, W, 1, 1), (6, 5, 5, 4, L - 3),
         (0, 0, 1, 1, L), (W - 2, H - 3, 2, 3, 64)]
for i, (x, y, w, h, l) in enumerate(rects):
    order = ROW if i % 2 == 0 else COL
    h2d_copy("w32", x, y, w, h, l, order, B32)
    h2d_copy("w16", x, y, w, h, l, COL if order == ROW else ROW, B16)
    check("w32", x, y, w, h, l, COL if order == ROW else ROW, B32, f"rect {i} w32")
    check("w16", x, y, w, h, l, order, B16, f"rect {i} w16")
check_all("after sub-rectangle copies")

# Streams into sub-rectangles, joined by `expect`; then streamed back from others.
streams = [((2, 1, 8, 7), 50, ROW), ((0, 0, W, H), L, COL), ((9, 4, 3, 6), 3, ROW),
           ((5, 0, 1, 1), L, COL)]
for (x, y, w, h), k, order in streams:
    block = rng.integers(0, 1 << 32, size=(h, w, k), dtype=np.uint64).astype(np.uint32)
    runner.memcpy_h2d(h2d, host_order(block, order), x, y, w, h, k, streaming=True,
                      data_type=B32, order=order, nonblock=True)
    runner.launch("expect", np.uint16(x), np.uint16(y), np.uint16(w), np.uint16(h),
                  np.uint32(k), nonblock=False)
    model["got"][y:y + h, x:x + w, :k] = block
    taken[y:y + h, x:x + w] += k
    check("got", x, y, w, h, k, order, B32, f"stream into {(x, y, w, h)}")
    counts = np.zeros(W * H * 2, np.uint32)
    runner.memcpy_d2h(counts, ids["counts"], 0, 0, W, H, 2, streaming=False, data_type=B32,
                      order=ROW, nonblock=False)
    np.testing.assert_array_equal(counts.reshape(H, W, 2)[:, :, 0], taken)
    np.testing.assert_array_equal(counts.reshape(H, W, 2)[:, :, 1], 0)

    # Emit from a rectangle inside the last stream's (values 3 v + 1, wrapping).
    ex, ey, ew, eh = x + w // 3, y + h // 3, max(1, w - w // 3 - 1), max(1, h - h // 3)
    ek = min(k, 30)
    mark()
    runner.launch("emit", np.uint16(ex), np.uint16(ey), np.uint16(ew), np.uint16(eh),
                  np.uint16(ek), nonblock=False)
    out = np.zeros(ew * eh * ek, np.uint32)
    runner.memcpy_d2h(out, d2h, ex, ey, ew, eh, ek, streaming=True, data_type=B32,
                      order=COL if order == ROW else ROW, nonblock=False)
    mark()
    sel = model["got"][ey:ey + eh, ex:ex + ew, :ek]
    sel[...] = (sel.astype(np.uint64) * 3 + 1).astype(np.uint32)
    np.testing.assert_array_equal(from_host(out, eh, ew, ek, COL if order == ROW else ROW), sel,
                                  err_msg=f"emit from {(ex, ey, ew, eh)}")
check_all("after streams")

marks = np.zeros(W * H * 16, np.uint32)
runner.memcpy_d2h(marks, ids["marks"], 0, 0, W, H, 16, streaming=False, data_type=B32,
                  order=ROW, nonblock=False)
runner.stop()
marks = marks.reshape(H, W, 16)[:, :, :mark_no].astype(np.int64)
assert np.all(np.diff(marks, axis=-1) > 0), marks[0, 0]
print(f"{mark_no} marks, PE (0,0) intervals {np.diff(marks[0, 0]).tolist()}")
print("SUCCESS!")
