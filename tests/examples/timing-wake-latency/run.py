#!/usr/bin/env cs_python
"""timing-wake-latency: one wavelet's path, cycle by cycle, from the traced sim.log
(suppress_simfab_trace=False) against docs/simulator.md's cost table.

With E the cycle of the sender's `[EX OP] ... DSDEXEC @mov32` line, receiver k (k hops
east) must show
  landing (`Px.y (hwtile) landing C8 from link W`) at L_k = E + 15 (DSD op setup) + 1
      (output queue to router) + 2 k (router hop 2);
  its data task's first instruction at F_k = max(L_k + 1 (router to CE queue),
      R_k + 3 + 2 (the launched function's return and task end)) + 5 (task start),
      R_k being the cycle of the launched function's RET line;
on PE 1, busy in its launched function when the wavelet lands, the second term decides.
Each data task's <time> stamp is taken by the task's third instruction (the timestamp
builtin, after IMM and MOV of its address): stamp = F_k + 2 (the TSC counts simulated
cycles from 0). Values checked."""
import argparse
import json
import re
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
with open(f"{args.name}/out.json", encoding="utf-8") as f:
    W = int(json.load(f)["params"]["width"])
OFFX, OFFY, VALUE, SPIN = 4, 1, 0xA5C3E1F7, 12

runner = SdkRuntime(args.name, cmaddr=args.cmaddr, suppress_simfab_trace=False)
got_id = runner.get_id("got")
runner.load()
runner.run()
runner.launch("go", np.uint32(VALUE), np.uint16(SPIN), nonblock=False)
got = np.zeros(W * 2, dtype=np.uint32)
runner.memcpy_d2h(got, got_id, 0, 0, W, 1, 2, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()
got = got.reshape(W, 2)

bad = []
INS = re.compile(r"@(\d+) P(\d+)\.(\d+): \[EX OP\] \^ 0x([0-9a-f]{4}): T(\w+) ([A-Z0-9_]+)(?: (@\w+))? (\w+)")
LAND = re.compile(r"@(\d+) P(\d+)\.(\d+) \(hwtile\) landing C(\d+) from link ([WENSR])")
ins, land = {}, {}
with open("sim.log", encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        m = INS.fullmatch(line)
        if m:
            cyc, px, py, pc, task, op, dsdop, fn = m.groups()
            ins.setdefault(int(px) - OFFX, []).append((int(cyc), int(pc, 16), task, op, dsdop, fn))
        m = LAND.fullmatch(line)
        if m:
            cyc, px, py, col, link = m.groups()
            land.setdefault(int(px) - OFFX, []).append((int(cyc), int(col), link))
for v in ins.values():
    v.sort()

sends = [t[0] for t in ins.get(0, []) if t[3] == "DSDEXEC" and t[4] == "@mov32"]
if len(sends) != 1:
    bad.append(f"sender: {len(sends)} @mov32 lines")
else:
    E = sends[0]
    for k in range(1, W):
        if got[k, 0] != VALUE:
            bad.append(f"PE {k} received {got[k, 0]:#x}")
        lands = land.get(k, [])
        if [(c, l) for _, c, l in lands] != [(8, "W")]:
            bad.append(f"PE {k}: landing lines {lands}, want one of color 8 from W")
            continue
        L = lands[0][0]
        if L != E + 16 + 2 * k:
            bad.append(f"PE {k}: landed at {L} = E + {L - E}; setup 15 + 1 + 2 * {k} hops gives E + {16 + 2 * k}")
        rets = [t[0] for t in ins[k] if t[2] == "launch" and t[3] == "RET" and t[5] == "go"]
        starts = [t[0] for t in ins[k] if t[5] == "arrived" and t[1] == 0]
        if len(rets) != 1 or len(starts) != 1:
            bad.append(f"PE {k}: {len(rets)} RETs of go, {len(starts)} starts of arrived")
            continue
        R, F = rets[0], starts[0]
        want = max(L + 1, R + 5) + 5
        if F != want:
            bad.append(f"PE {k}: data task started at {F}; landing {L}, go returned at {R}: want {want}")
        if int(got[k, 1]) != F + 2:
            bad.append(f"PE {k}: stamp {int(got[k, 1])}, the timestamp builtin ran at {F + 2}")
        print(f"PE {k}: landed E+{L - E}, go returned E+{R - E}, task started E+{F - E}, stamp {int(got[k, 1])}")
busy_ret = [t[0] for t in ins.get(1, []) if t[2] == "launch" and t[3] == "RET" and t[5] == "go"]
busy_land = [c for c, _, _ in land.get(1, [])]
if busy_ret and busy_land and busy_ret[0] + 5 <= busy_land[0] + 1:
    bad.append("PE 1 was not busy when the wavelet landed: raise SPIN")
for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
