#!/usr/bin/env cs_python
"""literal-forms: every word the PE writes is one literal (or a literal meeting the
host's seed); the expected values come from Python's own parser of the same spellings
(Python writes octal 0o17 and hex/binary like CSL; its floats are rounded to f32/f16 by
numpy, as CSL rounds a comptime_float to the declared type)."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

seed = 0x1234_5678
ints = [0xBEEF, 0xdead_beef, 0o17, 0o7_7_7, 0b1011_0001, 0b1, 1_000_000, 7, 0x0, 4294967295,
        0xFFFF_FFFF, 0o37777777777]
chars = [ord(c) for c in "aZ0\n\t\r\\'\""] + [0x7e]
floats = np.array([1.5, 1e3, 2.5e-1, 1.25E+2, 6.02214076e23, 1_0.2_5, 0.000_001, 3.0e-45],
                  dtype=np.float32)
halves = np.array([6.1035156e-5, 65504.0], dtype=np.float16)
greeting = "h\x69\t\"\\\u00e9!\u03b1".encode("utf-8")


def classify(c):
    ch = chr(c)
    if "a" <= ch <= "z":
        return 1
    if "A" <= ch <= "Z":
        return 2
    if "0" <= ch <= "9":
        return 3
    return 4 if ch in "\n\t\r" else 5


expected = ints + chars + list(floats.view(np.uint32)) + list(halves.view(np.uint16))
expected += [seed ^ 0b1010_1010_1010_1010, (seed >> 0o4) & 0xF_F,
             int((np.float32(seed) * np.float32(0.25)).view(np.uint32)), len(greeting),
             sum(classify(c) << (3 * i) for i, c in enumerate(chars)),
             ord("z") - ord("a") + 1, 0x41 * 0x100 + 0x42, 10 * 8 + 2, 0x3b1, 0xe9]
expected = np.array(expected, dtype=np.uint64).astype(np.uint32)
text_expected = np.zeros(24, dtype=np.uint32)
text_expected[:len(greeting)] = list(greeting)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
words_id = runner.get_id("words")
text_id = runner.get_id("text")
seed_id = runner.get_id("seed")
runner.load()
runner.run()
row = MemcpyOrder.ROW_MAJOR
runner.memcpy_h2d(seed_id, np.array([seed], dtype=np.uint32), 0, 0, 1, 1, 1, streaming=False,
                  order=row, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.launch("fill", nonblock=False)
words = np.zeros(42, dtype=np.uint32)
runner.memcpy_d2h(words, words_id, 0, 0, 1, 1, 42, streaming=False, order=row,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
text = np.zeros(24, dtype=np.uint32)
runner.memcpy_d2h(text, text_id, 0, 0, 1, 1, 24, streaming=False, order=row,
                  data_type=MemcpyDataType.MEMCPY_16BIT, nonblock=False)
runner.stop()

bad = [(i, hex(g), hex(e)) for i, (g, e) in enumerate(zip(words, expected)) if g != e]
assert not bad, f"words differ (index, got, expected): {bad}"
np.testing.assert_array_equal(text, text_expected)
print("SUCCESS!")
