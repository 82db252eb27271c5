#!/usr/bin/env cs_python
"""dbg-core-reader: reads Tessera core dumps with a reader written from docs/coredump.md
alone (header, PE table, sparse SRAM pages, version 2 chunk lists) and checks what it
finds against the run: a dump taken mid-session with dump_core() and the one stop()
writes for debug_util. Header fields match the compile (arch, fabric, offsets,
rectangle); each record names its PE, is idle with nothing pending or queued; stored
pages are exactly the non-zero ones; SRAM at each symbol's address holds what the PE
computed and what debug_util reads; the task profile counts the launches and the ticks;
the finished simprint lines equal the PE's lines in sim.log (told apart by the "PE(x,y): "
the program prints at the start of each line), and the unfinished one is in SPRP and not
in sim.log."""
import argparse
import json
import mmap
import os
import re
import struct

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", default="wse2")
args = parser.parse_args()

W, H = 3, 2
OX, OY = 4, 2
DIMS = (10, 5)
KS = [3, 5]  # the k of each launch

HEADER = struct.Struct("<8s I I I I I I I I Q I I Q Q")
RECORD = struct.Struct("<I I I i Q Q i I I I Q 24H 8H 24H I I Q Q Q Q Q I I")
assert HEADER.size == 72 and RECORD.size == 224


class Core:
    """A core dump, as docs/coredump.md describes it."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            self.data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        (magic, self.version, self.arch, self.fw, self.fh, self.ox, self.oy, self.w, self.h,
         self.cycle, self.pe_count, self.pe_bytes, self.table, self.data_offset) = \
            HEADER.unpack_from(self.data, 0)
        assert magic == b"TSRCORE\0", magic

    def record(self, x, y):
        f = RECORD.unpack_from(self.data, self.table + (y * self.w + x) * self.pe_bytes)
        names = ["x", "y", "code_class", "current_task", "activated", "blocked", "function",
                 "pc", "frame_depth", "page_mask", "sram_offset"]
        r = dict(zip(names, f[:11]))
        r["iq"] = f[11:35]
        r["oq"] = f[35:43]
        r["router"] = f[43:67]
        (r["pending"], r["reserved"], r["instructions"], r["wavelets"], r["stall_cycles"],
         r["task_activations"], r["ext_offset"], r["ext_bytes"], r["ext_reserved"]) = f[67:]
        return r

    def sram(self, rec):
        """The PE's 48 KB: stored pages in increasing order from sram_offset, the rest 0."""
        out = bytearray(48 * 1024)
        stored = 0
        for page in range(12):
            if rec["page_mask"] >> page & 1:
                at = rec["sram_offset"] + 4096 * stored
                out[page * 4096:(page + 1) * 4096] = self.data[at:at + 4096]
                stored += 1
        return bytes(out)

    def chunks(self, rec):
        """{tag: payload} of the PE's chunk list."""
        out = {}
        at, end = rec["ext_offset"], rec["ext_offset"] + rec["ext_bytes"]
        while at < end:
            tag, n = struct.unpack_from("<4sI", self.data, at)
            assert tag not in out, f"{self.path}: chunk {tag} twice"
            out[tag.decode()] = bytes(self.data[at + 8:at + 8 + n])
            at += 8 + (n + 7) // 8 * 8
        assert at == end, f"{self.path}: chunk list overruns its {rec['ext_bytes']} bytes"
        return out


with open(os.path.join(args.name, "bin", "out_program.pb"), "rb") as f:
    from tessera import program_pb2  # the program file Tessera's cslc wrote
    program = program_pb2.FabricProgram.FromString(f.read())

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
runner.launch("run", np.uint16(KS[0]), nonblock=False)
runner.dump_core("mid.core")
runner.launch("run", np.uint16(KS[1]), nonblock=False)
runner.stop()


def state(x, y, launches):
    """What PE (x, y) holds after `launches` launches."""
    ticks = sum(KS[:launches]) + launches * (x + y)
    sparse = np.zeros(3000, np.uint32)
    for n in range(1, launches + 1):
        sparse[1000 * n + x + 3 * y] = 0xC0DE0000 + n
    return {"ticks": np.array([ticks], np.uint16), "target": np.array([ticks], np.uint16),
            "launches": np.array([launches], np.uint16), "sparse": sparse}


def symbol(cls, name):
    for s in program.classes[cls].symbols:
        if s.name == name:
            return s
    raise AssertionError(f"class {cls} has no {name}")


with open("sim.log", encoding="utf-8") as f:
    log = f.read().splitlines()
# Simprint lines are "@<cycle> <text>" (the simulator adds only the cycle); every line of
# this program starts with the coordinates it prints itself, "PE(x,y): " (rectangle).
simprint = {}
for line in log:
    if re.fullmatch(r"@0 (Architecture is: \w+|dimX=\d+, dimY=\d+)", line):
        continue
    m = re.fullmatch(r"@(\d+) (PE\((\d+),(\d+)\): .*)", line)
    assert m, f"sim.log line without the PE's coordinates: {line!r}"
    simprint.setdefault((int(m[3]), int(m[4])), []).append((int(m[1]), m[2]))
assert set(simprint) == {(x, y) for x in range(W) for y in range(H)}, sorted(simprint)

