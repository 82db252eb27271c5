#!/usr/bin/env python3
"""Random scalar CSL program generator (a small "csmith" for CSL) with a Python model.

    gen.py SEED OUTDIR [--cases N] [--sets S] [--wide] [--depth D] [--params P]
           [--stmt-share F] [--no-avoid]
        writes a case folder, OUTDIR = tests/examples/randexpr/cases/NAME: layout.csl,
        pe_program.csl, case.json (inputs, expected words, slots; the family's run.py
        checks it) and compile_wse2.sh, compile_wse3.sh.
        --wide adds arbitrary-width integers (u3 i4 u4 i7 u12 i24 u24 u40 i48); --depth is
        the result expression's depth (4); --params the most parameters a case takes (4);
        --stmt-share the share of cases written as statements over mutable locals (0.5);
        --tables N adds N comptime tables (a labelled block whose loop fills a const array
        by calling a case; checked against the run-time calls);
        --min-parens prints only the parentheses operator precedence needs;
        --no-avoid[=NAME] stops steering around the compiler gaps listed in AVOID (all of
        them, or the one named).
    gen_refuse.py (next to this file) checks programs cslc must refuse; gen_conv.py writes
    the @as/@bitcast conversion matrix (cases conv, conv-wide).

Each generated case is a function `case_k(x0: T0, ...) R` whose body declares locals and
returns an expression tree over i8..u64, f16, f32 and bool: arithmetic, shifts, bitwise
ops, comparisons, `@as` and `@bitcast` conversions, `if` and `switch` expressions, labelled
blocks with loops (`while` with a continue expression, `for` over `@range`, `break`,
`continue`, `break :label value`), and calls of helper functions (plain, `inline`, a
by-value struct parameter, a by-value array parameter, a pointer parameter written
through). compute() calls every case at run time on the host's inputs (bit patterns in
`inp`) and, for the cases whose evaluation on input set 0 never overflows a fixed-size type
(comptime arithmetic must not), evaluates the same call at comptime with set 0 as
literals. Further slots hold comptime_int expressions coerced to a type. The model follows
the semantics the SDK docs give and CSL shares with Zig: run-time integer arithmetic wraps
to the type's width, `/` truncates toward zero and `%` takes the dividend's sign, `>>` of
a signed value is arithmetic, f16/f32 results are IEEE round-to-nearest-even,
`@as(int, float)` truncates toward zero, `@as(float, int)` rounds to nearest even, `@as`
between integers keeps the low bits (sign- or zero-extends when widening), `@as(int, bool)`
is 0 or 1. The generator never produces a division by zero, MIN / -1, a shift by the
width or more, a float-to-int conversion out of range, or a NaN.
Only the Python 3 standard library is used.
"""
import copy
import json
import random
import struct
import sys
from fractions import Fraction
from pathlib import Path

INTS = {"i8": (8, True), "u8": (8, False), "i16": (16, True), "u16": (16, False),
        "i32": (32, True), "u32": (32, False), "i64": (64, True), "u64": (64, False)}
FLOATS = {"f16": (5, 10), "f32": (8, 23)}
TYPES = list(INTS) + list(FLOATS) + ["bool"]
# Arbitrary-width integers (the Types page: iN/uN for any N), used with --wide.
WIDE = {"u3": (3, False), "i4": (4, True), "u4": (4, False), "i7": (7, True), "u12": (12, False),
        "i24": (24, True), "u24": (24, False), "u40": (40, False), "i48": (48, True)}
WORDS = {"i64": 2, "u64": 2}


def use_wide_types():
    INTS.update(WIDE)
    TYPES[:] = list(INTS) + list(FLOATS) + ["bool"]
    for t, (w, _) in WIDE.items():
        if w > 32:
            WORDS[t] = 2


class Reject(Exception):
    """The node's evaluation would be undefined (or NaN): generate another."""


class Ctx:
    def __init__(self):
        self.overflow = False


def is_int(t):
    return t in INTS


def is_float(t):
    return t in FLOATS


def int_range(t):
    w, s = INTS[t]
    return (-(1 << (w - 1)), (1 << (w - 1)) - 1) if s else (0, (1 << w) - 1)


def wrap(v, t, ctx):
    w, s = INTS[t]
    r = v & ((1 << w) - 1)
    if s and r >> (w - 1):
        r -= 1 << w
    if r != v:
        ctx.overflow = True
    return r


def round_float(q, t):
    """Round the exact rational q to format t (nearest even; overflow to infinity)."""
    eb, mb = FLOATS[t]
    if q == 0:
        return 0.0
    sign = -1.0 if q < 0 else 1.0
    a = abs(q)
    bias = (1 << (eb - 1)) - 1
    e = a.numerator.bit_length() - a.denominator.bit_length()
    if Fraction(2) ** e > a:
        e -= 1
    e = max(e, 1 - bias)
    quantum = Fraction(2) ** (e - mb)
    n = a / quantum
    fl = n.numerator // n.denominator
    rem = n - fl
    if rem > Fraction(1, 2) or (rem == Fraction(1, 2) and fl % 2 == 1):
        fl += 1
    val = fl * quantum
    maxf = (2 - Fraction(2) ** -mb) * Fraction(2) ** bias
    if val > maxf:
        return sign * float("inf")
    return sign * float(val)


def float_bits(v, t):
    if t == "f16":
        return struct.unpack("<H", struct.pack("<e", v))[0]
    return struct.unpack("<I", struct.pack("<f", v))[0]


def bits_float(b, t):
    if t == "f16":
        return struct.unpack("<e", struct.pack("<H", b))[0]
    return struct.unpack("<f", struct.pack("<I", b))[0]


def fl_check(v, ctx):
    if v != v:
        raise Reject()
    if v in (float("inf"), float("-inf")):
        ctx.overflow = True
    return v


def float_op(op, a, b, t, ctx):
    if any(x in (float("inf"), float("-inf")) for x in (a, b)):
        with_inf = {"+": a + b, "-": a - b, "*": a * b}.get(op)
        if op == "/":
            if b in (float("inf"), float("-inf")):
                raise Reject()
            with_inf = a / b if b != 0 else None
        if with_inf is None:
            raise Reject()
        return fl_check(with_inf, ctx)
    if op == "/" and b == 0:
        raise Reject()
    fa, fb = Fraction(a), Fraction(b)
    q = {"+": lambda: fa + fb, "-": lambda: fa - fb, "*": lambda: fa * fb,
         "/": lambda: fa / fb}[op]()
    if q == 0:
        # The sign of an exact zero: double arithmetic gives IEEE's rule.
        return {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b,
                "/": lambda: a / b}[op]()
    return fl_check(round_float(q, t), ctx)


# ----------------------------------------------------------------------------- nodes


class Node:
    t = None

    def ev(self, env, ctx):
        raise NotImplementedError


class Ref:
    """What a pointer capture `|*e|` holds: element i of array arr, read when used (the loop
    body may write that element through another pointer)."""

    def __init__(self, arr, i):
        self.arr, self.i = arr, i


class Var(Node):
    def __init__(self, name, t):
        self.name, self.t = name, t

    def ev(self, env, ctx):
        v = env[self.name]
        return env[v.arr][v.i] if isinstance(v, Ref) else v

    def emit(self):
        return self.name


def int_literal_text(v, rng):
    """An integer literal, sometimes as a folded comptime_int expression."""
    if rng.random() < 0.25 and abs(v) < (1 << 40):
        a = rng.randint(2, 9)
        b = rng.randint(-50, 50)
        q, r = divmod(v - b, a)
        return f"({q} * {a} + {r} + {b})" if q >= 0 else f"({r + b} - {-q} * {a})"
    return f"({v})" if v < 0 else str(v)


def float_literal_text(v):
    r = repr(v)
    if "e" in r or "inf" in r:
        return None
    return f"({r})" if v < 0 or r.startswith("-") else r


# Binary operator levels (SDK examples and Zig agree on these, except that Zig puts & ^ | on
# one level: operands mixing those three are always parenthesised, so either reading works).
LEVEL = {"or": 1, "and": 2, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3, "|": 4,
         "^": 5, "&": 6, "<<": 7, ">>": 7, "+": 8, "-": 8, "*": 9, "/": 9, "%": 9}
MIN_PARENS = False  # --min-parens: print only the parentheses precedence needs


def binary_text(op, a_text, a_node, b_text, b_node):
    """a op b, parenthesised fully, or (--min-parens) only where the operands' operators
    would otherwise bind differently."""
    if not MIN_PARENS:
        return f"({a_text} {op} {b_text})"
    p = LEVEL[op]

    def needs(node, right):
        q = LEVEL.get(getattr(node, "op", None)) if isinstance(node, (Bin, Shift, Cmp, Logic)) else None
        if q is None:
            return False
        if q < p or (right and q == p) or (q == p == 3):
            return True
        return 4 <= q <= 6 and 4 <= p <= 6 and node.op != op

    a = f"({a_text})" if needs(a_node, False) else a_text
    b = f"({b_text})" if needs(b_node, True) else b_text
    return f"{a} {op} {b}"



class Lit(Node):
    def __init__(self, t, v, bare, rng):
        self.t, self.v, self.bare = t, v, bare
        if is_int(t):
            self.text = int_literal_text(v, rng)
        elif is_float(t):
            self.text = float_literal_text(v)
        else:
            self.text = "true" if v else "false"

    def ev(self, env, ctx):
        return self.v

    def emit(self):
        if self.t == "bool" or self.bare:
            return self.text
        return f"@as({self.t}, {self.text})"


