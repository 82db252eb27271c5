#!/usr/bin/env cs_python
"""timing-trace-stream: a traced session with streaming H2D. docs/host-api.md: with
suppress_simfab_trace=False "stop() writes the traced sim.log ... by replaying the session"
(only a record over 64 MiB or a log over 256 MiB is a reason not to). The session here: a
launch, a streaming H2D of 9 words into every PE of the block, a launch, a D2H. Required:
the sim.log has instruction lines; on every PE the traced data-task timestamp builtins
(function `got`) fall exactly at the cycles the PE stamped (first and latest arrival, read
back by D2H), and there are 9 of them; the counts, sums and xors are right."""
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
    params = json.load(f)["params"]
W, H, color_id = int(params["width"]), int(params["height"]), int(params["MEMCPYH2D_DATA_1_ID"])
N, OFFX, OFFY = 9, 4, 1

runner = SdkRuntime(args.name, cmaddr=args.cmaddr, suppress_simfab_trace=False)
stats_id = runner.get_id("stats")
runner.load()
runner.run()
runner.launch("reset", nonblock=False)
data = (np.arange(W * H * N, dtype=np.uint64) * 40503 % 65521).astype(np.uint32)
runner.memcpy_h2d(color_id, data, 0, 0, W, H, N, streaming=True, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.launch("reset", nonblock=False)
st = np.zeros(W * H * 5, dtype=np.uint32)
runner.memcpy_d2h(st, stats_id, 0, 0, W, H, 5, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()
st = st.reshape(H, W, 5).astype(np.int64)

bad = []
per_pe = data.reshape(H, W, N).astype(np.int64)
for y in range(H):
    for x in range(W):
        want = [N, int(per_pe[y, x].sum()) & 0xFFFFFFFF, int(np.bitwise_xor.reduce(per_pe[y, x]))]
        if list(st[y, x, :3]) != want:
            bad.append(f"PE({x},{y}): count/sum/xor {list(st[y, x, :3])} != {want}")
INS = re.compile(r"@(\d+) P(\d+)\.(\d+): \[EX OP\] \^ 0x[0-9a-f]{4}: T(\w+) ([A-Z0-9_]+)(?: @\w+)? (\w+)")
stamps = {}
lines = 0
with open("sim.log", encoding="utf-8") as f:
    for line in f:
        m = INS.fullmatch(line.rstrip("\n"))
        if m:
            lines += 1
            if m.group(5) == "BUILTIN" and m.group(6) == "got":
                stamps.setdefault((int(m.group(2)) - OFFX, int(m.group(3)) - OFFY), []).append(int(m.group(1)))
if lines == 0:
    bad.append("sim.log has no instruction lines (see stop()'s warning above)")
else:
    for y in range(H):
        for x in range(W):
            got = sorted(stamps.get((x, y), []))
            want = (int(st[y, x, 3]), int(st[y, x, 4]))
            if len(got) != N or (got[0], got[-1]) != want:
                bad.append(f"PE({x},{y}): traced timestamp builtins {got[:2]}..{got[-1:]} ({len(got)}), "
                           f"the PE stamped {want}")
print(f"{lines} instruction lines traced")
for line in bad[:10]:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")
