#!/usr/bin/env python3
"""Shrinks a failing gen.py program:
    minimize.py SEED OPS ARCH WORKDIR [WIDTH] [AVOID] [gen.py flags such as --fabric]
(cslc and cs_python on PATH). Finds the shortest failing prefix, then drops operations one at
a time while the program still prints MISMATCH; prints the --keep list and leaves the
smallest program in WORKDIR."""
import os
import subprocess
import sys

seed, ops, arch, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
width = sys.argv[5] if len(sys.argv) > 5 else "3"
avoid = sys.argv[6] if len(sys.argv) > 6 else ""
extra = sys.argv[7:]  # e.g. --in-task
here = os.path.dirname(os.path.abspath(__file__))
gen, run_py = os.path.join(here, "gen.py"), os.path.join(here, "run.py")


def fails(keep):
    subprocess.run([sys.executable, gen, "--seed", str(seed), "--ops", str(ops), "--width", width,
                    "--avoid", avoid, "--out", work, "--keep", ",".join(map(str, keep))] + extra, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["rm", "-rf", os.path.join(work, "out")])
    p = subprocess.run(f"bash compile_{arch}.sh && cs_python {run_py} --name out", shell=True, cwd=work,
                       capture_output=True, text=True)
    return "MISMATCH" in p.stdout, p.stdout + p.stderr


keep = list(range(ops))
assert fails(keep)[0], "does not fail"
# The shortest failing prefix first, then single deletions from the end.
lo, hi = 1, ops
while lo < hi:
    mid = (lo + hi) // 2
    if fails(list(range(mid)))[0]:
        hi = mid
    else:
        lo = mid + 1
keep = list(range(lo))
for i in reversed(range(len(keep) - 1)):
    trial = keep[:i] + keep[i + 1:]
    if fails(trial)[0]:
        keep = trial
ok, out = fails(keep)
print("keep:", ",".join(map(str, keep)))
print(out[-3000:])
