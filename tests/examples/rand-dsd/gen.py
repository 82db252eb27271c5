#!/usr/bin/env python3
"""Random differential tests of CSL DSD operations (stdlib + numpy only).

    gen.py --seed N --out DIR [--ops K] [--width W] [--keep I,J,..]

writes a case folder, DIR = tests/examples/rand-dsd/cases/NAME: layout.csl, pe_program.csl,
case.json, compile_wse2.sh and compile_wse3.sh (the family's run.py checks the case in its
folder). A case is a W x 1 row whose PEs all run the same K random DSD operations (every
operation family of the Builtins page for DSD operations, @map with generated callbacks)
over random mem1d/mem4d DSDs (random lengths, strides including negative and zero ones,
`.offset`, mutators with comptime and run-time arguments, DSRs, scalars in either
position, destination = source aliasing) on per-PE random data. run.py replays the
operations on a numpy model of the PE memory and compares every word bit for bit.

Only documented behaviour is compared. The model marks an element "undefined" (not
compared, and poisoning whatever is computed from it) where the SDK docs are silent:
shift counts above 15, @clz/@ctz of 0, @fmaxs/@fmaxh with a NaN or with +0/-0, float ->
xp16 of a value that is not an integer in i16 range, xp16 -> f16 of a value f16 cannot
hold exactly, and NaN payloads (a NaN must be a NaN). @fmacs/@fmach are modelled fused
(rounded once): whether the hardware fuses is not documented.

--ops K keeps the first K operations and --keep keeps only the listed ones (for
minimising a disagreement: the same seed draws the same operations).
"""
import argparse
import json
import os
import random
import re
import stat
import struct
import sys

NF, NH, NI, NU, NC = 80, 80, 80, 40, 24
NK, NP = 8, 512
ARR = {  # name: (csl element type, length, element bytes)
    "F": ("f32", NF, 4), "H": ("f16", NH, 2), "I": ("i16", NI, 2), "U": ("u32", NU, 4),
    "C": ("u16", NC, 2),
}

F32_BIN = ["fadds", "fsubs", "fmuls", "fmaxs"]
F16_BIN = ["faddh", "fsubh", "fmulh", "fmaxh"]
INT_BIN = ["add16", "sub16", "and16", "or16", "xor16"]
SHIFTS = ["sll16", "slr16", "sar16"]
UNARY = {  # op: (dest array, source array)
    "fnegs": ("F", "F"), "fabss": ("F", "F"), "fmovs": ("F", "F"),
    "fnegh": ("H", "H"), "fabsh": ("H", "H"), "fmovh": ("H", "H"),
    "mov16": ("I", "I"), "popcnt": ("I", "I"), "clz": ("I", "I"), "ctz": ("I", "I"),
    "mov32": ("U", "U"),
    "fh2s": ("F", "H"), "fs2h": ("H", "F"), "xp162fs": ("F", "I"), "xp162fh": ("H", "I"),
    "fs2xp16": ("I", "F"), "fh2xp16": ("I", "H"),
}


