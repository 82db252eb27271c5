#!/usr/bin/env cs_python
"""host-launcher-jobs: SdkCompiler and SdkLauncher used as the SDK's appliance-mode docs
use them, past what host-api-contract does: the program compiled from Python (options as a
list joined into one string, `-o NAME` to a scratch output directory); a launcher job that
stages a directory (job/, whose worker imports its own helpers/ module), an input .npy file
written here and one file under another name; several commands in one run() call (an echo
and the worker, with %CMADDR% replaced); a second run() in the same job reading the file
the first one left in the workspace; a failing command raising RuntimeError with its
output; download_artifact of the results; a second job that starts from a clean
workspace. Prints SUCCESS! only when every check passes."""
import argparse
import os
import tempfile

import numpy as np

from cerebras.sdk.client import SdkCompiler, SdkLauncher  # pylint: disable=import-error,no-name-in-module

parser = argparse.ArgumentParser()
parser.add_argument("--arch", default="wse2")
parser.add_argument("--cmaddr", help="IP:port of the appliance (omit for a private one)")
args = parser.parse_args()
W, H, N = 3, 2, 4
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


def axpy(acc, a, b):
    place = (10 * np.arange(W)[None, :] + np.arange(H)[:, None]).astype(np.int64)[:, :, None]
    wide = acc.reshape(H, W, N).astype(np.int64) * a + b + place
    return ((wide + (1 << 31)) % (1 << 32) - (1 << 31)).astype(np.int32).ravel()


here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(8)
inputs = rng.integers(-(1 << 29), 1 << 29, size=W * H * N, dtype=np.int32)

with tempfile.TemporaryDirectory(prefix="host-launcher-jobs-") as scratch:
    options = [f"--arch={args.arch}", f"--fabric-dims={W + 7},{H + 2}", "--fabric-offsets=4,1",
               f"--params=width:{W},height:{H},n:{N}", "--memcpy", "--channels=1",
               "-o", "job_out"]
    with SdkCompiler(cmaddr=args.cmaddr) as compiler:
        artifact = compiler.compile(here, "layout.csl", " ".join(options), scratch)
    check(os.path.basename(os.path.normpath(artifact)) == "job_out"
          and os.path.isfile(os.path.join(artifact, "out.json")),
          f"SdkCompiler.compile returned the artifact directory: {artifact}")
    np.save(os.path.join(scratch, "inputs.npy"), inputs)
    with open(os.path.join(scratch, "notes.txt"), "w", encoding="utf-8") as f:
        f.write("staged under another name\n")

    with SdkLauncher(artifact, simulator=True, cmaddr=args.cmaddr) as launcher:
        launcher.stage(os.path.join(here, "job"))
        launcher.stage(os.path.join(scratch, "inputs.npy"))
        launcher.stage(os.path.join(scratch, "notes.txt"), "renamed.txt")
        out = launcher.run("echo staged: && ls job job/helpers && cat renamed.txt",
                           "cs_python job/worker.py --name job_out --cmaddr %CMADDR% --mode a")
        check("worker.py" in out and "pack.py" in out and "another name" in out,
              f"the staged directory and the renamed file are in the workspace: {out!r}")
        check("worker a: cmaddr" in out and "%CMADDR%" not in out
              and "cmaddr None" not in out, f"%CMADDR% was replaced: {out!r}")
        out_b = launcher.run("cs_python job/worker.py --name job_out --cmaddr %CMADDR% --mode b")
        check("wrote result_b.npy" in out_b, f"the second run: {out_b!r}")
        try:
            launcher.run("cs_python job/worker.py --mode fail")
            check(False, "a failing command raises")
        except RuntimeError as e:
            check("refusing on purpose" in str(e) and "3" in str(e),
                  f"the failure carries the command's output and status: {e}")
        for name in ("result_a.npy", "result_b.npy"):
            launcher.download_artifact(name, os.path.join(scratch, name))
    result_a = np.load(os.path.join(scratch, "result_a.npy"))
    result_b = np.load(os.path.join(scratch, "result_b.npy"))
    check(np.array_equal(result_a, axpy(inputs, 3, -1)), "result_a = axpy(inputs, 3, -1)")
    check(np.array_equal(result_b, axpy(result_a, -2, 5)),
          "result_b = axpy(result_a, -2, 5): mode b read mode a's file in the workspace")

    with SdkLauncher(artifact, simulator=True, cmaddr=args.cmaddr) as launcher:
        listing = launcher.run("ls")
        check("result_a.npy" not in listing and "job_out" in listing,
              f"a new job's workspace holds the artifact only: {listing!r}")

if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
