#!/usr/bin/env cs_python
"""pointer-graph: two launches of 32 and 27 random commands; after each, the PE's cells,
the cell each slot points at and the cursor's cell must match a Python replay in which
pointers are cell indices."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

NCELLS, NSLOTS, MAXC = 8, 4, 32
M32, M16 = 0xFFFFFFFF, 0xFFFF


class Model:
    def __init__(self):
        self.v = [100 * i + 1 for i in range(NCELLS)]
        self.hits = [0] * NCELLS
        self.slots = list(range(NSLOTS))
        self.cursor = NCELLS - 1

    def biggest(self):
        best = 0
        for i in range(1, NCELLS):
            if self.v[i] > self.v[best]:
                best = i
        return best

    def step(self, op, a, b):
        sa, sb = a % NSLOTS, b % NSLOTS
        if op == 0:
            self.slots[sa] = b % NCELLS
        elif op == 1:
            self.slots[sa], self.slots[sb] = self.slots[sb], self.slots[sa]
        elif op == 2:
            t = self.slots[sa]
            self.v[t] = (self.v[t] + self.v[b % NCELLS]) & M32
        elif op == 3:
            self.cursor = self.slots[sa]
        elif op == 4:
            self.v[self.cursor] ^= b << 4
            self.hits[self.cursor] = (self.hits[self.cursor] + 1) & M16
        elif op == 5:
            top = self.biggest()
            self.hits[top] = (self.hits[top] + a) & M16
        elif op == 6:
            self.v[a % NCELLS] = (self.v[self.slots[sb]] * 3) & M32
        else:
            t = self.slots[sa]
            self.hits[t] = (self.hits[t] + 100) & M16

    def state(self):
        out = []
        for i in range(NCELLS):
            out += [self.v[i], self.hits[i]]
        return out + self.slots + [self.cursor]


rng = np.random.default_rng(20261126)
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
commands_id = runner.get_id("commands")
state_id = runner.get_id("state")
runner.load()
runner.run()
row = MemcpyOrder.ROW_MAJOR
model = Model()
for n in (32, 27):
    cmds = np.zeros((MAXC, 3), dtype=np.uint32)
    cmds[:n, 0] = rng.integers(0, 8, n)
    cmds[:n, 1:] = rng.integers(0, 16, (n, 2))
    runner.memcpy_h2d(commands_id, cmds.ravel(), 0, 0, 1, 1, 3 * MAXC, streaming=False,
                      order=row, data_type=MemcpyDataType.MEMCPY_16BIT, nonblock=False)
    runner.launch("run", np.uint16(n), nonblock=False)
    for op, a, b in cmds[:n]:
        model.step(int(op), int(a), int(b))
    size = 2 * NCELLS + NSLOTS + 1
    got = np.zeros(size, dtype=np.uint32)
    runner.memcpy_d2h(got, state_id, 0, 0, 1, 1, size, streaming=False, order=row,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    want = model.state()
    assert list(got) == want, f"after {n} commands:\n got {list(got)}\nwant {want}"
runner.stop()
print("SUCCESS!")
