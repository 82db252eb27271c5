"""hostile-lexical-forms: the numbers the generated and hand-written sources define, for
gen_sources.py (which writes them) and run.py (which checks the device's results)."""
import struct

M32 = 0xFFFFFFFF
CHAIN = 80
PRONGS = 300
TABLE = 6000
PARENS = 60
IFS = 40
LONG_LINE = 1500
LONG_NAME = ("an_identifier_of_one_thousand_characters_" * 25)[:992] + "_tail_xx"
LONG_NAME_VALUE = 123456789
UNICODE_TEXT = "ünïcødé ✓ 日本"  # the string in pe_program.csl


def prong_value(i):
    return (i * 2654435761) & M32


def table_entry(i):
    return (i * 7919) % 65521


def long_line_entry(i):
    return (i * i + 17) & M32


def chain(x):
    v = x & M32
    for i in range(1, CHAIN):
        v = (v * 3 + i) & M32
    return v


def pick(k):
    return prong_value(k) if k < PRONGS else 0xDEADBEEF


def parens(x):
    v = x & M32
    for d in range(PARENS):
        v = (v + (d % 7 + 1)) & M32 if d % 2 == 0 else (v * (d % 7 + 1)) & M32
    return v


def nested_ifs(x):
    depth = 0
    for d in range(IFS):
        if x > d:
            depth += 1
        else:
            break
    return depth


def f32_bits(v):
    return struct.unpack("<I", struct.pack("<f", v))[0]
