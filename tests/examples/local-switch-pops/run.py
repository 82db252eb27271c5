#!/usr/bin/env cs_python
"""local-switch-pops: six scripts of control messages and data; each PE's log of data against
a replay of the Builtins page's switch rules (pop modes, ring mode, invalid positions)."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT

NOP, ADV = "NOP", "ADV"
MESSAGES = [[ADV], [NOP, ADV], [NOP, NOP, ADV], [NOP, ADV, ADV], [NOP, NOP, NOP, ADV]]
POP = {1: "always", 2: "advance_nop", 3: "advance"}
# Position k's tx; None = invalid. Position 0 is the base route.
TX = [{"E"}, {"R"}, None, {"R", "E"}]


class Row:
    def __init__(self):
        self.pos = {1: 0, 2: 0, 3: 0}
        self.logs = {x: [] for x in range(1, 5)}

    def next_pos(self, p):
        n = p + 1
        if n > 3 or TX[n] is None:
            return 0  # ring mode: back to the original position
        return n

    def control(self, cmds):
        cmds = list(cmds) + [NOP] * (8 - len(cmds))
        for x in (1, 2, 3):
            route = TX[self.pos[x]]
            cmd = cmds[0]
            advanced = False
            if cmd == ADV:
                new = self.next_pos(self.pos[x])
                advanced = new != self.pos[x]
            mode = POP[x]
            if mode == "always" or (mode == "advance" and advanced) or \
               (mode == "advance_nop" and (advanced or cmd == NOP)):
                cmds = cmds[1:] + [NOP]
            if cmd == ADV:
                self.pos[x] = new  # after the wavelet is forwarded on the old route
            if "E" not in route:
                return  # not forwarded (ce_ignore: not delivered either)

    def data(self, v):
        for x in (1, 2, 3):
            route = TX[self.pos[x]]
            if "R" in route:
                self.logs[x].append(v)
            if "E" not in route:
                return
        self.logs[4].append(v)


def M(k):
    return 0xFFFF0000 | k


scripts = [
    [0x21, M(0), 0x22, M(0), 0x23],
    [M(1), 0x24, M(1), 0x25],
    [M(2), 0x26, M(2), 0x27],
    [M(3), 0x28, M(4), 0x29, M(3), 0x2A],
    [M(4), 0x2B, M(1), 0x2C, M(4), M(1), 0x2D],
    [M(2), M(3), 0x2E, M(0), 0x2F],
]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
script_id = runner.get_id("script")
log_id = runner.get_id("log")
runner.load()
runner.run()

model = Row()
failures = []
for r, s in enumerate(scripts):
    buf = np.zeros(64, dtype=np.uint32)
    buf[:len(s)] = s
    runner.memcpy_h2d(script_id, buf, 0, 0, 1, 1, 64, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    runner.launch("play", np.uint16(len(s)), nonblock=False)
    for w in s:
        if (w >> 16) == 0xFFFF:
            model.control(MESSAGES[w & 0xFF])
        else:
            model.data(w)
    logs = np.zeros(5 * 65, dtype=np.uint32)
    runner.memcpy_d2h(logs, log_id, 0, 0, 5, 1, 65, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    logs = logs.reshape(5, 65)
    for x in range(1, 5):
        got = [int(v) for v in logs[x, :min(64, int(logs[x, 64]))]]
        if int(logs[x, 64]) != len(model.logs[x]) or got != model.logs[x]:
            failures.append(f"script {r} PE {x}: got {[hex(v) for v in got]}, "
                            f"the page's rules give {[hex(v) for v in model.logs[x]]}")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")