class Bin(Node):
    def __init__(self, op, a, b):
        self.op, self.a, self.b, self.t = op, a, b, a.t

    def ev(self, env, ctx):
        x, y = self.a.ev(env, ctx), self.b.ev(env, ctx)
        t, op = self.t, self.op
        if is_float(t):
            return float_op(op, x, y, t, ctx)
        if op in "/%":
            if y == 0 or (x == int_range(t)[0] and y == -1 and INTS[t][1]):
                raise Reject()
            q = abs(x) // abs(y)
            if (x < 0) != (y < 0):
                q = -q
            return q if op == "/" else x - q * y
        r = {"+": x + y, "-": x - y, "*": x * y, "&": x & y, "|": x | y, "^": x ^ y}[op]
        return wrap(r, t, ctx)

    def emit(self):
        return binary_text(self.op, self.a.emit(), self.a, self.b.emit(), self.b)


class Shift(Node):
    """a << s or a >> s with a u16 amount below the width: a literal or (@as(u16, e) & (w-1))."""

    def __init__(self, op, a, amt, amt_lit):
        self.op, self.a, self.amt, self.amt_lit, self.t = op, a, amt, amt_lit, a.t

    def amount(self, env, ctx):
        if self.amt is None:
            return self.amt_lit
        v = wrap(self.amt.ev(env, ctx), "u16", ctx)
        return v & (INTS[self.t][0] - 1)

    def ev(self, env, ctx):
        x = self.a.ev(env, ctx)
        s = self.amount(env, ctx)
        if self.op == ">>":
            return x >> s
        return wrap(x << s, self.t, ctx)

    def emit(self):
        if self.amt is None:
            amount = str(self.amt_lit)
        else:
            amount = f"(@as(u16, {self.amt.emit()}) & {INTS[self.t][0] - 1})"
        return binary_text(self.op, self.a.emit(), self.a, amount, None)


class Un(Node):
    def __init__(self, op, a):
        self.op, self.a, self.t = op, a, a.t

    def ev(self, env, ctx):
        x = self.a.ev(env, ctx)
        if self.op == "!":
            return not x
        if is_float(self.t):
            return -x
        if self.op == "-":
            return wrap(-x, self.t, ctx)
        return wrap(~x, self.t, Ctx())

    def emit(self):
        return f"{self.op}({self.a.emit()})"


class Cmp(Node):
    t = "bool"

    def __init__(self, op, a, b):
        self.op, self.a, self.b = op, a, b

    def ev(self, env, ctx):
        x, y = self.a.ev(env, ctx), self.b.ev(env, ctx)
        return {"==": x == y, "!=": x != y, "<": x < y, "<=": x <= y, ">": x > y,
                ">=": x >= y}[self.op]

    def emit(self):
        return binary_text(self.op, self.a.emit(), self.a, self.b.emit(), self.b)


class Logic(Node):
    t = "bool"

    def __init__(self, op, a, b):
        self.op, self.a, self.b = op, a, b

    def ev(self, env, ctx):
        x = self.a.ev(env, ctx)
        if self.op == "and":
            return x and self.b.ev(env, ctx)
        return x or self.b.ev(env, ctx)

    def emit(self):
        return binary_text(self.op, self.a.emit(), self.a, self.b.emit(), self.b)


class Cast(Node):
    def __init__(self, t, a):
        self.t, self.a = t, a

    def ev(self, env, ctx):
        x = self.a.ev(env, ctx)
        s, t = self.a.t, self.t
        if s == "bool":
            return int(x)
        if is_int(t):
            if is_float(s):
                if x != x or x in (float("inf"), float("-inf")):
                    raise Reject()
                v = int(x)  # truncates toward zero
                lo, hi = int_range(t)
                if not lo <= v <= hi:
                    raise Reject()
                return v
            return wrap(x, t, ctx)
        if is_int(s):
            v = round_float(Fraction(x), t)
            if v in (float("inf"), float("-inf")):
                raise Reject()
            return v
        if x == 0 or x != x or abs(x) == float("inf"):
            return x  # zeros keep their sign; infinities stay
        return fl_check(round_float(Fraction(x), t), ctx)

    def emit(self):
        return f"@as({self.t}, {self.a.emit()})"


def bitcast_peers(t):
    """The types of the same bit count as t (other than t) that are in use."""
    width = INTS[t][0] if is_int(t) else (16 if t == "f16" else 32)
    return [u for u in TYPES if u != t and u != "bool" and
            (INTS[u][0] if is_int(u) else (16 if u == "f16" else 32)) == width]


def to_bits(v, t):
    if is_float(t):
        return float_bits(v, t)
    return v & ((1 << INTS[t][0]) - 1)


def from_bits(b, t):
    if is_float(t):
        return bits_float(b, t)
    w, s = INTS[t]
    return b - (1 << w) if s and b >> (w - 1) else b


class Bitcast(Node):
    def __init__(self, t, a):
        self.t, self.a = t, a

    def ev(self, env, ctx):
        v = from_bits(to_bits(self.a.ev(env, ctx), self.a.t), self.t)
        if is_float(self.t) and (v != v):
            raise Reject()
        if is_float(self.t) and v in (float("inf"), float("-inf")):
            ctx.overflow = True
        return v

    def emit(self):
        return f"@bitcast({self.t}, {self.a.emit()})"


class IfE(Node):
    def __init__(self, c, a, b):
        self.c, self.a, self.b, self.t = c, a, b, a.t

    def ev(self, env, ctx):
        return self.a.ev(env, ctx) if self.c.ev(env, ctx) else self.b.ev(env, ctx)

    def emit(self):
        return f"(if ({self.c.emit()}) {self.a.emit()} else {self.b.emit()})"


class Switch(Node):
    def __init__(self, sel, prongs, other):
        # prongs: list of (list of ("v", x) | ("r", lo, hi), node)
        self.sel, self.prongs, self.other, self.t = sel, prongs, other, other.t

    def ev(self, env, ctx):
        x = self.sel.ev(env, ctx)
        for items, node in self.prongs:
            for it in items:
                if (it[0] == "v" and x == it[1]) or (it[0] == "r" and it[1] <= x <= it[2]):
                    return node.ev(env, ctx)
        return self.other.ev(env, ctx)

    def emit(self):
        arms = []
        for items, node in self.prongs:
            labels = ", ".join(lit(it[1]) if it[0] == "v" else f"{lit(it[1])}...{lit(it[2])}"
                               for it in items)
            arms.append(f"{labels} => {node.emit()}")
        arms.append(f"else => {self.other.emit()}")
        return f"(switch ({self.sel.emit()}) {{ {', '.join(arms)} }})"


def lit(v):
    return str(v)


class Helper:
    """A helper function: kind plain | inline | struct | array | ptr."""

    def __init__(self, name, kind, params, ret, body):
        self.name, self.kind, self.params, self.ret, self.body = name, kind, params, ret, body
        self.body2, self.ret2, self.anon = None, None, False

    def emit(self):
        if self.kind == "struct":
            fields = ", ".join(f"{n}: {t}" for n, t in self.params)
            return (f"const {self.name}_s = struct {{ {fields} }};\n"
                    f"fn {self.name}(s: {self.name}_s) {self.ret} {{\n"
                    f"  return {self.body.emit()};\n}}\n")
        if self.kind == "array":
            t = self.params[0][1]
            return (f"fn {self.name}(v: [{len(self.params)}]{t}) {self.ret} {{\n"
                    f"  return {self.body.emit()};\n}}\n")
        if self.kind == "ptr":
            (_, t), (yn, yt) = self.params
            return (f"fn {self.name}(p: *{t}, {yn}: {yt}) void {{\n"
                    f"  p.* = {self.body.emit()};\n}}\n")
        head = "inline fn" if self.kind == "inline" else "fn"
        ps = ", ".join(f"{n}: {t}" for n, t in self.params)
        if self.kind == "sret":
            lit_type = "." if self.anon else f"{self.name}_r"
            return (f"const {self.name}_r = struct {{ x: {self.ret}, y: {self.ret2} }};\n"
                    f"fn {self.name}({ps}) {self.name}_r {{\n"
                    f"  return {lit_type}{{ .x = {self.body.emit()}, .y = {self.body2.emit()} }};\n}}\n")
        text = f"{head} {self.name}({ps}) {self.ret} {{\n  return {self.body.emit()};\n}}\n"
        if self.kind == "fptr":
            pts = ", ".join(t for _, t in self.params)
            text += f"const {self.name}_p: *const fn({pts}) {self.ret} = &{self.name};\n"
        return text

    def param_names(self):
        if self.kind == "struct":
            return [f"s.{n}" for n, _ in self.params]
        if self.kind == "array":
            return [f"v[{i}]" for i in range(len(self.params))]
        if self.kind == "ptr":
            return ["p.*", self.params[1][0]]
        return [n for n, _ in self.params]


class Call(Node):
    def __init__(self, helper, args, label, anon):
        self.h, self.args, self.t, self.label, self.anon = helper, args, helper.ret, label, anon

    def ev(self, env, ctx):
        vals = [a.ev(env, ctx) for a in self.args]
        inner = dict(zip(self.h.param_names(), vals))
        r = self.h.body.ev(inner, ctx)
        if self.h.body2 is not None:
            self.h.body2.ev(inner, ctx)  # the other field is computed too
        return r

    def emit(self):
        h = self.h
        a = [x.emit() for x in self.args]
        if h.kind == "struct":
            fields = ", ".join(f".{n} = {v}" for (n, _), v in zip(h.params, a))
            lit_type = "." if self.anon else f"{h.name}_s"
            return f"{h.name}({lit_type}{{ {fields} }})"
        if h.kind == "array":
            return f"{h.name}([{len(a)}]{h.params[0][1]}{{ {', '.join(a)} }})"
        if h.kind == "ptr":
            tv = f"t{self.label}"
            return (f"(b{self.label}: {{ var {tv}: {h.ret} = {a[0]}; {h.name}(&{tv}, {a[1]}); "
                    f"break :b{self.label} {tv}; }})")
        if h.kind == "sret":
            return f"{h.name}({', '.join(a)}).x"
        if h.kind == "fptr":
            return f"{h.name}_p({', '.join(a)})"
        return f"{h.name}({', '.join(a)})"


