#!/usr/bin/env cs_python
"""timing-control-wake: a control wavelet and a data wavelet, cycle by cycle, from the traced
sim.log (suppress_simfab_trace=False) against docs/simulator.md's cost table.

With E1, E2 the cycles of the sender's two `DSDEXEC @mov32` lines, receiver k (k hops east)
must show the landings at L1 = E1 + 16 + 2k and L2 = E2 + 16 + 2k (DSD op setup 15, output
queue to router 1, router hop 2); the control task (on_wake, started by the control
wavelet: "Control tasks. Triggered by a control wavelet whose entrypoint field names a task")
and then the data task (on_value) each start at F = max(L + 1 (router to CE queue),
R + 3 + 2 (the previous task's or launched function's return and task end)) + 5 (task
start), R being the RET line just before F; each task's <time> stamp equals the cycle of its
timestamp builtin (the TSC counts simulated cycles from 0). The value and both tasks'
runs are checked."""
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
OFFX, VALUE, SPIN = 4, 0x0BADCAFE, 12

runner = SdkRuntime(args.name, cmaddr=args.cmaddr, suppress_simfab_trace=False)
got_id = runner.get_id("got")
runner.load()
runner.run()
runner.launch("go", np.uint32(VALUE), np.uint16(SPIN), nonblock=False)
got = np.zeros(W * 4, dtype=np.uint32)
runner.memcpy_d2h(got, got_id, 0, 0, W, 1, 4, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()
got = got.reshape(W, 4).astype(np.int64)

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
            land.setdefault(int(m.group(2)) - OFFX, []).append(int(m.group(1)))
for v in ins.values():
    v.sort()

bad = []
sends = [t[0] for t in ins.get(0, []) if t[3] == "DSDEXEC" and t[4] == "@mov32"]
if len(sends) != 2:
    bad.append(f"sender: {len(sends)} @mov32 lines, want 2")
else:
    for k in range(1, W):
        seq = ins.get(k, [])
        if list(got[k, 2:]) != [VALUE, 2]:
            bad.append(f"PE {k}: value/count {list(got[k, 2:])}")
        lands = sorted(land.get(k, []))
        want_lands = [e + 16 + 2 * k for e in sends]
        if lands != want_lands:
            bad.append(f"PE {k}: landings {lands}, want {want_lands}")
            continue
        for (fn, slot), L in zip((("on_wake", 0), ("on_value", 1)), lands):
            starts = [i for i, t in enumerate(seq) if t[5] == fn and t[1] == 0 and t[2] != "launch"]
            if len(starts) != 1:
                bad.append(f"PE {k}: {len(starts)} starts of {fn}")
                continue
            i = starts[0]
            F, prev = seq[i][0], seq[i - 1]
            if prev[3] != "RET":
                bad.append(f"PE {k}: {fn} starts after {prev}, not after a RET")
                continue
            want = max(L + 1, prev[0] + 5) + 5
            if F != want:
                bad.append(f"PE {k}: {fn} started at {F}; landing {L}, previous RET {prev[0]}: want {want}")
            builtin = [t[0] for t in seq[i:] if t[5] == "stamp" and t[3] == "BUILTIN" and t[2] == seq[i][2]]
            if not builtin or got[k, slot] != builtin[0]:
                bad.append(f"PE {k}: {fn} stamp {got[k, slot]}, its timestamp builtin at {builtin[:1]}")
            print(f"PE {k}: {fn} landed E+{L - sends[slot]}, started {F} (previous RET {prev[0]}), stamp {got[k, slot]}")
for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
