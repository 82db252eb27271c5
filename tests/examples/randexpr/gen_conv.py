#!/usr/bin/env python3
"""Every `@as(T, x)` conversion between the scalar types, and every `@bitcast` between types
of one size, over edge values of each source type, at run time and folded at comptime.

    gen_conv.py SEED OUTDIR [--wide]     (OUTDIR = tests/examples/randexpr/cases/NAME)

Types: i8..u64, f16, f32, bool (as a source only: `@as(int|float, bool)`), and with --wide
the arbitrary-width integers of gen.py. For each (source, destination) pair a run-time
loop converts the source values the host copied in (`inp`) and stores the bits (`out`);
the values whose conversion is also valid at comptime (integers that fit, floats in range)
are folded into a const array by the compiler and copied out after them. Undefined
conversions (float to int out of range, NaN or infinity to int, int to float past the
largest finite value) are never generated. The model is gen.py's: integers keep their low
bits when narrowing (sign- or zero-extend when widening), float to int truncates toward
zero, int to float and f32 to f16 round to nearest even (f16 overflow to infinity), f16 to
f32 is exact, bool is 0 or 1.
"""
import random
import sys
from fractions import Fraction
from pathlib import Path

import gen as G


def edge_values(t, rng):
    """Source values: the type's edges plus a few random ones."""
    if t == "bool":
        return [False, True]
    if G.is_int(t):
        lo, hi = G.int_range(t)
        vals = {lo, lo + 1, hi, hi - 1, 0, 1, min(hi, 127), min(hi, 255), min(hi, 256),
                min(hi, 2049), min(hi, 16777217), min(hi, 65505)}
        if lo < 0:
            vals |= {-1, max(lo, -128), max(lo, -129), max(lo, -2049), max(lo, -16777217)}
        vals |= {rng.randint(lo, hi) for _ in range(3)}
        return sorted(vals)
    fmt_max = 65504.0 if t == "f16" else float(G.round_float(Fraction(2) ** 128 - 1, "f32"))
    vals = [0.0, -0.0, 0.5, -0.5, 0.99951171875, -1.5, 2.5, 3.5, -127.75, 255.5, 256.0,
            -32768.0, 32767.5, 65504.0, -65504.0, 2049.0, 1.0 / 1024, 6.103515625e-05,
            5.960464477539063e-08, float("inf"), float("-inf")]
    if t == "f32":
        vals += [65520.0, 16777217.0, 2147483520.0, -2147483648.0, 4294967040.0, 1e-40,
                 3.4e38, 1.0000001, 0.1, 9.2233715e18, 1.8446743e19]
    vals += [G.round_float(Fraction(rng.uniform(-70000, 70000)), t) for _ in range(3)]
    out = []
    for v in vals:
        r = G.round_float(Fraction(v), t) if v == v and abs(v) != float("inf") else v
        if abs(r) <= fmt_max or abs(r) == float("inf"):
            if v == 0:
                r = v  # keep the sign of zero
            if not any(G.float_bits(r, t) == G.float_bits(o, t) for o in out):
                out.append(r)
    return out


def convert(v, s, t):
    """The model's @as(t, v) for v of type s, or None when undefined."""
    node = G.Cast(t, G.Known(v, s))
    try:
        return node.ev({}, G.Ctx())
    except G.Reject:
        return None


def comptime_ok(v, s, t):
    """Whether the compiler may fold @as(t, v) (a narrowing that does not fit is an error)."""
    ctx = G.Ctx()
    try:
        r = G.Cast(t, G.Known(v, s)).ev({}, ctx)
    except G.Reject:
        return False
    return not ctx.overflow and not (G.is_float(t) and abs(r) == float("inf") and
                                     abs(v) != float("inf"))


def result_words(v, s, t, kind):
    """The words put_<t> stores for the conversion (a bitcast keeps every bit, NaNs too)."""
    if kind == "bitcast":
        b = G.to_bits(v, s)
        return [b & 0xffffffff, b >> 32] if t in G.WORDS else [b]
    return G.out_words(t, convert(v, s, t))


def src_literal(v, s):
    if s == "bool":
        return "true" if v else "false"
    if G.is_float(s):
        w = 16 if s == "f16" else 32
        return f"@bitcast({s}, @as(u{w}, 0x{G.float_bits(v, s):x}))"
    return f"@as({s}, {v})"


CHUNK_WORDS = 1500  # results per launch (the out buffer's size)


def nwords(t):
    return 2 if t in G.WORDS else 1