class Gen:
    def __init__(self, seed, width, avoid=()):
        self.r = random.Random(seed)
        self.avoid = set(avoid)  # known bugs not to trigger (names from NOTES.md)
        self.no_rt = False  # while building file-scope DSDs: comptime arguments only
        self.bf16 = False  # --fp16-format=bf16
        self.fabric = False  # --fabric: PE 0 sends results east to PE 1
        self.globals = []  # file-scope DSD variables
        self.launches = 2
        self.width = width
        self.p_vals = []  # run-time mutator arguments, P[j]
        self.lines = []
        self.ops = []
        self.maps = []  # callback source texts
        self.dsr_uses = 0

    # ---- values -------------------------------------------------------------------------
    def pval(self, v):
        """A run-time i16 whose value is v: the index of P holding it."""
        if len(self.p_vals) >= NP:
            raise RuntimeError("P is full: use fewer operations")
        self.p_vals.append(v)
        return f"P[{len(self.p_vals) - 1}]"

    def arg(self, v, kind):
        """v as a comptime literal or a run-time value read from P."""
        if self.no_rt or self.r.random() < 0.5 or len(self.p_vals) >= NP - 4:
            return str(v) if kind != "i8" else f"@as(i8, {v})"
        p = self.pval(v)
        return {"i16": p, "u16": f"@as(u16, {p})", "i8": f"@as(i8, {p})"}[kind]

    # ---- DSDs ---------------------------------------------------------------------------
    def fits(self, arr, addrs):
        return all(0 <= a < ARR[arr][1] for a in addrs)

    def mem1d(self, arr, length, write):
        """A random mem1d DSD of `length` elements: (csl expr, addrs, desc for mutators)."""
        n = ARR[arr][1]
        for _ in range(200):
            s = self.r.choice([1, 1, 1, 2, 3, -1, -2, 5, 0, 4, -3, 7]) if length > 1 else 1
            if write and s == 0:
                continue
            lo = -s * (length - 1) if s < 0 else 0
            hi = n - 1 - (s * (length - 1) if s > 0 else 0)
            if lo > hi:
                continue
            start = self.r.randint(lo, hi)
            addrs = [start + s * k for k in range(length)]
            form = self.r.random()
            if form < 0.55:
                idx = f"{start}" if s == 0 else (
                    f"{start} + {s} * k" if s > 0 else f"{start} - {-s} * k")
                if start == 0 and s != 0:
                    idx = f"{s} * k" if s > 0 else idx
                expr = (f"@get_dsd(mem1d_dsd, .{{ .tensor_access = |k|{{{length}}} -> "
                        f"{arr}[{idx}] }})")
                return expr, addrs, {"kind": "m1", "start": start, "stride": s, "len": length,
                                     "off": 0}
            # .offset is an i16, so the base may also lie past the first element.
            base = self.r.randint(0, min(n - 1, start + 6))
            off = start - base
            rt = lambda v, kind: self.arg(v, kind) if "rtfields" not in self.avoid else str(v)
            rt_base = not (self.no_rt or self.r.random() < 0.5 or len(self.p_vals) >= NP - 4)
            if not rt_base:
                fields = [f".base_address = &{arr}[{base}]"]
            else:
                fields = [f".base_address = &{arr}[@as(u16, {self.pval(base)})]"]
                if "rtbaseoff" in self.avoid and off:
                    rt = lambda v, kind: self.arg(v, kind) if kind != "i16" else self.pval(v)
            fields.append(f".extent = {rt(length, 'u16')}")
            if s != 1 or self.r.random() < 0.3:
                fields.append(f".stride = {rt(s, 'i8')}")
            if off or self.r.random() < 0.3:
                fields.append(f".offset = {rt(off, 'i16')}")
            expr = f"@get_dsd(mem1d_dsd, .{{ {', '.join(fields)} }})"
            return expr, addrs, {"kind": "m1", "start": start, "stride": s, "len": length,
                                 "off": off}
        raise RuntimeError("no mem1d fits")

    def mem4d(self, arr, length, write):
        """A random 2-4 dimensional mem4d DSD with `length` elements, or None."""
        n = ARR[arr][1]
        shapes = []
        for dims in (2, 3, 4):
            def split(m, d):
                if d == 1:
                    return [[m]]
                out = []
                for f in range(1, m + 1):
                    if m % f == 0:
                        out += [[f] + rest for rest in split(m // f, d - 1)]
                return out
            shapes += [sh for sh in split(length, dims) if all(e > 1 for e in sh) or
                       self.r.random() < 0.2]
        if not shapes:
            return None
        for _ in range(200):
            ext = self.r.choice(shapes)
            strides = [self.r.choice([1, 2, 3, -1, -2, 4, 0, 5, 7, -4, 9]) for _ in ext]
            rel = [0]
            for e, s in zip(ext, strides):
                rel = [a + s * k for a in rel for k in range(e)]
            lo, hi = -min(rel), n - 1 - max(rel)
            if lo > hi:
                continue
            if write and len(set(rel)) != len(rel):
                continue
            o = self.r.randint(lo, hi)
            names = "ijlm"[:len(ext)]
            terms = [f"{o}"] + [
                (f"{s} * {v}" if s > 0 else f"{-s} * {v}") for v, s in zip(names, strides) if s]
            idx = terms[0]
            signs = [s for s in strides if s]
            for t, s in zip(terms[1:], signs):
                idx += (" + " if s > 0 else " - ") + t
            expr = (f"@get_dsd(mem4d_dsd, .{{ .tensor_access = |{', '.join(names)}|"
                    f"{{{', '.join(map(str, ext))}}} -> {arr}[{idx}] }})")
            return expr, [o + a for a in rel], {"kind": "m4", "o": o, "rel": rel}
        return None

    def mutate(self, arr, expr, addrs, desc, write):
        """Wrap a DSD in random mutators that keep it inside its array and its length."""
        etype = ARR[arr][0]
        length = len(addrs)
        for _ in range(self.r.choice([0, 0, 1, 1, 2, 3])):
            m = self.r.random()
            if desc["kind"] == "m1" and desc["off"] == 0 and m < 0.25 and length > 1 and not (
                    "negstride" in self.avoid and desc["stride"] < 0):
                s = self.r.choice([1, 2, 3, -1, -2, 4, -3])
                start = desc["start"]
                new = [start + s * k for k in range(length)]
                if self.fits(arr, new):
                    expr = f"@set_dsd_stride({expr}, {self.arg(s, 'i8')})"
                    desc = dict(desc, stride=s)
                    addrs = new
            elif desc["kind"] == "m1" and m < 0.5:
                # Lengthen/shorten then restore: both @set_dsd_length calls stay in range.
                s = desc["stride"]
                other = self.r.randint(1, length + 3)
                tmp = [desc["start"] + s * k for k in range(other)]
                if self.fits(arr, tmp) and other != length:
                    if "fncalls" not in self.avoid and not self.no_rt and self.r.random() < 0.3:
                        expr = f"relength({expr}, {self.arg(other, 'u16')})"
                    else:
                        expr = f"@set_dsd_length({expr}, {self.arg(other, 'u16')})"
                    expr = f"@set_dsd_length({expr}, {self.arg(length, 'u16')})"
            elif m < 0.8:
                d = self.r.randint(-12, 12)
                new = [a + d for a in addrs]
                if self.fits(arr, new) and d:
                    if "fncalls" not in self.avoid and not self.no_rt and self.r.random() < 0.3:
                        # through a (non-inline) function taking and returning the DSD
                        kind = "1" if desc["kind"] == "m1" else "4"
                        expr = f"shift{kind}_{etype}({expr}, {self.arg(d, 'i16')})"
                    else:
                        expr = f"@increment_dsd_offset({expr}, {self.arg(d, 'i16')}, {etype})"
                    addrs = new
                    if desc["kind"] == "m1":
                        desc = dict(desc, start=desc["start"] + d)
                    else:
                        desc = dict(desc, o=desc["o"] + d)
            elif desc["kind"] == "m4" or desc["off"] == 0:
                rel = desc["rel"] if desc["kind"] == "m4" else [
                    desc["stride"] * k for k in range(length)]
                lo, hi = -min(rel), ARR[arr][1] - 1 - max(rel)
                b = self.r.randint(lo, hi)
                if self.no_rt or self.r.random() < 0.5 or len(self.p_vals) >= NP:
                    ba = f"&{arr}[{b}]"
                else:
                    ba = f"&{arr}[@as(u16, {self.pval(b)})]"
                expr = f"@set_dsd_base_addr({expr}, {ba})"
                addrs = [b + a for a in rel]
                if desc["kind"] == "m1":
                    desc = dict(desc, start=b)
                else:
                    desc = dict(desc, o=b)
        return expr, addrs

    def dsd(self, arr, length, write, mem4d_ok=True):
        got = None
        if mem4d_ok and length >= 4 and self.r.random() < 0.35:
            got = self.mem4d(arr, length, write)
        if got is None:
            got = self.mem1d(arr, length, write)
        expr, addrs, desc = got
        return self.mutate(arr, expr, addrs, desc, write)

    # ---- scalars ------------------------------------------------------------------------
    def f32_bits(self):
        r = self.r.random()
        if r < 0.1:
            return self.r.choice([0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0x00000001])
        if r < 0.2:
            return self.r.getrandbits(32)
        x = self.r.choice([1, -1]) * self.r.uniform(0.1, 4.0) * 2.0 ** self.r.randint(-8, 8)
        return struct.unpack("<I", struct.pack("<f", x))[0]

    def f16_bits(self):
        if self.bf16:  # bfloat16: the upper half of an f32, rounded to nearest even
            b = self.f32_bits()
            if (b >> 23) & 0xff == 0xff and b & 0x7fffff:
                return (b >> 16) | 0x40
            return ((b + 0x7fff + ((b >> 16) & 1)) >> 16) & 0xffff
        r = self.r.random()
        if r < 0.1:
            return self.r.choice([0, 0x8000, 0x3c00, 0xbc00, 0x7c00, 0x0001, 0x7bff])
        if r < 0.2:
            return self.r.getrandbits(16)
        x = self.r.choice([1, -1]) * self.r.uniform(0.1, 4.0) * 2.0 ** self.r.randint(-6, 6)
        return struct.unpack("<H", struct.pack("<e", x))[0]

    def scalar(self, t):
        """A scalar operand of type t ('f32', 'f16', 'i16', 'u16', 'u32'): (csl, json)."""
        runtime = self.r.random() < 0.4
        if t == "f32":
            if runtime:
                j = self.r.randrange(NK)
                return f"KF[{j}]", {"rt": "KF", "j": j}
            b = self.f32_bits()
            if (b >> 23) & 0xff == 0xff and b & 0x7fffff:
                b = 0x40490fdb  # comptime NaN literals are not the point here
            return f"@bitcast(f32, @as(u32, {b:#010x}))", {"bits": b}
        if t == "f16":
            if runtime:
                j = self.r.randrange(NK)
                return f"KH[{j}]", {"rt": "KH", "j": j}
            b = self.f16_bits()
            if self.bf16 and (b >> 7) & 0xff == 0xff and b & 0x7f:
                b = 0x4049
            if not self.bf16 and (b >> 10) & 0x1f == 0x1f and b & 0x3ff:
                b = 0x4248
            return f"@bitcast(f16, @as(u16, {b:#06x}))", {"bits": b}
        if t == "i16":
            if runtime:
                j = self.r.randrange(NK)
                return f"KI[{j}]", {"rt": "KI", "j": j}
            v = self.r.choice([self.r.randint(-32768, 32767), self.r.randint(-20, 20)])
            return (f"@as(i16, {v})" if self.r.random() < 0.5 else str(v)), {"bits": v & 0xffff}
        if t == "count":
            v = self.r.randint(0, 15)
            if runtime:
                j = self.r.randrange(NC)
                return f"C[{j}]", {"rt": "C", "j": j}
            return f"@as(u16, {v})", {"bits": v}
        if t == "u32":
            v = self.r.getrandbits(32)
            return f"@as(u32, {v:#010x})", {"bits": v}
        raise ValueError(t)

    # ---- operations ---------------------------------------------------------------------
    def disjoint_or_same(self, dst, srcs):
        for s in srcs:
            if "addrs" not in s or s["arr"] != dst["arr"]:
                continue
            if s["addrs"] != dst["addrs"] and set(s["addrs"]) & set(dst["addrs"]):
                return False
        return True

    def operand(self, arr, length, dst=None, alias_ok=True, mem4d_ok=True):
        """A DSD source over arr, sometimes the destination itself (aliasing)."""
        if dst is not None and dst["arr"] == arr and alias_ok and self.r.random() < 0.25:
            return dict(dst)
        expr, addrs = self.dsd(arr, length, False, mem4d_ok)
        return {"arr": arr, "addrs": addrs, "expr": expr}

    def one(self, index):
        r = self.r
        family = r.choices(["f32", "f16", "int", "shift", "unary", "mac", "mixed", "map",
                            "mov32", "loop", "walk", "mapmix", "global", "circ", "reduce",
                            "fabric"],
                           weights=[5, 5, 5, 3, 8, 3, 3, 3, 1, 3, 2, 2, 2, 1, 2,
                                    6 if self.fabric else 0])[0]
        length = r.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16])
        for _ in range(100):
            spec = self.try_op(family, length)
            if spec is not None:
                return spec
        return None

    def try_op(self, family, length):
        r = self.r
        if family in ("f32", "f16", "int"):
            name = r.choice({"f32": F32_BIN, "f16": F16_BIN, "int": INT_BIN}[family])
            arr = {"f32": "F", "f16": "H", "int": "I"}[family]
            st = {"f32": "f32", "f16": "f16", "int": "i16"}[family]
            dexpr, daddrs = self.dsd(arr, length, True)
            dst = {"arr": arr, "addrs": daddrs, "expr": dexpr}
            kinds = r.choice([("d", "d"), ("d", "d"), ("d", "s"), ("s", "d")])
            if name == "sub16" and kinds == ("s", "d"):  # the page lists no scalar minuend
                kinds = ("d", "s")
            srcs = [self.operand(arr, length, dst) if k == "d" else None for k in kinds]
            srcs = [s if s is not None else self.scalar_src(st) for s in srcs]
            return self.finish(name, dst, srcs)
        if family == "shift":
            name = r.choice(SHIFTS)
            dexpr, daddrs = self.dsd("I", length, True)
            dst = {"arr": "I", "addrs": daddrs, "expr": dexpr}
            kinds = r.choice([("d", "d"), ("d", "s"), ("s", "d"), ("d", "d")])
            a = self.operand("I", length, dst) if kinds[0] == "d" else self.scalar_src("i16")
            if kinds[1] == "d":
                cexpr, caddrs = self.dsd("C", length, False)
                b = {"arr": "C", "addrs": caddrs, "expr": cexpr}
            else:
                b = self.scalar_src("count")
            return self.finish(name, dst, [a, b])
        if family == "unary":
            name = r.choice(sorted(UNARY))
            darr, sarr = UNARY[name]
            dexpr, daddrs = self.dsd(darr, length, True)
            dst = {"arr": darr, "addrs": daddrs, "expr": dexpr}
            st = {"F": "f32", "H": "f16", "I": "i16", "U": "u32"}[sarr]
            if r.random() < 0.8:
                src = self.operand(sarr, length, dst)
            else:
                src = self.scalar_src(st)
            return self.finish(name, dst, [src])
        if family == "mov32":
            dexpr, daddrs = self.dsd("U", length, True)
            dst = {"arr": "U", "addrs": daddrs, "expr": dexpr}
            src = self.operand("U", length, dst) if r.random() < 0.7 else self.scalar_src("u32")
            return self.finish("mov32", dst, [src])
        if family == "mac":
            name = r.choice(["fmacs", "fmach"])
            arr, st = ("F", "f32") if name == "fmacs" else ("H", "f16")
            dexpr, daddrs = self.dsd(arr, length, True)
            dst = {"arr": arr, "addrs": daddrs, "expr": dexpr}
            a = self.operand(arr, length, dst)
            b = self.operand(arr, length, dst)
            return self.finish(name, dst, [a, b, self.scalar_src(st)])
        if family == "mixed":
            name = r.choice(["faddhs", "fmachs"])
            dexpr, daddrs = self.dsd("F", length, True)
            dst = {"arr": "F", "addrs": daddrs, "expr": dexpr}
            a = self.operand("F", length, dst)
            if name == "faddhs":
                b = self.operand("H", length) if r.random() < 0.75 else self.scalar_src("f16")
                return self.finish(name, dst, [a, b])
            b = self.operand("H", length)
            return self.finish(name, dst, [a, b, self.scalar_src("f16")])
        if family == "map":
            return self.map_op(length)
        if family == "mapmix":
            return self.map_mix(length)
        if family == "loop":
            return self.loop_op(min(length, 6))
        if family == "global":
            self.no_rt = True
            try:
                return self.loop_op(min(length, 6), glob=True)
            finally:
                self.no_rt = False
        if family == "walk":
            if self.r.random() < 0.5:
                return self.walk_dst_op(min(length, 6))
            return self.walk_op(min(length, 6))
        if family == "circ":
            return self.circ_op(length)
        if family == "reduce":
            return self.reduce_op(length)
        if family == "fabric":
            return self.fabric_op(length)
        raise ValueError(family)

    LOOP_OPS = {  # op: (dest array, source arrays, scalar type of a trailing scalar or None)
        "fadds": ("F", ["F", "F"], None), "fmuls": ("F", ["F", "F"], None),
        "fsubh": ("H", ["H", "H"], None), "add16": ("I", ["I", "I"], None),
        "xor16": ("I", ["I", "I"], None), "fmovs": ("F", ["F"], None),
        "mov16": ("I", ["I"], None), "fh2s": ("F", ["H"], None), "fs2h": ("H", ["F"], None),
        "fmacs": ("F", ["F", "F"], "f32"), "fmach": ("H", ["H", "H"], "f16"),
        "fmachs": ("F", ["F", "H"], "f16"), "faddhs": ("F", ["F", "H"], None),
    }

    def loop_op(self, length, glob=False):
        """DSD variables moved by @increment_dsd_offset in a loop of T trips (T comptime or
        from P): one operation record per trip. With glob, the variables are file-scope
        DSDs moved once per launch (each launch continues where the last one stopped)."""
        r = self.r
        name = r.choice(sorted(self.LOOP_OPS))
        darr, sarrs, st = self.LOOP_OPS[name]
        trips = self.launches if glob else r.randint(2, 5)
        operands = []
        dexpr, daddrs = self.dsd(darr, length, True)
        operands.append({"arr": darr, "addrs": daddrs, "expr": dexpr})
        for sa in sarrs:
            if sa == darr and r.random() < 0.3:
                operands.append(dict(operands[0], alias=True))
            else:
                e, a = self.dsd(sa, length, False)
                operands.append({"arr": sa, "addrs": a, "expr": e})
        steps = []
        for o in operands:
            if o.get("alias"):
                steps.append(steps[0])
                continue
            steps.append(r.choice([-length, length, 1, -1, 2, 0, length + 1]))
        trip_ops = []
        for t in range(trips):
            moved = [{"arr": o["arr"], "addrs": [a + t * st_ for a in o["addrs"]]}
                     for o, st_ in zip(operands, steps)]
            if not all(self.fits(m["arr"], m["addrs"]) for m in moved):
                return None
            if len(set(moved[0]["addrs"])) != len(moved[0]["addrs"]):
                return None
            if not self.disjoint_or_same(moved[0], moved[1:]):
                return None
            trip_ops.append(moved)
        k = len(self.ops)
        vnames = [f"{'g' if glob else 'v'}{k}_{i}" for i in range(len(operands))]
        lines = ["{"]
        for v, o in zip(vnames, operands):
            if o.get("alias"):
                continue
            if glob:
                self.globals.append(f"var {v} = {o['expr']};")
            else:
                lines.append(f"  var {v} = {o['expr']};")
        names = [vnames[0] if o.get("alias") else v for v, o in zip(vnames, operands)]
        scal = None
        if st:
            scal = self.scalar_src(st)
        count = self.arg(trips, "u16")
        lines.append(f"  for (@range(u16, {1 if glob else count})) |_| {{")
        args = names + ([scal["expr"]] if scal else [])
        lines.append(f"    @{name}({', '.join(args)});")
        etype = {"F": "f32", "H": "f16", "I": "i16"}
        for v, o, st_ in zip(vnames, operands, steps):
            if o.get("alias") or st_ == 0:
                continue
            lines.append(f"    {v} = @increment_dsd_offset({v}, {self.arg(st_, 'i16')}, "
                         f"{etype[o['arr']]});")
        lines.append("  }")
        lines.append("}")
        self.lines.append(lines)
        trips_rec = [{"dst": m[0], "srcs": m[1:] + ([
            {k2: v2 for k2, v2 in scal.items() if k2 != "expr"}] if scal else [])}
            for m in trip_ops]
        rec = {"op": name, ("by_launch" if glob else "trips"): trips_rec}
        self.ops.append(rec)
        return True

    WALK_OPS = {"fmovs": ("F", "F"), "fnegs": ("F", "F"), "mov16": ("I", "I"),
                "fabsh": ("H", "H"), "fh2s": ("F", "H"), "xp162fs": ("F", "I"),
                "popcnt": ("I", "I"), "fs2h": ("H", "F")}

    # Sender side: op -> (operand arrays, scalar tail type); results go to the fabout.
    SEND_OPS = {"fadds": (["F", "F"], None), "fmuls": (["F", "F"], None),
                "fnegs": (["F"], None), "fmovs": (["F"], None), "fh2s": (["H"], None),
                "fmacs": (["F", "F"], "f32"), "faddh": (["H", "H"], None),
                "fs2h": (["F"], None), "add16": (["I", "I"], None), "xor16": (["I", "I"], None),
                "mov16": (["I"], None), "fmovh": (["H"], None), "mov32": (["U"], None)}
    SEND_BYTES = {"fadds": 4, "fmuls": 4, "fnegs": 4, "fmovs": 4, "fh2s": 4, "fmacs": 4,
                  "faddh": 2, "fs2h": 2, "add16": 2, "xor16": 2, "mov16": 2, "fmovh": 2,
                  "mov32": 4}
    # Receiver side, by wavelet width: op -> (dest array, other operand array or None).
    RECV_OPS = {4: {"fadds": ("F", "F"), "fmovs": ("F", None), "fsubs": ("F", "F"),
                    "fs2h": ("H", None), "fmaxs": ("F", "F"), "mov32": ("U", None)},
                2: {"faddh": ("H", "H"), "fmovh": ("H", None), "fh2s": ("F", None),
                    "mov16": ("I", None), "add16": ("I", "I"), "xp162fs": ("F", None),
                    "faddhs_rev": ("F", "F")}}

    def fabric_op(self, length):
        """PE 0 computes into a fabout DSD (east), PE 1 consumes the same number of
        wavelets from a fabin DSD as an operand of its own operation; other PEs idle."""
        r = self.r
        sname = r.choice(sorted(self.SEND_OPS))
        sarrs, st = self.SEND_OPS[sname]
        ssrcs = [self.operand(a, length) for a in sarrs]
        tail = self.scalar_src(st) if st else None
        nbytes = self.SEND_BYTES[sname]
        rname = r.choice(sorted(self.RECV_OPS[nbytes]))
        darr, other = self.RECV_OPS[nbytes][rname]
        dexpr, daddrs = self.dsd(darr, length, True)
        dst = {"arr": darr, "addrs": daddrs, "expr": dexpr}
        fab = {"fabric": True}
        if other:
            o = self.operand(other, length, dst)
            if not self.disjoint_or_same(dst, [o]):
                return None
            rsrcs = [o, fab] if rname == "faddhs_rev" else (
                [fab, o] if r.random() < 0.5 else [o, fab])
        else:
            rsrcs = [fab]
        count = self.arg(length, "u16")
        send_expr = f"@set_dsd_length(to_east, {count})"
        recv_expr = f"@set_dsd_length(from_west, {count})"
        sargs = [send_expr] + [x["expr"] for x in ssrcs] + ([tail["expr"]] if tail else [])
        op_r = "faddhs" if rname == "faddhs_rev" else rname
        rargs = [dexpr] + [recv_expr if x is fab else x["expr"] for x in rsrcs]
        self.lines.append([f"if (pe_x == 0) {{", f"  @{sname}({', '.join(sargs)});",
                           f"}} else if (pe_x == 1) {{", f"  @{op_r}({', '.join(rargs)});",
                           "}"])
        clean = lambda o: {k: v for k, v in o.items() if k != "expr"}
        self.ops.append({"op": "fabric", "send": {"op": sname, "srcs": [clean(x) for x in ssrcs]
                                                  + ([clean(tail)] if tail else []),
                                                  "dst": {"arr": None, "addrs": daddrs}},
                         "recv": {"op": op_r, "dst": clean(dst),
                                  "srcs": [clean(x) for x in rsrcs]}})
        return True

    # The operations the Builtins page lists with a pointer destination (`(*f32, f32_value,
    # src_dsd)` and the f16 ones): op -> (array, accumulator variable, scalar tail type).
    REDUCE_OPS = {
        "fadds": ("F", "acc_f", None), "fsubs": ("F", "acc_f", None),
        "fmuls": ("F", "acc_f", None), "fmaxs": ("F", "acc_f", None),
        "faddh": ("H", "acc_h", None), "fsubh": ("H", "acc_h", None),
        "fmulh": ("H", "acc_h", None), "fmaxh": ("H", "acc_h", None),
        "faddhs": ("F", "acc_f", None),
    }

    def reduce_op(self, length):
        """A pointer destination that is also the first source, `@fadds(&acc, acc, dsd)`:
        acc is folded with every element in order (as the SDK's min/max reductions use it);
        acc comes from and goes back to one array element."""
        r = self.r
        name = r.choice(sorted(self.REDUCE_OPS))
        arr, acc, st = self.REDUCE_OPS[name]
        slot = r.randrange(ARR[arr][1])
        sarr = "H" if name in ("faddhs", "fmachs") else arr  # the mixed forms add f16 data
        sexpr, saddrs = self.dsd(sarr, length, False)
        tail = self.scalar_src(st) if st else None
        args = [f"&{acc}", acc, sexpr] + ([tail["expr"]] if tail else [])
        self.lines.append([f"{acc} = {arr}[{slot}];", f"@{name}({', '.join(args)});",
                           f"{arr}[{slot}] = {acc};"])
        srcs = [{"arr": sarr, "addrs": saddrs}] + (
            [{k: v for k, v in tail.items() if k != "expr"}] if tail else [])
        self.ops.append({"op": name, "reduce": slot, "dst": {"arr": arr, "addrs": [slot]},
                         "srcs": srcs})
        return True

    def circ_op(self, length):
        """A circular-buffer source (`.wraparound` elements read round and round) through a
        DSR and an XDSR, into a unary operation; sometimes read twice (.save_address)."""
        r = self.r
        name = r.choice(sorted(self.WALK_OPS))
        darr, sarr = self.WALK_OPS[name]
        wrap = r.randint(1, 7)
        b = r.randint(0, ARR[sarr][1] - wrap)
        expr = (f"@get_dsd(circbuf_dsd, .{{ .base_address = &{sarr}[{b}], .extent = {length}, "
                f".wraparound = {wrap} }})")
        reps = r.choice([1, 1, 2])
        trips, dexprs = [], []
        for t in range(reps):
            dexpr, daddrs = self.dsd(darr, length, True)
            src = {"arr": sarr, "addrs": [b + (k + t * length) % wrap for k in range(length)]}
            if darr == sarr and set(daddrs) & set(range(b, b + wrap)):
                return None
            trips.append({"dst": {"arr": darr, "addrs": daddrs}, "srcs": [src]})
            dexprs.append(dexpr)
        k = self.dsr_uses % 3 + 1
        self.dsr_uses += 1
        save = ", .{ .save_address = true }" if reps > 1 else ""
        lines = [f"@load_to_dsr_xdsr(dsr_b{k}, xdsr_{k}, {expr}{save});"]
        lines += [f"@{name}({d}, dsr_b{k});" for d in dexprs]
        self.lines.append(lines)
        self.ops.append({"op": name, "trips": trips})
        return True

    def walk_op(self, length):
        """A mem1d source in a DSR loaded once with .save_address = true, read by 2-3
        operations in a row: each continues where the previous one stopped."""
        r = self.r
        name = r.choice(sorted(self.WALK_OPS))
        darr, sarr = self.WALK_OPS[name]
        reps = r.randint(2, 3)
        got = self.mem1d(sarr, length * reps, False)
        sexpr, saddrs, _ = got
        sexpr = f"@set_dsd_length({sexpr}, {self.arg(length, 'u16')})"
        trips = []
        dexprs = []
        for t in range(reps):
            dexpr, daddrs = self.dsd(darr, length, True)
            dst = {"arr": darr, "addrs": daddrs}
            src = {"arr": sarr, "addrs": saddrs[t * length:(t + 1) * length]}
            if not self.disjoint_or_same(dst, [src]) or src["addrs"] == daddrs and False:
                return None
            if darr == sarr and set(daddrs) & set(saddrs):
                return None
            trips.append({"dst": dst, "srcs": [src]})
            dexprs.append(dexpr)
        k = self.dsr_uses % 3 + 1
        self.dsr_uses += 1
        lines = [f"@load_to_dsr(dsr_b{k}, {sexpr}, .{{ .save_address = true }});"]
        for d in dexprs:
            lines.append(f"@{name}({d}, dsr_b{k});")
        self.lines.append(lines)
        self.ops.append({"op": name, "trips": trips})
        return True

    def walk_dst_op(self, length):
        """The destination walks instead: a mem1d destination in a dsr_dest loaded once with
        .save_address = true, written by 2-3 operations in a row from ordinary sources."""
        r = self.r
        name = r.choice(sorted(self.WALK_OPS))
        darr, sarr = self.WALK_OPS[name]
        reps = r.randint(2, 3)
        dexpr, daddrs, _ = self.mem1d(darr, length * reps, True)
        dexpr = f"@set_dsd_length({dexpr}, {self.arg(length, 'u16')})"
        trips, sexprs = [], []
        for t in range(reps):
            sexpr, saddrs = self.dsd(sarr, length, False)
            dst = {"arr": darr, "addrs": daddrs[t * length:(t + 1) * length]}
            if darr == sarr and set(daddrs) & set(saddrs):
                return None
            trips.append({"dst": dst, "srcs": [{"arr": sarr, "addrs": saddrs}]})
            sexprs.append(sexpr)
        k = self.dsr_uses % 3 + 1
        self.dsr_uses += 1
        lines = [f"@load_to_dsr(dsr_d{k}, {dexpr}, .{{ .save_address = true }});"]
        lines += [f"@{name}(dsr_d{k}, {e});" for e in sexprs]
        self.lines.append(lines)
        self.ops.append({"op": name, "trips": trips})
        return True

    def scalar_src(self, t):
        expr, j = self.scalar(t)
        return dict(j, expr=expr, scalar=t)

    def finish(self, name, dst, srcs):
        if not self.disjoint_or_same(dst, srcs):
            return None
        if not any("addrs" in s for s in srcs) and name not in UNARY and name != "mov32":
            return None
        exprs = [dst["expr"]] + [s["expr"] for s in srcs]
        # Binary operations with two DSD sources sometimes go through DSRs.
        pre = []
        dsd_srcs = [s for s in srcs if "addrs" in s]
        if (len(srcs) == 2 and len(dsd_srcs) == 2 and self.r.random() < 0.2) or (
                len(srcs) == 1 and dsd_srcs and self.r.random() < 0.15):
            k = self.dsr_uses % 3 + 1
            self.dsr_uses += 1
            names = [f"dsr_d{k}"] + ([f"dsr_a{k}", f"dsr_b{k}"] if len(srcs) == 2
                                     else [f"dsr_b{k}"])
            for nm, e in zip(names, exprs):
                pre.append(f"@load_to_dsr({nm}, {e});")
            exprs = names
        call = f"@{name}({', '.join(exprs)});"
        self.lines.append(pre + [call])
        clean = lambda o: {k: v for k, v in o.items() if k != "expr"}
        self.ops.append({"op": name, "dst": clean(dst), "srcs": [clean(s) for s in srcs]})
        return True

    # ---- @map ---------------------------------------------------------------------------
    def expr_tree(self, t, nargs, depth):
        r = self.r
        if depth == 0 or r.random() < 0.3:
            if r.random() < 0.75:
                return ("arg", r.randrange(nargs))
            if t == "i16":
                return ("const", r.randint(-300, 300))
            return ("const", r.choice([0.5, 1.5, -2.0, 0.25, 3.0, -0.75, 1.0]))
        if "select" not in self.avoid and r.random() < 0.15:
            # `if (x < y) p else q` (compares are false for NaN)
            return ("sel", r.choice(["<", ">", "==", "!=", "<=", ">="]),
                    *[self.expr_tree(t, nargs, depth - 1) for _ in range(4)])
        if t == "i16":
            op = r.choice(["^", "&", "|"])
        else:
            op = r.choice(["+", "-", "*"])
        return (op, self.expr_tree(t, nargs, depth - 1), self.expr_tree(t, nargs, depth - 1))

    def csl_tree(self, e, t):
        if e[0] == "arg":
            return "\x00" + "abcd"[e[1]]
        if e[0] == "const":
            return f"@as({t}, {e[1]})"
        if e[0] == "sel":
            x, y, p, q = (self.csl_tree(v, t) for v in e[2:])
            return f"(if ({x} {e[1]} {y}) {p} else {q})"
        return f"({self.csl_tree(e[1], t)} {e[0]} {self.csl_tree(e[2], t)})"

    def map_op(self, length):
        r = self.r
        t = r.choice(["f32", "f16", "i16"])
        arr = {"f32": "F", "f16": "H", "i16": "I"}[t]
        nargs = r.randint(1, 3)
        tree = self.expr_tree(t, nargs, 3)
        # @map takes one-dimensional memory DSDs only (cslc's message).
        dexpr, daddrs = self.dsd(arr, length, True, False)
        dst = {"arr": arr, "addrs": daddrs, "expr": dexpr}
        srcs = []
        for a in range(nargs):
            if r.random() < 0.25 and a > 0:
                srcs.append(self.scalar_src(t))
            else:
                srcs.append(self.operand(arr, length, dst, True, False))
        if not self.disjoint_or_same(dst, srcs):
            return None
        fid = len(self.maps)
        params = ", ".join(f"{'abcd'[a]}: {t}" for a in range(nargs))
        body = self.csl_tree(tree, t).replace("\x00", "")
        self.maps.append(f"fn mapfn{fid}({params}) {t} {{\n  return {body};\n}}")
        exprs = [s["expr"] for s in srcs] + [dst["expr"]]
        self.lines.append([f"@map(mapfn{fid}, {', '.join(exprs)});"])
        clean = lambda o: {k: v for k, v in o.items() if k != "expr"}
        self.ops.append({"op": "map", "type": t, "tree": tree, "dst": clean(dst),
                         "srcs": [clean(s) for s in srcs]})
        return True

    def map_mix(self, length):
        """@map over inputs of different element types (f32, f16, i16 DSDs or scalars)
        computed in f32 through @as and stored as f32 or f16 (@as narrowing)."""
        r = self.r
        out_t = r.choice(["f32", "f16"])
        arr = {"f32": "F", "f16": "H"}[out_t]
        nargs = r.randint(2, 3)
        types = [r.choice(["f32", "f16", "i16"]) for _ in range(nargs)]
        tree = self.expr_tree("f32", nargs, 3)
        dexpr, daddrs = self.dsd(arr, length, True, False)
        dst = {"arr": arr, "addrs": daddrs, "expr": dexpr}
        srcs = []
        for a, t in enumerate(types):
            if r.random() < 0.2 and a > 0:
                srcs.append(self.scalar_src(t))
            else:
                srcs.append(self.operand({"f32": "F", "f16": "H", "i16": "I"}[t], length, dst,
                                         True, False))
        if not self.disjoint_or_same(dst, srcs):
            return None
        fid = len(self.maps)
        params = ", ".join(f"{'abcd'[a]}: {t}" for a, t in enumerate(types))
        body = self.csl_tree(tree, "f32")
        for a, t in enumerate(types):
            if t != "f32":
                body = body.replace(f"\x00{'abcd'[a]}", f"@as(f32, {'abcd'[a]})")
        body = body.replace("\x00", "")
        ret = body if out_t == "f32" else f"@as(f16, {body})"
        self.maps.append(f"fn mapfn{fid}({params}) {out_t} {{\n  return {ret};\n}}")
        exprs = [s["expr"] for s in srcs] + [dst["expr"]]
        self.lines.append([f"@map(mapfn{fid}, {', '.join(exprs)});"])
        clean = lambda o: {k: v for k, v in o.items() if k != "expr"}
        self.ops.append({"op": "mapmix", "types": types, "out": out_t, "tree": tree,
                         "dst": clean(dst), "srcs": [clean(s) for s in srcs]})
        return True


