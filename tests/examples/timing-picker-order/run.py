#!/usr/bin/env cs_python
"""timing-picker-order: the task picker's documented choice (docs/simulator.md "Task picker":
"the picker is round-robin by task id starting after the last picked task") and task switch
costs (cost table: return 3, task end 2, task start 5).

PE 0: go activates 20; 20 activates {10, 25, 15}: after 20 come 25, then (wrapping) 10, 15;
15 activates {12, 18, 9}: after 15 come 18, then 9, 12. Order 20 25 10 15 18 9 12.
PE 1 also activates 22 from 25: after 25 the ready set is {10, 15, 22}; nothing above 25,
so the picker wraps to 10, then 15; then {9, 12, 18, 22}: 18, 22, wrap, 9, 12:
20 25 10 15 18 22 9 12.
From the traced sim.log (suppress_simfab_trace=False): each task's first instruction is
exactly 10 cycles after the previous task's RET, and the order of T<id> runs is the same."""
import argparse
import re
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
OFFX = 4
WANT = {0: [20, 25, 10, 15, 18, 9, 12], 1: [20, 25, 10, 15, 18, 22, 9, 12]}

runner = SdkRuntime(args.name, cmaddr=args.cmaddr, suppress_simfab_trace=False)
log_id = runner.get_id("log")
runner.load()
runner.run()
runner.launch("go", nonblock=False)
log = np.zeros(32, dtype=np.uint32)
runner.memcpy_d2h(log, log_id, 0, 0, 2, 1, 16, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()
log = log.reshape(2, 8, 2)

INS = re.compile(r"@(\d+) P(\d+)\.(\d+): \[EX OP\] \^ 0x([0-9a-f]{4}): T(\w+) ([A-Z0-9_]+)(?: @\w+)? (\w+)")
trace = {}
with open("sim.log", encoding="utf-8") as f:
    for line in f:
        m = INS.fullmatch(line.rstrip("\n"))
        if m:
            trace.setdefault(int(m.group(2)) - OFFX, []).append(
                (int(m.group(1)), m.group(5), m.group(6), m.group(7)))
bad = []
for x in (0, 1):
    n = len(WANT[x])
    order = [int(v) for v in log[x, :n, 0]]
    if order != WANT[x]:
        bad.append(f"PE {x}: tasks ran in order {order}, round-robin after the last picked gives {WANT[x]}")
    ins = sorted(trace.get(x, []))
    runs = []
    for i, (cyc, task, op, fn) in enumerate(ins):
        if i == 0 or ins[i - 1][1] != task:
            runs.append(task)
            if i > 0 and task != "launch":
                prev = ins[i - 1]
                if prev[2] != "RET" or cyc - prev[0] != 10:
                    bad.append(f"PE {x}: T{task} started at {cyc}, {cyc - prev[0]} cycles after "
                               f"T{prev[1]}'s last instruction {prev[2]} at {prev[0]}; want RET + 10")
    if runs != ["launch"] + [str(t) for t in WANT[x]]:
        bad.append(f"PE {x}: traced task runs {runs}")
    stamps = [int(v) for v in log[x, :n, 1]]
    if stamps != sorted(stamps):
        bad.append(f"PE {x}: stamps not increasing {stamps}")
    print(f"PE {x}: order {order}, stamps {stamps}")
for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
