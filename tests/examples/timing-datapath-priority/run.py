#!/usr/bin/env cs_python
"""timing-datapath-priority: the datapath rule of docs/simulator.md ("Datapath"), exactly.

A synchronous memory DSD op's element cycles (64 f32 @fadds: 64 / 2 = 32 cycles on WSE-2,
64 / 4 = 16 on WSE-3, the cost table's SIMD widths, twice that here: sums and addend lie in
conflicting SRAM banks) get only the cycles that no microthread of the main thread's rank or
higher holds, and share them with the microthreads it outranks (session 18: those take one
cycle in 4). Here a microthread pushing k words into a FIFO holds the datapath for k cycles
from its issue, just before the @fadds, past the @fadds's end. So, with d(mode, level, k)
the @fadds's time, d0 the time without a microthread and E its element cycles:
  the microthread keeps the datapath (rank(microthread) >= rank(main); equal ranks: it held
  it first):  d(k = 256) - d(k = 192) = 64 exactly, and d(256) > d0 + element cycles;
  otherwise (it shares):  d(k) = d0 + ceil(E / 3) for both k (the microthread's cycles
  beside the @fadds's E; until session 18 it was paused and d(k) = d0).
Ranks: low 2 (the microthreads' default) < MEDIUM_LOW 3 (the main thread's default) <
medium 4 = MEDIUM 4 < MEDIUM_HIGH 5 < high 6 = HIGH 6. Setting a level costs no datapath
cycles, so d0 is the same at every level. The FIFO's words and the sums are checked too."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", default="wse2")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT
ELEMENT_CYCLES = 64 // (2 if args.arch == "wse2" else 4)
SHARE = 4  # costs::kLowDatapathShare: an outranked microthread takes one cycle in SHARE
SHARED = -(-2 * ELEMENT_CYCLES // (SHARE - 1))  # its cycles beside E = 2 x ELEMENT_CYCLES
UT_RANK = {1: 2, 2: 4, 3: 6}          # default (low), medium, high
MAIN_RANK = {0: 3, 1: 4, 2: 5, 3: 6}  # MEDIUM_LOW, MEDIUM, MEDIUM_HIGH, HIGH
MODE = {0: "none", 1: "low", 2: "medium", 3: "high"}
LEVEL = {0: "MEDIUM_LOW", 1: "MEDIUM", 2: "MEDIUM_HIGH", 3: "HIGH"}
SIZES = (256, 192)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
stamps_id, sums_id, sink_id = runner.get_id("stamps"), runner.get_id("sums"), runner.get_id("sink")
runner.load()
runner.run()

failures = []
took = {}
for level in range(4):
    for mode in range(4):
        for k in SIZES:
            runner.launch("run", np.uint16(mode), np.uint16(level), np.uint16(k), nonblock=False)
            st = np.zeros(2, dtype=np.uint32)
            runner.memcpy_d2h(st, stamps_id, 0, 0, 1, 1, 2, streaming=False, order=row,
                              data_type=u32, nonblock=False)
            took[mode, level, k] = int(st[1]) - int(st[0])
            sums = np.zeros(64, dtype=np.float32)
            runner.memcpy_d2h(sums, sums_id, 0, 0, 1, 1, 64, streaming=False, order=row,
                              data_type=u32, nonblock=False)
            want = np.arange(64, dtype=np.float32) + np.float32(mode + 0.5)
            what = f"mode {MODE[mode]} level {LEVEL[level]} k {k}"
            if not np.array_equal(sums, want):
                failures.append(f"{what}: sums {sums[:4]}..., want {want[:4]}...")
            sink = np.zeros(256, dtype=np.uint32)
            runner.memcpy_d2h(sink, sink_id, 0, 0, 1, 1, 256, streaming=False, order=row,
                              data_type=u32, nonblock=False)
            pushed = np.zeros(256, dtype=np.uint32)
            if mode:
                pushed[:k] = np.arange(k, dtype=np.uint32) * 7 + mode * 1000 + level * 100000
            if not np.array_equal(sink, pushed):
                failures.append(f"{what}: the FIFO gave {sink[:4]}..., want {pushed[:4]}...")
runner.stop()

d0 = took[0, 0, 256]
for level in range(4):
    print(f"{LEVEL[level]:11}: " + ", ".join(
        f"{MODE[m]} {'/'.join(str(took[m, level, k]) for k in SIZES)}" for m in range(4)))
    for k in SIZES:
        if took[0, level, k] != d0:
            failures.append(f"level {LEVEL[level]}: the @fadds alone took {took[0, level, k]} "
                            f"cycles, {d0} at MEDIUM_LOW")
    for mode in (1, 2, 3):
        long, short = took[mode, level, SIZES[0]], took[mode, level, SIZES[1]]
        if UT_RANK[mode] >= MAIN_RANK[level]:
            if long - short != SIZES[0] - SIZES[1] or long <= d0 + ELEMENT_CYCLES:
                failures.append(f"level {LEVEL[level]}, {MODE[mode]} microthread: the @fadds took "
                                f"{long} / {short} cycles with holds of {SIZES}; waiting for the "
                                f"hold gives a difference of {SIZES[0] - SIZES[1]} and more than "
                                f"{d0 + ELEMENT_CYCLES}")
        elif long != d0 + SHARED or short != d0 + SHARED:
            failures.append(f"level {LEVEL[level]}, {MODE[mode]} microthread: the @fadds took "
                            f"{long} / {short} cycles; outranking the microthread, which "
                            f"shares the datapath, {d0} + {SHARED}")

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
