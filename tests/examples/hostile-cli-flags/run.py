#!/usr/bin/env cs_python
"""hostile-cli-flags: the program compiled by commands_<arch>.sh runs (one_run.py); then
cslc gets each flag with the values careless users and scripts pass: missing, empty,
negative, huge, non-numeric, malformed lists, repeated names, fabric dims 0/1, a
100000-wide fabric. Each refusal must exit non-zero (2 for a flag that cannot be parsed, 1
for a value the program cannot use), name the flag or param in its message, take under
10 s, never die on a signal, and write no output directory. Variants that are valid
(100000x3 and 9x100000 fabrics, hex and negative param values, --params split over
several flags) must compile and run."""
import argparse
import os
import shutil
import subprocess
import tempfile
import time

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


def run_variant(out_dir):
    r = subprocess.run(["cs_python", os.path.join(here, "one_run.py"), "--name", out_dir],
                       capture_output=True, text=True, timeout=300)
    return "run ok" in r.stdout, r.stdout + r.stderr


ok, log = run_variant(args.name)
check(ok, f"the program as compiled by commands_{args.arch}.sh:\n{log}")
print("correct program ok")

work = tempfile.mkdtemp(prefix="hostile-flags-")
for s in ("layout.csl", "pe_program.csl"):
    shutil.copy(os.path.join(here, s), work)

ARCH = f"--arch={args.arch}"
DIMS, OFFS = "--fabric-dims=9,3", "--fabric-offsets=4,1"
PARAMS = "--params=n:4,bias:0.5"
MEM = ["--memcpy", "--channels=1"]


def base(**drop):
    """The valid command line, minus the flags named in drop, as a list."""
    parts = {"arch": [ARCH], "dims": [DIMS], "offs": [OFFS], "params": [PARAMS], "mem": MEM}
    line = ["cslc", "layout.csl"]
    for k, v in parts.items():
        if k not in drop:
            line += v
    return line


def cslc(line, out):
    start = time.monotonic()
    try:
        r = subprocess.run(line[:1] + ["-o", out] + line[1:], cwd=work, capture_output=True, text=True,
                           timeout=10)
    except subprocess.TimeoutExpired:
        return None, "timed out after 10 s", 10.0
    return r.returncode, r.stdout + r.stderr, time.monotonic() - start


def refused(what, line, words, rcs=(1, 2)):
    out = os.path.join(work, "o")
    shutil.rmtree(out, ignore_errors=True)
    rc, report, took = cslc(line, out)
    if rc not in rcs:
        check(False, f"{what}: rc={rc}, want {rcs}\n{report[-500:]}")
        return
    for w in words:
        check(w in report, f"{what}: {w!r} not in\n{report[-500:]}")
    check("error" in report, f"{what}: no 'error' in\n{report[-500:]}")
    # (a failed --output-json left the whole output directory until session 16:
    # build/h-hostile/NOTES.md 6)
    check(not os.path.exists(out), f"{what}: an output directory was written")


checked = 0
# ---- flags that take an integer ----
for flag, keep in (("--channels", "mem"), ("--width-west-buf", None), ("--width-east-buf", None),
                   ("--max-inlined-iterations", None), ("--comptime-func-depth-limit", None),
                   ("--max-parallelism", None)):
    for bad in ("", "-1", "abc", "1.5", "0x10", "+3", "99999999999999999999", " 1"):
        line = base() + [f"{flag}={bad}"]
        refused(f"{flag}={bad!r}", line, [flag], rcs=(2,))
        checked += 1
    refused(f"{flag} without a value at the end", base() + [flag], [flag, "value"], rcs=(2,))
    checked += 1
refused("--channels=0", base() + ["--channels=0"], ["--channels", "0"], rcs=(2,))
refused("--channels=17", base() + ["--channels=17"], ["--channels", "17"], rcs=(2,))
refused("--comptime-func-depth-limit=0", base() + ["--comptime-func-depth-limit=0"],
        ["--comptime-func-depth-limit"], rcs=(2,))
refused("--width-west-buf past the offsets", base() + ["--width-west-buf=100000"],
        ["100004"])
checked += 4

# ---- fabric geometry ----
for flag, drop in (("--fabric-dims", "dims"), ("--fabric-offsets", "offs")):
    for bad in ("", "9", "9,3,1", "a,b", "9,", ",3", "-9,3", "9,-3", "9.0,3", "9;3", "9 3",
                "99999999999999999999,3", "0x9,3"):
        refused(f"{flag}={bad!r}", base(**{drop: 1}) + [f"{flag}={bad}"], [flag], rcs=(2,))
        checked += 1
refused("--fabric-dims=0,0", base(dims=1) + ["--fabric-dims=0,0"], ["--fabric-dims"], rcs=(2,))
refused("--fabric-dims=1,1", base(dims=1) + ["--fabric-dims=1,1"], ["--fabric-dims=1,1", "9,3"])
refused("--fabric-dims one short", base(dims=1) + ["--fabric-dims=8,3"], ["--fabric-dims", "9,3"])
refused("--fabric-offsets=0,0", base(offs=1) + ["--fabric-offsets=0,0"], ["--fabric-offsets"])
refused("--fabric-offsets past the fabric", base(offs=1) + ["--fabric-offsets=100000,1"],
        ["--fabric-dims"])
checked += 5

