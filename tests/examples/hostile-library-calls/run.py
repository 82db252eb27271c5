#!/usr/bin/env cs_python
"""hostile-library-calls: the PE's report(k) runs twice (sim.log lines and timestamps
checked); then every library function of <time> <layout> <simprint> <random> <math>
<malloc> <debug> <tile_config> <control> <complex> <dsd_ops> is called from a function
body with each of eight argument lists (none, one, two, six, a string, a pointer, a
struct, a type): cslc must exit 0 or 1 within 20 s, and a refusal must give file:line:col
(in the program or the library, with a note at the call). Failed before 8b4381b
(build/h-hostile/NOTES.md 14: `print_string()` with no argument was a SIGSEGV)."""
import argparse
import os
import re
import shutil
import subprocess
import tempfile

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", default="wse2", choices=["wse2", "wse3"])
args = parser.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL", what)


# ---- the correct program ----
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
stamp = runner.get_id("stamp")
runner.load()
runner.run()
spans = []
for k in (7, 3000000000):
    runner.launch("report", np.uint32(k), nonblock=False)
    got = np.zeros(6, np.uint32)
    runner.memcpy_d2h(got, stamp, 0, 0, 1, 1, 6, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_16BIT, nonblock=False)
    first = int(got[0]) | int(got[1]) << 16 | int(got[2]) << 32
    last = int(got[3]) | int(got[4]) << 16 | int(got[5]) << 32
    check(last > first, f"report({k}): timestamps {first} then {last}")
runner.stop()
log = open("sim.log", encoding="utf-8").read()
for k in (7, 3000000000):
    check(re.search(rf"^@\d+ report {k}$", log, re.M) is not None,
          f"no 'report {k}' line in sim.log:\n{log}")
    check(re.search(rf"^@\d+ k {k} {k:08X} at 0,0$", log, re.M) is not None,
          f"no fmt line for {k} in sim.log:\n{log}")
print("correct program ok")

# ---- wrong argument lists ----
LIBS = {
    "<time>": ("", ["enable_tsc", "disable_tsc", "get_timestamp", "reset_tsc_counter",
                    "get_perf_cntr", "tsc_size_words"]),
    "<layout>": ("", ["get_x_coord", "get_y_coord"]),
    "<simprint>": ("", ["print_string", "print_newline", "print_u16_decimal", "print_u32_hex",
                        "print_u16_binary", "print_i16", "print_i32", "print_f16", "print_f32",
                        "fmt", "fmt_no_nl", "fmt_with_coords"]),
    "<random>": ("", ["set_global_prng_seed", "random_u16", "random_f32"]),
    "<math>": ("", ["sqrt_f32", "exp_f32", "pow_f32", "fabs_f32", "sqrt"]),
    "<malloc>": (", .{ .buffer_num_words = 64 }", ["malloc", "free", "malloc_f32",
                                                   "has_enough_words"]),
    "<debug>": (', .{ .key = "k", .buffer_size = 16 }', ["trace_u16", "trace_string",
                                                         "trace_timestamp"]),
    "<tile_config>": ("", ["queue_flush"]),
    "<control>": ("", ["encode_single_payload", "encode_control_task_payload",
                       "encode_payload"]),
    "<complex>": ("", ["get_complex_32", "add_complex", "multiply_complex_64"]),
    "<dsd_ops>": ("", ["mov"]),
}
ARG_LISTS = ["", "1", "1, 2", "1, 2, 3, 4, 5, 6", '"text"', "&buf", ".{}", "f32"]
work = tempfile.mkdtemp(prefix="hostile-libcalls-")
shutil.copy(os.path.join(here, "layout.csl"), work)
CSLC = ["cslc", f"--arch={args.arch}", "layout.csl", "--fabric-dims=8,3", "--fabric-offsets=4,1",
        "--memcpy", "--channels=1", "-o", "out"]
tally = {0: 0, 1: 0}
for lib, (params, fns) in LIBS.items():
    for fn in fns:
        for a in ARG_LISTS:
            src = (f'param memcpy_params;\n'
                   f'const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);\n'
                   f'const lib = @import_module("{lib}"{params});\n'
                   f'var buf = @zeros([4]u16);\n'
                   f'fn report(k: u32) void {{\n'
                   f'  _ = k;\n'
                   f'  _ = lib.{fn}({a});\n'
                   f'  sys_mod.unblock_cmd_stream();\n'
                   f'}}\n'
                   f'comptime {{ @export_symbol(report); }}\n')
            open(os.path.join(work, "pe_program.csl"), "w").write(src)
            what = f"{lib} {fn}({a})"
            try:
                r = subprocess.run(CSLC, cwd=work, capture_output=True, text=True, timeout=20)
            except subprocess.TimeoutExpired:
                check(False, f"{what}: no answer within 20 s")
                continue
            report = r.stdout + r.stderr
            if r.returncode not in (0, 1):
                check(False, f"{what}: cslc rc={r.returncode}\n{report[-300:]}")
                continue
            tally[r.returncode] += 1
            if r.returncode == 1:
                check(re.search(r"(\.csl|>):\d+:\d+: error: ", report) is not None,
                      f"{what}: no file:line:col\n{report[-300:]}")
                check("pe_program.csl:7:" in report,
                      f"{what}: the call at pe_program.csl:7 is not named\n{report[-300:]}")
shutil.rmtree(work)
print(f"calls compiled: {tally[0]}, refused: {tally[1]}")
if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
