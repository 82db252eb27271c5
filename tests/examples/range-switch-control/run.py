#!/usr/bin/env cs_python
"""range-switch-control: three scripts of indexed data and SWITCH_ADV control wavelets; each
PE's log against a replay (route at arrival decides delivery and forwarding, the switch moves
afterwards, range filters act on data only)."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT


def D(idx, val):
    return (idx << 16) | val


def C(seq):
    return 0xFFFF0000 | seq


class Row:
    def __init__(self):
        self.pos = {1: 0, 2: 0}
        self.logs = {1: [], 2: [], 3: []}

    def route(self, x):
        if x == 3:
            return {"R"}
        return {"R", "E"} if self.pos[x] == 0 else {"E"}

    def send(self, w):
        ctl = (w >> 16) == 0xFFFF
        for x in (1, 2, 3):
            tx = self.route(x)
            if "R" in tx:
                if ctl:
                    self.logs[x].append(0xC000 | (w & 0xFFF))
                elif 10 * x <= (w >> 16) <= 10 * x + 9:
                    self.logs[x].append(w)
            if ctl and x in self.pos:
                self.pos[x] = 1 - self.pos[x]   # pos1, then ring back to 0
            if "E" not in tx:
                return


scripts = [
    [D(12, 1), D(25, 2), D(31, 3), D(7, 4), C(1), D(13, 5), D(35, 6), D(22, 7), C(2), D(14, 8)],
    [D(19, 9), C(3), D(33, 10), C(4), D(28, 11), D(10, 12), D(40, 13)],
    [C(5), C(6), D(21, 14), C(7), D(11, 15), D(39, 16), C(8), D(29, 17)],
]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
script_id = runner.get_id("script")
log_id = runner.get_id("log")
runner.load()
runner.run()

model = Row()
failures = []
for r, s in enumerate(scripts):
    buf = np.zeros(32, dtype=np.uint32)
    buf[:len(s)] = s
    runner.memcpy_h2d(script_id, buf, 0, 0, 1, 1, 32, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    runner.launch("play", np.uint16(len(s)), nonblock=False)
    for w in s:
        model.send(w)
    logs = np.zeros(4 * 33, dtype=np.uint32)
    runner.memcpy_d2h(logs, log_id, 0, 0, 4, 1, 33, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    logs = logs.reshape(4, 33)
    for x in (1, 2, 3):
        got = [int(v) for v in logs[x, :min(32, int(logs[x, 32]))]]
        if int(logs[x, 32]) != len(model.logs[x]) or got != model.logs[x]:
            failures.append(f"script {r} PE {x}: {[hex(v) for v in got]}, want {[hex(v) for v in model.logs[x]]}")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
