#!/usr/bin/env cs_python
"""spec-runtime-rules: the host sends the inputs, launches run, reads the 20 result words
and compares each with the value the SDK's language pages give (computed here in Python
and numpy)."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()


def f32_bits(v):
    return int(np.array([v], dtype=np.float32).view(np.uint32)[0])


def u32(v):
    return v & 0xFFFFFFFF


flag, small, large, limit, budget, hand_num = 1, -100, 70000, 10, 7, -3
neg, pos = np.float32(-10.8), np.float32(11.7)
nan_bits = 0x7FC00001
inputs = np.array([flag, u32(small) & 0xFFFF, large, f32_bits(neg), f32_bits(pos),
                   0x80000000, nan_bits, limit, budget, u32(hand_num) & 0xFFFF],
                  dtype=np.uint32)

# The page rules, one word each (see pe_program.csl).
shade = {0: 0, 4: 4, 5: 5}  # dark, mid, light
s = hand_num + 8
assert s in shade
steps, i = 0, 0
while i < limit:
    if i != 3:
        steps += 1
    i += 3
table = [7, -8, 9, -10]


def grade(k):
    return {0: -10, 1: 1, 2: 42, 3: 42}[k % 4]


search = next(i * 100 + j for i in range(10) for j in range(10) if i * j >= budget)
expected = [
    u32(small),                                        # 0 if (c) i16 else i32
    u32(large),                                        # 1
    f32_bits(neg),                                     # 2 if (!c) f16 else f32
    f32_bits(np.float32(np.float16(pos))),             # 3
    u32(int(neg)),                                     # 4 @as(i32, -10.8) == -10
    int(pos),                                          # 5 @as(i16, 11.7) == 11
    0,                                                 # 6 @as(bool, -0.0)
    1,                                                 # 7 @as(bool, nan)
    1,                                                 # 8 @as(bool, 70000)
    steps * 100 + i,                                   # 9 continue expression
    limit // 2,                                        # 10 break leaves the loop
    budget * 1000 + 43,                                # 11 comptime block, run-time code ran
    u32(large + table[budget % 4]),                    # 12 *T -> *[1]T, [*]const T
    u32(grade(budget) + grade(budget + 1)),            # 13 switch coerced to i16
    s * 10 + (u32(hand_num) & 0xFF),                   # 14 enums through numbers
    f32_bits(float(s)),                                # 15 @as(f32, enum)
    u32(100 + large),                                  # 16 comptime_int and i32 breaks
    1 * 10 + 2 + 1,                                    # 17 short-circuit: one call
    search,                                            # 18 break :outer
    u32(small - large),                                # 19 reordered anonymous literal
]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
inputs_id = runner.get_id("inputs")
words_id = runner.get_id("words")
runner.load()
runner.run()
row = MemcpyOrder.ROW_MAJOR
runner.memcpy_h2d(inputs_id, inputs, 0, 0, 1, 1, len(inputs), streaming=False, order=row,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.launch("run", nonblock=False)
words = np.zeros(len(expected), dtype=np.uint32)
runner.memcpy_d2h(words, words_id, 0, 0, 1, 1, len(expected), streaming=False, order=row,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()

bad = [(k, hex(g), hex(e)) for k, (g, e) in enumerate(zip(words, expected)) if g != e]
assert not bad, f"words differ (index, got, expected): {bad}"
print("SUCCESS!")
