#!/usr/bin/env cs_python
"""simprint-window-stream: a program prints past the appliance's window of simprint lines
(64 MiB by default; docs/appliance.md) and sim.log must still hold every line, in order:
the runtime streams sim.log as the run goes, and the run waits for it before unread lines
leave the window. sim.log used to stop at 64 MiB with "(Tessera: N more simprint lines were
dropped ...)". --mib sets the output's size (72 by default: past the window; docs/
benchmarks.md measures 200). The lines come from several blocking launches, so the check
also covers a stream that carries on across host commands."""
import argparse
import os
import re
import time

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--mib", type=float, default=72, help="MiB of sim.log to print")
args = parser.parse_args()

TEXT = "the quick brown fox jumps over the lazy dog while the wafer keeps printing"
LAUNCHES = 4


def line_bytes(i):
    """sim.log's size of line i without its cycle: "row <i> <I*I> <TEXT>\n"."""
    return len(f"row {i} {(i * i) & 0xFFFFFFFF:08X} {TEXT}\n")


# How many lines make --mib (each has a cycle stamp "@<cycle> " of ~10 bytes too).
target = int(args.mib * (1 << 20))
lines = 0
size = 0
while size < target:
    size += line_bytes(lines) + 10
    lines += 1
lines += (-lines) % LAUNCHES

start = time.monotonic()
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
per_launch = lines // LAUNCHES
for k in range(LAUNCHES):
    runner.launch("chatter", np.uint32(k * per_launch), np.uint32(per_launch), nonblock=False)
runner.stop()
elapsed = time.monotonic() - start

# sim.log: every line in order, "@<cycle> row <i> <I*I> <TEXT>", cycles never decreasing,
# and no Tessera note (a gap or a cut).
pattern = re.compile(r"^@(\d+) row (\d+) ([0-9A-F]{8}) (.*)$")
count = 0
last_cycle = 0
problems = []
with open("sim.log", encoding="utf-8") as f:
    for line in f:
        m = pattern.match(line.rstrip("\n"))
        if not m:
            problems.append(f"line {count + 1}: {line[:200]!r}")
            break
        cycle, i = int(m.group(1)), int(m.group(2))
        if (i != count or m.group(3) != f"{(i * i) & 0xFFFFFFFF:08X}" or m.group(4) != TEXT
                or cycle < last_cycle):
            problems.append(f"line {count + 1}: {line[:200]!r}")
            break
        last_cycle = cycle
        count += 1
if count != lines and not problems:
    problems.append(f"sim.log has {count} lines, expected {lines}")
log_bytes = os.path.getsize("sim.log")
print(f"sim.log: {count} lines, {log_bytes} bytes ({log_bytes / (1 << 20):.1f} MiB), "
      f"run {elapsed:.1f} s ({log_bytes / (1 << 20) / elapsed:.1f} MiB/s), "
      f"{last_cycle} cycles")
if problems:
    raise SystemExit("FAIL: " + "; ".join(problems))
print("SUCCESS!")