def initial_data(rng, width, bf16=False):
    g = Gen(0, 1)
    g.r = rng
    g.bf16 = bf16
    d = {
        "F": [[g.f32_bits() for _ in range(NF)] for _ in range(width)],
        "H": [[g.f16_bits() for _ in range(NH)] for _ in range(width)],
        "I": [[rng.choice([rng.getrandbits(16), rng.randint(0, 40), 0x8000 - rng.randint(0, 3)])
               for _ in range(NI)] for _ in range(width)],
        "U": [[rng.getrandbits(32) for _ in range(NU)] for _ in range(width)],
        "C": [[rng.choice([rng.randint(0, 15), rng.randint(0, 15), rng.randint(16, 40)])
               for _ in range(NC)] for _ in range(width)],
        "KF": [[g.f32_bits() for _ in range(NK)] for _ in range(width)],
        "KH": [[g.f16_bits() for _ in range(NK)] for _ in range(width)],
        "KI": [[rng.getrandbits(16) for _ in range(NK)] for _ in range(width)],
    }
    # Small integers in some float slots so the float -> xp16 conversions see defined inputs.
    for pe in range(width):
        for arr, fmt in (("F", "<f"), ("H", "<e")):
            for i in rng.sample(range(len(d[arr][pe])), 12):
                v = float(rng.randint(-2000, 2000))
                if bf16 and arr == "H":
                    v = float(rng.randint(-255, 255))  # exact in bfloat16's 8 bits
                    d[arr][pe][i] = struct.unpack("<I", struct.pack("<f", v))[0] >> 16
                    continue
                d[arr][pe][i] = struct.unpack("<I" if fmt == "<f" else "<H",
                                              struct.pack(fmt, v))[0]
    return d


