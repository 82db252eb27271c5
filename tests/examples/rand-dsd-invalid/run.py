#!/usr/bin/env cs_python
"""rand-dsd-invalid: seeded random DSD-operation slips must be refused by cslc at the slip's
line, with the column inside an offending operand (valid draws must compile); then the base
program runs and its DSD operations are checked bit for bit."""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", default="wse2")
parser.add_argument("--seed", type=int, default=2024)
parser.add_argument("--count", type=int, default=120)
args = parser.parse_args()

# ---- operands: name -> (kind, bytes per element, const) ------------------------------------
OPERANDS = {
    "fd": ("mem", 4, False), "fd2": ("mem", 4, False), "hd": ("mem", 2, False),
    "id": ("mem", 2, False), "ud": ("mem", 4, False), "m4": ("mem", 4, False),
    "kd": ("mem", 4, True), "khd": ("mem", 2, True),
    "fin": ("fabin", 0, False), "fout": ("fabout", 0, False),
    "xs": ("scalar", 4, False), "r_dst": ("dsr_dest", 0, False), "r_s1": ("dsr_src1", 0, False),
}
# op -> (destination bytes, source bytes, scalar tail, computes on elements)
OPS = {
    "fadds": (4, [4, 4], "", True), "fsubs": (4, [4, 4], "", True),
    "fmuls": (4, [4, 4], "", True), "fmaxs": (4, [4, 4], "", True),
    "fnegs": (4, [4], "", True), "fabss": (4, [4], "", True),
    "fmacs": (4, [4, 4], "@as(f32, 2.0)", True),
    "faddh": (2, [2, 2], "", True), "fmulh": (2, [2, 2], "", True),
    "fmach": (2, [2, 2], "@as(f16, 2.0)", True), "fnegh": (2, [2], "", True),
    "faddhs": (4, [4, 2], "", True), "fmachs": (4, [4, 2], "@as(f16, 2.0)", True),
    "fh2s": (4, [2], "", True), "fs2h": (2, [4], "", True), "xp162fs": (4, [2], "", True),
    "fs2xp16": (2, [4], "", True), "add16": (2, [2, 2], "", True),
    "sub16": (2, [2, 2], "", True), "popcnt": (2, [2], "", True),
    "fmovs": (4, [4], "", False), "mov16": (2, [2], "", False), "and16": (2, [2, 2], "", False),
}
RIGHT = {4: ["fd", "fd2", "m4", "ud"], 2: ["hd", "id"]}
WRONG_DST = ["kd", "khd", "fin", "xs", "r_s1"]
WRONG_SRC = ["fout", "r_dst"]

