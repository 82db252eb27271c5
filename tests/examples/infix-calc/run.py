#!/usr/bin/env cs_python
"""infix-calc: random infix expressions (numbers, + - * /, unary minus, parentheses,
spaces) joined by ';' in two launches; each result must equal a recursive-descent Python
evaluation with i32 wrapping and division truncated toward zero."""
import argparse
import random

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

MAX_TEXT, MAX_RESULTS = 512, 32


def wrap(v):
    return (v + 2**31) % 2**32 - 2**31


class Parser:
    """expr := term (('+'|'-') term)*; term := unary (('*'|'/') unary)*;
    unary := '-' unary | atom; atom := number | '(' expr ')'"""

    def __init__(self, s):
        self.s, self.i = s.replace(" ", ""), 0

    def peek(self):
        return self.s[self.i] if self.i < len(self.s) else ""

    def expr(self):
        v = self.term()
        while self.peek() in ("+", "-"):
            op = self.s[self.i]
            self.i += 1
            r = self.term()
            v = wrap(v + r if op == "+" else v - r)
        return v

    def term(self):
        v = self.unary()
        while self.peek() in ("*", "/"):
            op = self.s[self.i]
            self.i += 1
            r = self.unary()
            if op == "*":
                v = wrap(v * r)
            else:
                if r == 0 or (v == -2**31 and r == -1):
                    raise ZeroDivisionError
                q = abs(v) // abs(r)
                v = wrap(q if (v < 0) == (r < 0) else -q)
        return v

    def unary(self):
        if self.peek() == "-":
            self.i += 1
            return wrap(-self.unary())
        return self.atom()

    def atom(self):
        if self.peek() == "(":
            self.i += 1
            v = self.expr()
            assert self.peek() == ")"
            self.i += 1
            return v
        j = self.i
        while self.peek().isdigit():
            self.i += 1
        return int(self.s[j:self.i])


def random_expr(rng, depth=0):
    r = rng.random()
    if depth > 3 or r < 0.3:
        return str(rng.randrange(0, 100000 if rng.random() < 0.2 else 50))
    if r < 0.4:
        return "-" + random_expr(rng, depth + 1)
    if r < 0.55:
        return "(" + random_expr(rng, depth + 1) + ")"
    op = rng.choice(["+", "-", "*", "/", " * ", " - "])
    return random_expr(rng, depth + 1) + op + random_expr(rng, depth + 1)


def batch(rng, n):
    exprs, values = [], []
    while len(exprs) < n:
        e = random_expr(rng)
        try:
            v = Parser(e).expr()
        except ZeroDivisionError:
            continue
        exprs.append(e)
        values.append(v)
    return exprs, values


rng = random.Random(4242)
fixed = ["12+3*(4-1)", "-7/2", "7/-2", "--3", "2*-3-4", "100000*100000", "(((1)))",
         "1-2-3", "64/4/2", "-(2+3)*4", "0", "2147483647+1"]
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
text_id = runner.get_id("text")
results_id = runner.get_id("results")
runner.load()
runner.run()
row = MemcpyOrder.ROW_MAJOR
for exprs, values in [(fixed, [Parser(e).expr() for e in fixed]), batch(rng, 24)]:
    text = ";".join(exprs)
    assert len(text) <= MAX_TEXT and len(exprs) <= MAX_RESULTS, len(text)
    words = np.zeros(MAX_TEXT, dtype=np.uint32)
    words[:len(text)] = [ord(c) for c in text]
    runner.memcpy_h2d(text_id, words, 0, 0, 1, 1, MAX_TEXT, streaming=False, order=row,
                      data_type=MemcpyDataType.MEMCPY_16BIT, nonblock=False)
    runner.launch("evaluate", np.uint16(len(text)), nonblock=False)
    got = np.zeros(MAX_RESULTS + 1, dtype=np.uint32)
    runner.memcpy_d2h(got, results_id, 0, 0, 1, 1, MAX_RESULTS + 1, streaming=False, order=row,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    assert got[MAX_RESULTS] == len(exprs), (got[MAX_RESULTS], len(exprs))
    got_values = [int(v) for v in got[:len(exprs)].view(np.int32)]
    bad = [(e, g, w) for e, g, w in zip(exprs, got_values, values) if g != w]
    assert not bad, f"(expression, got, expected): {bad}"
runner.stop()
print("SUCCESS!")