class Loop(Node):
    """A labelled block running a loop over an accumulator.

    style "while": while (j < lim) : (j += 1) { if (j % m == r) continue; if (stop) break; acc = body; }
    style "for":   for (@range(u16, lim)) |j| { ... same ... }
    style "early": the stop condition leaves the block with `break :label value` instead.
    style "inline": comptime var j: u16 = 0; inline while (j < lim) : (j += 1) { ... } (j is
                    comptime-known in each unrolled copy).
    """

    def __init__(self, label, style, init, lim, m, r, stop, body, early):
        self.label, self.style, self.init, self.lim = label, style, init, lim
        self.m, self.r, self.stop, self.body, self.early = m, r, stop, body, early
        self.t = init.t

    def ev(self, env, ctx):
        acc = self.init.ev(env, ctx)
        inner = dict(env)
        for j in range(self.lim):
            inner[f"j{self.label}"] = j
            inner[f"acc{self.label}"] = acc
            if j % self.m == self.r:
                continue
            if self.stop.ev(inner, ctx):
                if self.style == "early":
                    return self.early.ev(inner, ctx)
                break
            acc = self.body.ev(inner, ctx)
        return acc

    def emit(self):
        L = self.label
        j, acc = f"j{L}", f"acc{L}"
        stop = (f"break :b{L} {self.early.emit()};" if self.style == "early" else "break;")
        inner = (f"if ({j} % {self.m} == {self.r}) continue; if ({self.stop.emit()}) {stop} "
                 f"{acc} = {self.body.emit()};")
        if self.style == "for":
            loop = f"for (@range(u16, {self.lim})) |{j}| {{ {inner} }}"
            return f"(b{L}: {{ var {acc}: {self.t} = {self.init.emit()}; {loop} break :b{L} {acc}; }})"
        if self.style == "inline":
            loop = (f"comptime var {j}: u16 = 0; inline while ({j} < {self.lim}) : ({j} += 1) "
                    f"{{ {inner} }}")
            return f"(b{L}: {{ var {acc}: {self.t} = {self.init.emit()}; {loop} break :b{L} {acc}; }})"
        loop = f"var {j}: u16 = 0; while ({j} < {self.lim}) : ({j} += 1) {{ {inner} }}"
        return f"(b{L}: {{ var {acc}: {self.t} = {self.init.emit()}; {loop} break :b{L} {acc}; }})"



# ----------------------------------------------------------------------------- statements


class BreakLoop(Exception):
    pass


class ContinueLoop(Exception):
    pass


class ReturnValue(Exception):
    def __init__(self, v):
        super().__init__()
        self.v = v


class ArrGet(Node):
    """arr[i] with a constant i, or arr[@as(u16, e) % n] with a run-time integer e."""

    def __init__(self, name, t, n, idx, e):
        self.name, self.t, self.n, self.idx, self.e = name, t, n, idx, e

    def ev(self, env, ctx):
        if self.e is None:
            return env[self.name][self.idx]
        return env[self.name][wrap(self.e.ev(env, ctx), "u16", ctx) % self.n]

    def emit(self):
        if self.e is None:
            return f"{self.name}[{self.idx}]"
        return f"{self.name}[@as(u16, {self.e.emit()}) % {self.n}]"


COMPOUND = {"+": "+=", "-": "-=", "*": "*=", "&": "&=", "|": "|=", "^": "^=", "/": "/="}


class SDecl:
    def __init__(self, name, t, e):
        self.name, self.t, self.e = name, t, e

    def exec(self, env, ctx):
        env[self.name] = self.e.ev(env, ctx)

    def emit(self, ind):
        return [f"{ind}var {self.name}: {self.t} = {self.e.emit()};"]


class SArrDecl:
    def __init__(self, name, t, elems):
        self.name, self.t, self.elems = name, t, elems

    def exec(self, env, ctx):
        env[self.name] = [e.ev(env, ctx) for e in self.elems]

    def emit(self, ind):
        body = ", ".join(e.emit() for e in self.elems)
        return [f"{ind}var {self.name} = [{len(self.elems)}]{self.t}{{ {body} }};"]


class SAssign:
    """target = e, or a compound assignment target op= e (the model is Bin/Shift)."""

    def __init__(self, target, t, op, e):
        self.target, self.t, self.op, self.e = target, t, op, e

    def node(self):
        cur = self.target if isinstance(self.target, Node) else Var(self.target, self.t)
        if self.op is None:
            return self.e
        if self.op in ("<<", ">>"):
            return Shift(self.op, cur, None, self.e)
        return Bin(self.op, cur, self.e)

    def exec(self, env, ctx):
        v = self.node().ev(env, ctx)
        if isinstance(self.target, ArrGet):
            a = self.target
            i = a.idx if a.e is None else wrap(a.e.ev(env, ctx), "u16", ctx) % a.n
            env[a.name] = list(env[a.name])
            env[a.name][i] = v
        else:
            env[self.target] = v

    def emit(self, ind):
        tgt = self.target.emit() if isinstance(self.target, Node) else self.target
        if self.op is None:
            return [f"{ind}{tgt} = {self.e.emit()};"]
        if self.op in ("<<", ">>"):
            return [f"{ind}{tgt} {self.op}= {self.e};"]
        return [f"{ind}{tgt} {COMPOUND[self.op]} {self.e.emit()};"]


class SIf:
    def __init__(self, c, then, other):
        self.c, self.then, self.other = c, then, other

    def exec(self, env, ctx):
        run(self.then if self.c.ev(env, ctx) else self.other, env, ctx)

    def emit(self, ind):
        out = [f"{ind}if ({self.c.emit()}) {{"]
        for st in self.then:
            out += st.emit(ind + "  ")
        if self.other:
            out.append(f"{ind}}} else {{")
            for st in self.other:
                out += st.emit(ind + "  ")
        out.append(f"{ind}}}")
        return out


class SJump:
    """if (c) break; / if (c) continue; / if (c) return e;"""

    def __init__(self, kind, c, e=None):
        self.kind, self.c, self.e = kind, c, e

    def exec(self, env, ctx):
        if self.c.ev(env, ctx):
            if self.kind == "break":
                raise BreakLoop()
            if self.kind == "continue":
                raise ContinueLoop()
            raise ReturnValue(self.e.ev(env, ctx))

    def emit(self, ind):
        what = f"return {self.e.emit()}" if self.kind == "return" else self.kind
        return [f"{ind}if ({self.c.emit()}) {what};"]


class SWhile:
    def __init__(self, var, lim, body):
        self.var, self.lim, self.body = var, lim, body

    def exec(self, env, ctx):
        env[self.var] = 0
        while env[self.var] < self.lim:
            try:
                run(self.body, env, ctx)
            except ContinueLoop:
                pass
            except BreakLoop:
                break
            env[self.var] += 1

    def emit(self, ind):
        out = [f"{ind}var {self.var}: u16 = 0;",
               f"{ind}while ({self.var} < {self.lim}) : ({self.var} += 1) {{"]
        for st in self.body:
            out += st.emit(ind + "  ")
        return out + [f"{ind}}}"]


class SForArr:
    """for (arr) |e| { body } or, with ptr, for (arr) |*e| { e.* = expr; body }."""

    def __init__(self, arr, t, n, cap, ptr, update, body):
        self.arr, self.t, self.n, self.cap, self.ptr = arr, t, n, cap, ptr
        self.update, self.body = update, body

    def exec(self, env, ctx):
        for i in range(self.n):
            env[self.cap] = env[self.arr][i]
            if self.ptr:
                env[self.cap + ".*"] = Ref(self.arr, i)
                v = self.update.ev(env, ctx)
                env[self.arr] = list(env[self.arr])
                env[self.arr][i] = v
            try:
                run(self.body, env, ctx)
            except ContinueLoop:
                pass
            except BreakLoop:
                break

    def emit(self, ind):
        cap = f"*{self.cap}" if self.ptr else self.cap
        out = [f"{ind}for ({self.arr}) |{cap}| {{"]
        if self.ptr:
            out.append(f"{ind}  {self.cap}.* = {self.update.emit()};")
        for st in self.body:
            out += st.emit(ind + "  ")
        return out + [f"{ind}}}"]


class SArrCopy:
    """var dst = src; (a copy: later writes to either leave the other alone)."""

    def __init__(self, name, src):
        self.name, self.src = name, src

    def exec(self, env, ctx):
        env[self.name] = list(env[self.src])

    def emit(self, ind):
        return [f"{ind}var {self.name} = {self.src};"]


class SElemPtr:
    """{ const p = &arr[i]; p.* = f(p.*); } with a constant or run-time index."""

    def __init__(self, pname, target, update):
        self.pname, self.target, self.update = pname, target, update

    def exec(self, env, ctx):
        a = self.target
        i = a.idx if a.e is None else wrap(a.e.ev(env, ctx), "u16", ctx) % a.n
        inner = dict(env)
        inner[self.pname + ".*"] = env[a.name][i]
        v = self.update.ev(inner, ctx)
        env[a.name] = list(env[a.name])
        env[a.name][i] = v

    def emit(self, ind):
        return [f"{ind}{{", f"{ind}  const {self.pname} = &{self.target.emit()};",
                f"{ind}  {self.pname}.* = {self.update.emit()};", f"{ind}}}"]


