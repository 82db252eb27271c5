#!/usr/bin/python3
"""Random DEBUG-PATH CSL programs with a Python model (the randdebug family).

    gen.py SEED OUTDIR            writes one case into OUTDIR
    gen.py --all DIR              rewrites DIR/cases/<id> for the committed SEEDS

A case is a random rectangle (1x1 .. 8x6) at a random fabric offset, split into 1-3 code
classes (pe_c<k>.csl). Each PE gets random per-PE params (px, py, a: i16, b: u32, q: f32,
hq: f16). Each class holds random globals of every scalar type (bool, i8..u64, f16, bf16,
f32), 1-D arrays and [R, C] arrays, initialized from the params at comptime; names are
shared between classes with the same or with a different type and shape. 2-4 exported
launch functions step<l>(k: u16, m: i32) change some globals and record random sequences
of <debug> trace calls (every trace_* kind, strings, timestamps, loops) into 0-3 debug
instances per class with random buffer sizes, some too small (once an entry does not fit,
no later one goes in: docs/csl.md, "<debug>").

The model (here) computes every global's bytes after init and after each launch, and each
key's trace entries and raw buffer words. case.json carries them; run.py checks them with
SdkRuntime.read_symbol between launches, a mid-run dump_core read by debug_util(core=),
debug_util after stop() (get_symbol, get_symbol_rect on random sub-rectangles, read_trace,
the raw buffer words), and invalid uses whose errors must name what was wrong.
Values are exact by construction: integer arithmetic never overflows, float values are
dyadic and exactly representable (the model redraws an operation otherwise).
"""
import json
import os
import random
import re
import sys

import numpy as np

SEEDS = [1, 18, 60, 94, 132, 157, 160, 1003]

INT_RANGES = {
    "i8": (-128, 127), "u8": (0, 255), "i16": (-32768, 32767), "u16": (0, 65535),
    "i32": (-(1 << 31), (1 << 31) - 1), "u32": (0, (1 << 32) - 1),
    "i64": (-(1 << 63), (1 << 63) - 1), "u64": (0, (1 << 64) - 1),
}
NP = {"bool": "bool", "i8": "int8", "u8": "uint8", "i16": "int16", "u16": "uint16",
      "i32": "int32", "u32": "uint32", "i64": "int64", "u64": "uint64", "f16": "float16",
      "bf16": "uint16", "f32": "float32"}
SIZE = {"bool": 1, "i8": 1, "u8": 1, "i16": 2, "u16": 2, "i32": 4, "u32": 4, "i64": 8,
        "u64": 8, "f16": 2, "bf16": 2, "f32": 4}
TYPES = list(NP)
TRACE_CODE = {"bool": "?", "i8": "b", "u8": "B", "i16": "h", "u16": "H", "f16": "e",
              "i32": "i", "u32": "I", "f32": "f"}
ENTRY_WORDS = {"?": 1, "b": 1, "B": 1, "h": 2, "H": 2, "e": 2, "i": 3, "I": 3, "f": 3, "t": 4}
KEYS = ["log", "trace", "tA", "k1", "times", "dbg_2", "zz"]
ESCAPES = [("\\n", "\n"), ("\\t", "\t"), ("\\\\", "\\"), ('\\"', '"'), ("\\x41", "A"),
           ("\\u{e9}", "\u00e9"), ("\u00e9", "\u00e9"), ("\u2192", "\u2192")]
STRING_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-+=:;,.!?()[]{}#@%&*/<>|~^'"


class Inexact(Exception):
    """An intermediate value overflows its type or is not exact: the model redraws."""


def chk(t, v):
    if not representable(t, v):
        raise Inexact(t)
    return v


def is_int(t):
    return t in INT_RANGES


def is_float(t):
    return t in ("f16", "f32", "bf16")


def representable(t, v):
    if is_int(t):
        lo, hi = INT_RANGES[t]
        return isinstance(v, int) and lo <= v <= hi
    if t == "bool":
        return isinstance(v, bool)
    if not isinstance(v, float):
        return False
    if t == "f32":
        return abs(v) < 2 ** 20 and float(np.float32(v)) == v
    if t == "f16":
        return abs(v) < 1000 and float(np.float16(v)) == v
    if t == "bf16":
        x = np.float32(v)
        return abs(v) < 2 ** 20 and float(x) == v and (int(x.view(np.uint32)) & 0xFFFF) == 0
    raise AssertionError(t)


def to_bytes(t, v):
    if t == "bool":
        return bytes([1 if v else 0])
    if is_int(t):
        return int(v).to_bytes(SIZE[t], "little", signed=t.startswith("i"))
    if t == "f32":
        return np.float32(float(v)).tobytes()
    if t == "f16":
        return np.float16(float(v)).tobytes()
    if t == "bf16":
        return (int(np.float32(float(v)).view(np.uint32)) >> 16).to_bytes(2, "little")
    raise AssertionError(t)


def flit(v):
    """A CSL literal for a dyadic float (its repr is exact)."""
    s = repr(float(v))
    return s if "e" not in s else format(float(v), ".20f").rstrip("0")


def dyadic(rng, lo, hi, den):
    """A float with denominator den (exact in a double; +0.0 for zero)."""
    return rng.randint(lo * den, hi * den) / den


