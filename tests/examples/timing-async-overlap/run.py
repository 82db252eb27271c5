#!/usr/bin/env cs_python
"""timing-async-overlap: microthread overlap, exactly, from docs/simulator.md.

"Microthreads. 8 per PE, each runs one async DSD op" and "An async op starts on its
microthread in the cycle it is issued", one wavelet per cycle per queue (cost table). With
E_W, E_E the receivers' end timestamps and C_W, C_E the sender's completion timestamps:
  async: both streams run at once, so E_E - E_W does not depend on n (the gap is only the
         issue distance); an async fabric op completes "no sooner than DSD op setup cycles
         after issue", so the completion tasks move by max(15, n) - 15 from n = 1;
  sync:  the east send starts when the west one ends, so E_E - E_W grows by exactly n - 1
         from n = 1 (one wavelet per cycle).
Data checked on both receivers."""
import argparse
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--nmax", type=int, default=48)
args = parser.parse_args()
NMAX = args.nmax
u32 = MemcpyDataType.MEMCPY_32BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
buf_id, stamps_id = runner.get_id("buf"), runner.get_id("stamps")
runner.load()
runner.run()

bad = []
rel = {}
for mode in (0, 1):
    for n in (1, 2, 5, 17, NMAX):
        data = (np.arange(2 * NMAX, dtype=np.uint64) * 40503 + n * 7 + mode).astype(np.uint32)
        host = np.zeros(3 * 2 * NMAX, dtype=np.uint32)
        host[2 * NMAX:4 * NMAX] = data
        runner.memcpy_h2d(buf_id, host, 0, 0, 3, 1, 2 * NMAX, streaming=False,
                          order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
        runner.launch("run", np.uint16(n), np.uint16(mode), nonblock=False)
        st = np.zeros(9, dtype=np.uint32)
        runner.memcpy_d2h(st, stamps_id, 0, 0, 3, 1, 3, streaming=False,
                          order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
        got = np.zeros(3 * 2 * NMAX, dtype=np.uint32)
        runner.memcpy_d2h(got, buf_id, 0, 0, 3, 1, 2 * NMAX, streaming=False,
                          order=MemcpyOrder.ROW_MAJOR, data_type=u32, nonblock=False)
        got = got.reshape(3, 2 * NMAX)
        if not np.array_equal(got[0, :n], data[:n]) or not np.array_equal(got[2, :n], data[NMAX:NMAX + n]):
            bad.append(f"mode {mode} n={n}: received west {got[0, :n]} east {got[2, :n]}")
        st = st.astype(np.int64).reshape(3, 3)
        s = int(st[1, 0])
        r = {"C_W": int(st[1, 1]) - s, "C_E": int(st[1, 2]) - s,
             "E_W": int(st[0, 1]) - s, "E_E": int(st[2, 1]) - s}
        rel[mode, n] = r
        print(f"{'async' if mode else 'sync '} n={n:3}: {r}")
runner.stop()

for mode in (0, 1):
    base = rel[mode, 1]
    for n in (2, 5, 17, NMAX):
        r = rel[mode, n]
        gap, gap1 = r["E_E"] - r["E_W"], base["E_E"] - base["E_W"]
        want = gap1 if mode else gap1 + n - 1
        if gap != want:
            bad.append(f"{'async' if mode else 'sync'} n={n}: the east stream ended {gap} cycles after "
                       f"the west one ({gap1} at n=1); {'overlapping' if mode else 'serial'} "
                       f"streams give {want}")
        # Receivers: the west stream ends one cycle later per wavelet in both modes.
        # Sender: a sync east send ends after both streams (2 (n - 1)); an async op
        # completes "no sooner than DSD op setup cycles after issue", so its completion
        # task waits max(15, n) - 15 more cycles than at n = 1.
        grow = {"E_W": n - 1, "C_W": n - 1, "C_E": 2 * (n - 1)} if mode == 0 else \
               {"E_W": n - 1, "C_W": max(15, n) - 15, "C_E": max(15, n) - 15}
        for key, want in grow.items():
            if r[key] - base[key] != want:
                bad.append(f"{'async' if mode else 'sync'} n={n}: {key} grew by {r[key] - base[key]} "
                           f"from n=1; the cost table gives {want}")
    if mode == 1 and rel[1, NMAX]["E_E"] >= rel[0, NMAX]["E_E"] - (NMAX - 1):
        bad.append(f"async east stream ended at {rel[1, NMAX]['E_E']}, not overlapped with the west one "
                   f"(sync: {rel[0, NMAX]['E_E']})")
for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
