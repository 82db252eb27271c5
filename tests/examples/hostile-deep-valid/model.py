"""hostile-deep-valid: the depths gen_sources.py writes and the values they compute."""
M32 = 0xFFFFFFFF
PARENS = 200
IFS = 120
CALLS = 120
BLOCKS = 150
CHAIN = 900


def parens(x):
    v = x & M32
    for d in range(PARENS):
        v = (v + (d % 13 + 1)) & M32 if d % 2 == 0 else v ^ (d % 13 + 1)
    return v


def nested_ifs(x):
    return min(x, IFS)


def nested_calls(x):
    return (x + CALLS) & M32


def nested_blocks(x):
    return (x * 3) & M32


def head():
    return 7 + sum(i % 5 for i in range(CHAIN))


def marked(x):
    return (x * 11 + 5) & M32