# ---- --params and --colors lists ----
for bad in ("", "n", "n:", ":4", "n:4,", ",n:4", "n:4,,bias:1", "n=4"):
    refused(f"--params={bad!r}", base(params=1) + [f"--params={bad}"], ["--params"], rcs=(2,))
    checked += 1
refused("--params without a value", base(params=1) + ["--params"], ["--params"], rcs=(2,))
refused("--params naming one param twice", base(params=1) + ["--params=n:4,n:5,bias:1"],
        ["'n'", "twice"], rcs=(2,))
refused("--params twice with one name", base(params=1) + ["--params=n:4,bias:1", "--params=n:6"],
        ["'n'"], rcs=(2,))
refused("--params with an unknown name", base() + ["--params=m:3"], ["'m'"])
refused("--params missing a param", base(params=1) + ["--params=n:4"], ["bias"])
for bad, words in (("n:abc", ["abc"]), ("n:4.5", ["u16", "n"]), ("n:4;bias:1", ["4;bias:1"]), ("n:70000", ["70000", "u16"]),
                   ("n:-1", ["-1"]), ("n:true", ["true"]), ('n:"4"', ['"4"']),
                   ("n:4 ", ["'4 '"]), ("bias:nan", ["nan"]),
                   ("bias:inf", ["inf"])):
    refused(f"--params={bad!r}", base(params=1) + [f"--params={bad},bias:0.5"
                                                    if not bad.startswith("bias") else
                                                    f"--params=n:4,{bad}"], words)
    checked += 1
for bad in ("", "c", "c:", ":3"):
    refused(f"--colors={bad!r}", base() + [f"--colors={bad}"], ["--colors"], rcs=(2,))
    checked += 1

# ---- enumerated and path flags ----
for flag, bad in (("--arch", "wse4"), ("--arch", "WSE2"), ("--arch", ""), ("--fp16-format", "f32"),
                  ("--fp16-format", "")):
    refused(f"{flag}={bad!r}", base(arch=1) + [f"{flag}={bad}"], [flag], rcs=(2,))
    checked += 1
for flag in ("--memcpy", "--verbose", "--out-routes", "-g0", "--warnings-as-errors"):
    refused(f"{flag}=1", base() + [f"{flag}=1"], [flag], rcs=(2,))
    checked += 1
for bad in ("--bogus", "-x", "--", "--fabric-dim=9,3", "--param=n:4"):
    refused(f"unknown flag {bad}", base() + [bad], [bad.split("=")[0]], rcs=(2,))
    checked += 1
refused("no layout file", ["cslc", ARCH, DIMS, OFFS, PARAMS] + MEM, ["layout"], rcs=(2,))
refused("two layout files", base() + ["pe_program.csl"], ["layout.csl", "pe_program.csl"],
        rcs=(2,))
refused("--output-json= with no name", base() + ["--output-json="], ["--output-json"], rcs=(2,))
refused("--output-json into /proc", base() + ["--output-json=/proc/no/such.json"],
        ["--output-json", "/proc/no/such.json"])
refused("--link-section-start-address-bytes=.a", base() +
        ["--link-section-start-address-bytes=.a"], ["--link-section-start-address-bytes"],
        rcs=(2,))
refused("--link-section-start-address-bytes=.a:-1", base() +
        ["--link-section-start-address-bytes=.a:-1"], ["--link-section-start-address-bytes"],
        rcs=(2,))
checked += 6

# -o: a file, an empty name, a path under /proc.
open(os.path.join(work, "plain file"), "w").write("x\n")
for what, out, words, rcs in (("-o names a file", os.path.join(work, "plain file"),
                               ["plain file"], (1, 2)),
                              ("-o under /proc", "/proc/no/such/out", ["/proc/no/such/out"],
                               (1, 2)),
                              ("-o empty", "", ["-o"], (2,))):
    rc, report, _ = cslc(base(), out)
    check(rc in rcs and all(w in report for w in words), f"{what}: rc={rc}\n{report[-400:]}")
    checked += 1
rc, report, _ = cslc(base() + ["-o"], os.path.join(work, "x"))
check(rc == 2 and "error" in report, f"-o twice, the last with no value: rc={rc}\n{report}")

# ---- valid but unusual command lines: compile and run ----
valid = [
    ("a 100000-wide fabric", base(dims=1) + ["--fabric-dims=100000,3"]),
    ("a 100000-tall fabric", base(dims=1) + ["--fabric-dims=9,100000"]),
    ("far offsets", base(dims=1, offs=1) + ["--fabric-dims=60009,40003", "--fabric-offsets=60000,40000"]),
    ("params split over two flags", base(params=1) + ["--params=n:6", "--params=bias:-2.25"]),
    ("a hex param", base(params=1) + ["--params=n:0x5,bias:8"]),
    ("16 channels", base(mem=1) + ["--memcpy", "--channels=16"]),
    ("flags before the layout file", ["cslc", ARCH, DIMS, OFFS, PARAMS] + MEM + ["layout.csl"]),
]
for what, line in valid:
    out = os.path.join(work, "valid out")
    shutil.rmtree(out, ignore_errors=True)
    rc, report, took = cslc(line, out)
    check(rc == 0, f"{what}: cslc rc={rc}\n{report[-500:]}")
    if rc == 0:
        ok, log = run_variant(out)
        check(ok, f"{what}: run failed\n{log[-800:]}")
    checked += 1

shutil.rmtree(work)
print(f"{checked} command lines checked")
if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
