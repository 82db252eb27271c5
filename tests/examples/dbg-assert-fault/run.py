#!/usr/bin/env cs_python
"""dbg-assert-fault: a failing @assert, debugged after the fact. The launch raises naming
the fault, the PE (fabric coordinates), the cycle and file:line; a later command fails
at once naming the earlier stop instead of running; stop() still ends the session and
writes sim.log and the core. sim.log holds all three PEs' lines and no other (each naming
its PE with fmt_with_coords, stamps no later than the fault's cycle); debug_util reads
each PE's trace and markers (PE 2 stopped before `after`); the core shows PE 2 inside
go -> check at the assert's line, the others past check() (idle, or still in go: the
fault stops every PE at once)."""
import argparse
import os
import re
import struct

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

OX, OY = 4, 1
V = 3
with open("pe_program.csl", encoding="utf-8") as f:
    source = f.read().splitlines()
LINE = {tag: 1 + next(i for i, l in enumerate(source) if l.endswith("// " + tag))
        for tag in ("ASSERT-LINE", "CALL-CHECK")}
with open(os.path.join(args.name, "bin", "out_program.pb"), "rb") as f:
    from tessera import program_pb2  # the program file Tessera's cslc wrote
    program = program_pb2.FabricProgram.FromString(f.read())

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
result_id = runner.get_id("result")
runner.load()
runner.run()
try:
    runner.launch("go", np.uint16(V), nonblock=False)
    raise AssertionError("the launch returned although PE 2's @assert fails")
except AssertionError:
    raise
except Exception as err:  # pylint: disable=broad-except
    report = str(err)
print(report)
m = re.search(r"cycle (\d+)", report)
assert m, report
fault_cycle = int(m[1])
for words in ["@assert", f"PE({OX + 2},{OY})", f"pe_program.csl:{LINE['ASSERT-LINE']}"]:
    assert words in report, f"the fault report does not name {words!r}"
out = np.zeros(3, np.uint32)
try:
    runner.memcpy_d2h(out, result_id, 0, 0, 3, 1, 1, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_16BIT,
                      nonblock=False)
    raise AssertionError("a copy ran after the simulation stopped")
except AssertionError:
    raise
except Exception as err:  # pylint: disable=broad-except
    later = str(err)
assert "memcpy_d2h" in later and str(fault_cycle) in later, later
runner.stop()

# sim.log's simprint lines are "@<cycle> <text>"; fmt_with_coords starts the text with the
# PE's rectangle coordinates.
with open("sim.log", encoding="utf-8") as f:
    log = [l for l in f.read().splitlines()
           if not re.fullmatch(r"@0 (Architecture is: \w+|dimX=\d+, dimY=\d+)", l)]
lines = [re.fullmatch(r"@(\d+) PE\((\d),0\): checking (\d+)", l) for l in log]
assert all(lines), log
lines = sorted((int(l[2]), int(l[3]), int(l[1])) for l in lines)
assert [(x, v) for x, v, _ in lines] == [(x, V + 10 * x) for x in range(3)], lines
assert all(c <= fault_cycle for _, _, c in lines), (lines, fault_cycle)

dbg = debug_util(args.name)
for x in range(3):
    assert dbg.read_trace(OX + x, OY, "log") == [V + 10 * x], x
    assert dbg.get_symbol(OX + x, OY, "seen", np.uint16)[0] == V + 10 * x
    done = x < 2
    assert dbg.get_symbol(OX + x, OY, "after", np.uint16)[0] == int(done), x
    assert dbg.get_symbol(OX + x, OY, "result", np.uint16)[0] == (2 * (V + 10 * x) if done else 0)

with open(os.path.join(args.name, "corefile.cs1"), "rb") as f:
    core = f.read()
cycle, = struct.unpack_from("<Q", core, 40)
table, = struct.unpack_from("<Q", core, 56)
assert cycle >= fault_cycle, (cycle, fault_cycle)
for x in range(3):
    at = table + x * 224
    code_class, current = struct.unpack_from("<Ii", core, at + 8)
    function, pc, depth = struct.unpack_from("<iII", core, at + 32)
    ext, ext_bytes = struct.unpack_from("<QI", core, at + 208)
    if x < 2:
        # Past check() when the fault stopped every PE: idle, or still finishing go().
        assert (current, function, depth) == (-1, -1, 0) or (
            current == -2 and depth == 1 and
            program.classes[code_class].functions[function].name.split(".")[-1] == "go"), \
            (x, current, function, depth)
        continue
    assert current == -2 and depth == 2, (current, depth)
    chunks, pos = {}, ext
    while pos < ext + ext_bytes:
        tag, n = struct.unpack_from("<4sI", core, pos)
        chunks[tag.decode()] = core[pos + 8:pos + 8 + n]
        pos += 8 + (n + 7) // 8 * 8
    cls = program.classes[code_class]
    frames = [struct.unpack_from("<iI", chunks["FRAM"], i) for i in range(0, 16, 8)]
    assert [cls.functions[f].name.split(".")[-1] for f, _ in frames] == ["go", "check"], frames
    assert cls.functions[frames[0][0]].locs[frames[0][1] - 1].line == LINE["CALL-CHECK"]
    # The faulting instruction is the assert; pc is at it or just past it.
    near = {cls.functions[function].locs[p].line for p in (pc - 1, pc)
            if 0 <= p < len(cls.functions[function].locs)}
    assert LINE["ASSERT-LINE"] in near, (near, pc)
print("SUCCESS!")
