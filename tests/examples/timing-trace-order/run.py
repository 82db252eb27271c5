#!/usr/bin/env cs_python
"""timing-trace-order: a traced sim.log (suppress_simfab_trace=False) in cycle order.

docs/simulator.md "sim.log": "simfabric-style lines"; simfabric writes its log as it
simulates, so every line's `@<cycle>` is at least the previous line's. Here the wavelet's
landings on PEs 1..4 and the receivers' and the sender's instructions interleave in time;
each line's cycle must not be less than the line before it. Values checked."""
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
VALUE = 0x5EED1234

runner = SdkRuntime(args.name, cmaddr=args.cmaddr, suppress_simfab_trace=False)
got_id = runner.get_id("got")
runner.load()
runner.run()
runner.launch("go", np.uint32(VALUE), np.uint16(12), nonblock=False)
got = np.zeros(W * 2, dtype=np.uint32)
runner.memcpy_d2h(got, got_id, 0, 0, W, 1, 2, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()

bad = [f"PE {x} received {got[2 * x]:#x}" for x in range(1, W) if got[2 * x] != VALUE]
CYCLE = re.compile(r"@(\d+) ")
with open("sim.log", encoding="utf-8") as f:
    lines = f.read().splitlines()
cycles = [int(CYCLE.match(l).group(1)) for l in lines if CYCLE.match(l)]
if len(cycles) != len(lines):
    bad.append(f"{len(lines) - len(cycles)} lines without an @cycle prefix")
back = [(i + 2, lines[i], lines[i + 1]) for i in range(len(cycles) - 1) if cycles[i + 1] < cycles[i]]
for where, before, after in back[:5]:
    bad.append(f"line {where} goes back in time: '{before}' then '{after}'")
print(f"{len(lines)} lines, {len(back)} step back in time")
for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
