#!/usr/bin/env cs_python
"""simprint-relay: after stop(), sim.log must hold, per receiver, one complete line per
value in arrival order ("recv k: value=v sum=s", built by two tasks), each
"@<cycle> PE(<x>,<y>): ..." with growing cycles (the simulator writes the cycle, the
program its rectangle coordinates), the sender's two lines, and nothing else. An
unfinished line stays in the PE's buffer: the first launch's "pending..." starts the second
launch's first line, the second launch's never reaches sim.log."""
import argparse
import json
import re

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])

rt = SdkRuntime(args.name, cmaddr=args.cmaddr)
rt.load()
rt.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR

rng = np.random.default_rng(13)
sent = []
for rnd in range(2):
    vals = rng.integers(0, 2**32, size=n, dtype=np.uint64).astype(np.uint32)
    vals[0] = 0
    vals[1] = 0xFFFFFFFF
    sent.append(vals)
    rt.memcpy_h2d(rt.get_id("vals"), vals, 0, 0, 1, 1, n, streaming=False, order=row,
                  data_type=u32, nonblock=False)
    rt.launch("go", np.uint16(rnd), nonblock=False)
    got = np.zeros(3 * n, dtype=np.uint32)
    rt.memcpy_d2h(got, rt.get_id("vals"), 0, 0, 3, 1, n, streaming=False, order=row,
                  data_type=u32, nonblock=False)
    for x in (1, 2):
        np.testing.assert_array_equal(got[x * n:(x + 1) * n], vals, err_msg=f"PE {x}")
rt.stop()

with open("sim.log", encoding="utf-8") as f:
    log = f.read()
assert log.count("pending") == 2, "each receiver's first unfinished line, once"
prints = [l for l in log.splitlines()
          if not re.fullmatch(r"@0 (Architecture is: \w+|dimX=\d+, dimY=\d+)", l)]
assert len(prints) == 2 * 2 * n + 2, f"{len(prints)} simprint lines, want {2 * 2 * n + 2}"
values = np.concatenate(sent)
for x in (1, 2):
    lines = re.findall(rf"^@(\d+) PE\({x},0\): (.*)$", log, flags=re.MULTILINE)
    assert len(lines) == 2 * n, f"PE {x}: {len(lines)} recv lines, want {2 * n}"
    cycles = [int(c) for c, _ in lines]
    assert all(b > a for a, b in zip(cycles, cycles[1:])), f"PE {x}: cycles not growing"
    total = 0
    for k, (_, text) in enumerate(lines):
        total = (total + int(values[k])) % 2**32
        want = ("pending..." if k == n else "") + f"recv {k}: value={int(values[k])} sum={total}"
        assert text == want, f"PE {x} line {k}: {text!r} != {want!r}"
sender = re.findall(r"^@\d+ PE\(0,0\): (.*)$", log, flags=re.MULTILINE)
assert sender == [f"sender round {r} sent {n}" for r in range(2)], sender
print("SUCCESS!")
