#!/usr/bin/env cs_python
"""timing-tsc-arith: <time> stamps recomputed from the traced sim.log.

docs/simulator.md "<time>": "EnableTsc starts the counter (which counts simulated cycles
from 0); Timestamp(addr) writes the 48-bit count as three little-endian u16 words;
ResetTsc makes the current cycle 0"; "DisableTsc stops the counter at its value, and a
later EnableTsc continues from there". With the cycles of the traced BUILTIN lines (in
`go`: enable e1, reset r, disable d, enable e2, unblock; in `take`: the five stamps s0..s4):
  stamp0 = s0 (counts cycles from 0), stamp1 = s1 - r, stamp2 = stamp3 = d - r,
  stamp4 = (d - r) + (s4 - e2).
The three PEs enable the counter at different cycles; stamp0 is the same clock on all."""
import argparse
import re
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
OFFX, K = 4, 20

runner = SdkRuntime(args.name, cmaddr=args.cmaddr, suppress_simfab_trace=False)
stamps_id = runner.get_id("stamps")
runner.load()
runner.run()
runner.launch("go", np.uint16(K), nonblock=False)
out = np.zeros(3 * 15, dtype=np.uint32)
runner.memcpy_d2h(out, stamps_id, 0, 0, 3, 1, 15, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_16BIT, nonblock=False)
runner.stop()
words = (out & 0xFFFF).astype(np.int64).reshape(3, 5, 3)
stamps = words[:, :, 0] | (words[:, :, 1] << 16) | (words[:, :, 2] << 32)

INS = re.compile(r"@(\d+) P(\d+)\.(\d+): \[EX OP\] \^ 0x[0-9a-f]{4}: T(\w+) ([A-Z0-9_]+)(?: @\w+)? (\w+)")
builtins = {}
with open("sim.log", encoding="utf-8") as f:
    for line in f:
        m = INS.fullmatch(line.rstrip("\n"))
        if m and m.group(5) == "BUILTIN":
            builtins.setdefault(int(m.group(2)) - OFFX, []).append((int(m.group(1)), m.group(6)))
bad = []
for x in range(3):
    seq = sorted(builtins.get(x, []))
    go = [c for c, fn in seq if fn == "go"]
    take = [c for c, fn in seq if fn == "take"]
    if len(go) != 5 or len(take) != 5:
        bad.append(f"PE {x}: traced builtins {seq}; want 5 in go and 5 in take")
        continue
    e1, r, d, e2, _ = go
    s = take
    want = [s[0], s[1] - r, d - r, d - r, (d - r) + (s[4] - e2)]
    got = [int(v) for v in stamps[x]]
    print(f"PE {x}: enable @{e1}, reset @{r}, disable @{d}, enable @{e2}; stamps {got}")
    if got != want:
        bad.append(f"PE {x}: stamps {got}, the trace's cycles give {want}")
    if not e1 < s[0] < r < s[1] < d < s[2] < s[3] < e2 < s[4]:
        bad.append(f"PE {x}: builtins out of program order: {seq}")
for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
