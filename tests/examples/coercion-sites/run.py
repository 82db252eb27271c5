#!/usr/bin/env cs_python
"""coercion-sites: three launches, each converting a u16, an i16 and an f16 through nine
implicit coercions at eleven sites; every site must give the same value as numpy's
widening (zero- or sign-extension, exact f16 -> f32), except the labelled-block break
and the switch, which give 0 for a selector of 100 or more."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

NSITES, NCONV = 11, 9
BREAK_SITE, SWITCH_SITE = 7, 9
# (u16, i16 bits, f16 bits, selector k)
launches = [(0x00C8, np.int16(-30000).view(np.uint16), np.float16(-1.5).view(np.uint16), 0),
            (0xEA60, 0x7FFF, 0x0001, 42),
            (0xFFFF, 0x8000, 0xFC00, 250)]


def expected_rows(w, s_bits, h_bits, k):
    s = int(np.uint16(s_bits).view(np.int16))
    b = w & 0xFF
    sb = s >> 8
    h32 = int(np.uint16(h_bits).view(np.float16).astype(np.float32).view(np.uint32))
    m16, m32 = 0xFFFF, 0xFFFFFFFF
    values = [b, b, b, w, w, sb & m16, s & m32, h32,
              0x8000 ^ (int(np.float16(0.1).view(np.uint16)) << 16)]
    zero = [0] * 8 + [0]
    rows = np.zeros((NCONV, NSITES), dtype=np.uint32)
    for c in range(NCONV):
        for site in range(NSITES):
            gives_zero = k >= 100 and site in (BREAK_SITE, SWITCH_SITE)
            rows[c, site] = zero[c] if gives_zero else values[c]
    return rows.ravel()


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
inputs_id = runner.get_id("inputs")
results_id = runner.get_id("results")
runner.load()
runner.run()
row = MemcpyOrder.ROW_MAJOR
for w, s_bits, h_bits, k in launches:
    runner.memcpy_h2d(inputs_id, np.array([w, s_bits, h_bits], dtype=np.uint32), 0, 0, 1, 1, 3,
                      streaming=False, order=row, data_type=MemcpyDataType.MEMCPY_16BIT,
                      nonblock=False)
    runner.launch("convert", np.uint16(k), nonblock=False)
    got = np.zeros(NCONV * NSITES, dtype=np.uint32)
    runner.memcpy_d2h(got, results_id, 0, 0, 1, 1, NCONV * NSITES, streaming=False, order=row,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    want = expected_rows(w, s_bits, h_bits, k)
    bad = [(i // NSITES, i % NSITES, hex(g), hex(e)) for i, (g, e) in enumerate(zip(got, want))
           if g != e]
    assert not bad, f"launch k={k}: (conversion, site, got, expected) {bad}"
runner.stop()
print("SUCCESS!")
