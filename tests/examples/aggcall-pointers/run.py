#!/usr/bin/env cs_python
"""aggcall-pointers: structs holding data pointers and function pointers passed and returned
by value; the callee reads and writes through them; function pointers to by-copy functions in
struct fields and re-pointed globals. Checked against model() for several inputs."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

M = 0xFFFFFFFF
N_RESULTS = 64


class State:
    """The PE's globals that persist from one launch to the next."""
    def __init__(self):
        self.tool_op, self.tool_bias = "minus", (1, 2)
        self.out_v = (0, 0)
        self.current = "plus"


OPS = {"plus": lambda a, b: ((a[0] + b[0]) & M, (a[1] + b[1]) & M),
       "minus": lambda a, b: ((a[0] - b[0]) & M, (a[1] - b[1]) & M),
       "cross": lambda a, b: ((a[0] * b[1]) & M, (a[1] * b[0]) & M)}
TABLE = ["plus", "minus", "cross"]


def model(st, a, b, c, d):
    out = []
    cell = a
    vec = (b, c)
    buf = [(d + i) & M for i in range(6)]

    def use_ref(base, n):
        nonlocal cell
        total = (cell + vec[0] * 3 + vec[1]) & M
        for i in range(n):
            total = (total + buf[base + i] * (i + 1)) & M
        cell = total
        buf[base + n] = total ^ 0xFFFF
        return total

    n = d % 4
    out.append(use_ref(0, n))
    out.append(cell)
    out.append(use_ref(1, (n - 1) & 0xFFFF) if n >= 1 else None)
    out.append(cell)
    out += buf
    p, q = (a, b), (c, d)
    out.append(OPS[st.current](p, q)[0])
    out.append(OPS[TABLE[a % 3]](p, q)[1])
    st.current = TABLE[((a + 1) & M) % 3]
    cur = OPS[st.current]
    ch = cur(cur(p, q), OPS[TABLE[c % 3]](q, p))
    out += [ch[0], ch[1]]

    def apply(op, bias, v):
        r = OPS[op](v, bias)
        st.out_v = r
        return r

    out.append(apply(st.tool_op, st.tool_bias, p)[0])
    out.append(st.out_v[1])
    st.tool_op, st.tool_bias = TABLE[b % 3], ((st.tool_bias[0] + 1) & M, st.tool_bias[1])
    out.append(apply(st.tool_op, st.tool_bias, q)[1])
    out.append(st.out_v[0])
    st.tool_op = "cross"
    out.append(apply("plus", ((st.tool_bias[0] + 1) & M, st.tool_bias[1]), p)[0])
    out.append(st.out_v[1])
    out.append(st.tool_bias[0])
    return out


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
input_id = runner.get_id("input")
results_id = runner.get_id("results")
runner.load()
runner.run()

# d % 4 is at least 1 in every case: advance(r, 1) needs n >= 1.
CASES = [(3, 9, 4, 1), (0xFFFFFFF0, 0x12345678, 7, 6), (200, 0, 0x80000000, 3),
         (0x7FFFFFFF, 0xFFFFFFFF, 0xABCDEF, 0xFFFFFFFE), (5, 4, 3, 2)]
ok = True
state = State()
for inputs in CASES:
    runner.memcpy_h2d(input_id, np.array(inputs, np.uint32), 0, 0, 1, 1, 4, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    runner.launch("compute", nonblock=False)
    want = model(state, *inputs)
    got = np.zeros(N_RESULTS, np.uint32)
    runner.memcpy_d2h(got, results_id, 0, 0, 1, 1, N_RESULTS, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    for i, w in enumerate(want):
        if int(got[i]) != w:
            print(f"inputs {inputs}: results[{i}] = {int(got[i]):#x}, expected {w:#x}")
            ok = False
runner.stop()

if not ok:
    raise SystemExit("FAIL: aggcall-pointers")
print("SUCCESS!")
