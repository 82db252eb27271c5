#!/usr/bin/env cs_python
"""host-session-juggle: two runtimes open at once on two compiled programs (4x3 at offsets
4,1 and 2x1 at offsets 5,2), their commands interleaved, nonblocking ones waited across
sessions; the big one made with get_platform(SimfabConfig(dump_core=True, core_path=...))
and dump_core() called mid-run; the small one in a with block; after the big one's stop()
the small one keeps going; debug_util reads the mid-run core, the final cores of both
(absolute coordinates, each program's own offsets) and the SimfabConfig core; a third
session on the big program starts from the initial values. Prints SUCCESS! only when every
check passes."""
import argparse
import json
import os

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import (MemcpyDataType, MemcpyOrder, SdkRuntime,
                                                    SdkTarget, SimfabConfig, get_platform)

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the big program's compile output directory")
parser.add_argument("--other", help="the small program's compile output directory")
parser.add_argument("--cmaddr", help="IP:port of the system (omit for the simulator)")
args = parser.parse_args()


def shape_of(name):
    with open(f"{name}/out.json", encoding="utf-8") as f:
        out = json.load(f)
    p = out["params"]
    return (int(p["width"]), int(p["height"]), int(p["n"]), out.get("arch", "wse2"),
            tuple(int(v) for v in str(out["fabric_offsets"]).strip("[]()").split(",")))


BW, BH, BN, ARCH, BOFF = shape_of(args.name)
SW, SH, SN, _, SOFF = shape_of(args.other)
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
B32 = MemcpyDataType.MEMCPY_32BIT
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


def place(w, h):
    return (100 * np.arange(w)[None, :] + np.arange(h)[:, None]).astype(np.int64)


def add(acc, k, w, h, n):
    ramp = np.arange(1, n + 1, dtype=np.int64)
    return (acc.astype(np.int64) + k * ramp + place(w, h)[:, :, None]).astype(np.int32)


def twist(seed):
    return ((seed.astype(np.uint64) * 1103515245 + 12345) % (1 << 32)).astype(np.uint32)


check(ARCH in ("wse2", "wse3") and BOFF == (4, 1) and SOFF == (5, 2),
      f"out.json arch {ARCH} and offsets {BOFF} {SOFF}")
core_path = os.path.abspath("big_final.cs1")
platform = get_platform(args.cmaddr, SimfabConfig(dump_core=True, core_path=core_path),
                        SdkTarget.WSE3 if ARCH == "wse3" else SdkTarget.WSE2)
big = SdkRuntime(args.name, platform)
rng = np.random.default_rng(99)
a0 = rng.integers(-(1 << 20), 1 << 20, size=(BH, BW, BN), dtype=np.int32)
s0 = rng.integers(-(1 << 20), 1 << 20, size=(SH, SW, SN), dtype=np.int32)
seed_big0 = (4660 + place(BW, BH)).astype(np.uint32)
seed_small0 = (4660 + place(SW, SH)).astype(np.uint32)

with SdkRuntime(args.other, cmaddr=args.cmaddr, suppress_simfab_trace=True) as small:
    b_acc, b_seed = big.get_id("acc"), big.get_id("seed")
    s_acc, s_seed = small.get_id("acc"), small.get_id("seed")
    big.load()
    small.load()
    small.run()
    big.run()
    t_big = [big.memcpy_h2d(b_acc, a0, 0, 0, BW, BH, BN, nonblock=True)]
    t_small = [small.memcpy_h2d(s_acc, s0.transpose(2, 1, 0), 0, 0, SW, SH, SN, order=COL,
                                nonblock=True)]
    t_big.append(big.launch("add", np.int32(3), nonblock=True))
    t_small.append(small.launch("add", -7, nonblock=True))
    t_small.append(small.call("twist", [], nonblock=True))
    t_big.append(big.call("twist", []))
    t_big.append(big.call("twist", [], nonblock=True))
    seeds_small = np.zeros((SH, SW), np.uint32)
    t_small.append(small.memcpy_d2h(seeds_small, s_seed, 0, 0, SW, SH, 1, nonblock=True))
    big_mid = np.zeros((BH, BW, BN), np.int32)
    t_big.append(big.memcpy_d2h(big_mid, b_acc, 0, 0, BW, BH, BN, nonblock=True))
    small.task_wait(t_small[-1])  # the small session's wait says nothing of the big one's
    check(np.array_equal(seeds_small, twist(seed_small0)), "small: seed after one twist")
    big.task_wait(t_big[-1])
    expected_big = add(a0, 3, BW, BH, BN)
    check(np.array_equal(big_mid, expected_big), "big: acc after add(3)")
    mid_core = os.path.abspath("big_mid.cs1")
    big.dump_core(mid_core)
    big.launch("add", np.int32(-100000), nonblock=True)
    big_seed_end = np.zeros((BH, BW), np.uint32)
    big.memcpy_d2h(big_seed_end, b_seed, 0, 0, BW, BH, 1, nonblock=True)  # for stop()
    big.stop()
    expected_big = add(expected_big, -100000, BW, BH, BN)
    check(np.array_equal(big_seed_end, twist(twist(seed_big0))),
          "big: the D2H left to stop() holds the seed after two twists")
    # The small session goes on after the big one stopped.
    small.launch("add", np.int32(11))
    small_acc = np.zeros(SH * SW * SN, np.int32)
    small.memcpy_d2h(small_acc, s_acc, 0, 0, SW, SH, SN, order=ROW)
    expected_small = add(add(s0, -7, SW, SH, SN), 11, SW, SH, SN)
    check(np.array_equal(small_acc.reshape(SH, SW, SN), expected_small),
          "small: acc after add(-7), twist, add(11), across the big one's stop()")
    small.stop()

# ---- cores: mid-run, final, the SimfabConfig copy; each program's own offsets ----
mid = debug_util(args.name, cmaddr=args.cmaddr, core=mid_core)
rect = mid.get_symbol_rect(((BOFF[0], BOFF[1]), (BW, BH)), "acc", np.int32)
check(np.array_equal(rect, add(a0, 3, BW, BH, BN).transpose(1, 0, 2)),
      "the mid-run core holds acc after add(3) only")
final = debug_util(args.name, cmaddr=args.cmaddr)
check(np.array_equal(final.get_symbol_rect(((BOFF[0], BOFF[1]), (BW, BH)), "acc", np.int32),
                     expected_big.transpose(1, 0, 2)), "big: final core's acc")
copy = debug_util(args.name, cmaddr=args.cmaddr, core=core_path)
x, y = BW - 1, BH - 1
check(np.array_equal(copy.get_symbol(BOFF[0] + x, BOFF[1] + y, "acc", np.int32),
                     expected_big[y, x]), "big: the SimfabConfig core_path copy, far corner")
small_dbg = debug_util(args.other, cmaddr=args.cmaddr)
check(np.array_equal(small_dbg.get_symbol(SOFF[0] + 1, SOFF[1], "seed", np.uint32),
                     twist(seed_small0)[0, 1:2]), "small: its own core, at offsets 5,2")

# ---- a third session on the big program starts fresh ----
again = SdkRuntime(args.name, cmaddr=args.cmaddr)
again.load()
again.run()
fresh = np.zeros((BH, BW), np.uint32)
again.memcpy_d2h(fresh, again.get_id("seed"), 0, 0, BW, BH, 1, order=COL)
again.stop()
check(np.array_equal(fresh.reshape(BW, BH).T, seed_big0),
      "a new session on the big program starts with the initial seeds")

if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
