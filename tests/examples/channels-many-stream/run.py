#!/usr/bin/env cs_python
"""channels-many-stream: three rounds over a tall block on 16 (WSE-2) / 8 (WSE-3) memcpy
channels: a u16 row broadcast of per-row biases (ROW_MAJOR, COL_MAJOR, ROW_MAJOR), a
nonblocking i32 H2D stream answered on a nonblocking D2H stream (COL_MAJOR in,
ROW_MAJOR out), a `fold` launch with a negative weight in one round; then acc by a
32-bit COL_MAJOR copy and the 16-bit tags of an odd-width sub-rectangle."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    MemcpyDataType,
    MemcpyOrder,
    SdkRuntime,
)

parser = argparse.ArgumentParser()
parser.add_argument("--name", required=True)
parser.add_argument("--cmaddr")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H, n = int(params["width"]), int(params["height"]), int(params["n"])
h2d_id = int(params["MEMCPYH2D_DATA_1_ID"])
d2h_id = int(params["MEMCPYD2H_DATA_1_ID"])

ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
B16, B32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
bias_id, acc_id, tag_id = runner.get_id("bias"), runner.get_id("acc"), runner.get_id("tag")
runner.load()
runner.run()

rng = np.random.default_rng(1616)
acc = np.zeros((H, W, n), dtype=np.int64)
xs = np.arange(W)[None, :, None]
ys = np.arange(H)[:, None, None]
for rnd, (bias_order, weight) in enumerate([(ROW, 2), (COL, -7), (ROW, 5)]):
    bias = rng.integers(0, 65536, size=(H, n)).astype(np.uint32)  # row y's n biases
    src = bias.ravel() if bias_order == ROW else bias.T.ravel()
    runner.memcpy_h2d_rowbcast(bias_id, src, 0, 0, W, H, n, streaming=False,
                               data_type=B16, order=bias_order, nonblock=False)

    v = rng.integers(-1_000_000, 1_000_000, size=(H, W, n)).astype(np.int32)
    answers = np.zeros(H * W * n, dtype=np.uint32)
    # COL_MAJOR: the row index fastest, then the column, then the element.
    col_src = v.transpose(2, 1, 0).ravel().view(np.uint32)
    t_in = runner.memcpy_h2d(h2d_id, col_src, 0, 0, W, H, n, streaming=True,
                             data_type=B32, order=COL, nonblock=True)
    t_out = runner.memcpy_d2h(answers, d2h_id, 0, 0, W, H, n, streaming=True,
                              data_type=B32, order=ROW, nonblock=True)
    runner.task_wait(t_in)
    runner.task_wait(t_out)

    want = (3 * v.astype(np.int64) - (xs + 100 * ys) + bias[:, None, :].astype(np.int64))
    got = answers.view(np.int32).reshape(H, W, n)
    np.testing.assert_array_equal(got, want, err_msg=f"round {rnd}: streamed answers")

    runner.launch("fold", np.int32(weight), nonblock=False)
    acc += weight * want

    acc_col = np.zeros(H * W * n, dtype=np.uint32)
    runner.memcpy_d2h(acc_col, acc_id, 0, 0, W, H, n, streaming=False, data_type=B32,
                      order=COL, nonblock=False)
    got_acc = acc_col.view(np.int32).reshape(n, W, H).transpose(2, 1, 0)
    want_acc = ((acc + 2**31) % 2**32 - 2**31).astype(np.int32)
    np.testing.assert_array_equal(got_acc, want_acc, err_msg=f"round {rnd}: acc")

# Tags of the sub-rectangle x 1..3, y 2..6 (odd width), 16-bit, ROW_MAJOR.
px, py, sw, sh = 1, 2, 3, 5
tags = np.zeros(sw * sh * 3, dtype=np.uint32)
runner.memcpy_d2h(tags, tag_id, px, py, sw, sh, 3, streaming=False, data_type=B16,
                  order=ROW, nonblock=False)
runner.stop()
tags = tags.reshape(sh, sw, 3)
for j in range(sh):
    for i in range(sw):
        assert list(tags[j, i]) == [px + i, py + j, 3], f"tag of PE ({px + i}, {py + j}): {tags[j, i]}"
print("SUCCESS!")
