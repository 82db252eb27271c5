#!/usr/bin/env cs_python
"""aggregate-values: const struct and array locals with run-time parts, and loops over a
call's array of structs and over a const local one; their literal parts and the loops'
index captures are run-time values (narrowing keeps low bits, arithmetic wraps)."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

M32 = 0xFFFFFFFF


def i32(v):
    v &= M32
    return v - 0x100000000 if v & 0x80000000 else v


def model(x, w_word):
    w = w_word & 0xFFFF
    w = w - 0x10000 if w & 0x8000 else w
    out = [(-5) & 0xFFFF, (-5 * 0x7FFFFFFF) & M32, (-7) & 0xFFFF]
    cells = [(x, -5), ((x + 1) & M32, 9), (7, i32(x))]
    total = 0
    for i, (count, delta) in enumerate(cells):
        out.append((i - 5064) & 0xFFFF)
        total = (total + count + (delta & M32)) & M32
    out.append(total)
    for i, delta in enumerate([-5, 100000]):
        out.append(((delta & 0xFFFF) + i) & M32)
    for i, (high, weight, ok) in enumerate([(True, w, True), (False, -300, w > 0)]):
        v = weight & 0xFFFF
        v += 0x10000 if high else 0
        v += 0x100000 if ok else 0
        out.append((v + i * 0x1000000) & M32)
    out += [(x + 3) & M32, (x + 1) & M32, (x + 5) & M32]
    return out


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
input_id = runner.get_id("input")
results_id = runner.get_id("results")
runner.load()
runner.run()

ok = True
for inputs in [(3, 12), (0xFFFFFFFE, 0xFFFF8000), (100000, 0xFFFFFFF9), (0x80000000, 0x7FFF)]:
    runner.memcpy_h2d(input_id, np.array(inputs, np.uint32), 0, 0, 1, 1, 2, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    runner.launch("compute", nonblock=False)
    want = model(*inputs)
    got = np.zeros(24, np.uint32)
    runner.memcpy_d2h(got, results_id, 0, 0, 1, 1, 24, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    for i, v in enumerate(want):
        if int(got[i]) != v:
            print(f"inputs {inputs}: results[{i}] = {int(got[i]):#x}, expected {v:#x}")
            ok = False
runner.stop()

if not ok:
    raise SystemExit("FAIL: aggregate-values")
print("SUCCESS!")
