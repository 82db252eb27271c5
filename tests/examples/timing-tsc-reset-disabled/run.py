#!/usr/bin/env cs_python
"""timing-tsc-reset-disabled: reset_tsc_counter while the counter does not run.

docs/simulator.md "<time>": "EnableTsc starts the counter (which counts simulated cycles from
0)", "ResetTsc makes the current cycle 0", "DisableTsc stops the counter at its value, and a
later EnableTsc continues from there". SDK-NOTES 1.6 lists reset_tsc_counter among <time>'s
functions; a reset is a reset whether the counter runs or not. With the cycles of the traced
BUILTIN lines (in `go`: reset r1, enable e1, disable d, reset r2, enable e2; in `take`: the
stamps s0, s1, s2):
  stamp0 = s0 - e1      (reset at r1, the counter held at 0 until it started at e1),
  stamp1 = 0            (reset at r2 while stopped: the stopped value is now 0),
  stamp2 = s2 - e2      (it starts again from 0 at e2).
(Reading a reset before the first enable as "counts from r1" instead, stamp0 = s0 - r1,
which is accepted too; either way not s0, the cycle count since the start of the run,
which ignores the reset.)"""
import argparse
import re
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

runner = SdkRuntime(args.name, cmaddr=args.cmaddr, suppress_simfab_trace=False)
stamps_id = runner.get_id("stamps")
runner.load()
runner.run()
runner.launch("go", np.uint16(25), nonblock=False)
out = np.zeros(9, dtype=np.uint32)
runner.memcpy_d2h(out, stamps_id, 0, 0, 1, 1, 9, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_16BIT, nonblock=False)
runner.stop()
w = (out & 0xFFFF).astype(np.int64).reshape(3, 3)
stamps = [int(v) for v in (w[:, 0] | (w[:, 1] << 16) | (w[:, 2] << 32))]

INS = re.compile(r"@(\d+) P4\.1: \[EX OP\] \^ 0x[0-9a-f]{4}: Tlaunch BUILTIN (\w+)")
cycles = {"go": [], "take": []}
with open("sim.log", encoding="utf-8") as f:
    for line in f:
        m = INS.fullmatch(line.rstrip("\n"))
        if m and m.group(2) in cycles:
            cycles[m.group(2)].append(int(m.group(1)))
bad = []
go, take = sorted(cycles["go"]), sorted(cycles["take"])
if len(go) != 6 or len(take) != 3:
    bad.append(f"traced builtins: go {go}, take {take}; want 6 (5 <time> calls and the unblock) and 3")
else:
    r1, e1, d, r2, e2, _ = go
    s0, s1, s2 = take
    want = [s0 - e1, 0, s2 - e2]
    also = [s0 - r1, 0, s2 - e2]  # the other reading of a reset before the first enable
    print(f"reset @{r1}, enable @{e1}, stamp @{s0}, disable @{d}, reset @{r2}, stamp @{s1}, "
          f"enable @{e2}, stamp @{s2}: stamps {stamps}, want {want} (or {also})")
    if stamps not in (want, also):
        bad.append(f"stamps {stamps}, want {want} or {also}: reset_tsc_counter while the counter is stopped "
                   f"(before the first enable_tsc, or after disable_tsc) must leave it at 0")
for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
