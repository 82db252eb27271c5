#!/usr/bin/env cs_python
"""compile-sweep: a run.py that drives the tools itself, as SDK sweep scripts do.

Runs the program commands_<arch>.sh compiled, then compiles the same layout for three
more sizes with `cslc` from subprocess (the `-o=DIR`, `-o DIR` and `-oDIR` spellings,
`--params` given twice, `--arch=` after the output flag), checks each variant's
out.json, runs the three variants at once in child `cs_python one_run.py --name=DIR`
processes (each with its own private appliance) and checks their printed results
against a float32 model of Horner's rule; finally a misspelt flag must fail with exit
status 2 naming the flag it resembles, a missing param with status 1 naming the param.
Prints SUCCESS! only when every check passes."""
import argparse
import json
import os
import subprocess

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of the system (omit for the simulator)")
parser.add_argument("--arch", default="wse2", choices=["wse2", "wse3"])
args = parser.parse_args()
here = os.path.dirname(os.path.abspath(__file__))

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


def inputs(seed, width, n):
    return np.random.default_rng(seed).uniform(-1.5, 1.5, size=(1, width, n)).astype(np.float32)


def horner(x, coef, reps):
    """The device's evaluation order in float32: acc = c, then reps - 1 times
    acc = acc * x + 1, then acc * x + col."""
    acc = np.full_like(x, np.float32(coef))
    for _ in range(reps - 1):
        acc = acc * x + np.float32(1.0)
    cols = np.arange(x.shape[1], dtype=np.float32)[None, :, None]
    return acc * x + cols


# ---- the program compiled by commands_<arch>.sh, in this process ----
with open(f"{args.name}/out.json", encoding="utf-8") as f:
    base = json.load(f)["params"]
width, n, reps = int(base["width"]), int(base["n"]), int(base["reps"])
x = inputs(99, width, n)
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
x_id, y_id = runner.get_id("x"), runner.get_id("y")
runner.load()
runner.run()
runner.memcpy_h2d(x_id, x.ravel(), 0, 0, width, 1, n, streaming=False,
                  data_type=MemcpyDataType.MEMCPY_32BIT, order=MemcpyOrder.ROW_MAJOR,
                  nonblock=False)
runner.launch("horner", np.float32(-0.75), nonblock=False)
y = np.zeros(width * n, np.float32)
runner.memcpy_d2h(y, y_id, 0, 0, width, 1, n, streaming=False,
                  data_type=MemcpyDataType.MEMCPY_32BIT, order=MemcpyOrder.ROW_MAJOR,
                  nonblock=False)
runner.stop()
check(np.array_equal(y.reshape(1, width, n), horner(x, -0.75, reps)), "the base program")

# ---- three variants compiled from here ----
variants = [  # (output dir, the -o spelling, width, n, reps, launch coefficient, seed)
    ("sweep_a", ["-o=sweep_a"], 2, 7, 3, 0.5, 1),
    ("sweep_b", ["-o", "sweep_b"], 5, 1, 1, 2.0, 2),
    ("sweep_c", ["-osweep_c"], 4, 12, 5, -1.25, 3),
]
for name, out_flag, w, nn, r, _, _ in variants:
    cmd = ["cslc", "layout.csl", f"--fabric-dims={w + 7},3", "--fabric-offsets=4,1",
           f"--params=width:{w}", f"--params=n:{nn},reps:{r}", *out_flag, f"--arch={args.arch}",
           "--memcpy", "--channels=1"]
    done = subprocess.run(cmd, cwd=here, capture_output=True, text=True, check=False)
    check(done.returncode == 0, f"{' '.join(cmd)} exited with {done.returncode}: "
          f"{done.stdout}{done.stderr}")
    with open(os.path.join(here, name, "out.json"), encoding="utf-8") as f:
        params = json.load(f)["params"]
    check({k: params.get(k) for k in ("width", "n", "reps")} ==
          {"width": str(w), "n": str(nn), "reps": str(r)},
          f"{name}/out.json params {params} (both --params flags count)")

child_args = ["--cmaddr", args.cmaddr] if args.cmaddr else []
children = [(v, subprocess.Popen(["cs_python", "one_run.py", f"--name={v[0]}",
                                  f"--seed={v[6]}", f"--coef={v[5]}", *child_args],
                                 cwd=here, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 text=True))
            for v in variants]
for (name, _, w, nn, r, coef, seed), child in children:
    output, _ = child.communicate(timeout=240)
    check(child.returncode == 0, f"child for {name} exited with {child.returncode}: {output}")
    lines = [line for line in output.splitlines() if line.startswith("RESULT ")]
    check(len(lines) == 1, f"child for {name} printed {len(lines)} RESULT lines: {output}")
    if len(lines) != 1:
        continue
    result = json.loads(lines[0][len("RESULT "):])
    got = np.array(result["y_bits"], np.uint32).view(np.float32).reshape(1, w, nn)
    check(result["name"] == name and np.array_equal(got, horner(inputs(seed, w, nn), coef, r)),
          f"{name}: y of the child run")

# ---- the compiler's exit statuses for a script to test ----
bad_flag = subprocess.run(["cslc", "layout.csl", "--fabric-dimz=10,3", "-o=bad_flag"],
                          cwd=here, capture_output=True, text=True, check=False)
check(bad_flag.returncode == 2 and "--fabric-dims" in bad_flag.stdout + bad_flag.stderr,
      f"a misspelt flag: status {bad_flag.returncode}, {bad_flag.stdout}{bad_flag.stderr}")
missing = subprocess.run(["cslc", "layout.csl", "--fabric-dims=10,3", "--fabric-offsets=4,1",
                          "--params=width:3,n:4", "-o=missing_param", f"--arch={args.arch}",
                          "--memcpy", "--channels=1"],
                         cwd=here, capture_output=True, text=True, check=False)
check(missing.returncode == 1 and "reps" in missing.stdout + missing.stderr,
      f"a missing param: status {missing.returncode}, {missing.stdout}{missing.stderr}")

if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