class Gen:
    def __init__(self, seed):
        self.seed = seed
        self.rng = random.Random(seed * 7919 + 17)
        r = self.rng
        # Seeds from 1000 on are "stress" cases: up to 6 launches of up to 30 statements and
        # trace loops of up to 300 entries (more words than a 4 KB page).
        self.stress = seed >= 1000
        self.W, self.H = r.randint(1, 8), r.randint(1, 6)
        self.ox, self.oy = r.randint(4, 7), r.randint(1, 3)
        self.dimx = self.ox + self.W + 3 + r.randint(0, 2)
        self.dimy = self.oy + self.H + 1 + r.randint(0, 2)
        far = random.Random(seed * 13 + 11)  # own stream: the other draws stay as they were
        if far.random() < 0.15:  # a rectangle far inside a big fabric
            self.ox, self.oy = far.randint(8, 120), far.randint(4, 90)
            self.dimx = self.ox + self.W + 3 + far.randint(0, 40)
            self.dimy = self.oy + self.H + 1 + far.randint(0, 40)
        self.nclass = r.randint(1, 3)
        rule = r.choice(["column", "diag", "random", "row"])
        self.cls = {}
        for y in range(self.H):
            for x in range(self.W):
                if rule == "column":
                    c = min(self.nclass - 1, x * self.nclass // max(1, self.W))
                elif rule == "row":
                    c = min(self.nclass - 1, y * self.nclass // max(1, self.H))
                elif rule == "diag":
                    c = (x + y) % self.nclass
                else:
                    c = r.randrange(self.nclass)
                self.cls[(x, y)] = c
        used = sorted(set(self.cls.values()))
        remap = {c: i for i, c in enumerate(used)}
        self.cls = {p: remap[c] for p, c in self.cls.items()}
        self.nclass = len(used)
        self.params = {}
        for (x, y) in self.cls:
            self.params[(x, y)] = {
                "px": x, "py": y, "a": r.randint(-100, 100), "b": r.randint(0, (1 << 32) - 1),
                "q": dyadic(r, -200, 200, 16), "hq": dyadic(r, -20, 20, 8)}
        # One 16-bit float format exists at run time (cslc --fp16-format, f16 by default):
        # a bf16 case has bf16 globals and no run-time f16 values.
        self.fp16 = "bf16" if r.random() < 0.25 else "f16"
        self.types = [t for t in TYPES if t != ("f16" if self.fp16 == "bf16" else "bf16")]
        self.trace_types = [t for t in TRACE_CODE if t in self.types]
        self.nlaunch = r.randint(2, 6 if self.stress else 4)
        self.tasks = r.random() < 0.4
        self.launch_args = [(r.randint(0, 40), r.randint(-1000, 1000)) for _ in range(self.nlaunch)]
        self.uid = 0
        self.tag_rng = random.Random(seed * 97 + 3)
        for p in self.params.values():
            p["tag"] = "".join(self.tag_rng.choice(STRING_CHARS.replace("'", "")) for _ in range(self.tag_rng.randint(0, 14)))
        self.big_bytes = {}
        self.section_bytes = 0
        self.section_start = 2 * r.randint(18000, 24000)

    def pes(self, c):
        return [p for p in sorted(self.cls, key=lambda p: (p[1], p[0])) if self.cls[p] == c]

    def fresh(self, stem):
        self.uid += 1
        return f"{stem}{self.uid}"

    # ---- comptime initializers: (csl text, fn(params) -> value) ----
    def int_init(self, t, pes):
        r = self.rng
        lo, hi = INT_RANGES[t]
        signed = t.startswith("i")
        for _ in range(40):
            form = r.randrange(6)
            if form == 0:
                c1, c2 = r.randint(-9 if signed else 0, 9), r.randint(-9 if signed else 0, 9)
                c3 = r.randint(max(lo, -1000), min(hi, 1000))
                text = f"@as({t}, px) * {c1} + @as({t}, py) * {c2} + {c3}" if signed else \
                    f"@as({t}, px) * {c1} + @as({t}, py) * {c2} + {c3}"
                if signed:
                    text = f"@as({t}, px) * ({c1}) + @as({t}, py) * ({c2}) + ({c3})"
                fn = (lambda p, c1=c1, c2=c2, c3=c3, t=t:
                      chk(t, chk(t, chk(t, p["px"] * c1) + chk(t, p["py"] * c2)) + c3))
            elif form == 1:
                c1, c2 = r.randint(-3, 3), r.randint(-50, 50)
                if signed:
                    text = f"@as({t}, a) * ({c1}) + ({c2})"
                    fn = lambda p, c1=c1, c2=c2, t=t: chk(t, chk(t, p["a"]) * c1) + c2
                else:
                    c1 = abs(c1)
                    text = f"@as({t}, a + 100) * {c1} + {abs(c2)}"
                    fn = lambda p, c1=c1, c2=abs(c2), t=t: chk(t, chk(t, p["a"] + 100) * c1) + c2
            elif form == 2 and t in ("u32", "u64", "i64"):
                c = r.randint(0, (1 << 32) - 1)
                if t == "u32":
                    text = f"b ^ 0x{c:x}"
                    fn = lambda p, c=c: p["b"] ^ c
                elif t == "u64":
                    s = r.randint(1, 32)
                    text = f"(@as(u64, b) << {s}) | 0x{c:x}"
                    fn = lambda p, s=s, c=c: (p["b"] << s) | c
                else:
                    k = r.randint(-70000, 70000)
                    text = f"@as(i64, b) * ({k}) - @as(i64, px)"
                    fn = lambda p, k=k: p["b"] * k - p["px"]
            elif form == 3:
                v = r.choice([lo, hi, 0, 1, lo + 1, hi - 1, r.randint(lo, hi)])
                text = f"{v}"
                fn = lambda p, v=v: v
            elif form == 4 and t == "i32":
                c = r.randint(0, (1 << 32) - 1)
                text = f"@bitcast(i32, b ^ 0x{c:x})"
                fn = lambda p, c=c: ((p["b"] ^ c) ^ (1 << 31)) - (1 << 31)
            elif form == 5:
                s = r.randint(0, 4)
                text = f"@as({t}, (px + py * 3) >> {s})"
                fn = lambda p, s=s: (p["px"] + p["py"] * 3) >> s
            else:
                continue
            try:
                if all(representable(t, fn(self.params[p])) for p in pes):
                    return text, fn
            except Inexact:
                pass
        return "0", (lambda p: 0)

    def float_init(self, t, pes):
        r = self.rng
        for _ in range(40):
            form = r.randrange(4)
            k1, k2 = dyadic(r, -4, 4, 4), dyadic(r, -4, 4, 4)
            k3 = dyadic(r, -30, 30, 8)
            base = "f32" if t == "bf16" else t
            if form == 0:
                e = f"@as({base}, px) * {flit(k1)} + @as({base}, py) * {flit(k2)} + {flit(k3)}"
                fn = (lambda p, k1=k1, k2=k2, k3=k3, b=base:
                      chk(b, chk(b, p["px"] * k1) + chk(b, p["py"] * k2)) + k3)
            elif form == 1:
                if base == "f32":
                    e = f"q * {flit(k1)} + {flit(k3)}"
                    fn = lambda p, k1=k1, k3=k3: chk("f32", p["q"] * k1) + k3
                else:
                    e = f"hq * {flit(k1)} + {flit(k3)}"
                    fn = lambda p, k1=k1, k3=k3: chk("f16", p["hq"] * k1) + k3
            elif form == 2:
                v = r.choice([0.0, -0.5, 65504.0 if t == "f16" else 3 / 1024, k3, 1 / (1 << 14)])
                e = flit(v)
                fn = lambda p, v=v: v
            else:
                e = f"@as({base}, a) * {flit(k1)}"
                fn = lambda p, k1=k1: p["a"] * k1
            text = f"@as(bf16, {e})" if t == "bf16" else e
            try:
                if all(representable(t, fn(self.params[p])) for p in pes):
                    return text, fn
            except Inexact:
                pass
        return "0.0", (lambda p: 0.0)

    def bool_init(self):
        r = self.rng
        form = r.randrange(4)
        if form == 0:
            return "(px + py) % 2 == 0", lambda p: (p["px"] + p["py"]) % 2 == 0
        if form == 1:
            c = r.randint(-50, 50)
            return f"a > {c}", lambda p, c=c: p["a"] > c
        if form == 2:
            c = r.randint(0, 3)
            return f"px == {c}", lambda p, c=c: p["px"] == c
        v = r.random() < 0.5
        return ("true" if v else "false"), lambda p, v=v: v

    def scalar_init(self, t, pes):
        if t == "bool":
            return self.bool_init()
        if is_int(t):
            return self.int_init(t, pes)
        return self.float_init(t, pes)

    def new_global(self, name, c, t=None, shape=None):
        r = self.rng
        pes = self.pes(c)
        t = t or r.choice(self.types)
        if shape is None:
            shape = r.choice([[], [], [r.randint(1, 8)], [r.randint(1, 3), r.randint(1, 4)]])
            if SIZE[t] <= 4 and r.random() < 0.12 and self.big_bytes.get(c, 0) < 12000:
                # a big array: crosses 4 KB pages, and pages it leaves zero are not stored
                shape = [r.randint(300, 2200)] if r.random() < 0.7 else [r.randint(8, 40), r.randint(8, 40)]
                self.big_bytes[c] = self.big_bytes.get(c, 0) + SIZE[t] * int(np.prod(shape))
        g = {"name": name, "type": t, "shape": shape}
        n = int(np.prod(shape)) if shape else 1
        if not shape:
            text, fn = self.scalar_init(t, pes)
            g["decl"] = ("var", f"{t}", text)
            g["init"] = lambda p, fn=fn: [fn(p)]
        else:
            dims = ", ".join(str(d) for d in shape)
            form = r.randrange(3) if len(shape) == 1 and n <= 16 else r.choice([0, 2])
            if form == 0:
                text, fn = self.scalar_init(t, pes)
                g["decl"] = ("var", f"[{dims}]{t}", f"@constants([{dims}]{t}, {text})")
                g["init"] = lambda p, fn=fn, n=n: [fn(p)] * n
            elif form == 1:
                parts = [self.scalar_init(t, pes) for _ in range(n)]
                g["decl"] = ("var", f"[{dims}]{t}", f"[{dims}]{t}{{ " + ", ".join(x[0] for x in parts) + " }")
                g["init"] = lambda p, parts=parts: [f(p) for _, f in parts]
            else:
                g["decl"] = ("var", f"[{dims}]{t}", f"@zeros([{dims}]{t})")
                zero = False if t == "bool" else (0 if is_int(t) else 0.0)
                g["init"] = lambda p, zero=zero, n=n: [zero] * n
        return g

    def decorate(self, g):
        """Random storage class and attributes (the Syntax and Storage Classes pages); sets
        g["name"], the symbol debug_util reads: the linkname, else the name, prefixed with
        the module's name inside the module unless exported."""
        r = self.rng
        g["code"] = g["name"]
        attrs = ""
        if r.random() < 0.2:
            attrs += f" align({r.choice([2, 4, 8, 16, 32, 64, 128])})"
        n = int(np.prod(g["shape"])) if g["shape"] else 1
        if not g.get("mod") and r.random() < 0.15 and n * SIZE[g["type"]] <= 64 and self.section_bytes < 400:
            attrs += ' linksection(".hi")'
            self.section_bytes += n * SIZE[g["type"]] + 128  # room for alignment
        storage = ""
        if not g["shape"] and g["type"] in ("i16", "u16", "i32", "u32") and r.random() < 0.25:
            storage = "export "
        name = g["code"]
        if not g.get("mod") and r.random() < 0.15:
            name = self.fresh("sym_")
            attrs += f' linkname("{name}")'
        elif g.get("mod") and not storage:
            name = "hm." + name
        g["name"], g["attrs"], g["storage"] = name, attrs, storage

    def decl(self, g):
        kind, typ, init = g["decl"]
        return f"{g['storage']}{kind} {g['code']}: {typ}{g['attrs']} = {init};"

    # ---- run-time statements: (csl lines, fn(state, params, k, m) -> None or False) ----
    def scalar_update(self, t, lhs, idx_expr=None):
        """A statement text updating lhs (a scalar lvalue), and a function of the old value
        giving the new one (None: overflow or inexact, the caller redraws)."""
        r = self.rng
        if t == "bool":
            if r.random() < 0.5:
                return f"{lhs} = !{lhs};", lambda v, p, k, m, i: not v
            c = r.randint(2, 4)
            return f"{lhs} = (k + px) % {c} == 0;", lambda v, p, k, m, i, c=c: (k + p["px"]) % c == 0
        if is_int(t):
            signed = t.startswith("i")
            form = r.randrange(6)
            ie = f"@as({t}, {idx_expr})" if idx_expr else None
            if form == 0:
                return f"{lhs} = {lhs} + @as({t}, k);", lambda v, p, k, m, i: v + k
            if form == 1:
                c1 = r.randint(-3, 3) if signed else r.randint(0, 3)
                c2 = r.randint(-20, 20) if signed else r.randint(0, 20)
                return (f"{lhs} = {lhs} * ({c1}) + ({c2});" if signed else f"{lhs} = {lhs} * {c1} + {c2};"), \
                    lambda v, p, k, m, i, c1=c1, c2=c2, t=t: chk(t, v * c1) + c2
            if form == 2:
                c = r.randint(1, 5)
                return f"{lhs} = {lhs} - @as({t}, px) * {c};", lambda v, p, k, m, i, c=c, t=t: v - chk(t, p["px"] * c)
            if form == 3 and not signed:
                op = r.choice(["^", ">>", "<<", "&", "|"])
                if op in (">>", "<<"):
                    s = r.randint(1, 5)
                    f = (lambda v, p, k, m, i, s=s: v >> s) if op == ">>" else (lambda v, p, k, m, i, s=s: v << s)
                    return f"{lhs} = {lhs} {op} {s};", f
                c = r.randint(0, INT_RANGES[t][1])
                f = {"^": lambda v, p, k, m, i, c=c: v ^ c, "&": lambda v, p, k, m, i, c=c: v & c,
                     "|": lambda v, p, k, m, i, c=c: v | c}[op]
                return f"{lhs} = {lhs} {op} 0x{c:x};", f
            if form == 4 and t in ("i32", "i64"):
                return f"{lhs} = {lhs} + @as({t}, m);", lambda v, p, k, m, i: v + m
            if form == 5 and ie:
                c = r.randint(1, 4)
                return f"{lhs} = {lhs} + {ie} * {c};", lambda v, p, k, m, i, c=c, t=t: v + chk(t, i * c)
            return f"{lhs} = {lhs} + 1;", lambda v, p, k, m, i: v + 1
        if t == "bf16":
            c = dyadic(r, -8, 8, 4)
            return (f"{lhs} = @as(bf16, @as(f32, k) * 0.5 + {flit(c)});",
                    lambda v, p, k, m, i, c=c: k / 2 + c)
        form = r.randrange(4)
        if form == 0:
            c1, c2 = r.choice([2.0, 0.5, -1.0, 0.75]), dyadic(r, -8, 8, 4)
            return f"{lhs} = {lhs} * {flit(c1)} + {flit(c2)};", lambda v, p, k, m, i, c1=c1, c2=c2, t=t: chk(t, v * c1) + c2
        if form == 1:
            return f"{lhs} = {lhs} + @as({t}, k) * 0.25;", lambda v, p, k, m, i: v + k / 4
        if form == 2 and idx_expr:
            return f"{lhs} = {lhs} - @as({t}, {idx_expr});", lambda v, p, k, m, i, t=t: v - chk(t, float(i))
        return f"{lhs} = -{lhs};", lambda v, p, k, m, i: -v

    def mutation(self, g, pes):
        """A statement block changing global g; returns (lines, apply(vals, p, k, m) -> new vals)."""
        r = self.rng
        t, shape, name = g["type"], g["shape"], g.get("code", g["name"])
        for _ in range(30):
            if not shape:
                text, f = self.scalar_update(t, name)
                lines = [text]
                apply = lambda vals, p, k, m, f=f: [f(vals[0], p, k, m, 0)]
            elif len(shape) == 1 and r.random() < 0.3:
                j = r.randrange(shape[0])
                text, f = self.scalar_update(t, f"{name}[{j}]")
                lines = [text]

                def apply(vals, p, k, m, f=f, j=j):
                    out = list(vals)
                    out[j] = f(vals[j], p, k, m, j)
                    return out
            elif len(shape) == 1:
                iv = self.fresh("ix")
                text, f = self.scalar_update(t, f"{name}[{iv}]", iv)
                if r.random() < 0.7:
                    lines = [f"for (@range(u16, {shape[0]})) |{iv}| {{", f"  {text}", "}"]
                else:
                    lines = ["{", f"  var {iv}: u16 = 0;", f"  while ({iv} < {shape[0]}) : ({iv} += 1) {{",
                             f"    {text}", "  }", "}"]
                apply = lambda vals, p, k, m, f=f: [f(v, p, k, m, i) for i, v in enumerate(vals)]
            else:
                R, C = shape
                iv, jv = self.fresh("ix"), self.fresh("jx")
                text, f = self.scalar_update(t, f"{name}[{iv}, {jv}]", f"{iv} * {C} + {jv}")
                lines = [f"for (@range(u16, {R})) |{iv}| {{", f"  for (@range(u16, {C})) |{jv}| {{",
                         f"    {text}", "  }", "}"]
                apply = lambda vals, p, k, m, f=f: [f(v, p, k, m, i) for i, v in enumerate(vals)]
            return lines, apply
        raise AssertionError("unreachable")

    def trace_item(self, cl, keys):
        """A random trace statement: (lines, fn(state, p, k, m) -> [(key, code, value)])."""
        r = self.rng
        key = r.choice(keys)
        self.last_key = key["key"]
        mod = key["mod"]
        scal = [g for g in cl["globals"] if g["type"] in TRACE_CODE and not g["shape"] and not g.get("mod")]
        arrs = [g for g in cl["globals"] if g["type"] in TRACE_CODE and g["shape"] and not g.get("mod")
                and not g.get("stamp")]
        form = r.randrange(8)
        if form == 0 and scal:
            g = r.choice(scal)
            return [f"{mod}.trace_{g['type']}({g['code']});"], \
                lambda st, p, k, m, g=g: [(key["key"], TRACE_CODE[g["type"]], st[g["name"]][0])]
        if form == 1 and arrs:
            g = r.choice(arrs)
            n = int(np.prod(g["shape"]))
            i = r.randrange(n)
            idx = str(i) if len(g["shape"]) == 1 else f"{i // g['shape'][1]}, {i % g['shape'][1]}"
            return [f"{mod}.trace_{g['type']}({g['code']}[{idx}]);"], \
                lambda st, p, k, m, g=g, i=i: [(key["key"], TRACE_CODE[g["type"]], st[g["name"]][i])]
        if form == 2:
            n = r.choice([0, 1, 2, 5, 8, 13, 24, 31])
            parts = [(ch, ch) for ch in (r.choice(STRING_CHARS) for _ in range(n))]
            for _ in range(r.choice([0, 0, 1, 2])):  # escapes and UTF-8 (code, value)
                parts.insert(r.randint(0, len(parts)), r.choice(ESCAPES))
            text = "".join(p[0] for p in parts)
            s = "".join(p[1] for p in parts)
            return [f'{mod}.trace_string("{text}");'], lambda st, p, k, m, s=s: [(key["key"], "s", s)]
        if form == 3:
            self.uses_time = True
            if r.random() < 0.5:
                return [f"{mod}.trace_timestamp();"], lambda st, p, k, m: [(key["key"], "t", None)]
            # <time>'s get_timestamp into a fresh [3]u16 right after: the same counter, so its
            # value lies between the trace timestamps around it (run.py)
            name = self.fresh("stamp")
            cl["globals"].append({"name": name, "code": name, "type": "u16", "shape": [3], "stamp": True,
                                  "decl": ("var", "[3]u16", "@zeros([3]u16)"), "attrs": "", "storage": "",
                                  "init": lambda p: [0, 0, 0]})
            return [f"{mod}.trace_timestamp();", f"timer.get_timestamp(&{name});"], \
                lambda st, p, k, m, name=name: [(key["key"], "t", None), (None, "T", name)]
        if form == 4 and arrs and any(len(g["shape"]) == 1 and g["shape"][0] <= 16 for g in arrs):
            g = r.choice([g for g in arrs if len(g["shape"]) == 1 and g["shape"][0] <= 16])
            iv = self.fresh("tx")
            c = r.randint(0, 9)
            return [f"for (@range(u16, {g['shape'][0]})) |{iv}| {{",
                    f"  {mod}.trace_u16({iv} * {c} + px);",
                    f"  {mod}.trace_{g['type']}({g['code']}[{iv}]);", "}"], \
                lambda st, p, k, m, g=g, c=c: [e for i in range(g["shape"][0]) for e in
                                               [(key["key"], "H", i * c + p["px"]),
                                                (key["key"], TRACE_CODE[g["type"]], st[g["name"]][i])]]
        if form == 5:
            n, c = r.randint(5, 300 if self.stress else 40), r.randint(-9, 9)
            iv = self.fresh("tx")
            return [f"for (@range(u16, {n})) |{iv}| {{", f"  {mod}.trace_i32(@as(i32, {iv}) * m + ({c}));", "}"], \
                lambda st, p, k, m, n=n, c=c: [(key["key"], "i", i * m + c) for i in range(n)]
        # the PE's own comptime_string param (every PE has another), its length, a @strcat
        # (own random stream, so the other draws stay as they were)
        tr = self.tag_rng
        if tr.random() < 0.3:
            kind = tr.randrange(3)
            if kind == 0:
                return [f"{mod}.trace_string(tag);"], lambda st, p, k, m: [(key["key"], "s", p["tag"])]
            if kind == 1:
                return [f"{mod}.trace_u16(@strlen(tag));"], \
                    lambda st, p, k, m: [(key["key"], "H", len(p["tag"].encode("utf-8")))]
            lit = "".join(tr.choice("xyz-_09") for _ in range(tr.randint(0, 4)))
            return [f'{mod}.trace_string(@strcat("<", tag, "{lit}"));'], \
                lambda st, p, k, m, lit=lit: [(key["key"], "s", "<" + p["tag"] + lit)]
        # a value computed from the launch arguments and params
        t = r.choice(self.trace_types)
        if t == "bool":
            c = r.randint(0, 40)
            return [f"{mod}.trace_bool(k > {c});"], lambda st, p, k, m, c=c: [(key["key"], "?", k > c)]
        exprs = {
            "i8": ("@as(i8, py) - @as(i8, k)", lambda p, k, m: p["py"] - k),
            "u8": ("@as(u8, k) + 200", lambda p, k, m: k + 200),
            "i16": ("a - @as(i16, k) * 3", lambda p, k, m: p["a"] - 3 * k),
            "u16": ("k * 1000 + px", lambda p, k, m: k * 1000 + p["px"]),
            "i32": ("m * 1000 - @as(i32, py)", lambda p, k, m: m * 1000 - p["py"]),
            "u32": ("b ^ @as(u32, k)", lambda p, k, m: p["b"] ^ k),
            "f16": ("hq * 0.5 + @as(f16, k)", lambda p, k, m: p["hq"] / 2 + k),
            "f32": ("q + @as(f32, m) * 0.125", lambda p, k, m: p["q"] + m / 8),
        }
        e, f = exprs[t]
        return [f"{mod}.trace_{t}({e});"], lambda st, p, k, m, f=f, t=t: [(key["key"], TRACE_CODE[t], f(p, k, m))]

    def build(self):
        r = self.rng
        classes = []
        pool = []
        for c in range(self.nclass):
            gl = []
            names = set()
            for base in pool:
                x = r.random()
                if x < 0.5:
                    gl.append(self.new_global(base["code"], c, base["type"], base["shape"]))
                elif x < 0.65:
                    t = r.choice(self.types)
                    shape = [r.randint(1, 9)] if base["shape"] != [] or r.random() < 0.5 else []
                    if t == base["type"] and shape == base["shape"]:
                        shape = base["shape"] + [2] if len(base["shape"]) < 2 else []
                    gl.append(self.new_global(base["code"], c, t, shape))
            for _ in range(r.randint(3, 9)):
                gl.append(self.new_global(self.fresh(r.choice(["g", "v", "cell", "w_"])), c))
            if c == 0:
                pool = list(gl)
            if r.random() < 0.5:  # globals of an imported module: symbols "hm.<name>"
                for _ in range(r.randint(1, 4)):
                    g = self.new_global(self.fresh("mv"), c)
                    g["mod"] = True
                    gl.append(g)
            for g in gl:
                self.decorate(g)
            r.shuffle(gl)
            nkeys = r.choice([0, 1, 1, 2, 2, 3]) if self.nclass > 1 else r.choice([1, 2, 3])
            keys = []
            for kname in r.sample(KEYS, nkeys):
                keys.append({"key": kname, "mod": f"dbg_{kname}", "size": None})
            classes.append({"globals": gl, "keys": keys, "uses_time": False})
        self.classes = classes
        for c, cl in enumerate(classes):
            self.uses_time = False
            pes = self.pes(c)
            launches = []
            for l in range(self.nlaunch):
                stmts = []
                for _ in range(r.randint(2, 30 if self.stress else 10)):
                    if cl["keys"] and r.random() < 0.6:
                        stmts.append(("trace",) + self.trace_item(cl, cl["keys"]) + (self.last_key,))
                    else:
                        g = r.choice([g for g in cl["globals"] if not g.get("stamp")])
                        stmts.append(("mut", g["name"]) + self.mutation(g, pes) + (bool(g.get("mod")),))
                launches.append(stmts)
            # Every <debug> instance records something (an instance no trace call uses has
            # no buffer: read_trace then refuses the key, see run.py).
            used = {s[3] for st in launches for s in st if s[0] == "trace"}
            for key in cl["keys"]:
                if key["key"] not in used:
                    launches[-1].append(("trace",) + self.trace_item(cl, [key]) + (key["key"],))
            cl["launches"] = launches
            cl["uses_time"] = self.uses_time
        # Simulate once, dropping each mutation that would overflow or round on some PE.
        for c, cl in enumerate(classes):
            pes = self.pes(c)
            cur = {p: self._init_state(cl, p) for p in pes}
            for l in range(self.nlaunch):
                k, m = self.launch_args[l]
                kept = []
                for st in cl["launches"][l]:
                    if st[0] == "mut":
                        g = next(g for g in cl["globals"] if g["name"] == st[1])
                        try:
                            new = {p: st[3](cur[p][g["name"]], self.params[p], k, m) for p in pes}
                        except Inexact:
                            continue
                        if not all(representable(g["type"], v) for p in pes for v in new[p]):
                            continue
                        for p in pes:
                            cur[p][g["name"]] = new[p]
                    kept.append(st)
                cl["launches"][l] = kept
        # A host buffer (own random stream, so the other draws stay as they were): an exported
        # array the host fills with memcpy_h2d before launch 0 (16-bit copies into a u16 array).
        hr = random.Random(self.seed * 31 + 5)
        self.hostbuf = hr.choice([None, "u32", "u16", "f32", "i32"])
        if self.hostbuf:
            n = hr.randint(1, 40)
            self.hostbuf_order = hr.choice(["ROW_MAJOR", "COL_MAJOR"])
            self.hostbuf_data = {}
            for p in self.cls:
                if self.hostbuf == "f32":
                    vals = []
                    while len(vals) < n:
                        v = float(np.uint32(hr.getrandbits(32)).view(np.float32))
                        if v == v:  # not a NaN: the model keeps values as floats
                            vals.append(v)
                elif self.hostbuf == "i32":
                    vals = [hr.randint(-(1 << 31), (1 << 31) - 1) for _ in range(n)]
                else:
                    vals = [hr.getrandbits(16 if self.hostbuf == "u16" else 32) for _ in range(n)]
                self.hostbuf_data[p] = vals
            for c, cl in enumerate(classes):
                t = self.hostbuf
                cl["globals"].append({"name": "hostbuf", "code": "hostbuf", "type": t, "shape": [n],
                                      "attrs": "", "storage": "", "decl": ("var", f"[{n}]{t}", f"@zeros([{n}]{t})"),
                                      "init": lambda p, n=n, t=t: [0.0 if t == "f32" else 0] * n})
                cl["launches"][0].insert(0, ("mut", "hostbuf", [],
                                             lambda v, p, k, m: list(self.hostbuf_data[(p["px"], p["py"])]), False))
        # Task mode: each launch stores its arguments, runs the first statements, activates a
        # local task that runs the rest, sets sync_word = launch + 1 and unblocks the command
        # stream; the host waits for it with a memcpy_d2h of "sync" before reading symbols.
        if self.tasks:
            for c, cl in enumerate(classes):
                for name, t in (("arg_k", "u16"), ("arg_m", "i32"), ("sync_word", "u32")):
                    g = {"name": name, "code": name, "type": t, "shape": [1] if name == "sync_word" else [],
                         "attrs": "", "storage": "", "init": lambda p: [0]}
                    g["decl"] = ("var", "[1]u32", "@zeros([1]u32)") if name == "sync_word" else ("var", t, "0")
                    cl["globals"].append(g)
                cl["split"] = []
                for l in range(self.nlaunch):
                    st = cl["launches"][l]
                    head = [("mut", "arg_k", ["arg_k = k;"], lambda v, p, k, m: [k], False),
                            ("mut", "arg_m", ["arg_m = m;"], lambda v, p, k, m: [m], False)]
                    tail = [("mut", "sync_word", [f"sync_word[0] = {l + 1};"],
                             lambda v, p, k, m, l=l: [l + 1], False)]
                    cl["split"].append(2 + r.randint(0, len(st)))
                    cl["launches"][l] = head + st + tail
        # Buffer sizes: enough, or short (overflow somewhere).
        for c, cl in enumerate(classes):
            pes = self.pes(c)
            for key in cl["keys"]:
                need = max(self._words_needed(cl, p, key["key"]) for p in pes)
                if r.random() < 0.35 and need > 2:
                    key["size"] = r.randint(max(1, need // 4), need - 1)
                else:
                    key["size"] = need + r.randint(0, 12) + (1 if need == 0 else 0)

    # ---- the model ----
    def _init_state(self, cl, p):
        prm = self.params[p]
        return {g["name"]: list(g["init"](prm)) for g in cl["globals"]}

    def _run(self, cl, p):
        """(snapshots: the globals after init and after each launch, entries: every trace
        call as (launch, key, code, value) in program order)."""
        prm = self.params[p]
        st = self._init_state(cl, p)
        snaps, ents = [{n: list(v) for n, v in st.items()}], []
        for l in range(self.nlaunch):
            k, m = self.launch_args[l]
            for s in cl["launches"][l]:
                if s[0] == "mut":
                    st[s[1]] = s[3](st[s[1]], prm, k, m)
                else:
                    ents.extend((l,) + e for e in s[2](st, prm, k, m))
            snaps.append({n: list(v) for n, v in st.items()})
        return snaps, ents

    def _words_needed(self, cl, p, key):
        _, ents = self._run(cl, p)
        return sum(entry_words(e[2], e[3]) for e in ents if e[1] == key)

    def model(self, cl, p):
        """states[l] after l launches (0 = init); traces[l][key] = entries, words, seq."""
        snaps, ents = self._run(cl, p)
        self.stamp_seq = {e[3]: i for i, e in enumerate(ents) if e[1] is None}
        states, traces = [], []
        for l in range(self.nlaunch + 1):
            st = snaps[l]
            done = {e[3] for e in ents if e[0] < l and e[1] is None}  # stamps taken: values unknown
            states.append({g["name"]: None if g["name"] in done else to_hex(g, st[g["name"]])
                           for g in cl["globals"]})
            tr = {key["key"]: {"entries": [], "words": [], "seq": []} for key in cl["keys"]}
            full = {key["key"]: False for key in cl["keys"]}
            size = {key["key"]: key["size"] for key in cl["keys"]}
            for i, (ll, kname, code, val) in enumerate(ents):
                if ll >= l:
                    break
                if kname is None:
                    continue
                t = tr[kname]
                n = entry_words(code, val)
                if full[kname] or len(t["words"]) + n > size[kname]:
                    full[kname] = True
                    continue
                t["words"].extend(encode(code, val))
                t["entries"].append([code, json_value(code, val), ll])
                t["seq"].append(i)
            traces.append(tr)
        return states, traces

    # ---- output ----
    def pe_source(self, c):
        cl = self.classes[c]
        out = [f"// randdebug seed {self.seed}: code class {c} (generated by gen.py; do not edit).",
               "param memcpy_params;", "param px: u16;", "param py: u16;", "param a: i16;",
               "param b: u32;", "param q: f32;", "param hq: f16;", "param tag: comptime_string;", "",
               'const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);']
        if cl["uses_time"]:
            out.append('const timer = @import_module("<time>");')
        for key in cl["keys"]:
            out.append(f'const {key["mod"]} = @import_module("<debug>", .{{ .key = "{key["key"]}", '
                       f'.buffer_size = {key["size"]} }});')
        out.append("")
        if any(g.get("mod") for g in cl["globals"]):
            out.append(f'const hm = @import_module("helper_c{c}.csl", .{{ .px = px, .py = py, .a = a, '
                       '.b = b, .q = q, .hq = hq });')
        for g in cl["globals"]:
            if not g.get("mod"):
                out.append(self.decl(g))
        out.append("")
        if self.tasks:
            out += ["var sync_ptr: [*]u32 = &sync_word;", ""]
        if self.hostbuf:
            out += [f"var hostbuf_ptr: [*]{self.hostbuf} = &hostbuf;", ""]
        for l, stmts in enumerate(cl["launches"]):
            out.append(f"fn step{l}(k: u16, m: i32) void {{")
            if cl["uses_time"]:
                out.append("  timer.enable_tsc();")
            called = False
            split = cl["split"][l] if self.tasks else len(stmts)
            for i, s in enumerate(stmts):
                if i == split:  # the rest runs in a task, which reads the arguments' copies
                    out += [f"  @activate(fin{l}_id);", "}", "",
                            f"const fin{l}_id: local_task_id = @get_local_task_id({10 + l});",
                            f"task fin{l}() void {{"]
                if s[0] == "mut" and s[4]:
                    if not called:  # the module's statements of this launch, in their order
                        out.append(f"  hm.update{l}(k, m);" if i < split else f"  hm.update{l}(arg_k, arg_m);")
                        called = True
                    continue
                lines = s[1] if s[0] == "trace" else s[2]
                if i >= split and s[1] not in ("arg_k", "arg_m"):
                    lines = [x if "trace_string" in x else re.sub(r"\b(k|m)\b", r"arg_\1", x) for x in lines]
                out.extend("  " + x for x in lines)
            out.append("  sys_mod.unblock_cmd_stream();")
            out.append("}")
            out.append("")
        out.append("comptime {")
        for l in range(self.nlaunch):
            out.append(f"  @export_symbol(step{l});")
            if self.tasks:
                out.append(f"  @bind_local_task(fin{l}, fin{l}_id);")
        if self.tasks:
            out.append('  @export_symbol(sync_ptr, "sync");')
        if self.hostbuf:
            out.append('  @export_symbol(hostbuf_ptr, "hostbuf");')
        out.append("}")
        return "\n".join(out) + "\n"

    def helper_source(self, c):
        cl = self.classes[c]
        out = [f"// randdebug seed {self.seed}: a module of code class {c}, imported as `hm` (its",
               "// globals are the symbols hm.<name>; generated by gen.py; do not edit).",
               "param px: u16;", "param py: u16;", "param a: i16;", "param b: u32;", "param q: f32;",
               "param hq: f16;", ""]
        out += [self.decl(g) for g in cl["globals"] if g.get("mod")]
        for l, stmts in enumerate(cl["launches"]):
            out += ["", f"fn update{l}(k: u16, m: i32) void {{"]
            for s in stmts:
                if s[0] == "mut" and s[4]:
                    out.extend("  " + x for x in s[2])
            out.append("}")
        return "\n".join(out) + "\n"

    def layout_source(self):
        out = [f"// randdebug seed {self.seed}: a {self.W}x{self.H} rectangle in {self.nclass} code "
               "class(es) with per-PE params (generated by gen.py; do not edit).",
               f'const memcpy = @import_module("<memcpy/get_params>", .{{ .width = {self.W}, .height = {self.H} }});',
               "", "layout {", f"  @set_rectangle({self.W}, {self.H});"]
        for (x, y) in sorted(self.cls, key=lambda p: (p[1], p[0])):
            p = self.params[(x, y)]
            out.append(f'  @set_tile_code({x}, {y}, "pe_c{self.cls[(x, y)]}.csl", .{{ .memcpy_params = '
                       f'memcpy.get_params({x}), .px = {x}, .py = {y}, .a = {p["a"]}, .b = {p["b"]}, '
                       f'.q = {flit(p["q"])}, .hq = {flit(p["hq"])}, .tag = "{p["tag"]}" }});')
        for l in range(self.nlaunch):
            out.append(f'  @export_name("step{l}", fn(u16, i32) void);')
        if self.tasks:
            out.append('  @export_name("sync", [*]u32, true);')
        if self.hostbuf:
            out.append(f'  @export_name("hostbuf", [*]{self.hostbuf}, true);')
        out.append("}")
        return "\n".join(out) + "\n"

    def referenced(self, c, g):
        """Whether the code uses g beyond its declaration. An unreferenced global may be
        left out of the binary (the Storage Classes page: tools "will not necessarily be
        able to access the contents of the symbol by name")."""
        text = self.pe_source(c)
        if any(x.get("mod") for x in self.classes[c]["globals"]):
            text += self.helper_source(c)
        return len(re.findall(r"\b%s\b" % re.escape(g.get("code", g["name"])), text)) > 1

    def case_json(self):
        r = self.rng
        pes = {}
        for (x, y), c in self.cls.items():
            states, traces = self.model(self.classes[c], (x, y))
            pes[f"{x},{y}"] = {"class": c, "states": states, "traces": traces, "stamps": self.stamp_seq}
        classes = [{"globals": [{"name": g["name"], "type": g["type"], "shape": g["shape"],
                                 "referenced": self.referenced(c, g), "stamp": bool(g.get("stamp"))}
                                for g in cl["globals"]],
                    "keys": [{"key": k["key"], "size": k["size"]} for k in cl["keys"]]}
                   for c, cl in enumerate(self.classes)]
        return {"seed": self.seed, "width": self.W, "height": self.H, "ox": self.ox, "oy": self.oy,
                "dimx": self.dimx, "dimy": self.dimy, "nlaunch": self.nlaunch,
                "launch_args": self.launch_args, "classes": classes, "pes": pes,
                "mid_dump": r.randrange(self.nlaunch), "tasks": self.tasks,
                "hostbuf": self.hostbuf and {"type": self.hostbuf, "order": self.hostbuf_order,
                                             "words": {f"{x},{y}": [int(np.array([v], NP[self.hostbuf]).view(
                                                 np.uint16 if self.hostbuf == "u16" else np.uint32)[0])
                                                 for v in vals] for (x, y), vals in self.hostbuf_data.items()}}, "check_seed": r.randint(0, 1 << 30)}


def entry_words(code, val):
    if code == "s":
        return 1 + (len(val.encode("utf-8")) + 1) // 2
    return ENTRY_WORDS[code]


def encode(code, val):
    """The u16 words of one entry (docs/host-api.md, "<debug> traces"); None = timestamp word."""
    c = ord(code)
    if code == "?":
        return [c | (int(bool(val)) << 8)]
    if code in "bB":
        return [c | ((val & 0xFF) << 8)]
    if code in "hH":
        return [c, val & 0xFFFF]
    if code == "e":
        return [c, int(np.float16(float(val)).view(np.uint16))]
    if code in "iI":
        v = val & 0xFFFFFFFF
        return [c, v & 0xFFFF, v >> 16]
    if code == "f":
        v = int(np.float32(float(val)).view(np.uint32))
        return [c, v & 0xFFFF, v >> 16]
    if code == "t":
        return [c, None, None, None]
    if code == "s":
        raw = val.encode("utf-8")
        words = [c | (len(raw) << 8)]
        padded = raw + (b"\0" if len(raw) % 2 else b"")
        words += [padded[i] | padded[i + 1] << 8 for i in range(0, len(padded), 2)]
        return words
    raise AssertionError(code)


def json_value(code, val):
    if code in "ef":
        return float(val)
    if code == "?":
        return bool(val)
    return val


def to_hex(g, vals):
    return b"".join(to_bytes(g["type"], v) for v in vals).hex()


def write_case(seed, outdir, strict_types=False):
    gen = Gen(seed)
    gen.build()
    os.makedirs(outdir, exist_ok=True)
    for f in os.listdir(outdir):
        if f.startswith(("pe_c", "helper_c")) and f.endswith(".csl"):
            os.remove(os.path.join(outdir, f))
    with open(os.path.join(outdir, "layout.csl"), "w") as f:
        f.write(gen.layout_source())
    for c in range(gen.nclass):
        with open(os.path.join(outdir, f"pe_c{c}.csl"), "w") as f:
            f.write(gen.pe_source(c))
        if any(g.get("mod") for g in gen.classes[c]["globals"]):
            with open(os.path.join(outdir, f"helper_c{c}.csl"), "w") as f:
                f.write(gen.helper_source(c))
    with open(os.path.join(outdir, "case.json"), "w") as f:
        case = gen.case_json()
        case["strict_types"] = strict_types
        json.dump(case, f, separators=(",", ":"))
    for arch in ("wse2", "wse3"):
        with open(os.path.join(outdir, f"compile_{arch}.sh"), "w") as f:
            f.write("#!/usr/bin/env bash\nset -e\n"
                    f"cslc --arch={arch} ./layout.csl --fabric-dims={gen.dimx},{gen.dimy} "
                    f"--fabric-offsets={gen.ox},{gen.oy}"
                    + (" --fp16-format=bf16" if gen.fp16 == "bf16" else "")
                    + (f" --link-section-start-address-bytes=.hi:{gen.section_start}" if gen.section_bytes else "")
                    + " -o out --memcpy --channels 1\n")
    return gen


STRICT_TYPE_SEEDS = [7]  # cases that also pass wrong-typed arguments (h-randdebug 1, fixed)


def main(argv):
    if argv[:1] == ["--all"]:
        root = argv[1] if len(argv) > 1 else "."
        for s in SEEDS:
            write_case(s, os.path.join(root, "cases", f"s{s}"))
        for s in STRICT_TYPE_SEEDS:
            write_case(s, os.path.join(root, "cases", f"types-s{s}"), strict_types=True)
        return
    if len(argv) != 2:
        sys.exit(__doc__)
    write_case(int(argv[0]), argv[1])


if __name__ == "__main__":
    main(sys.argv[1:])