# Structural slips: (text, marker(s) of the offending argument). The error must be on the
# slip's line with its column inside the marked argument.
STRUCTURAL = [
    ("@set_dsd_stride(m4, 2);", "m4"),
    ("@fmovs(@set_dsd_length(m4, 3), fd);", "m4"),
    ("@fmovs(fd, @increment_dsd_offset(fin, 1, f32));", "fin"),
    ("@fmovs(fd, @set_dsd_base_addr(fin, &F[0]));", "fin"),
    ("@fmovs(@set_dsd_base_addr(fd, 5), fd);", "5"),
    ("@fmovs(@increment_dsd_offset(fd, 1.5, f32), fd);", "1.5"),
    ("@fmovs(@set_dsd_stride(fd, 300), fd);", "300"),
    ("@fmovs(@get_dsd(mem1d_dsd, .{ .base_address = &F[0], .extent = 4, .stride = 200 }), fd);",
     ".{ .base_address = &F[0], .extent = 4, .stride = 200 }"),
    ("@fmovs(@get_dsd(mem1d_dsd, .{ .base_address = &F[0], .extent = 70000 }), fd);",
     ".{ .base_address = &F[0], .extent = 70000 }"),
    ("@fmovs(@get_dsd(mem1d_dsd, .{ .base_address = F, .extent = 4 }), fd);",
     ".{ .base_address = F, .extent = 4 }"),
    ("@fmovs(@get_dsd(mem1d_dsd, .{ .tensor_access = |k|{4} -> F[k * k] }), fd);", "F[k * k]"),
    ("@fmovs(@get_dsd(mem1d_dsd, .{ .tensor_access = |i, j|{2, 2} -> F[i + j] }), fd);",
     ".{ .tensor_access = |i, j|{2, 2} -> F[i + j] }"),
    ("@fmovs(@get_dsd(mem1d_dsd, .{ .tensor_access = |k|{4} -> xs[k] }), fd);", "xs[k]"),
    ("@fmovs(@get_dsd(mem1d_dsd, .{ .tensor_access = |k|{4} -> F[k], .bogus = 1 }), fd);",
     ".{ .tensor_access = |k|{4} -> F[k], .bogus = 1 }"),
    ("@map(fmovs_missing, fd, fd);", "fmovs_missing"),
    ("@load_to_dsr(r_s1, fout);", ("r_s1", "fout")),
    ("@load_to_dsr(r_dst, fin);", ("r_dst", "fin")),
    ("@load_to_dsr(r_dst, 5);", "5"),
    ("@load_to_dsr(fd, fd);", "fd"),
    ("@load_to_dsr_xdsr(r_s1, r_dst, fd);", "r_dst"),
    ("@load_to_dsr(r_dst, fd, .{ .save_address = 1 });", ".{ .save_address = 1 }"),
    ("@fmovs(fd, fd, .{ .bogus = true });", ".{ .bogus = true }"),
    ("@fnegs(fd, true);", "true"),
    ("@fadds(fd, fd, \"x\");", "\"x\""),
    ("@xor16(id, id, 0x12345);", "0x12345"),
    ("@xor16(id, id, -40000);", "-40000"),
    ("@mov32(ud, 0x123456789);", "0x123456789"),
    ("@set_dsd_length(fd, 70000);", "70000"),
    ("@fmovs(@increment_dsd_offset(fd, 70000, f32), fd);", "70000"),
    ("@fmovs(@increment_dsd_offset(fd, 1, bool), fd);", "bool"),
    ("@map(fd, fd);", "fd"),
    ("@fadds(@set_dsd_base_addr(fd, &H[0]), fd, fd);", "@set_dsd_base_addr(fd, &H[0])"),
    ("@fadds(fd, @set_dsd_base_addr(fd, &I[2]), fd);", "@set_dsd_base_addr(fd, &I[2])"),
    ("@fh2s(fd, @set_dsd_base_addr(hd, &F[0]));", "@set_dsd_base_addr(hd, &F[0])"),
    ("@faddh(@set_dsd_base_addr(hd, &KH[0]), hd, hd);", "@set_dsd_base_addr(hd, &KH[0])"),
    ("@fmovs(@increment_dsd_offset(kd, 1, f32), fd);", "@increment_dsd_offset(kd, 1, f32)"),
    ("@fadds(@get_dsd(mem4d_dsd, .{ .tensor_access = |i, j|{2, 2} -> KF[2 * i + j] }), fd, fd);",
     "@get_dsd(mem4d_dsd, .{ .tensor_access = |i, j|{2, 2} -> KF[2 * i + j] })"),
    ("@fmovs(fd, @get_dsd(fabin_dsd, .{ .extent = 4, .input_queue = @get_output_queue(2) }));",
     ".{ .extent = 4, .input_queue = @get_output_queue(2) }"),
]


def random_slip(rng):
    """(text, offending operand columns relative to the text or None if valid)."""
    if rng.random() < 0.3:
        text, markers = rng.choice(STRUCTURAL)
        spans = []
        for marker in (markers if isinstance(markers, tuple) else (markers,)):
            start = text.index(marker)
            spans.append((start, start + len(marker)))
        return text, spans
    name = rng.choice(sorted(OPS))
    dbytes, sbytes, tail, computes = OPS[name]
    picks = []
    for slot, want in enumerate([dbytes] + sbytes):
        r = rng.random()
        if r < 0.6:
            picks.append(rng.choice(RIGHT[want]))
        elif r < 0.8:
            picks.append(rng.choice(RIGHT[6 - want]))  # the other width
        else:
            picks.append(rng.choice(WRONG_DST if slot == 0 else WRONG_SRC))
    # Memory operands are sometimes passed through a mutator (the error must then point
    # inside the mutated expression).
    texts = []
    for p in picks:
        elem = {"fd": "f32", "fd2": "f32", "hd": "f16", "id": "i16", "ud": "u32", "kd": "f32",
                "khd": "f16", "m4": "f32"}.get(p)
        if elem and rng.random() < 0.3:
            # (kd and khd cover their whole const arrays: moving them would leave the array)
            if p in ("kd", "khd") or (p != "m4" and rng.random() < 0.5):
                texts.append(f"@set_dsd_length({p}, 3)")
            else:
                texts.append(f"@increment_dsd_offset({p}, 1, {elem})")
        else:
            texts.append(p)
    text = f"@{name}(" + ", ".join(texts + ([tail] if tail else [])) + ");"
    spans, col = [], len(f"@{name}(")
    for slot, (p, shown, want) in enumerate(zip(picks, texts, [dbytes] + sbytes)):
        kind, nbytes, const = OPERANDS[p]
        bad = False
        if slot == 0 and (const or p in WRONG_DST):
            bad = True
        if slot > 0 and p in WRONG_SRC:
            bad = True
        if kind == "mem" and computes and nbytes != want:
            bad = True
        if bad:
            spans.append((col, col + len(shown)))
        col += len(shown) + 2
    return text, spans or None


with open("pe_program.csl", encoding="utf-8") as f:
    base = f.read()
with open("layout.csl", encoding="utf-8") as f:
    layout = f.read()
cslc = ["cslc", f"--arch={args.arch}", "layout.csl", "--fabric-dims=8,3", "--fabric-offsets=4,1",
        "-o", "out", "--memcpy", "--channels", "1"]
