#!/usr/bin/env cs_python
"""timing-queue-depths: the queue depth table of docs/simulator.md, exactly, on both archs.

"Queue depths (wavelets): input queues WSE-2 6,6,4,4,2,2,2,2 and WSE-3 8,8,4,4,4,4,4,4; output
queues WSE-2 2,2,6,6,2,2 and WSE-3 8 each"; a CE queue takes the depth of the input queue
bound to its color; router buffers hold 4 wavelets per color per input link. A blocked
link from an output queue to an input queue one hop away therefore holds oq + 4 (sender's
RAMP link) + 4 (receiver's WEST link) + iq wavelets before the sender waits. Per row, for n
over a range and two receiver delays (R = the receiver's stamp before its receive), the
sender's end stamp must be equal for both delays when n <= that capacity and exactly R2 - R1
apart otherwise. Data checked on every receiver."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", choices=("wse2", "wse3"), required=True)
args = parser.parse_args()
with open(f"{args.name}/out.json", encoding="utf-8") as f:
    ROWS = int(json.load(f)["params"]["rows"])
N = 40
IQ = {"wse2": [6, 6, 4, 4, 2, 2, 2, 2], "wse3": [8, 8, 4, 4, 4, 4, 4, 4]}[args.arch]
OQ = {"wse2": [2, 2, 6, 6, 2, 2], "wse3": [8] * 8}[args.arch]
# (output queue, input queue) per row: must match the layout's oqs/iqs tables.
PAIRS = {"wse2": list(zip([1, 2, 4, 5, 3, 1], [2, 3, 4, 5, 6, 1])),
         "wse3": list(zip([1, 2, 4, 5, 6, 7], [2, 3, 4, 5, 6, 7]))}[args.arch]
caps = [OQ[o] + 4 + 4 + IQ[i] for o, i in PAIRS[:ROWS]]
u32, ROWM = MemcpyDataType.MEMCPY_32BIT, MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
buf_id, stamps_id = runner.get_id("buf"), runner.get_id("stamps")
runner.load()
runner.run()
bad = []
ns = sorted({c + d for c in caps for d in (-1, 0, 1)})
ends = {}
for n in ns:
    for spins in (30, 70):
        data = (np.arange(2 * ROWS * N, dtype=np.uint64) * 2246822519 + n + spins).astype(np.uint32)
        runner.memcpy_h2d(buf_id, data, 0, 0, 2, ROWS, N, streaming=False, order=ROWM,
                          data_type=u32, nonblock=False)
        runner.launch("run", np.uint16(n), np.uint16(spins), nonblock=False)
        st = np.zeros(2 * ROWS * 2, dtype=np.uint32)
        runner.memcpy_d2h(st, stamps_id, 0, 0, 2, ROWS, 2, streaming=False, order=ROWM,
                          data_type=u32, nonblock=False)
        got = np.zeros(2 * ROWS * N, dtype=np.uint32)
        runner.memcpy_d2h(got, buf_id, 0, 0, 2, ROWS, N, streaming=False, order=ROWM,
                          data_type=u32, nonblock=False)
        sent, got = data.reshape(ROWS, 2, N), got.reshape(ROWS, 2, N)
        st = st.reshape(ROWS, 2, 2).astype(np.int64)
        for y in range(ROWS):
            if not np.array_equal(got[y, 1, :n], sent[y, 0, :n]):
                bad.append(f"row {y} n={n} spins={spins}: receiver got {got[y, 1, :n]}")
            s = int(st[y, 0, 0])
            ends[y, n, spins] = (int(st[y, 0, 1]) - s, int(st[y, 1, 0]) - s)
runner.stop()
for y, cap in enumerate(caps):
    free = []
    for n in ns:
        (e1, r1), (e2, r2) = ends[y, n, 30], ends[y, n, 70]
        want = 0 if n <= cap else r2 - r1
        if e2 - e1 != want:
            bad.append(f"row {y} (oq {PAIRS[y][0]}, iq {PAIRS[y][1]}): n={n}: the sender's end moved "
                       f"{e2 - e1} when the receiver started {r2 - r1} later; capacity {cap} gives {want}")
        if e2 == e1:
            free.append(n)
    print(f"row {y}: oq {PAIRS[y][0]} ({OQ[PAIRS[y][0]]}) -> iq {PAIRS[y][1]} ({IQ[PAIRS[y][1]]}): "
          f"sender free up to {max(free) if free else None}, documented {cap}")
for line in bad[:20]:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
