#!/usr/bin/env cs_python
"""timing-task-queue-depth: the wavelets a blocked data task's color holds (docs/simulator.md).

"CE queues": a color's CE receive queue "depth is the depth of the input queue bound to that
color (inputQueueColor), or 4 when none is bound"; routers buffer 4 wavelets per color per
input link; oq 3 holds WSE-2 6, WSE-3 8. The receiver's data task is blocked, so nothing
drains the CE queue: WSE-2 (data task on the color, no input queue) 6 + 4 + 4 + 4 = 18,
WSE-3 (data task on iq 5, depth 4) 8 + 4 + 4 + 4 = 20 wavelets fit before the sender waits.
For n around that and two receiver delays (R = the receiver's stamp before it unblocks the
task), the sender's end must be equal for both delays when n <= capacity and exactly R2 - R1
apart otherwise. The values the task stores are checked."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", choices=("wse2", "wse3"), required=True)
args = parser.parse_args()
NMAX = 32
cap = (6 + 4 + 4 + 4) if args.arch == "wse2" else (8 + 4 + 4 + 4)
u32 = MemcpyDataType.MEMCPY_32BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
buf_id, stamps_id = runner.get_id("buf"), runner.get_id("stamps")
runner.load()
runner.run()

bad = []
ends = {}
for n in (cap - 2, cap - 1, cap, cap + 1, cap + 2, cap + 7):
    for spins in (30, 70):
        data = (np.arange(NMAX, dtype=np.uint64) * 69069 + 1000 * n + spins).astype(np.uint32)
        host = np.zeros(2 * NMAX, dtype=np.uint32)
        host[:NMAX] = data
        runner.memcpy_h2d(buf_id, host, 0, 0, 2, 1, NMAX, streaming=False,
                          order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
        runner.launch("run", np.uint16(n), np.uint16(spins), nonblock=False)
        st = np.zeros(4, dtype=np.uint32)
        runner.memcpy_d2h(st, stamps_id, 0, 0, 2, 1, 2, streaming=False,
                          order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
        got = np.zeros(2 * NMAX, dtype=np.uint32)
        runner.memcpy_d2h(got, buf_id, 0, 0, 2, 1, NMAX, streaming=False,
                          order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
        if not np.array_equal(got[NMAX:NMAX + n], data[:n]):
            bad.append(f"n={n} spins={spins}: received {got[NMAX:NMAX + n]}")
        st = st.astype(np.int64)
        s = int(st[0])
        ends[n, spins] = (int(st[1]) - s, int(st[2]) - s, int(st[3]) - s)
        print(f"n={n:2} spins={spins}: sender op {ends[n, spins][0]} cycles, "
              f"receiver starts at S+{ends[n, spins][1]}, done at S+{ends[n, spins][2]}")
runner.stop()

measured = None
for n in sorted({k[0] for k in ends}):
    (e1, r1, _), (e2, r2, _) = ends[n, 30], ends[n, 70]
    want = 0 if n <= cap else r2 - r1
    if e2 - e1 != want:
        bad.append(f"n={n}: a receiver starting {r2 - r1} cycles later moved the sender's end by "
                   f"{e2 - e1}; with capacity {cap} it must move by {want}")
    if e2 == e1:
        measured = n
print(f"{args.arch}: the sender runs free up to {measured} wavelets; documented capacity {cap}")
for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
