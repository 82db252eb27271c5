#!/usr/bin/env cs_python
"""rpn-interpreter: random RPN texts per PE, lexed and evaluated on the device and by a
Python model of the same language (i32 wrapping arithmetic, division truncating toward
zero, remainder with the dividend's sign, shift amounts taken modulo 32)."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W = int(params["width"])
L = int(params["src_len"])
R = int(params["max_results"])

KINDS = ["number", "plus", "minus", "times", "divide", "modulo", "band", "bor", "bxor",
         "shl", "shr", "bnot", "neg", "dup", "swap", "drop", "min", "max", "end_expr",
         "end_input", "bad"]
K = {name: i for i, name in enumerate(KINDS)}
SINGLE = {"+": "plus", "-": "minus", "*": "times", "/": "divide", "%": "modulo", "&": "band",
          "|": "bor", "^": "bxor", "~": "bnot", "n": "neg", "N": "neg", "d": "dup", "s": "swap",
          "x": "drop", "m": "min", "M": "max", ";": "end_expr", "\n": "end_expr"}
ARITY = {"number": 0, "bnot": 1, "neg": 1, "dup": 1, "drop": 1}
STATUS = {"ok": 0, "underflow": 3, "div_zero": 4, "bad_char": 10, "stack_full": 11, "leftover": 12}
DEPTH = 8


class Undefined(Exception):
    """INT_MIN / -1: C leaves it undefined, so the generator avoids it."""


def wrap(v):
    return (v + 2**31) % 2**32 - 2**31


def digit(ch):
    c = chr(ch) if ch else ""
    if c.isdigit():
        return ord(c) - ord("0")
    if c and c.lower() in "abcdef":
        return ord(c.lower()) - ord("a") + 10
    return 16


def tokens(codes):
    """Yields (kind, value, line-after) like the device lexer."""
    pos, line, n = 0, 1, len(codes)
    at = lambda p: codes[p] if p < n else 0
    while True:
        while pos < n and chr(codes[pos]) in " \t\r":
            pos += 1
        c = at(pos)
        if c == ord("#"):
            while pos < n and codes[pos] != ord("\n"):
                pos += 1
            c = at(pos)
        if c == 0:
            yield "end_input", 0, line
            return
        if digit(c) < 10:
            base = 10
            if c == ord("0") and chr(at(pos + 1)) in "xXbB":
                base = 16 if chr(at(pos + 1)) in "xX" else 2
                pos += 2
            acc = 0
            while pos < n and digit(codes[pos]) < base:
                acc = (acc * base + digit(codes[pos])) % 2**32
                pos += 1
            yield "number", wrap(acc), line
            continue
        ch = chr(c)
        if ch in "<>":
            if chr(at(pos + 1)) == ch:
                pos += 2
                yield ("shl" if ch == "<" else "shr"), c, line
            else:
                pos += 1
                yield "bad", c, line
            continue
        kind = SINGLE.get(ch, "bad")
        if ch == "\n":
            line += 1
        pos += 1
        yield kind, c, line


def apply(stack, kind, value):
    if len(stack) < ARITY.get(kind, 2):
        return "underflow"
    if kind == "number":
        if len(stack) == DEPTH:
            return "stack_full"
        stack.append(value)
    elif kind == "dup":
        if len(stack) == DEPTH:
            return "stack_full"
        stack.append(stack[-1])
    elif kind == "drop":
        stack.pop()
    elif kind == "bnot":
        stack[-1] = wrap(~stack[-1])
    elif kind == "neg":
        stack[-1] = wrap(-stack[-1])
    elif kind == "swap":
        stack[-1], stack[-2] = stack[-2], stack[-1]
    else:
        b, a = stack.pop(), stack.pop()
        if kind in ("divide", "modulo") and b == 0:
            return "div_zero"
        if kind in ("divide", "modulo") and a == -2**31 and b == -1:
            raise Undefined()
        s = b % 32
        q = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1) if b else 0
        r = {"plus": a + b, "minus": a - b, "times": a * b, "divide": q, "modulo": a - q * b,
             "band": a & b, "bor": a | b, "bxor": a ^ b, "shl": a << s, "shr": a >> s,
             "min": min(a, b), "max": max(a, b)}[kind]
        stack.append(wrap(r))
    return "ok"


def model(codes):
    counts = np.zeros(len(KINDS) + 1, dtype=np.uint32)
    results, statuses = [], []
    stack, state, in_expr = [], "ok", 0
    for kind, value, line in tokens(codes):
        counts[K[kind]] += 1
        if kind in ("end_expr", "end_input"):
            if in_expr and len(results) < R:
                if state == "ok" and len(stack) != 1:
                    state = "leftover"
                results.append(stack[0] if state == "ok" else line)
                statuses.append(STATUS[state])
            stack, state, in_expr = [], "ok", 0
            if kind == "end_input":
                break
            continue
        in_expr += 1
        if state == "ok":
            state = "bad_char" if kind == "bad" else apply(stack, kind, value)
    counts[len(KINDS)] = len(results)
    return results, statuses, counts


rng = np.random.default_rng(2026)


def number_text():
    v = int(rng.integers(0, 2**31))
    form = rng.integers(0, 6)
    if form == 0:
        return f"0x{v:x}" if rng.integers(0, 2) else f"0X{v:X}"
    if form == 1:
        return f"0b{v % 64:b}"
    if form == 2:
        return str(v % 10)
    if form == 3:
        return str(v)
    if form == 4:
        return str(v * 7919)  # past 2^32: wraps while it is lexed
    return str(v % 1000)


def expression():
    """A well-formed RPN expression, then sometimes a defect."""
    parts, depth = [], 0
    for _ in range(int(rng.integers(1, 9))):
        if depth < 2 or (depth < 6 and rng.integers(0, 3) == 0):
            parts.append(number_text())
            depth += 1
        else:
            op = str(rng.choice(["+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", "~", "n",
                                 "N", "d", "s", "x", "m", "M"]))
            parts.append(op)
            depth += {"~": 0, "n": 0, "N": 0, "d": 1, "s": 0, "x": -1}.get(op, -1)
    while depth > 1:
        parts.append(str(rng.choice(["+", "*", "^", "-", "M"])))
        depth -= 1
    defect = rng.integers(0, 10)
    if defect == 0:
        parts.insert(int(rng.integers(0, len(parts) + 1)), str(rng.choice(["?", "<", "$", "q"])))
    elif defect == 1:
        parts.append("0 /")
    elif defect == 2:
        parts = ["+"] + parts
    elif defect == 3:
        parts.append("1 2 3")
    elif defect == 4:
        parts = ["1"] * 9
    seps = [" ", " ", "  ", "\t", " \r "]
    text = parts[0]
    for p in parts[1:]:
        text += str(rng.choice(seps)) + p
    return text


def program_text():
    while True:
        text = ""
        while True:
            piece = expression()
            end = str(rng.choice([";", "\n", " ;", " # note\n", ";;", "\n\n"]))
            if len(text) + len(piece) + len(end) >= L - 4:
                break
            text += piece + end
        codes = [ord(c) for c in text] + [0] * (L - len(text))
        try:
            model(codes)
            return codes
        except Undefined:
            continue


texts = [program_text() for _ in range(W)]
# PE 1's text is cut off by the buffer end (no 0), PE 2's ends early at a 0 in the middle.
texts[1] = [ord(c) for c in ("12 34 + 5 * " * L)][:L]
if W > 2:
    texts[2][L // 2] = 0
src = np.array(texts, dtype=np.uint32).ravel()

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("src", "results", "status", "kind_counts")}
runner.load()
runner.run()
u16 = MemcpyDataType.MEMCPY_16BIT
u32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR
runner.memcpy_h2d(ids["src"], src, 0, 0, W, 1, L, streaming=False, order=ROW, data_type=u16,
                  nonblock=False)

builtin = "7 5 - 3 *;" + " 0x10 0b101 |" + "\n100 7 % 100 7 / +;" + " # the end\n"
failures = 0
for mode in (0, 1):
    runner.launch("evaluate", np.uint16(mode), nonblock=False)
    res = np.zeros(W * R, dtype=np.int32)
    st = np.zeros(W * R, dtype=np.uint32)
    cnt = np.zeros(W * (len(KINDS) + 1), dtype=np.uint32)
    runner.memcpy_d2h(res, ids["results"], 0, 0, W, 1, R, streaming=False, order=ROW,
                      data_type=u32, nonblock=False)
    runner.memcpy_d2h(st, ids["status"], 0, 0, W, 1, R, streaming=False, order=ROW,
                      data_type=u32, nonblock=False)
    runner.memcpy_d2h(cnt, ids["kind_counts"], 0, 0, W, 1, len(KINDS) + 1, streaming=False,
                      order=ROW, data_type=u32, nonblock=False)
    res, st, cnt = res.reshape(W, R), st.reshape(W, R), cnt.reshape(W, -1)
    for x in range(W):
        codes = texts[x] if mode == 0 else [ord(c) for c in builtin]
        want_r, want_s, want_c = model(codes)
        n = len(want_r)
        if mode == 1:
            assert want_r == [6, 21, 16], want_r  # the model agrees with arithmetic by hand
        ok = (np.array_equal(cnt[x], want_c) and np.array_equal(res[x, :n], want_r)
              and np.array_equal(st[x, :n], want_s))
        if not ok:
            failures += 1
            print(f"mode {mode} PE {x}: text {''.join(map(chr, codes))!r}")
            print("  counts", cnt[x].tolist(), "want", want_c.tolist())
            for k in range(n):
                mark = "" if (res[x, k], st[x, k]) == (want_r[k], want_s[k]) else "  <-- differs"
                print(f"  expr {k}: got {res[x, k]} status {st[x, k]}, want {want_r[k]} status {want_s[k]}{mark}")
        elif mode == 0:
            print(f"PE {x}: {n} expressions, statuses {sorted(set(want_s))}")
runner.stop()
assert failures == 0, f"{failures} PE/mode combinations differ"
print("SUCCESS!")
