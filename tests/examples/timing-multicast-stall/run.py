#!/usr/bin/env cs_python
"""timing-multicast-stall: all-or-nothing multicast, from docs/simulator.md ("Routers": the
router "copies it to every direction in tx (all-or-nothing multicast: it leaves only when
every destination has room)"; buffers of 4 wavelets per color per input link; CE queue =
the bound input queue's depth, iq 4: WSE-2 2, WSE-3 4; oq 3: WSE-2 6, WSE-3 8).

PE 1's router copies each wavelet to its own CE queue and to PE 2. With PE 2 not yet
receiving, wavelets pass PE 1's router only while PE 2's WEST link (4) and CE queue (iq)
have room, so PE 1 receives at most cap1 = 4 + iq of them on its own (WSE-2 6, WSE-3 8);
the sender runs free up to cap0 = cap1 + 4 (PE 1's WEST link) + 4 (PE 0's RAMP link) + oq
(WSE-2 20, WSE-3 24). For each n and two delays of PE 2 (R = PE 2's stamp before its
receive): PE 1's and the sender's end stamps must be equal for both delays when n is at
most their cap, and exactly R2 - R1 apart otherwise. Data checked on PEs 1 and 2."""
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
iq, oq = (2, 6) if args.arch == "wse2" else (4, 8)
cap1 = 4 + iq
cap0 = cap1 + 4 + 4 + oq
u32, ROW = MemcpyDataType.MEMCPY_32BIT, MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
buf_id, stamps_id = runner.get_id("buf"), runner.get_id("stamps")
runner.load()
runner.run()

bad = []
ends = {}
ns = sorted({cap1 - 1, cap1, cap1 + 1, cap1 + 3, cap0 - 1, cap0, cap0 + 1, cap0 + 4})
for n in ns:
    for spins in (40, 90):
        data = (np.arange(NMAX, dtype=np.uint64) * 40503 + 977 * n + spins).astype(np.uint32)
        host = np.zeros(3 * NMAX, dtype=np.uint32)
        host[:NMAX] = data
        runner.memcpy_h2d(buf_id, host, 0, 0, 3, 1, NMAX, streaming=False, order=ROW,
                          data_type=u32, nonblock=False)
        runner.launch("run", np.uint16(n), np.uint16(spins), nonblock=False)
        st = np.zeros(6, dtype=np.uint32)
        runner.memcpy_d2h(st, stamps_id, 0, 0, 3, 1, 2, streaming=False, order=ROW,
                          data_type=u32, nonblock=False)
        got = np.zeros(3 * NMAX, dtype=np.uint32)
        runner.memcpy_d2h(got, buf_id, 0, 0, 3, 1, NMAX, streaming=False, order=ROW,
                          data_type=u32, nonblock=False)
        got = got.reshape(3, NMAX)
        for x in (1, 2):
            if not np.array_equal(got[x, :n], data[:n]):
                bad.append(f"n={n} spins={spins}: PE {x} received {got[x, :n]}")
        st = st.astype(np.int64).reshape(3, 2)
        s = int(st[0, 0])
        ends[n, spins] = {"sender": int(st[0, 1]) - s, "PE 1": int(st[1, 1]) - s,
                          "R2": int(st[2, 0]) - s, "PE 2": int(st[2, 1]) - s}
runner.stop()

for n in ns:
    a, b = ends[n, 40], ends[n, 90]
    shift = b["R2"] - a["R2"]
    print(f"n={n:2}: PE 2 starts {shift} cycles later -> sender end moves {b['sender'] - a['sender']}, "
          f"PE 1 end moves {b['PE 1'] - a['PE 1']}, PE 2 end moves {b['PE 2'] - a['PE 2']}")
    for who, cap in (("PE 1", cap1), ("sender", cap0)):
        want = 0 if n <= cap else shift
        if b[who] - a[who] != want:
            bad.append(f"n={n}: {who}'s end moved {b[who] - a[who]} cycles when PE 2 started {shift} "
                       f"later; with {cap} wavelets of room it must move {want}")
    if b["PE 2"] - a["PE 2"] != shift:
        bad.append(f"n={n}: PE 2's end moved {b['PE 2'] - a['PE 2']}, its start {shift}")
print(f"{args.arch}: PE 1 free up to {cap1}, sender up to {cap0} (documented buffers)")
for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