rng = random.Random(args.seed)
failures = []
refused = accepted = 0
work = tempfile.mkdtemp(prefix="rand-dsd-invalid-")
try:
    with open(os.path.join(work, "layout.csl"), "w", encoding="utf-8") as f:
        f.write(layout)
    for n in range(args.count):
        text, spans = random_slip(rng)
        # (a random_slip draw is made first so a seed draws the same slips as before)
        marker = rng.choice(["//SLIP-A", "//SLIP-B", "//SLIP-C"])
        if marker == "//SLIP-C":  # in a comptime block, every DSD operation is an error
            spans = [(0, len(text))]
        program = base.replace(marker, text)
        at = base.index(marker)  # where the slip starts (the text may also occur elsewhere)
        line = base[:at].count("\n") + 1
        first_col = at - (base.rfind("\n", 0, at) + 1) + 1
        with open(os.path.join(work, "pe_program.csl"), "w", encoding="utf-8") as f:
            f.write(program)
        shutil.rmtree(os.path.join(work, "out"), ignore_errors=True)
        r = subprocess.run(cslc, cwd=work, capture_output=True, text=True)
        report = r.stdout + r.stderr
        if spans is None:
            accepted += 1
            if r.returncode != 0:
                failures.append(f"[{n}] valid `{text}` refused:\n{report[:600]}")
            continue
        refused += 1
        m = re.search(r"^(\S+?):(\d+):(\d+): error: (.*)$", report, re.M)
        if r.returncode != 1 or not m:
            failures.append(f"[{n}] `{text}` (line {line}): cslc exit {r.returncode}, no "
                            f"file:line:col error\n{report[:600]}")
            continue
        file, eline, ecol = m.group(1), int(m.group(2)), int(m.group(3))
        inside = any(first_col + a <= ecol < first_col + b for a, b in spans)
        if file != "pe_program.csl" or eline != line or not inside:
            want = " or ".join(f"{first_col + a}..{first_col + b - 1}" for a, b in spans)
            failures.append(f"[{n}] `{text}`: error at {file}:{eline}:{ecol}, want "
                            f"pe_program.csl:{line}:{want}: {m.group(4)}")
finally:
    shutil.rmtree(work, ignore_errors=True)
print(f"{refused} slips refused, {accepted} valid draws compiled")

# ---- the base program runs -------------------------------------------------------------------
f32, f16 = np.float32, np.float16
rs = np.random.default_rng(args.seed)
F0 = rs.standard_normal(16).astype(f32)
H0 = (rs.standard_normal(16) * 4).astype(f16)
I0 = rs.integers(-30000, 30000, 16).astype(np.int16)
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("F", "H", "I")}
runner.load()
runner.run()
m16, m32, ROW = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT, MemcpyOrder.ROW_MAJOR
runner.memcpy_h2d(ids["F"], F0.view(np.uint32), 0, 0, 1, 1, 16, streaming=False, order=ROW,
                  data_type=m32, nonblock=False)
runner.memcpy_h2d(ids["H"], H0.view(np.uint16).astype(np.uint32), 0, 0, 1, 1, 16,
                  streaming=False, order=ROW, data_type=m16, nonblock=False)
runner.memcpy_h2d(ids["I"], I0.view(np.uint16).astype(np.uint32), 0, 0, 1, 1, 16,
                  streaming=False, order=ROW, data_type=m16, nonblock=False)
runner.launch("go", nonblock=False)
got = {}
for s, dt, t in (("F", m32, np.uint32), ("H", m16, np.uint16), ("I", m16, np.uint16)):
    o = np.zeros(16, np.uint32)
    runner.memcpy_d2h(o, ids[s], 0, 0, 1, 1, 16, streaming=False, order=ROW, data_type=dt,
                      nonblock=False)
    got[s] = o.astype(t)
runner.stop()

F, H, I = F0.copy(), H0.copy(), I0.copy()
F[0:4] = H[0:4].astype(f32)
for j, t in enumerate([4, 5, 8, 9]):
    F[t] = f32(np.float64(F[t]) + np.float64(F[j]) * 0.5)  # exact product: fused = rounded once
for j, t in enumerate([12, 10, 8, 6]):
    F[t] = F[t] + f32(j + 1)
H[8:12] = F[[12, 10, 8, 6]].astype(f16)
H[0:4] = (H[0:4].astype(np.float64) - np.array([4, 3, 2, 1])).astype(f16)
I[[1, 3, 5, 7]] ^= np.int16(0x5a5a)
for s, want in (("F", F.view(np.uint32)), ("H", H.view(np.uint16)), ("I", I.view(np.uint16))):
    for i in np.nonzero(got[s] != want)[0]:
        failures.append(f"{s}[{i}]: got {int(got[s][i]):#x} want {int(want[i]):#x}")
for msg in failures:
    print("MISMATCH " + msg)
if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("SUCCESS!")
