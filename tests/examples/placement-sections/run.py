#!/usr/bin/env cs_python
"""placement-sections: section globals at the flag's addresses in declaration order
(.fast: fast_a at 40960, fast_b right after its 24 bytes; .slow: slow_c at 42000), aligned
variables and the aligned const on multiples of their alignment and outside the sections,
the extern/export counter shared by the PE program and its module, and the linkname
symbol read back under its new name."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

W = 2
FAST, SLOW = 40960, 42000
TABLE = [0x11, 0x22, 0x33, 0x44]
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
out_id = runner.get_id("out")
runner.load()
runner.run()

fast_a1, fast_b2, slow_c0 = [2] * W, [9] * W, [np.float32(0.5)] * W
tally, calls, renamed = [100] * W, [0] * W, [0xABCD0000] * W
for k in (5, 2, 11, 0, 7):
    runner.launch("probe", np.uint32(k), nonblock=False)
    got = np.zeros(W * 16, dtype=np.uint32)
    runner.memcpy_d2h(got, out_id, 0, 0, W, 1, 16, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    got = got.reshape(W, 16)
    for x in range(W):
        g = [int(v) for v in got[x]]
        assert g[0:3] == [FAST, FAST + 6 * 4, SLOW], f"PE {x} section addresses {g[0:3]}"
        for at, align in ((3, 64), (4, 16), (5, 32)):
            assert g[at] % align == 0, f"PE {x} word {at}: address {g[at]} not {align}-aligned"
            assert g[at] + 16 <= FAST, f"PE {x} word {at}: address {g[at]} inside a section"
        assert len({g[3], g[4], g[5]}) == 3
        fast_a1[x] += k
        fast_b2[x] = (fast_b2[x] + k) & 0xFFFF
        slow_c0[x] = np.float32(slow_c0[x] + np.float32(1.0))
        tally[x] += k + x + 1
        calls[x] += 1
        renamed[x] = (renamed[x] + k) & 0xFFFFFFFF
        want = [TABLE[k % 4], fast_a1[x] + fast_b2[x] + int(slow_c0[x]), tally[x],
                tally[x] + calls[x] * 1000, renamed[x]]
        assert g[6:11] == want, f"PE {x} k {k}: {g[6:11]} want {want}"
marker = [int(runner.read_symbol(x, 0, "placed_marker", dtype="uint32")[0]) for x in range(W)]
runner.stop()
assert marker == renamed, f"placed_marker {marker} != {renamed}"
print("SUCCESS!")
