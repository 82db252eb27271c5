#!/usr/bin/env cs_python
"""config-route-regs: four steps (keep, deliver only, forward only, restore); each step's
block (sum of its values) must reach exactly the PEs the rewritten word routes it to."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])
OW, OE, OR, IW, IR = 0x1, 0x2, 0x10, 0x20, 0x200
layout_word = {0: IR | OE, 1: IW | OR | OE, 2: IW | OR}
row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
words_id = runner.get_id("words")
tags_id = runner.get_id("tags")
runner.load()
runner.run()
middle = {0: None, 1: IW | OR, 2: IW | OE, 3: IW | OR | OE}
modes = [0, 1, 2, 3, 0]
route = dict(layout_word)
expects = []
for m in modes:
    runner.launch("configure", np.uint16(m), nonblock=False)
    if middle[m] is not None:
        route[1] = middle[m]
    # PE 1 takes the block if its word delivers it; PE 2 if PE 1 forwards it
    expect = (2 if route[1] & OR else 0) | (4 if route[1] & OE else 0)
    expects.append(expect)
    runner.launch("transfer", np.uint16(expect), nonblock=False)
words = np.zeros(3 * 24, np.uint32)
runner.memcpy_d2h(words, words_id, 0, 0, 3, 1, 24, streaming=False, order=row, data_type=u32,
                  nonblock=False)
tags = np.zeros(3 * 8, np.uint32)
runner.memcpy_d2h(tags, tags_id, 0, 0, 3, 1, 8, streaming=False, order=row, data_type=u32,
                  nonblock=False)
runner.stop()
words = words.reshape(3, 24)
tags = tags.reshape(3, 8)

route = dict(layout_word)
for s, m in enumerate(modes):
    for x in range(3):
        before, same, after = (int(v) for v in words[x, 3 * s:3 * s + 3])
        assert before & 0x3FF == route[x], f"step {s} PE {x}: word {before:#06x}, route {route[x]:#x}"
        assert same == 1, f"step {s} PE {x}: the raw *u16 read differs from @get_config"
        if x == 1 and middle[m] is not None:
            route[1] = middle[m]
        assert after & 0x3FF == route[x], f"step {s} PE {x}: after {after:#06x}, want {route[x]:#x}"
        assert (after ^ before) & ~0x3FF & 0xFFFF == 0, f"step {s} PE {x}: upper bits changed"
    for x in (1, 2):
        want = 100 + s + 1 if expects[s] >> x & 1 else 0
        assert int(tags[x, s + 1]) == want, \
            f"step {s} (mode {m}) PE {x}: tag {int(tags[x, s + 1])}, want {want}"
print("SUCCESS!")