PE_HEADER = """\
// rand-dsd/cases/{name}: generated by `python3 tests/examples/rand-dsd/gen.py {cmd}` (do not edit by hand).
// {count} random DSD operations on per-PE random data; ../../run.py replays them on a numpy model.
param memcpy_params: comptime_struct;

const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);

var F = @zeros([{NF}]f32);
var H = @zeros([{NH}]f16);
var I = @zeros([{NI}]i16);
var U = @zeros([{NU}]u32);
var C = @zeros([{NC}]u16);
var KF = @zeros([{NK}]f32);
var KH = @zeros([{NK}]f16);
var KI = @zeros([{NK}]i16);
var P = @zeros([{NP}]i16);
var acc_f: f32 = 0.0;
var acc_h: f16 = 0.0;
var acc_i: i16 = 0;
"""

LAYOUT = """\
// rand-dsd/cases/{name}: generated by `python3 tests/examples/rand-dsd/gen.py {cmd}`: a {width}x1 row, every PE
// runs the same random DSD operations (pe_program.csl) on its own data.
const memcpy = @import_module("<memcpy/get_params>", .{{ .width = {width}, .height = 1 }});
const link: color = @get_color(5);

layout {{
  @set_rectangle({width}, 1);
  for (@range(u16, {width})) |x| {{
    @set_tile_code(x, 0, "pe_program.csl", .{{ .memcpy_params = memcpy.get_params(x){tile} }});
  }}
{routes}{exports}  @export_name("run_ops", fn() void);
}}
"""

