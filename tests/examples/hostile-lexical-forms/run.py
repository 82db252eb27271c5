#!/usr/bin/env cs_python
"""hostile-lexical-forms: a program written the odd ways real sources look (CRLF line ends,
tab indents, UTF-8 in comments and strings, a layout ending in a comment without a line
end, a comment between every two tokens, literal forms, a 1,000-character identifier, a
12,000-character line, a generated module of 20,500 lines with 80 functions, a 300-prong
switch and a one-element-per-line table, 60 nested parentheses, 40 nested ifs). Every
value the PEs compute from those sources is checked against model.py, for three launches."""
import argparse
import json

import numpy as np

import model
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    width = int(json.load(f)["params"]["width"])
R = 64
M32 = model.M32

INTS = [0x1F, 0xFFFF, 0xFF, 0b1011, 0b10, 0o17, 0o77, 1000, ord("a"), ord("\n"), ord("\\"),
        ord("'")]
FLOATS = [1e3, 1.5e-3, 1e3, 1e3, 0.000001, 1000.5, 0.25, 6.02e23]
TEXT = model.UNICODE_TEXT.encode("utf-8")
assert len(TEXT) == 22


def between_tokens(x):
    return (x * 5 + 7) & M32


def mix(a, b):
    return ((a ^ b) + 0x9E3779B9) & M32


def expected(k, px, bumped):
    e = np.zeros(R, np.uint32)
    e[0:12] = INTS
    e[16:24] = [model.f32_bits(np.float32(v)) for v in FLOATS]
    e[24] = len(TEXT)
    e[25:25 + len(TEXT)] = list(TEXT)
    x = k + px
    e[48] = model.pick(x)
    e[49] = model.chain(x)
    e[50] = sum(model.table_entry(i) for i in range(model.TABLE)) & M32
    e[51] = model.parens(x)
    e[52] = model.nested_ifs(x)
    e[53] = bumped
    e[54] = sum(model.long_line_entry(i) for i in range(model.LONG_LINE)) & M32
    e[55] = between_tokens(x)
    e[56] = mix(x, 0x12345678)
    return e


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
res = runner.get_id("res")
runner.load()
runner.run()

failures = []
bumped = [model.LONG_NAME_VALUE] * width
for k in (0, 41, 298):
    runner.launch("go", np.uint16(k), nonblock=False)
    got = np.zeros(width * R, np.uint32)
    runner.memcpy_d2h(got, res, 0, 0, width, 1, R, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    got = got.reshape(width, R)
    for px in range(width):
        bumped[px] = (bumped[px] + k + px) & M32
        want = expected(k, px, bumped[px])
        bad = np.nonzero(got[px] != want)[0]
        for i in bad:
            failures.append(f"k={k} PE {px} res[{i}]: got {got[px][i]:#x}, want {want[i]:#x}")
runner.stop()

for f in failures[:40]:
    print("FAIL", f)
if failures:
    raise SystemExit(f"{len(failures)} value(s) wrong")
print("SUCCESS!")