class PtrPair:
    """fn name(p: *T, q: *T) void { p.* = e1; q.* = e2; } (e2 reads the new p.*)."""

    def __init__(self, name, t, e1, e2):
        self.name, self.t, self.e1, self.e2 = name, t, e1, e2

    def emit(self):
        return (f"fn {self.name}(p: *{self.t}, q: *{self.t}) void {{\n"
                f"  p.* = {self.e1.emit()};\n  q.* = {self.e2.emit()};\n}}\n")


class SPtrPair:
    """name(&a, &b) on two mutable locals, possibly the same one (aliasing)."""

    def __init__(self, helper, a, b):
        self.h, self.a, self.b = helper, a, b

    def exec(self, env, ctx):
        env[self.a] = self.h.e1.ev({"p.*": env[self.a], "q.*": env[self.b]}, ctx)
        env[self.b] = self.h.e2.ev({"p.*": env[self.a], "q.*": env[self.b]}, ctx)

    def emit(self, ind):
        return [f"{ind}{self.h.name}(&{self.a}, &{self.b});"]



class SSwitch:
    """switch (sel) { items => { stmts } | items => return e, ..., else => { stmts } }"""

    def __init__(self, sel, prongs, other):
        self.sel, self.prongs, self.other = sel, prongs, other

    def exec(self, env, ctx):
        x = self.sel.ev(env, ctx)
        for items, body in self.prongs:
            if any((it[0] == "v" and x == it[1]) or (it[0] == "r" and it[1] <= x <= it[2])
                   for it in items):
                return self.run_prong(body, env, ctx)
        self.run_prong(self.other, env, ctx)

    @staticmethod
    def run_prong(body, env, ctx):
        if isinstance(body, Node):
            raise ReturnValue(body.ev(env, ctx))
        run(body, env, ctx)

    def emit(self, ind):
        out = [f"{ind}switch ({self.sel.emit()}) {{"]
        for items, body in self.prongs + [(None, self.other)]:
            labels = "else" if items is None else ", ".join(
                lit(it[1]) if it[0] == "v" else f"{lit(it[1])}...{lit(it[2])}" for it in items)
            if isinstance(body, Node):
                out.append(f"{ind}  {labels} => return {body.emit()},")
            else:
                out.append(f"{ind}  {labels} => {{")
                for st in body:
                    out += st.emit(ind + "    ")
                out.append(f"{ind}  }},")
        return out + [f"{ind}}}"]


class SBump:
    """k += c; on the innermost while counter (the loop still ends: c > 0)."""

    def __init__(self, var, c):
        self.var, self.c = var, c

    def exec(self, env, ctx):
        env[self.var] = wrap(env[self.var] + self.c, "u16", ctx)

    def emit(self, ind):
        return [f"{ind}{self.var} += {self.c};"]



def st_nodes(st):
    """The expression nodes directly inside statement st and its nested statements."""
    out = []
    for attr in ("e", "c", "update"):
        v = getattr(st, attr, None)
        if isinstance(st, SAssign) and attr == "e":
            continue
        if isinstance(v, Node):
            out.append(v)
    if isinstance(getattr(st, "target", None), Node):
        out.append(st.target)
    if isinstance(st, SAssign):
        out.append(st.node())
    if isinstance(st, SPtrPair):
        out += [st.h.e1, st.h.e2]
    for v in getattr(st, "elems", []) or []:
        out.append(v)
    if isinstance(st, SSwitch):
        out.append(st.sel)
        for _, body in st.prongs + [(None, st.other)]:
            if isinstance(body, Node):
                out.append(body)
            else:
                for sub in body:
                    out += st_nodes(sub)
        return out
    for attr in ("then", "other", "body"):
        for sub in getattr(st, attr, []) or []:
            out += st_nodes(sub)
    return out


def all_stmts(stmts):
    for st in stmts:
        yield st
        if isinstance(st, SSwitch):
            for _, body in st.prongs + [(None, st.other)]:
                if not isinstance(body, Node):
                    yield from all_stmts(body)
            continue
        for attr in ("then", "other", "body"):
            yield from all_stmts(getattr(st, attr, []) or [])


def run(stmts, env, ctx):
    for st in stmts:
        st.exec(env, ctx)


# ----------------------------------------------------------------------------- comptime-known parts

NC = object()  # "not comptime-known"


class Known(Node):
    def __init__(self, v, t):
        self.v, self.t = v, t

    def ev(self, env, ctx):
        return self.v


def walk(n, seen=None):
    """Every node under n, helper bodies included (each helper once)."""
    seen = set() if seen is None else seen
    yield n
    kids = []
    for attr in ("a", "b", "c", "amt", "sel", "other", "init", "stop", "body", "early", "e"):
        k = getattr(n, attr, None)
        if isinstance(k, Node):
            kids.append(k)
    if isinstance(n, Switch):
        kids += [node for _, node in n.prongs]
    if isinstance(n, Call):
        kids += n.args
        if n.h.name not in seen:
            seen.add(n.h.name)
            kids.append(n.h.body)
            if n.h.body2 is not None:
                kids.append(n.h.body2)
    for k in kids:
        yield from walk(k, seen)


# Known compiler gaps the generated programs steer around (build/h-randexpr/NOTES.md);
# gen.py --no-avoid generates them anyway.
AVOID = {"comptime-ptr": True, "break-block-value": True, "aggregate-call-folded": True}


def has_block(n):
    return any(isinstance(x, Loop) or (isinstance(x, Call) and x.h.kind == "ptr")
               for x in walk(n))


def cf(n, cenv):
    """The value of n if it is comptime-known (Zig's rules: literals, constant locals, the
    parameters of an inline call that were given comptime-known arguments), else NC.
    Raises Reject when a comptime-known part would be an error in the compiler: an
    overflowing fixed-size result, a division by zero, a NaN or infinity. Every part that
    the compiler analyses is visited, so branches of a run-time `if` or `switch` are too."""
    if isinstance(n, Var):
        return cenv.get(n.name, NC)
    if isinstance(n, ArrGet):
        if n.e is not None:
            cf(n.e, cenv)
        return NC
    if isinstance(n, Lit):
        return n.v
    if isinstance(n, IfE):
        c = cf(n.c, cenv)
        if c is NC:
            cf(n.a, cenv)
            cf(n.b, cenv)
            return NC
        return cf(n.a if c else n.b, cenv)
    if isinstance(n, Switch):
        x = cf(n.sel, cenv)
        if x is NC:
            for _, node in n.prongs:
                cf(node, cenv)
            cf(n.other, cenv)
            return NC
        for items, node in n.prongs:
            for it in items:
                if (it[0] == "v" and x == it[1]) or (it[0] == "r" and it[1] <= x <= it[2]):
                    return cf(node, cenv)
        return cf(n.other, cenv)
    if isinstance(n, Logic):
        a = cf(n.a, cenv)
        b = cf(n.b, cenv)
        if a is not NC and a == (n.op == "or"):
            return a  # short circuit: a comptime-known result whatever b is
        if a is NC or b is NC:
            return NC
        return (a and b) if n.op == "and" else (a or b)
    if isinstance(n, Call):
        vals = [cf(a, cenv) for a in n.args]
        folded = ("inline", "struct", "array", "sret") if AVOID["aggregate-call-folded"] else ("inline",)
        if n.h.kind in folded:
            inner = {pn: v for pn, v in zip(n.h.param_names(), vals) if v is not NC}
            if n.h.body2 is not None:
                cf(n.h.body2, inner)
            return cf(n.h.body, inner)
        cf(n.h.body, {})
        if n.h.body2 is not None:
            cf(n.h.body2, {})
        return NC
    if isinstance(n, Loop) and n.style == "inline":
        cf(n.init, cenv)
        inner = {k: v for k, v in cenv.items() if k != f"acc{n.label}"}
        for j in range(n.lim):
            if j % n.m == n.r:
                continue  # a comptime-known continue: the rest of this copy is not analysed
            inner[f"j{n.label}"] = j
            stop = cf(n.stop, inner)
            if n.early is not None and (stop is NC or stop):
                cf(n.early, inner)
            if stop is not NC and not stop:
                cf(n.body, inner)
                continue
            cf(n.body, inner)
            if stop is not NC:
                break  # a comptime-known break: no further copies
        return NC
    if isinstance(n, Loop):
        cf(n.init, cenv)
        inner = {k: v for k, v in cenv.items() if k not in (f"j{n.label}", f"acc{n.label}")}
        cf(n.stop, inner)
        cf(n.body, inner)
        if n.early is not None:
            cf(n.early, inner)
        return NC
    if isinstance(n, Shift) and n.amt is not None:
        amount = cf(n.amt, cenv)
        if amount is not NC and not 0 <= amount <= 0xffff:
            raise Reject()  # the @as(u16, ...) of the amount is folded
    if isinstance(n, Bin) and n.op in "/%" and cf(n.b, cenv) == 0:
        raise Reject()  # a comptime-known zero divisor is an error whatever the dividend
    kids = {Bin: ("a", "b"), Cmp: ("a", "b"), Un: ("a",), Cast: ("a",), Bitcast: ("a",),
            Shift: ("a", "amt")}[type(n)]
    vals = [cf(getattr(n, k), cenv) for k in kids if getattr(n, k) is not None]
    if any(v is NC for v in vals):
        return NC
    ctx = Ctx()
    # Evaluate n on its children's comptime values (a child may be an inline call whose
    # result is known although some of its arguments are not).
    folded = copy.copy(n)
    for k, v in zip([k for k in kids if getattr(n, k) is not None], vals):
        setattr(folded, k, Known(v, getattr(n, k).t))
    v = folded.ev(cenv, ctx)
    if ctx.overflow:
        raise Reject()
    return v


