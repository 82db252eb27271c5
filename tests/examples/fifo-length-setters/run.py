#!/usr/bin/env cs_python
"""fifo-length-setters: five plans; a model FIFO (contents and read/write lengths, which
count down per element moved and stay where an op that met an empty FIFO left them) gives
every bool and every destination element."""
import argparse
from collections import deque

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

SENT = 0xDEAD


class Fifo:
    def __init__(self):
        self.q = deque()
        self.rlen = 0
        self.wlen = 0

    def push(self, vals):
        n = len(vals) if self.wlen == 0 else min(len(vals), self.wlen)
        for v in vals[:n]:
            self.q.append(v)
        if self.wlen:
            self.wlen -= n
        return True  # the plans never fill the 10-slot buffer

    def pop(self, dst, at, n):
        # a non-zero read length is the operation's length (the FIFO is its first source),
        # even where the destination DSD is shorter; zero leaves it to the destination
        want = n if self.rlen == 0 else self.rlen
        got = 0
        while got < want and self.q:
            dst[at + got] = self.q.popleft()
            got += 1
        if self.rlen:
            self.rlen -= got
        return got == want


def model(fifo, rnd, wl, push_n, rl, pop_n, pop2_n, push2_n, word):
    src = [word(rnd, i) for i in range(16)]
    dst = [SENT] * 16
    flags = 0
    fifo.wlen = wl
    flags |= fifo.push(src[:push_n])
    fifo.rlen = rl
    flags |= fifo.pop(dst, 0, pop_n) << 1
    flags |= fifo.pop(dst, 5, pop2_n) << 2
    fifo.wlen = 0
    flags |= fifo.push(src[8:8 + push2_n]) << 3
    fifo.rlen = 0
    flags |= fifo.pop(dst, 10, 6) << 4
    return flags, dst


def f32_word(rnd, i):
    return int(np.array(rnd * 100 + i + 0.5, np.float32).view(np.uint32))


def i16_word(rnd, i):
    return (-(rnd * 100 + i)) & 0xFFFF


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
log_id = runner.get_id("log")
runner.load()
runner.run()
plans = [(3, 8, 5, 8, 4, 4), (0, 5, 0, 3, 1, 2), (4, 6, 2, 6, 5, 3), (6, 2, 3, 1, 4, 1),
         (0, 7, 7, 2, 9, 1)]
wf, hf = Fifo(), Fifo()
for rnd, plan in enumerate(plans, start=1):
    runner.launch("play", *[np.uint16(v) for v in plan], nonblock=False)
    log = np.zeros(96, np.uint32)
    runner.memcpy_d2h(log, log_id, 0, 0, 1, 1, 96, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    wflags, wdst = model(wf, rnd, *plan, f32_word)
    hflags, hdst = model(hf, rnd, *plan, i16_word)
    wdst = [SENT if v == SENT else v for v in wdst]
    want_flags = wflags | (hflags << 8)
    assert int(log[0]) == want_flags, f"plan {plan}: flags {int(log[0]):#06x}, want {want_flags:#06x}"
    assert [int(v) for v in log[1:17]] == wdst, f"plan {plan}: f32 dst {[hex(v) for v in log[1:17]]}, want {[hex(v) for v in wdst]}"
    assert [int(v) for v in log[17:33]] == hdst, f"plan {plan}: i16 dst {[hex(v) for v in log[17:33]]}, want {[hex(v) for v in hdst]}"
runner.stop()
print("SUCCESS!")