ARRAYS = [("F", "f32"), ("H", "f16"), ("I", "i16"), ("U", "u32"), ("C", "u16"), ("KF", "f32"),
          ("KH", "f16"), ("KI", "i16"), ("P", "i16")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--ops", type=int, default=60)
    ap.add_argument("--width", type=int, default=3)
    ap.add_argument("--keep", default="")
    ap.add_argument("--in-task", action="store_true", help="run the operations in a local task")
    ap.add_argument("--fabric", action="store_true",
                    help="PE 0 sends operation results to PE 1 through fabout/fabin DSDs")
    ap.add_argument("--bf16", action="store_true",
                    help="--fp16-format=bf16: the 16-bit float operations on bfloat16")
    ap.add_argument("--avoid", default="",
                    help="comma list: negstride, rtbaseoff, rtfields, fncalls, select")
    a = ap.parse_args()
    g = Gen(a.seed, a.width, [x for x in a.avoid.split(",") if x])
    g.bf16 = a.bf16
    g.fabric = a.fabric
    if a.fabric and a.width < 2:
        raise SystemExit("--fabric needs --width 2 or more")
    for i in range(a.ops):
        g.one(i)
    keep = [int(x) for x in a.keep.split(",")] if a.keep else list(range(len(g.ops)))
    name = os.path.basename(os.path.abspath(a.out))
    os.makedirs(a.out, exist_ok=True)
    data = initial_data(random.Random(a.seed * 7919 + 1), a.width, a.bf16)
    data["P"] = [[v & 0xffff for v in g.p_vals] + [0] * (NP - len(g.p_vals))] * a.width
    cmd = f"--seed {a.seed} --ops {a.ops} --width {a.width}" + (
        " --in-task" if a.in_task else "") + (" --bf16" if a.bf16 else "") + (
        " --fabric" if a.fabric else "") + (
        f" --avoid {a.avoid}" if a.avoid else "") + (f" --keep {a.keep}" if a.keep else "") + (
        f" --out tests/examples/rand-dsd/cases/{name}")
    pe = PE_HEADER.format(name=name, cmd=cmd, count=len(keep), NF=NF, NH=NH,
                          NI=NI, NU=NU, NC=NC, NK=NK, NP=NP)
    pe += "".join(f"var {n}_ptr: [*]{t} = &{n};\n" for n, t in ARRAYS)
    if a.fabric:
        pe += ("\n// PE 0 sends east on `link`, PE 1 receives from the west.\n"
               "param pe_x: u16;\nparam link: color;\n"
               "const out_q = @get_output_queue(2);\nconst in_q = @get_input_queue(2);\n"
               "const to_east = @get_dsd(fabout_dsd, .{ .fabric_color = link, .extent = 1, "
               ".output_queue = out_q });\n"
               "const from_west = @get_dsd(fabin_dsd, .{ .fabric_color = link, .extent = 1, "
               ".input_queue = in_q });\n")
    pe += "\n"
    for k in (1, 2, 3):
        pe += (f"const xdsr_{k} = @get_xdsr({k + 3});\n"
               f"const dsr_d{k} = @get_dsr(dsr_dest, {k});\n"
               f"const dsr_a{k} = @get_dsr(dsr_src0, {k});\n"
               f"const dsr_b{k} = @get_dsr(dsr_src1, {k});\n")
    pe += "\n// DSDs passed to and returned from functions\n"
    for t in ("f32", "f16", "i16", "u32", "u16"):
        pe += (f"fn shift1_{t}(d: mem1d_dsd, n: i16) mem1d_dsd {{\n"
               f"  return @increment_dsd_offset(d, n, {t});\n}}\n"
               f"fn shift4_{t}(d: mem4d_dsd, n: i16) mem4d_dsd {{\n"
               f"  return @increment_dsd_offset(d, n, {t});\n}}\n")
    pe += "fn relength(d: mem1d_dsd, n: u16) mem1d_dsd {\n  return @set_dsd_length(d, n);\n}\n"
    pe += "\n" + "".join(f"{line}\n" for line in g.globals)
    pe += "\n" + "\n".join(g.maps) + ("\n\n" if g.maps else "")
    if a.in_task:
        # The operations run in a local task that the launched function activates.
        pe += ("const work_id: local_task_id = @get_local_task_id(12);\n\n"
               "fn run_ops() void {\n  @activate(work_id);\n}\n\ntask work() void {\n")
    else:
        pe += "fn run_ops() void {\n"
    for i in keep:
        pe += f"  // op {i}: {g.ops[i]['op']}\n"
        for line in g.lines[i]:
            pe += f"  {line}\n"
    pe += "  sys_mod.unblock_cmd_stream();\n}\n\ncomptime {\n"
    if a.in_task:
        pe += "  @bind_local_task(work, work_id);\n"
    pe += "".join(f"  @export_symbol({n}_ptr, \"{n}\");\n" for n, _ in ARRAYS)
    pe += "  @export_symbol(run_ops);\n"
    if a.fabric:
        pe += ("  if (@is_arch(\"wse3\")) {\n"
               "    if (pe_x == 0) @initialize_queue(out_q, .{ .color = link });\n"
               "    if (pe_x == 1) @initialize_queue(in_q, .{ .color = link });\n  }\n")
    pe += "}\n"
    exports = "".join(f"  @export_name(\"{n}\", [*]{t}, true);\n" for n, t in ARRAYS)
    tile, routes = "", ""
    if a.fabric:
        tile = ", .pe_x = x, .link = link"
        routes = ("  @set_color_config(0, 0, link, .{ .routes = .{ .rx = .{RAMP}, "
                  ".tx = .{EAST} } });\n"
                  "  @set_color_config(1, 0, link, .{ .routes = .{ .rx = .{WEST}, "
                  ".tx = .{RAMP} } });\n")
    files = {
        "pe_program.csl": pe,
        "layout.csl": LAYOUT.format(name=name, cmd=cmd, width=a.width, exports=exports,
                                    tile=tile, routes=routes),
        "case.json": json.dumps({"seed": a.seed, "width": a.width, "data": data,
                                 "launches": g.launches, "bf16": a.bf16,
                                 "ops": [dict(g.ops[i], index=i) for i in keep]},
                                separators=(",", ":")) + "\n",
    }
    for arch in ("wse2", "wse3"):
        files[f"compile_{arch}.sh"] = (
            "#!/usr/bin/env bash\nset -e\n\n"
            f"cslc --arch={arch} ./layout.csl --fabric-dims={a.width + 7},3 "
            "--fabric-offsets=4,1 -o out --memcpy --channels 1\n")
    if a.bf16:  # every 16-bit float type name becomes bf16 (= @fp16() under the flag)
        for fn in ("pe_program.csl", "layout.csl"):
            files[fn] = re.sub(r"\bf16\b", "bf16", files[fn])
        for arch in ("wse2", "wse3"):
            files[f"compile_{arch}.sh"] = files[f"compile_{arch}.sh"].replace(
                " -o out", " --fp16-format=bf16 -o out")
    for fn, text in files.items():
        path = os.path.join(a.out, fn)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        if fn.endswith(".sh"):
            os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
    print(f"{a.out}: {len(keep)} operations, {len(g.p_vals)} run-time arguments")


if __name__ == "__main__":
    sys.exit(main())