# ----------------------------------------------------------------------------- generator


class Scope:
    def __init__(self, vars_, envs, strict, in_loop=False, consts=None):
        self.vars, self.envs, self.strict, self.in_loop = vars_, envs, strict, in_loop
        self.consts = consts or {}

    def extend(self, name, t, envs, const=NC):
        consts = dict(self.consts)
        if const is not NC:
            consts[name] = const
        return Scope(self.vars + [(name, t)], envs, self.strict, self.in_loop, consts)


class Gen:
    def __init__(self, seed, nsets):
        self.rng = random.Random(seed)
        self.nsets = nsets
        self.helpers = []
        self.ptr_pairs = []
        self.labels = 0

    def label(self):
        self.labels += 1
        return self.labels

    def int_type_choice(self):
        return self.rng.choice([t for t in INTS])

    # values ------------------------------------------------------------------
    def int_value(self, t):
        lo, hi = int_range(t)
        r = self.rng.random()
        if r < 0.3:
            return self.rng.randint(max(lo, -20), min(hi, 20))
        if r < 0.45:
            return self.rng.choice([lo, hi, lo + 1, hi - 1, 0, 1])
        return self.rng.randint(lo, hi)

    def float_value(self, t):
        rng = self.rng
        r = rng.random()
        if r < 0.1:
            return rng.choice([0.0, -0.0, 1.0, -1.0, 0.5])
        if r < 0.55:
            return round_float(Fraction(rng.randint(-400, 400), rng.choice([1, 2, 4, 8, 16])), t)
        if r < 0.65 and t == "f16":
            return bits_float(rng.randint(1, 0x3ff) | rng.choice([0, 0x8000]), t)  # subnormal
        exp = rng.randint(-12, 12) if t == "f16" else rng.randint(-30, 30)
        return round_float(Fraction(rng.uniform(-1, 1)) * Fraction(2) ** exp, t)

    def value(self, t):
        if is_int(t):
            return self.int_value(t)
        if is_float(t):
            return self.float_value(t)
        return self.rng.random() < 0.5

    def cfloat(self, t):
        """A comptime_float expression of decimal literals (IEEE double arithmetic, the
        Types page) coerced to t: its value is the double result rounded to t."""
        rng = self.rng

        def g(d):
            if d == 0 or rng.random() < 0.35:
                text = rng.choice(["0.1", "0.2", "0.3", "1.1", "2.5", "3.0", "0.7", "1e-3",
                                   "12.75", "100.0", "0.0625", "7.3", "1.0e2", "0.333"])
                return text, float(text)
            op = rng.choice("+-*/")
            at, av = g(d - 1)
            bt, bv = g(d - 1)
            if op == "/" and bv == 0:
                return at, av
            v = {"+": av + bv, "-": av - bv, "*": av * bv, "/": av / bv if bv else 0}[op]
            return f"({at} {op} {bt})", v

        text, v = g(2)
        r = round_float(Fraction(v), t)
        if abs(r) == float("inf"):
            return None
        node = Lit(t, r, True, rng)
        node.text = text
        return node

    def literal(self, t, bare=False, sc=None):
        if is_float(t) and self.rng.random() < 0.25:
            node = self.cfloat(t)
            if node is not None:
                node.bare = bare
                return node
        if is_float(t):
            for _ in range(20):
                v = self.float_value(t) if self.rng.random() < 0.7 else \
                    round_float(Fraction(self.rng.randint(-64, 64), 4), t)
                if float_literal_text(v) is not None:
                    return Lit(t, v, bare, self.rng)
            return Lit(t, 1.5, bare, self.rng)
        if is_int(t) and self.rng.random() < 0.5:
            lo, hi = int_range(t)
            return Lit(t, self.rng.randint(max(lo, -9), min(hi, 9)), bare, self.rng)
        return Lit(t, self.value(t), bare, self.rng)

    # checking ----------------------------------------------------------------
    def ok(self, node, sc):
        try:
            cf(node, sc.consts)
        except Reject:
            return False
        if sc.envs is None:
            return True
        for env in sc.envs:
            ctx = Ctx()
            try:
                node.ev(env, ctx)
            except Reject:
                return False
            except RecursionError:
                return False
            if sc.strict and env["$set"] == 0 and ctx.overflow:
                return False
        return True

    # expressions -------------------------------------------------------------
    def leaf(self, t, sc):
        arrs = [(n, vt) for n, vt in sc.vars if vt.startswith("[") and vt.endswith("]" + t)]
        if arrs and self.rng.random() < 0.3:
            n, vt = self.rng.choice(arrs)
            size = int(vt[1:vt.index("]")])
            ints = [(m, it) for m, it in sc.vars if is_int(it)]
            if ints and self.rng.random() < 0.5:
                return ArrGet(n, t, size, None, Var(*self.rng.choice(ints)))
            return ArrGet(n, t, size, self.rng.randrange(size), None)
        cands = [n for n, vt in sc.vars if vt == t]
        locals_ = [n for n in cands if n[0] in "vke"]
        if locals_ and self.rng.random() < 0.6:
            return Var(self.rng.choice(locals_), t)
        if cands and self.rng.random() < 0.75:
            return Var(self.rng.choice(cands), t)
        if t == "bool":
            ints = [(n, vt) for n, vt in sc.vars if is_int(vt) or is_float(vt)]
            if ints and self.rng.random() < 0.8:
                n, vt = self.rng.choice(ints)
                return Cmp(self.rng.choice(["<", ">=", "==", "!="]), Var(n, vt), self.literal(vt, True))
        return self.literal(t)

    def gen(self, t, d, sc):
        for _ in range(12):
            node = self.try_gen(t, d, sc)
            if node is not None and self.ok(node, sc):
                return node
        node = self.leaf(t, sc)
        if self.ok(node, sc):
            return node
        return self.literal(t)

    def try_gen(self, t, d, sc):
        rng = self.rng
        if d <= 0 or rng.random() < 0.15:
            return self.leaf(t, sc)
        kinds = ["bin", "bin", "cast", "if", "switch", "call", "loop"]
        if is_int(t):
            kinds += ["bin", "shift", "un", "bitcast"]
        elif is_float(t):
            kinds += ["un", "bitcast"]
        else:
            kinds = ["cmp", "cmp", "logic", "not", "if", "call"]
        k = rng.choice(kinds)
        if k == "bin":
            ops = ["+", "-", "*", "&", "|", "^", "/", "%"] if is_int(t) else ["+", "-", "*", "/"]
            op = rng.choice(ops)
            a = self.gen(t, d - 1, sc)
            b = self.literal(t, bare=True) if rng.random() < 0.3 else self.gen(t, d - 1, sc)
            if isinstance(a, Lit) and isinstance(b, Lit):
                a.bare = False
            return Bin(op, a, b)
        if k == "shift":
            a = self.gen(t, d - 1, sc)
            w = INTS[t][0]
            if rng.random() < 0.5:
                return Shift(rng.choice(["<<", ">>"]), a, None, rng.randrange(w))
            st = rng.choice(list(INTS))
            return Shift(rng.choice(["<<", ">>"]), a, self.gen(st, d - 2, sc), None)
        if k == "un":
            if is_float(t) or INTS[t][1]:
                op = rng.choice(["-", "~"]) if is_int(t) else "-"
            else:
                op = "~"
            return Un(op, self.gen(t, d - 1, sc))
        if k == "not":
            return Un("!", self.gen("bool", d - 1, sc))
        if k == "cast":
            if is_int(t):
                src = rng.choice(list(INTS) + list(FLOATS) + ["bool"])
            else:
                src = rng.choice(list(INTS) + list(FLOATS))
            if src == t:
                return None
            return Cast(t, self.gen(src, d - 1, sc))
        if k == "bitcast":
            peers = bitcast_peers(t)
            if not peers:
                return None
            src = rng.choice(peers)
            return Bitcast(t, self.gen(src, d - 1, sc))
        if k == "if":
            return IfE(self.gen("bool", d - 1, sc), self.gen(t, d - 1, sc), self.gen(t, d - 1, sc))
        if k == "cmp":
            st = rng.choice(list(INTS) + list(FLOATS) + ["bool"])
            ops = ["==", "!="] if st == "bool" else ["==", "!=", "<", "<=", ">", ">="]
            a = self.gen(st, d - 1, sc)
            b = self.literal(st, bare=True) if rng.random() < 0.3 else self.gen(st, d - 1, sc)
            if isinstance(a, Lit) and isinstance(b, Lit):
                a.bare = False
            return Cmp(rng.choice(ops), a, b)
        if k == "logic":
            return Logic(rng.choice(["and", "or"]), self.gen("bool", d - 1, sc),
                         self.gen("bool", d - 1, sc))
        if k == "switch":
            return self.gen_switch(t, d, sc)
        if k == "call":
            return self.gen_call(t, d, sc)
        if k == "loop":
            if sc.in_loop or d < 2:
                return None
            return self.gen_loop(t, d, sc)
        return None

    def gen_switch(self, t, d, sc):
        rng = self.rng
        st = rng.choice(list(INTS))
        sel = self.gen(st, d - 1, sc)
        lo, hi = int_range(st)
        seen = set()
        if sc.envs:
            for env in sc.envs:
                try:
                    seen.add(sel.ev(env, Ctx()))
                except Reject:
                    return None
        pool = list(seen) + [self.int_value(st) for _ in range(4)]
        used = []
        prongs = []
        for _ in range(rng.randint(1, 3)):
            items = []
            for _ in range(rng.randint(1, 2)):
                v = rng.choice(pool)
                if rng.random() < 0.3:
                    a, b = v, min(hi, v + rng.randint(1, 40))
                    if any(not (b < u0 or a > u1) for u0, u1 in used):
                        continue
                    used.append((a, b))
                    items.append(("r", a, b))
                else:
                    if any(u0 <= v <= u1 for u0, u1 in used):
                        continue
                    used.append((v, v))
                    items.append(("v", v))
            if items:
                prongs.append((items, self.gen(t, d - 1, sc)))
        if not prongs:
            return None
        return Switch(sel, prongs, self.gen(t, d - 1, sc))

    def new_helper(self, t):
        rng = self.rng
        name = f"h{self.label()}"
        kind = rng.choice(["plain", "inline", "struct", "array", "ptr", "sret", "fptr"])
        if kind == "array":
            et = rng.choice(TYPES[:-1])
            params = [(f"e{i}", et) for i in range(rng.randint(2, 4))]
        elif kind == "ptr":
            params = [("p", t), ("y", rng.choice(TYPES))]
        else:
            params = [(f"{'abcd'[i]}", rng.choice(TYPES)) for i in range(rng.randint(1, 3))]
        h = Helper(name, kind, params, t, None)
        names = h.param_names()
        hsc = Scope([(n, pt) for n, (_, pt) in zip(names, params)], None, False, True)
        h.body = self.gen(t, 3, hsc)
        if kind == "sret":
            h.ret2 = rng.choice(TYPES)
            h.body2 = self.gen(h.ret2, 2, hsc)
            h.anon = rng.random() < 0.5
        self.helpers.append(h)
        return h

    def gen_call(self, t, d, sc):
        rng = self.rng
        mine = [h for h in self.helpers if h.ret == t]
        if mine and rng.random() < 0.6:
            h = rng.choice(mine)
        elif len(self.helpers) < 14:
            h = self.new_helper(t)
        else:
            return None
        args = [self.gen(pt, d - 1, sc) for _, pt in h.params]
        return Call(h, args, self.label(), rng.random() < 0.5)

    def gen_loop(self, t, d, sc):
        rng = self.rng
        L = self.label()
        init = self.gen(t, d - 1, sc)
        lim = rng.randint(1, 12)
        m = rng.randint(2, 5)
        r = rng.randrange(m)
        style = rng.choice(["while", "for", "early", "inline"])
        inner = Scope(sc.vars + [(f"j{L}", "u16"), (f"acc{L}", t)], None, sc.strict, True,
                      sc.consts)
        for _ in range(10):
            stop = self.gen("bool", 2, inner)
            body = self.gen(t, min(d - 1, 3), inner)
            early = self.gen(t, 1, inner) if style == "early" else None
            if early is not None and AVOID["break-block-value"] and has_block(early):
                continue
            node = Loop(L, style, init, lim, m, r, stop, body, early)
            if self.ok(node, sc):
                return node
        return None

    # cases -------------------------------------------------------------------
    def gen_case(self, k, sets, table=0):
        """An expression case; with table=n, a case of one u16 parameter evaluated for
        0..n-1 (every evaluation strict, as the compiler folds them all)."""
        rng = self.rng
        nparams = 1 if table else rng.randint(1, MAX_PARAMS)
        ptypes = ["u16"] if table else [rng.choice(TYPES) for _ in range(nparams)]
        ret = rng.choice(TYPES)
        strict = table or rng.random() < 0.6
        if table:
            pvals = [[i] for i in range(table)]
            envs = [{"x0": i, "$set": 0} for i in range(table)]
        else:
            pvals = [[self.value(pt) for pt in ptypes] for _ in range(sets)]
            envs = [dict({f"x{i}": pvals[s][i] for i in range(nparams)}, **{"$set": s})
                    for s in range(sets)]
        sc = Scope([(f"x{i}", pt) for i, pt in enumerate(ptypes)], envs, strict)
        locs = []
        over = False
        for li in range(rng.randint(0, 2)):
            lt = rng.choice(TYPES)
            e = self.gen(lt, 3, sc)
            vals = []
            for env in sc.envs:
                ctx = Ctx()
                vals.append(e.ev(env, ctx))
                over = over or (env["$set"] == 0 and ctx.overflow)
            newenvs = [dict(env, **{f"l{li}": v}) for env, v in zip(sc.envs, vals)]
            sc = sc.extend(f"l{li}", lt, newenvs, cf(e, sc.consts))
            locs.append((f"l{li}", lt, e))
        body = self.gen(ret, DEPTH, sc)
        results = []
        for env in sc.envs:
            ctx = Ctx()
            results.append(body.ev(env, ctx))
            if env["$set"] == 0:
                over = over or ctx.overflow
        nodes = [x for _, _, e in locs for x in walk(e)] + list(walk(body))
        if AVOID["comptime-ptr"] and any(isinstance(x, Call) and x.h.kind == "ptr" for x in nodes):
            over = True
        return dict(k=k, ptypes=ptypes, ret=ret, locs=locs, body=body, pvals=pvals,
                    results=results, comptime_ok=not over)

    def gen_stmt_case(self, k, sets):
        """A case whose body is statements over mutable locals (run on the model after
        each top-level statement is chosen; one that would be undefined is redrawn)."""
        rng = self.rng
        nparams = rng.randint(1, MAX_PARAMS)
        ptypes = [rng.choice(TYPES) for _ in range(nparams)]
        ret = rng.choice(TYPES)
        strict = rng.random() < 0.6
        pvals = [[self.value(pt) for pt in ptypes] for _ in range(sets)]
        envs0 = [dict({f"x{i}": pvals[s][i] for i in range(nparams)}, **{"$set": s})
                 for s in range(sets)]
        vars_ = [(f"x{i}", pt) for i, pt in enumerate(ptypes)]
        stmts = []
        self.nlocal = 0

        def simulate(body, final):
            results, over = [], False
            for env in envs0:
                env = dict(env)
                ctx = Ctx()
                try:
                    run(body, env, ctx)
                    r = final.ev(env, ctx) if final is not None else None
                except ReturnValue as rv:
                    r = rv.v
                except (Reject, KeyError, RecursionError):
                    return None
                if env["$set"] == 0:
                    over = over or ctx.overflow
                results.append(r)
            return results, over

        for _ in range(rng.randint(2, MAX_STMTS)):
            for _ in range(10):
                st, newvars = self.gen_stmt(vars_, 2, False, ret)
                ok = True
                try:
                    for x in st_nodes(st):
                        cf(x, {})
                except Reject:
                    ok = False
                sim = simulate(stmts + [st], None) if ok else None
                if sim is not None and not (strict and sim[1]):
                    stmts.append(st)
                    vars_ = vars_ + newvars
                    break
        for _ in range(10):
            sc = Scope(vars_, None, strict, True)
            body = self.gen(ret, 3, sc)
            sim = simulate(stmts, body)
            if sim is not None and not (strict and sim[1]):
                break
        else:
            body = self.literal(ret)
            sim = simulate(stmts, body)
        results, over = sim
        nodes = [x for st in stmts for n in st_nodes(st) for x in walk(n)] + list(walk(body))
        if AVOID["comptime-ptr"] and any(isinstance(x, Call) and x.h.kind == "ptr" for x in nodes):
            over = True
        if AVOID["comptime-ptr"] and any((isinstance(x, SForArr) and x.ptr) or
                                         isinstance(x, (SElemPtr, SPtrPair))
                                         for x in all_stmts(stmts)):
            over = True
        return dict(k=k, ptypes=ptypes, ret=ret, locs=[], stmts=stmts, body=body, pvals=pvals,
                    results=results, comptime_ok=not over)

    def local(self, prefix):
        self.nlocal += 1
        return f"{prefix}{self.nlocal}"

    def gen_stmt(self, vars_, d, in_loop, ret):
        """One statement and the variables it declares (visible after it)."""
        rng = self.rng
        sc = Scope(vars_, None, False, True)
        mut = [(n, t) for n, t in vars_ if n[0] in "vw" and not t.startswith("[")]
        arrs = [(n, t) for n, t in vars_ if t.startswith("[")]
        kinds = ["decl", "decl", "arr", "assign", "assign", "if", "while", "for", "ret",
                 "copy", "elemptr", "ptrpair", "switch"]
        if in_loop:
            kinds += ["break", "continue"]
        counters = [n for n, t in vars_ if n[0] == "k" and t == "u16"]
        if counters:
            kinds += ["bump"]
        k = rng.choice(kinds if d > 0 else ["decl", "assign", "ret"] + (["break", "continue"] if in_loop else []))
        if k == "decl":
            t = ret if rng.random() < 0.5 else rng.choice(TYPES)
            name = self.local("v")
            return SDecl(name, t, self.gen(t, 3, sc)), [(name, t)]
        if k == "arr":
            t = ret if rng.random() < 0.5 else rng.choice(TYPES)
            name = self.local("w")
            n = rng.randint(2, 5)
            return SArrDecl(name, t, [self.gen(t, 2, sc) for _ in range(n)]), [(name, f"[{n}]{t}")]
        if k == "assign":
            if arrs and rng.random() < 0.35:
                n, at = rng.choice(arrs)
                size, t = int(at[1:at.index("]")]), at[at.index("]") + 1:]
                ints = [(m, it) for m, it in vars_ if is_int(it)]
                if ints and rng.random() < 0.5:
                    target = ArrGet(n, t, size, None, Var(*rng.choice(ints)))
                else:
                    target = ArrGet(n, t, size, rng.randrange(size), None)
            elif mut:
                n, t = rng.choice(mut)
                target = n
            else:
                return self.gen_stmt(vars_, 0, in_loop, ret) if False else (SDecl(self.local("v"), "u16", self.literal("u16")), [])
            if t == "bool":
                op = None
            elif is_float(t):
                op = rng.choice([None, "+", "-", "*", "/"])
            else:
                op = rng.choice([None, "+", "-", "*", "&", "|", "^", "<<", ">>", "/"])
            if op in ("<<", ">>"):
                return SAssign(target, t, op, rng.randrange(INTS[t][0])), []
            return SAssign(target, t, op, self.gen(t, 2, sc)), []
        if k == "if":
            c = self.gen("bool", 2, sc)
            then = [self.gen_stmt(vars_, d - 1, in_loop, ret)[0] for _ in range(rng.randint(1, 2))]
            other = [self.gen_stmt(vars_, d - 1, in_loop, ret)[0] for _ in range(rng.randint(0, 2))]
            return SIf(c, then, other), []
        if k == "while":
            var = self.local("k")
            inner = vars_ + [(var, "u16")]
            body = [self.gen_stmt(inner, d - 1, True, ret)[0] for _ in range(rng.randint(1, 3))]
            return SWhile(var, rng.randint(1, 9), body), []
        if k == "for":
            if not arrs:
                return self.gen_stmt(vars_, d, in_loop, ret)
            n, at = rng.choice(arrs)
            size, t = int(at[1:at.index("]")]), at[at.index("]") + 1:]
            cap = self.local("e")
            ptr = rng.random() < 0.5
            inner = vars_ + [(cap + ".*" if ptr else cap, t)]
            update = self.gen(t, 2, Scope(inner, None, False, True)) if ptr else None
            body = [self.gen_stmt(inner, d - 1, True, ret)[0] for _ in range(rng.randint(0, 2))]
            return SForArr(n, t, size, cap, ptr, update, body), []
        if k == "ret":
            return SJump("return", self.gen("bool", 2, sc), self.gen(ret, 2, sc)), []
        if k == "bump":
            return SBump(counters[-1], rng.randint(1, 3)), []
        if k == "switch" and d > 0:
            st = self.int_type_choice()
            sel = self.gen(st, 2, sc)
            lo, hi = int_range(st)
            pool = [self.int_value(st) for _ in range(3)] + [rng.randint(max(lo, -3), min(hi, 3))
                                                              for _ in range(3)]
            used, prongs = [], []
            for _ in range(rng.randint(1, 3)):
                v = rng.choice(pool)
                if rng.random() < 0.3:
                    a, b = v, min(hi, v + rng.randint(1, 20))
                    if any(not (b < u0 or a > u1) for u0, u1 in used):
                        continue
                    used.append((a, b))
                    items = [("r", a, b)]
                else:
                    if any(u0 <= v <= u1 for u0, u1 in used):
                        continue
                    used.append((v, v))
                    items = [("v", v)]
                if rng.random() < 0.3:
                    body = self.gen(ret, 2, sc)
                else:
                    body = [self.gen_stmt(vars_, d - 1, in_loop, ret)[0]
                            for _ in range(rng.randint(0, 2))]
                prongs.append((items, body))
            other = [self.gen_stmt(vars_, d - 1, in_loop, ret)[0] for _ in range(rng.randint(0, 1))]
            return SSwitch(sel, prongs, other), []
        if k == "switch":
            return self.gen_stmt(vars_, 0, in_loop, ret)
        if k == "copy":
            if not arrs:
                return self.gen_stmt(vars_, d, in_loop, ret)
            n, at = rng.choice(arrs)
            name = self.local("w")
            return SArrCopy(name, n), [(name, at)]
        if k == "elemptr":
            if not arrs:
                return self.gen_stmt(vars_, d, in_loop, ret)
            n, at = rng.choice(arrs)
            size, t = int(at[1:at.index("]")]), at[at.index("]") + 1:]
            ints = [(m, it) for m, it in vars_ if is_int(it)]
            if ints and rng.random() < 0.5:
                target = ArrGet(n, t, size, None, Var(*rng.choice(ints)))
            else:
                target = ArrGet(n, t, size, rng.randrange(size), None)
            pname = self.local("q")
            update = self.gen(t, 2, Scope(vars_ + [(pname + ".*", t)], None, False, True))
            return SElemPtr(pname, target, update), []
        if k == "ptrpair":
            if not mut:
                return self.gen_stmt(vars_, d, in_loop, ret)
            a, t = rng.choice(mut)
            same = [n for n, vt in mut if vt == t]
            b = a if rng.random() < 0.5 else rng.choice(same)
            pairs = [h for h in self.ptr_pairs if h.t == t]
            if pairs and rng.random() < 0.5:
                h = rng.choice(pairs)
            else:
                hsc = Scope([("p.*", t), ("q.*", t)], None, False, True)
                h = PtrPair(f"pp{self.label()}", t, self.gen(t, 2, hsc), self.gen(t, 2, hsc))
                self.ptr_pairs.append(h)
            return SPtrPair(h, a, b), []
        return SJump(k, self.gen("bool", 2, sc)), []

    def gen_cint(self):
        """A comptime_int expression, the same expression over run-time i64 leaves (each
        literal plus the run-time zero z64), and their exact value (never above 2^62)."""
        rng = self.rng

        def g(d):
            if d == 0 or rng.random() < 0.3:
                v = rng.randint(-1000, 1000) if rng.random() < 0.8 else rng.randint(-(1 << 40), 1 << 40)
                text = f"({v})" if v < 0 else str(v)
                return text, f"({text} + z64)", v
            op = rng.choice(["+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^"])
            at, ar, av = g(d - 1)
            if op in ("<<", ">>"):
                s = rng.randint(0, 12)
                v = av << s if op == "<<" else av >> s
                if abs(v) >= 1 << 62:
                    return at, ar, av
                return f"({at} {op} {s})", f"({ar} {op} {s})", v
            bt, br, bv = g(d - 1)
            if op in "/%":
                if av < 0 or bv <= 0:
                    return at, ar, av
                v = av // bv if op == "/" else av % bv
            else:
                v = {"+": av + bv, "-": av - bv, "*": av * bv, "&": av & bv, "|": av | bv,
                     "^": av ^ bv}[op]
            if abs(v) >= 1 << 62:
                return at, ar, av
            return f"({at} {op} {bt})", f"({ar} {op} {br})", v

        text, rtext, v = g(4)
        fits = [t for t in INTS if int_range(t)[0] <= v <= int_range(t)[1]]
        return text, rtext, v, rng.choice(fits)