def generate(seed, outdir, wide):
    rng = random.Random(seed)
    if wide:
        G.use_wide_types()
    types = list(G.TYPES)
    sources = {s: edge_values(s, rng) for s in types}
    name = Path(outdir).resolve().name
    inp, inp_at = [], {}
    for s in types:
        inp_at[s] = len(inp)
        for v in sources[s]:
            inp += G.input_words(s, v)
    pe_funcs, pe_consts, slots, expected = [], [], [], []
    chunks = [[]]  # per chunk: compute's statements; each chunk's results start at out[0]
    chunk_slots, chunk_expected = [[]], [[]]
    out_at = 0
    body = chunks[-1]
    pairs = [(s, t, "as") for s in types for t in types
             if t != "bool" and s != t and (s != "bool" or G.is_int(t))]
    pairs += [(s, t, "bitcast") for s in types if s != "bool" for t in G.bitcast_peers(s)]
    for s, t, kind in pairs:
        if out_at > CHUNK_WORDS:
            chunks.append([])
            chunk_slots.append([])
            chunk_expected.append([])
            body, out_at = chunks[-1], 0
        slots, expected = chunk_slots[-1], chunk_expected[-1]
        picked = [(i, v) for i, v in enumerate(sources[s])
                  if kind == "bitcast" or convert(v, s, t) is not None]
        if not picked:
            continue
        op = "@as" if kind == "as" else "@bitcast"
        fn = f"{'conv' if kind == 'as' else 'cast'}_{s}_{t}"
        # Run-time: the source values are copied in; pick the valid ones by index.
        idx = [i for i, _ in picked]
        vals = [v for _, v in picked]
        pe_consts.append(f"const idx_{fn} = [{len(idx)}]u16{{ {', '.join(map(str, idx))} }};")
        w = nwords(s)
        pe_funcs.append(
            f"fn {fn}(at: u16) void {{\n"
            f"  for (@range(u16, {len(idx)})) |i| {{\n"
            f"    put_{t}(at + i * {nwords(t)}, {op}({t}, ld_{s}({inp_at[s]} + idx_{fn}[i] * {w})));\n"
            f"  }}\n}}\n")
        body.append(f"  {fn}({out_at});")
        for v in vals:
            slots.append((f"{op}({t}, {s} {v!r}) at run time", t, out_at))
            expected += result_words(v, s, t, kind)
            out_at += nwords(t)
        # Comptime: the values the compiler may fold, as a const array.
        cvals = [v for v in vals if kind == "bitcast" or comptime_ok(v, s, t)]
        if kind == "bitcast":
            cvals = [v for v in cvals if not (G.is_float(t) and
                                              G.from_bits(G.to_bits(v, s), t) != G.from_bits(G.to_bits(v, s), t))]
        if cvals:
            items = ", ".join(f"{op}({t}, {src_literal(v, s)})" for v in cvals)
            pe_consts.append(f"const folded_{fn} = [{len(cvals)}]{t}{{ {items} }};")
            body.append(f"  for (@range(u16, {len(cvals)})) |i| {{ put_{t}({out_at} + i * "
                        f"{nwords(t)}, folded_{fn}[i]); }}")
            for v in cvals:
                slots.append((f"{op}({t}, {s} {v!r}) at comptime", t, out_at))
                expected += result_words(v, s, t, kind)
                out_at += nwords(t)

    pe = [f"// randexpr/cases/{name}: generated by `python3 tests/examples/randexpr/gen_conv.py {seed} "
          f"tests/examples/randexpr/cases/{name}{' --wide' if wide else ''}`.",
          "// Every @as between the scalar types and every same-size @bitcast over edge values,",
          "// at run time (loops over the host's inputs) and folded at comptime (const arrays).",
          "param memcpy_params;", "",
          'const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);', "",
          f"var inp = @zeros([{len(inp)}]u32);",
          f"var out = @zeros([{max(len(e) for e in chunk_expected)}]u32);",
          "var inp_ptr: [*]u32 = &inp;", "var out_ptr: [*]u32 = &out;", ""]
    for t in types:
        pe.append(f"fn ld_{t}(k: u16) {t} {{ {G.load_body(t)} }}")
    for t in types:
        pe.append(f"fn put_{t}(k: u16, x: {t}) void {{ {G.put_body(t)} }}")
    pe += [""] + pe_consts + [""] + pe_funcs
    for c, stmts in enumerate(chunks):
        pe += [f"fn chunk_{c}() void {{"] + stmts + ["}", ""]
    arms = ", ".join(f"{c} => chunk_{c}()" for c in range(len(chunks)))
    pe += ["fn compute(chunk: u16) void {", f"  switch (chunk) {{ {arms}, else => {{}} }}",
           "  sys_mod.unblock_cmd_stream();", "}", "",
           "comptime {", '  @export_symbol(inp_ptr, "inp");', '  @export_symbol(out_ptr, "out");',
           "  @export_symbol(compute);", "}", ""]
    about = (f"gen_conv.py seed {seed}. Copy the source values in, launch compute, compare every "
             "converted value with the model bit for bit.")
    G.write_case(outdir, "\n".join(pe),
                 G.layout_text(name, f"gen_conv.py's conversion matrix (seed {seed})", "u16"),
                 {"about": about, "kind": "chunks", "two_words": sorted(G.WORDS), "inputs": [inp],
                  "expected": chunk_expected, "slots": chunk_slots})
    print(f"{name}: {len(pairs)} pairs, {sum(len(x) for x in chunk_slots)} conversions in "
          f"{len(chunks)} chunks, {len(inp)} input words")


if __name__ == "__main__":
    generate(int(sys.argv[1]), sys.argv[2], "--wide" in sys.argv)