for path, launches in [("mid.core", 1), (os.path.join(args.name, "corefile.cs1"), 2)]:
    core = Core(path)
    assert core.version == 2, f"{path}: version {core.version}"
    assert core.arch == (0 if args.arch == "wse2" else 1), f"{path}: arch {core.arch}"
    assert (core.fw, core.fh) == DIMS, (core.fw, core.fh)
    assert (core.ox, core.oy, core.w, core.h) == (OX, OY, W, H)
    assert core.pe_count == W * H and core.pe_bytes == 224, (core.pe_count, core.pe_bytes)
    assert core.table >= 72 and core.data_offset % 4096 == 0, (core.table, core.data_offset)
    assert core.table + W * H * 224 <= core.data_offset
    assert core.cycle > 0
    dbg = debug_util(args.name, core=path)
    end_of_pages = core.data_offset
    for y in range(H):
        for x in range(W):
            where = f"{path} PE ({x},{y})"
            r = core.record(x, y)
            assert (r["x"], r["y"]) == (x, y), f"{where}: record says ({r['x']},{r['y']})"
            assert r["code_class"] < len(program.classes), where
            assert r["current_task"] == -1 and r["function"] == -1, f"{where}: {r}"
            assert r["frame_depth"] == 0 and r["pending"] == 0, f"{where}: {r}"
            assert r["reserved"] == 0 and r["ext_reserved"] == 0, where
            assert not any(r["iq"]) and not any(r["oq"]), f"{where}: queues {r['iq']} {r['oq']}"
            assert r["activated"] & (1 << 10) == 0, f"{where}: tick still activated"
            sram = core.sram(r)
            for page in range(12):  # a page is stored when (and only when) it is not zero
                nonzero = any(sram[page * 4096:(page + 1) * 4096])
                assert bool(r["page_mask"] >> page & 1) == nonzero, f"{where}: page {page}"
            if r["page_mask"]:
                end_of_pages = max(end_of_pages, r["sram_offset"] +
                                   4096 * bin(r["page_mask"]).count("1"))
                assert r["sram_offset"] >= core.data_offset and r["sram_offset"] % 4096 == 0
            want = state(x, y, launches)
            for name, value in want.items():
                s = symbol(r["code_class"], name)
                raw = sram[s.address:s.address + s.size_bytes]
                assert raw == value.tobytes(), f"{where}: {name} = {raw.hex()}"
                got = dbg.get_symbol(OX + x, OY + y, name, value.dtype)
                np.testing.assert_array_equal(got, value, err_msg=f"{where}: debug_util {name}")
            # The marker words sit 4000 bytes apart, on different pages.
            s = symbol(r["code_class"], "sparse")
            marks = {(s.address + 4 * (1000 * n + x + 3 * y)) // 4096
                     for n in range(1, launches + 1)}
            assert len(marks) == launches and all(r["page_mask"] >> p & 1 for p in marks), \
                f"{where}: mask {r['page_mask']:03x}, markers on pages {marks}"
            ticks = int(want["ticks"][0])
            assert r["task_activations"] >= ticks + launches, f"{where}: {r['task_activations']}"
            assert r["instructions"] > 0, where
            chunks = core.chunks(r)
            # TPRF: 40-byte entries (i32 task, u32 0, u64 activations, cycles, min, max).
            prof = {}
            for at in range(0, len(chunks["TPRF"]), 40):
                task, zero, acts, cycles, lo, hi = struct.unpack_from("<iIQQQQ",
                                                                      chunks["TPRF"], at)
                assert zero == 0 and acts > 0 and lo <= hi and lo * acts <= cycles <= hi * acts, \
                    f"{where}: TPRF {task} {acts} {cycles} {lo} {hi}"
                prof[task] = acts
            assert prof.get(10) == ticks, f"{where}: tick ran {prof.get(10)} times, want {ticks}"
            assert prof.get(-2) == launches, f"{where}: launched {prof.get(-2)}, want {launches}"
            assert "QUEU" not in chunks and "DOPS" not in chunks, f"{where}: {sorted(chunks)}"
            # Simprint: finished lines in SPRT equal the PE's sim.log lines up to the dump's
            # cycle; the unfinished "tail" line in SPRP.
            sprt = [tuple(re.fullmatch(r"@(\d+) (.*)", l).groups())
                    for l in chunks["SPRT"].decode().splitlines()]
            sprt = [(int(c), t) for c, t in sprt]
            in_log = [(c, t) for c, t in simprint[(x, y)] if c <= core.cycle]
            assert sprt == in_log, f"{where}: SPRT {sprt} != sim.log {in_log}"
            want_lines = []
            total = 0
            for n in range(launches):
                if n:
                    want_lines.append(f"PE({x},{y}): tail {n} closed by {KS[n]}")
                for t in range(KS[n] + x + y):
                    total += 1
                    want_lines.append(f"PE({x},{y}): tick {total} of "
                                      f"{sum(KS[:n + 1]) + (n + 1) * (x + y)}")
            # Lines in order of cycle, stamps never decreasing.
            assert [t for _, t in sprt] == want_lines, f"{where}: {sprt}"
            assert all(a[0] <= b[0] for a, b in zip(sprt, sprt[1:])), f"{where}: {sprt}"
            assert chunks.get("SPRP", b"").decode() == f"PE({x},{y}): tail {launches}", \
                f"{where}: SPRP {chunks.get('SPRP')!r}"
    assert end_of_pages <= min([core.record(x, y)["ext_offset"] for y in range(H)
                                for x in range(W)] + [len(core.data)]), "chunks overlap pages"
# The unfinished line of the last launch never reaches sim.log.
assert not any("tail 2" in line for line in log), "unfinished simprint line in sim.log"
print("SUCCESS!")