# ----------------------------------------------------------------------------- emission


def input_words(t, v):
    b = 1 if t == "bool" and v else (0 if t == "bool" else to_bits(v, t))
    return [b & 0xffffffff, b >> 32] if t in WORDS else [b]


def out_words(t, v):
    return input_words(t, v)


def load_body(t):
    """The body of ld_<t>(k): the value of type t whose bits are at inp[k] (and inp[k+1])."""
    if t == "bool":
        return "return inp[k] != 0;"
    if is_float(t):
        w = 16 if t == "f16" else 32
        return f"return @bitcast({t}, @as(u{w}, inp[k] & 0x{(1 << w) - 1:x}));"
    w, signed = INTS[t]
    if w > 32:
        raw = "((@as(u64, inp[k + 1]) << 32) | @as(u64, inp[k]))"
        bits = raw if w == 64 else f"({raw} & 0x{(1 << w) - 1:x})"
    else:
        bits = "inp[k]" if w == 32 else f"(inp[k] & 0x{(1 << w) - 1:x})"
    u = f"@as(u{w}, {bits})" if not (w == 32 and bits == "inp[k]") else bits
    return f"return @bitcast({t}, {u});" if signed else f"return {u};"


def put_body(t):
    """The body of put_<t>(k, x): x's bits into out[k] (and out[k+1])."""
    if t == "bool":
        return "out[k] = if (x) 1 else 0;"
    if t == "f16":
        return "out[k] = @as(u32, @bitcast(u16, x));"
    if t == "f32":
        return "out[k] = @bitcast(u32, x);"
    w, signed = INTS[t]
    u = f"@bitcast(u{w}, x)" if signed else "x"
    if w > 32:
        return (f"const b = @as(u64, {u}); out[k] = @as(u32, b & 0xffffffff); "
                "out[k + 1] = @as(u32, b >> 32);")
    return f"out[k] = {u};" if w == 32 else f"out[k] = @as(u32, {u});"


