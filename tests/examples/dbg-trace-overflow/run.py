#!/usr/bin/env cs_python
"""dbg-trace-overflow: read_trace on buffers that fill up. Every PE traces the same 11
entries per launch (bool u8 i8 u16 i16 f16 u32 i32 f32, a string, a timestamp: 26 words)
into a buffer of 27 + 3x + 7y words; after the first launch (dump_core) every trace is
whole, after the second each PE keeps the entries that fit whole, in order, with the
exact values. The "stamps" key (14 words) keeps three of four timestamps. The buffers'
symbols read with get_symbol agree with read_trace, and PE coordinates may be numpy ints."""
import argparse

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

W, H = 4, 2
OX, OY = 4, 1
VS = [1, 2]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
runner.launch("step", np.uint32(VS[0]), nonblock=False)
runner.dump_core("first.core")
runner.launch("step", np.uint32(VS[1]), nonblock=False)
runner.stop()

WORDS = [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4]  # per entry of a launch


def entries(v, x, y):
    """The values one launch traces under "log" (the timestamp as None)."""
    return [
        (v + x) % 2 == 1,
        (v * 3 + x + 10 * y) & 0xff,
        int(np.int8(-(x + 1) * (y + 2) - (v & 7))),
        (v * 101 + x) & 0xffff,
        int(np.array([-(v * 7) - x * y * 300]).astype(np.int16)[0]),
        float(np.float16(v) + np.float16(0.5) * np.float16(x)),
        (v * 0x01000193 + x) & 0xffffffff,
        -(v * 1000 + y),
        float(np.float32(v) / np.float32(7) + np.float32(y)),
        "launch",
        None,
    ]


def check(got, want, where):
    assert len(got) == len(want), f"{where}: {len(got)} entries {got}, want {len(want)} {want}"
    for i, (g, w) in enumerate(zip(got, want)):
        if w is None:  # a timestamp
            assert isinstance(g, int) and 0 < g < 1 << 48, f"{where}: entry {i} = {g!r}"
        else:
            assert type(g) is type(w) and g == w, f"{where}: entry {i} = {g!r}, want {w!r}"


for path, launches in [("first.core", 1), (None, 2)]:
    dbg = debug_util(args.name, core=path) if path else debug_util(args.name)
    for y in range(H):
        for x in range(W):
            cap = 27 + 3 * x + 7 * y
            where = f"{path or 'stop core'} PE ({x},{y}) cap {cap}"
            want, used = [], 0
            for v in VS[:launches]:
                for value, n in zip(entries(v, x, y), WORDS):
                    if used + n > cap:
                        break  # nothing later in this launch is smaller
                    want.append(value)
                    used += n
            got = dbg.read_trace(np.int64(OX + x), np.uint16(OY + y), "log")
            check(got, want, where)
            ts = [g for g, w in zip(got, want) if w is None]
            assert all(a < b for a, b in zip(ts, ts[1:])), f"{where}: stamps {ts}"
            # The buffer symbols: the index counts the words written.
            index = dbg.get_symbol(OX + x, OY + y, "$$csl_debug.log.buffer_index", np.uint16)
            words = dbg.get_symbol(OX + x, OY + y, "$$csl_debug.log.buffer", np.uint16)
            assert words.size == cap, f"{where}: buffer of {words.size} words"
            assert index.size == 1 and index[0] == used, f"{where}: index {index}, want {used}"
            assert words[0] & 0xff == ord("?") and words[3] & 0xff == ord("H"), words
            assert np.all(words[index[0]:] == 0), f"{where}: words after the index {words}"
            # "stamps": 3 whole timestamps of 4 words in 14 (the 4th left out).
            st = dbg.read_trace(OX + x, OY + y, "stamps")
            assert len(st) == (2 if launches == 1 else 3), f"{where}: stamps {st}"
            assert all(a < b for a, b in zip(st, st[1:])), f"{where}: stamps {st}"
            # A log timestamp lies between the launch's two stamps.
            if launches == 1:
                assert st[0] < ts[0] < st[1], f"{where}: {st} {ts}"
print("SUCCESS!")
