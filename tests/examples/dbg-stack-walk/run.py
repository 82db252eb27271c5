#!/usr/bin/env cs_python
"""dbg-stack-walk: a backtrace from the core dump. PE (1,1) hangs in pull() called from
gather() called from go(); the launch fails naming it; after stop() the core's record
(current task -2, frame depth 3, innermost function) and FRAM chunk (outermost first),
mapped through the program file's function names and source locations, give
go -> gather -> pull with each outer frame's call at its marked line, the DOPS entry at
the @fadds line with 3 of 5 elements; the other PEs returned (depth 0, markers from
debug_util: 2 for the PEs that skipped pull, 3 for the stuck one)."""
import argparse
import os
import struct

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

OX, OY = 4, 1
K = 3
with open("pe_program.csl", encoding="utf-8") as f:
    source = f.read().splitlines()
LINE = {tag: 1 + next(i for i, l in enumerate(source) if l.endswith("// " + tag))
        for tag in ("HANG-PULL", "CALL-GATHER", "CALL-GO")}

with open(os.path.join(args.name, "bin", "out_program.pb"), "rb") as f:
    from tessera import program_pb2  # the program file Tessera's cslc wrote
    program = program_pb2.FabricProgram.FromString(f.read())

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
try:
    runner.launch("go", np.uint16(K), nonblock=False)
    raise AssertionError("the launch returned")
except AssertionError:
    raise
except Exception as err:  # pylint: disable=broad-except
    report = str(err)
# The entry the host launched and the function the op is in ("launched pull" read as if
# the host had launched pull).
for words in [f"PE({OX + 1},{OY + 1})", "launched go, in pull", "@fadds", "3/5",
              f"pe_program.csl:{LINE['HANG-PULL']}"]:
    assert words in report, f"the hang report does not name {words!r}: {report}"
runner.stop()

dbg = debug_util(args.name)
marks = dbg.get_symbol_rect(((OX, OY), (2, 2)), "depth_seen", np.uint16)[:, :, 0]
assert marks.tolist() == [[2, 2], [2, 3]], marks.tolist()  # [col][row]
np.testing.assert_array_equal(dbg.get_symbol(OX + 1, OY + 1, "acc", np.float32),
                              np.array([1, 2, 4, 0, 0], np.float32))
for (x, y) in [(0, 0), (1, 0), (0, 1)]:
    assert dbg.get_symbol(OX + x, OY + y, "acc", np.float32)[4] == K, (x, y)

with open(os.path.join(args.name, "corefile.cs1"), "rb") as f:
    core = f.read()
table, = struct.unpack_from("<Q", core, 56)


def record(x, y):
    at = table + (y * 2 + x) * 224
    code_class, current = struct.unpack_from("<Ii", core, at + 8)
    function, pc, depth = struct.unpack_from("<iII", core, at + 32)
    ext, ext_bytes = struct.unpack_from("<QI", core, at + 208)
    chunks, pos = {}, ext
    while pos < ext + ext_bytes:
        tag, n = struct.unpack_from("<4sI", core, pos)
        chunks[tag.decode()] = core[pos + 8:pos + 8 + n]
        pos += 8 + (n + 7) // 8 * 8
    return code_class, current, function, pc, depth, chunks


for (x, y) in [(0, 0), (1, 0), (0, 1)]:
    _, current, function, _, depth, chunks = record(x, y)
    assert (current, function, depth) == (-1, -1, 0), (x, y, current, function, depth)
    assert "FRAM" not in chunks and "DOPS" not in chunks, (x, y, sorted(chunks))

code_class, current, function, pc, depth, chunks = record(1, 1)
cls = program.classes[code_class]
assert current == -2 and depth == 3, (current, depth)
frames = [struct.unpack_from("<iI", chunks["FRAM"], i) for i in range(0, len(chunks["FRAM"]), 8)]
assert len(frames) == depth and frames[-1] == (function, pc), (frames, function, pc)
names = [cls.functions[f].name for f, _ in frames]
assert [n.split(".")[-1] for n in names] == ["go", "gather", "pull"], names
src = [program.source_files[loc.file] for loc in cls.functions[frames[0][0]].locs[:1]]
assert src and src[0].endswith("pe_program.csl"), src
# An outer frame's pc is the instruction after its call: the call is the one before it.
for (f, p), tag in zip(frames[:2], ("CALL-GO", "CALL-GATHER")):
    loc = cls.functions[f].locs[p - 1]
    assert loc.line == LINE[tag], f"{cls.functions[f].name}: call at line {loc.line}, want {LINE[tag]}"
ops = chunks["DOPS"]
assert len(ops) == 32, len(ops)
slot, waiting, is_async, _, _, total, done, line, _, _, _ = struct.unpack_from("<BBBBIIIIHHQ", ops, 0)
assert (slot, waiting, is_async, total, done, line) == (255, 1, 0, 5, 3, LINE["HANG-PULL"]), \
    (slot, waiting, is_async, total, done, line)
print("SUCCESS!")