def comptime_arg(t, v, rng):
    if t == "bool":
        return "true" if v else "false"
    if is_float(t):
        txt = float_literal_text(v)
        if txt is not None and rng.random() < 0.5 and not (v == 0 and str(v).startswith("-")):
            return f"@as({t}, {txt})"
        w = 16 if t == "f16" else 32
        return f"@bitcast({t}, @as(u{w}, 0x{float_bits(v, t):x}))"
    return f"@as({t}, {v})"


STMT_SHARE = 0.5
DEPTH = 4  # expression depth of an expression case's result (--depth)
MAX_PARAMS = 4  # parameters per case (--params)
MAX_STMTS = 6  # top-level statements per statement case (--stmts)
NTABLES = 0  # comptime tables (--tables N): a loop filling a const array with a case's values
TABLE_LEN = 8


def layout_text(name, what, compute_params=""):
    """The one-PE layout every randexpr case shares."""
    return f"""// randexpr/cases/{name}: one PE running {what}.
const memcpy = @import_module("<memcpy/get_params>", .{{ .width = 1, .height = 1 }});

layout {{
  @set_rectangle(1, 1);
  @set_tile_code(0, 0, "pe_program.csl", .{{ .memcpy_params = memcpy.get_params(0) }});
  @export_name("inp", [*]u32, true);
  @export_name("out", [*]u32, true);
  @export_name("compute", fn({compute_params}) void);
}}
"""


