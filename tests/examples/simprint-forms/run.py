#!/usr/bin/env cs_python
"""simprint-forms: sim.log lines of every <simprint> print function and fmt placeholder.
Each printed value must read back to what was printed: {d} and the decimal prints as the
value (signed types signed), {X} and the hex prints as the type's bits in hex with one
digit per 4 bits of the type, {b} and the binary prints as the type's bits with one digit
per bit, {f} and print_f16/print_f32 as a decimal that rounds back to the same f16/f32
(nan, inf, -inf, -0.0 spelled so). A compile-time constant must print exactly as the same
value of the same type does at run time (the first four values of each type are the
pe_program.csl constants). Also fmt_with_coords, fmt_no_nl and '{{' (a lone '}' is left
out: whether '}}' is an escape is not settled). sim.log's lines are "@<cycle> <text>": the
program starts every line with its coordinates "PE(x,y): " (fmt_with_coords for the W
line), which is how run.py tells the two PEs' lines apart."""
import argparse
import json
import re
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    N = int(json.load(f)["params"]["n"])
ROW = MemcpyOrder.ROW_MAJOR
B32, B16 = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_16BIT
rng = np.random.default_rng(5)

C = {"u16": [0, 5, 0xabcd, 65535], "i16": [-5, -32768, 32767, 0],
     "u32": [5, 0x12345678, 4294967295, 65536], "i32": [-5, -2147483648, 2147483647, 70000],
     "f16": [0.1, -2.5, 65504.0, 0.0], "f32": [0.1, -1.0e-45, 3.4028235e38, 1.5]}
DT = {"u16": np.uint16, "i16": np.int16, "u32": np.uint32, "i32": np.int32,
      "f16": np.float16, "f32": np.float32}
extra = {"u16": [1, 0x8000, 0x00ff, 0x1000], "i16": [-1, 1, -256, 12345],
         "u32": [0, 0x80000000, 0xffff, 0x10000], "i32": [-1, -65536, 65535, -70000],
         "f16": [-0.0, np.inf, -np.inf, np.nan, 6e-8, -6.1e-5, 1.0 / 3, 1000.5],
         "f32": [-0.0, np.inf, -np.inf, np.nan, 1e-40, 1.0 / 3, -123456.78, 16777217.0]}
vals = {}
for t, dt in DT.items():
    v = list(C[t]) + list(extra[t])
    while len(v) < N:
        v.append(rng.integers(0, 2**16) if t == "u16" else rng.integers(-2**15, 2**15) if t == "i16"
                 else rng.integers(0, 2**32) if t == "u32" else rng.integers(-2**31, 2**31)
                 if t == "i32" else rng.normal(0, 1000))
    vals[t] = np.array(v[:N], dtype=np.float64 if t[0] == "f" else np.int64).astype(dt)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
for t, v in vals.items():
    sym = runner.get_id(f"{t}s")
    if t in ("u16", "i16", "f16"):
        words = np.tile(v.view(np.uint16).astype(np.uint32), 2)
        kind = B16
    else:
        words = np.tile(v.view(np.uint32), 2)
        kind = B32
    runner.memcpy_h2d(sym, words, 0, 0, 2, 1, N, streaming=False, order=ROW, data_type=kind,
                      nonblock=False)
runner.launch("show", nonblock=False)
runner.stop()

with open("sim.log", encoding="utf-8") as f:
    log = f.read()
bad = []
for line in log.splitlines():
    if not re.fullmatch(r"@0 (Architecture is: \w+|dimX=\d+, dimY=\d+)|@\d+ PE\([01],0\): .*",
                        line):
        bad.append(f"sim.log line without a PE's coordinates: '{line}'")


def bits_of(t, value):
    return int(np.array([value], dtype=DT[t]).view(np.uint16 if t.endswith("16") else np.uint32)[0])


def check_int(t, text, fmt, value, where):
    width = 16 if t.endswith("16") else 32
    if fmt == "d":
        ok = re.fullmatch(r"-?\d+", text) and int(text) == int(value)
    elif fmt == "X":
        ok = re.fullmatch(rf"[0-9A-F]{{{width // 4}}}", text) and int(text, 16) == bits_of(t, value)
    else:
        ok = re.fullmatch(rf"[01]{{{width}}}", text) and int(text, 2) == bits_of(t, value)
    if not ok:
        bad.append(f"{where}: {t} {value} as {{{fmt}}} printed '{text}'")


def check_float(t, text, value, where):
    dt = DT[t]
    if np.isnan(value):
        ok = text == "nan"
    else:
        try:
            back = dt(float(text))
            ok = back.view(np.uint16 if t == "f16" else np.uint32) == \
                np.array(value, dtype=dt).view(np.uint16 if t == "f16" else np.uint32)
        except ValueError:
            ok = False
    if not ok:
        bad.append(f"{where}: {t} {value!r} printed '{text}'")


for x in range(2):
    lines = re.findall(rf"^@\d+ PE\({x},0\): (.*)$", log, flags=re.MULTILINE)
    byt = {}
    for line in lines:
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[1].isdigit():
            byt[(parts[0], int(parts[1]))] = parts[2]
    for t in DT:
        for k in range(N):
            v = vals[t][k]
            if t[0] == "f":
                for tag in (f"Pf{t}", f"F{t}"):
                    text = byt.get((tag, k))
                    if text is None:
                        bad.append(f"PE {x}: no line {tag} {k}")
                        continue
                    check_float(t, text[2:] if tag[0] == "F" else text, v, f"PE {x} {tag} {k}")
                continue
            for fmt, tag in (("d", f"PD{t}"), ("X", f"PX{t}"), ("b", f"PB{t}")):
                if (tag, k) in byt:
                    check_int(t, byt[(tag, k)], fmt, v, f"PE {x} {tag} {k}")
                elif t in ("u16", "u32") or fmt == "d":
                    bad.append(f"PE {x}: no line {tag} {k}")
            text = byt.get((f"F{t}", k))
            m = re.fullmatch(r"d=(\S+) X=(\S+) b=(\S+)", text or "")
            if not m:
                bad.append(f"PE {x}: F{t} {k} line '{text}'")
                continue
            for fmt, got in zip("dXb", m.groups()):
                check_int(t, got, fmt, v, f"PE {x} F{t} {k}")
        for k in range(4):
            run_text, const_text = byt.get((f"F{t}", k)), byt.get((f"C{t}", k))
            if run_text != const_text:
                bad.append(f"PE {x}: {t} {C[t][k]!r} at run time '{run_text}', "
                           f"as a constant '{const_text}'")
    want_w = f"W u16={vals['u16'][0]} f32="
    w_lines = [l for l in lines if l.startswith(want_w)]
    if len(w_lines) != 1:
        bad.append(f"PE {x}: fmt_with_coords line missing (want 'PE({x},0): {want_w}...')")
    want_n = f"N {{ {vals['i16'][0]} and {int(vals['u32'][0]):08X}"
    if want_n not in lines:
        bad.append(f"PE {x}: fmt_no_nl line missing (want '{want_n}')")

for b in bad[:30]:
    print(b)
if bad:
    print(f"FAIL: {len(bad)} problems")
    sys.exit(1)
print("SUCCESS!")