def write_case(outdir, pe, layout, case):
    """Writes a case folder: the programs, case.json (one line a key) for ../../run.py, and
    compile_wse2.sh / compile_wse3.sh."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "pe_program.csl").write_text(pe)
    (out / "layout.csl").write_text(layout)
    (out / "case.json").write_text(
        "{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}"
                            for k, v in case.items()) + "\n}\n")
    for arch in ("wse2", "wse3"):
        (out / f"compile_{arch}.sh").write_text(
            "#!/usr/bin/env bash\nset -e\n\n"
            f"cslc --arch={arch} ./layout.csl --fabric-dims=8,3 --fabric-offsets=4,1 \\\n"
            "  -o out --memcpy --channels 1\n")


def generate(seed, outdir, ncases=40, nsets=4, name=None, wide=False, extra=""):
    g = Gen(seed, nsets)
    rng = g.rng
    cases = [g.gen_stmt_case(k, nsets) if g.rng.random() < STMT_SHARE else g.gen_case(k, nsets)
             for k in range(ncases)]
    name = name or Path(outdir).resolve().name

    slots = []  # (description, type, [value per set] or constant)
    inp_layout = []  # per case: list of input word offsets
    ninp = 0
    for c in cases:
        offs = []
        for t in c["ptypes"]:
            offs.append(ninp)
            ninp += 2 if t in WORDS else 1
        c["offs"] = offs
    lines = []
    out_at = 0
    compute = []
    globals_ = []
    for c in cases:
        k, ret = c["k"], c["ret"]
        args = ", ".join(f"ld_{t}({o})" for t, o in zip(c["ptypes"], c["offs"]))
        compute.append(f"  put_{ret}({out_at}, case_{k}({args}));")
        slots.append((f"case_{k} at run time", ret, c["results"], out_at))
        out_at += 2 if ret in WORDS else 1
        if c["comptime_ok"]:
            cargs = ", ".join(comptime_arg(t, v, rng) for t, v in zip(c["ptypes"], c["pvals"][0]))
            if rng.random() < 0.5:
                globals_.append(f"const folded_{k}: {ret} = case_{k}({cargs});")
                compute.append(f"  put_{ret}({out_at}, folded_{k});")
            else:
                compute.append(f"  put_{ret}({out_at}, comptime case_{k}({cargs}));")
            slots.append((f"case_{k} at comptime (set 0)", ret, [c["results"][0]] * nsets, out_at))
            out_at += 2 if ret in WORDS else 1
    # Tables: a const array filled at comptime by a loop calling a case, next to the same
    # calls at run time.
    tables = []
    for i in range(NTABLES):
        c = g.gen_case(f"t{i}", nsets, table=TABLE_LEN)
        if not c["comptime_ok"]:
            continue
        tables.append(c)
        ret, w = c["ret"], (2 if c["ret"] in WORDS else 1)
        globals_.append(f"const table_{i} = tbl{i}: {{ var t: [{TABLE_LEN}]{ret} = undefined; "
                        f"for (@range(u16, {TABLE_LEN})) |i| {{ t[i] = case_t{i}(i); }} "
                        f"break :tbl{i} t; }};")
        compute.append(f"  for (@range(u16, {TABLE_LEN})) |i| {{ put_{ret}({out_at} + i * {w}, "
                       f"table_{i}[i]); put_{ret}({out_at + TABLE_LEN * w} + i * {w}, case_t{i}(i)); }}")
        for j in range(TABLE_LEN):
            slots.append((f"table_{i}[{j}] (comptime)", ret, [c["results"][j]] * nsets, out_at + j * w))
            slots.append((f"case_t{i}({j}) at run time", ret, [c["results"][j]] * nsets,
                          out_at + (TABLE_LEN + j) * w))
        out_at += 2 * TABLE_LEN * w
    for i in range(max(8, ncases // 4)):
        text, rtext, v, t = g.gen_cint()
        compute.append(f"  put_{t}({out_at}, @as({t}, {text}));")
        slots.append((f"comptime_int expression {i}", t, [v] * nsets, out_at))
        out_at += 2 if t in WORDS else 1
        compute.append(f"  put_{t}({out_at}, @as({t}, {rtext}));")
        slots.append((f"comptime_int expression {i} over run-time i64", t, [v] * nsets, out_at))
        out_at += 2 if t in WORDS else 1

    inputs = []
    for s in range(nsets):
        words = []
        for c in cases:
            for t, v in zip(c["ptypes"], c["pvals"][s]):
                words += input_words(t, v)
        inputs.append(words)
    expected = []
    for s in range(nsets):
        words = [0] * out_at
        for _, t, vals, at in slots:
            for i, w in enumerate(out_words(t, vals[s])):
                words[at + i] = w
        expected.append(words)

    pe = [f"// randexpr/cases/{name}: generated by `python3 tests/examples/randexpr/gen.py {seed} "
          f"tests/examples/randexpr/cases/{name} --cases {ncases} --sets {nsets}"
          f"{' --wide' if wide else ''}{extra}`.",
          "// Random scalar expressions, loops, switches and helper calls over i8..u64, f16, f32",
          "// and bool, run at run time on the host's inputs and folded at comptime; ../../run.py",
          "// compares every result bit for bit with gen.py's model. Regenerate, don't edit.",
          "param memcpy_params;", "",
          'const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);', "",
          f"var inp = @zeros([{max(ninp, 1)}]u32);", f"var out = @zeros([{out_at}]u32);",
          "var inp_ptr: [*]u32 = &inp;", "var out_ptr: [*]u32 = &out;",
          "var z64: i64 = 0;  // a run-time zero: comptime_int trees re-run in i64", ""]
    for t in TYPES:
        pe.append(f"fn ld_{t}(k: u16) {t} {{ {load_body(t)} }}")
    for t in TYPES:
        pe.append(f"fn put_{t}(k: u16, x: {t}) void {{ {put_body(t)} }}")
    pe.append("")
    for h in g.helpers + g.ptr_pairs:
        pe.append(h.emit())
    for c in cases + tables:
        ps = ", ".join(f"x{i}: {t}" for i, t in enumerate(c["ptypes"]))
        pe.append(f"fn case_{c['k']}({ps}) {c['ret']} {{")
        for n, t, e in c["locs"]:
            pe.append(f"  const {n}: {t} = {e.emit()};")
        for st in c.get("stmts", []):
            pe += st.emit("  ")
        pe.append(f"  return {c['body'].emit()};")
        pe.append("}")
        pe.append("")
    pe += globals_
    pe += ["", "fn compute() void {"] + compute + ["  sys_mod.unblock_cmd_stream();", "}", "",
           "comptime {", '  @export_symbol(inp_ptr, "inp");', '  @export_symbol(out_ptr, "out");',
           "  @export_symbol(compute);", "}", ""]

    desc = [s[0] for s in slots]
    types = [s[1] for s in slots]
    ats = [s[3] for s in slots]
    about = (f"gen.py seed {seed}. For each of {nsets} input sets: copy the inputs in, launch "
             "compute, copy the results out and compare every word with the model's (bit for bit).")
    write_case(outdir, "\n".join(pe), layout_text(name, f"gen.py's random scalar program (seed {seed})"),
               {"about": about, "kind": "sets", "two_words": sorted(WORDS), "inputs": inputs,
                "expected": expected, "slots": list(zip(desc, types, ats))})
    nct = sum(1 for c in cases if c["comptime_ok"])
    print(f"{name}: {ncases} cases ({nct} also at comptime), {len(slots)} slots x {nsets} sets, "
          f"{len(g.helpers)} helpers, {len(pe)} lines")


def main(argv):
    for a in [a for a in argv if a.startswith("--no-avoid")]:
        for k in AVOID:
            if a == "--no-avoid" or a == f"--no-avoid={k}":
                AVOID[k] = False
        argv = [x for x in argv if x != a]
    seed, outdir = int(argv[0]), argv[1]
    ncases = int(argv[argv.index("--cases") + 1]) if "--cases" in argv else 40
    if "--wide" in argv:
        use_wide_types()
    global DEPTH, MAX_PARAMS, STMT_SHARE, MAX_STMTS, MIN_PARENS, NTABLES
    if "--tables" in argv:
        NTABLES = int(argv[argv.index("--tables") + 1])
    MIN_PARENS = "--min-parens" in argv
    if "--stmts" in argv:
        MAX_STMTS = int(argv[argv.index("--stmts") + 1])
    if "--stmt-share" in argv:
        STMT_SHARE = float(argv[argv.index("--stmt-share") + 1])
    if "--depth" in argv:
        DEPTH = int(argv[argv.index("--depth") + 1])
    if "--params" in argv:
        MAX_PARAMS = int(argv[argv.index("--params") + 1])
    nsets = int(argv[argv.index("--sets") + 1]) if "--sets" in argv else 4
    extra = "".join(f" {flag} {argv[argv.index(flag) + 1]}" for flag in ("--depth", "--params", "--stmt-share", "--stmts", "--tables")
                    if flag in argv)
    if MIN_PARENS:
        extra += " --min-parens"
    generate(seed, outdir, ncases, nsets, wide="--wide" in argv, extra=extra)


if __name__ == "__main__":
    main(sys.argv[1:])
