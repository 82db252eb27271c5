#!/usr/bin/env cs_python
"""hostile-artifact-damage: cs_python on compile output that was damaged after cslc wrote
it: missing or replaced directories and files, out_rpc.json truncated, re-encoded or of
the wrong shape, the program file truncated at many offsets, with single bytes flipped
(fixed seed), with garbage appended, or swapped with another compile's; plus host scripts
that die mid-session (an exception without stop(), SIGKILL) followed by a normal run.
Every session (one_run.py in a child cs_python) must end within 60 s in a clean result:
right values, other values (a flipped byte may change the code: no checksum is
promised), or a refusal by an SDK exception class naming the damaged file. A traceback
from the SDK's own code, a signal, or a hang is a failure.
It also runs sdk_utils.get_api_info_dict on out_rpc.json files of the wrong shape
(build/h-hostile/NOTES.md 7: bare AttributeError/KeyError/TypeError until session 16)."""
import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import tempfile
import time

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", default="wse2", choices=["wse2", "wse3"])
args = parser.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
good = os.path.abspath(args.name)
work = tempfile.mkdtemp(prefix="hostile-artifacts-")
failures = []
tally = {}


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL", what)


def session(out_dir, extra=()):
    """Runs one_run.py on out_dir; returns (kind, message, seconds)."""
    start = time.monotonic()
    try:
        r = subprocess.run(["cs_python", os.path.join(here, "one_run.py"), "--name", out_dir]
                           + list(extra), capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return "hang", "no result within 60 s", 60.0
    took = time.monotonic() - start
    m = re.search(r"^RESULT (\w+) (.*)$", r.stdout, re.M)
    if r.returncode < 0:
        return "signal", f"signal {-r.returncode}\n{r.stderr[-800:]}", took
    if not m:
        return "traceback", (r.stdout + r.stderr)[-1200:], took
    return m.group(1), json.loads(m.group(2)), took


def copy(tag):
    d = os.path.join(work, tag)
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(good, d)
    return d


def expect(what, d, kinds, names=None, extra=()):
    """The session on d must end in one of kinds; a refusal must contain names."""
    kind, message, took = session(d, extra)
    tally[kind] = tally.get(kind, 0) + 1
    if kind not in kinds:
        check(False, f"{what}: {kind} (want {kinds}): {message}")
        return kind
    if kind == "refused" and names:
        for n in names:
            check(n in message, f"{what}: {n!r} not in the refusal: {message}")
    return kind


RPC = os.path.join("bin", "out_rpc.json")
PROG = os.path.join("bin", "out_program.pb")
ANY = ("ok", "wrong", "refused")

kind = expect("the undamaged output", good, ("ok",))
print("undamaged output ok")

# ---- directories ----
expect("output directory missing", os.path.join(work, "never-compiled"), ("refused",),
       ["never-compiled"])
open(os.path.join(work, "a-file"), "w").write("not a directory\n")
expect("output directory is a file", os.path.join(work, "a-file"), ("refused",), ["a-file"])
d = copy("no-bin")
shutil.rmtree(os.path.join(d, "bin"))
expect("bin/ missing", d, ("refused",), ["bin"])
d = copy("bin-file")
shutil.rmtree(os.path.join(d, "bin"))
open(os.path.join(d, "bin"), "w").write("x\n")
expect("bin is a file", d, ("refused",), ["bin"])

# ---- out.json: the runtime does not need it ----
for what, text in (("out.json missing", None), ("out.json empty", b""),
                   ("out.json garbage", bytes(range(256)))):
    d = copy("outjson")
    p = os.path.join(d, "out.json")
    if text is None:
        os.remove(p)
    else:
        open(p, "wb").write(text)
    expect(what, d, ("ok",))

# ---- out_rpc.json ----
rpc_text = open(os.path.join(good, RPC), "rb").read()
for what, text in (("missing", None), ("empty", b""), ("invalid UTF-8", b"\xff\xfe{"),
                   ("a JSON list", b"[]"), ("JSON null", b"null"),
                   ("rpc_symbols not a list", b'{"rpc_symbols": 3}'),
                   ("UTF-16 encoded", rpc_text.decode().encode("utf-16"))):
    d = copy("rpc")
    p = os.path.join(d, RPC)
    if text is None:
        os.remove(p)
    else:
        open(p, "wb").write(text)
    expect(f"out_rpc.json {what}", d, ("refused",), ["out_rpc.json"])
d = copy("rpc-dir")
os.remove(os.path.join(d, RPC))
os.makedirs(os.path.join(d, RPC))
expect("out_rpc.json is a directory", d, ("refused",), ["out_rpc.json"])
for cut in range(0, len(rpc_text), 23):
    d = copy("rpc-cut")
    open(os.path.join(d, RPC), "wb").write(rpc_text[:cut])
    expect(f"out_rpc.json cut at {cut}", d, ("refused",), ["out_rpc.json"])
print(f"out_rpc.json damage: {tally}")

# ---- the program file ----
prog = open(os.path.join(good, PROG), "rb").read()
for what, text in (("missing", None), ("empty", b""), ("a JSON text", rpc_text),
                   ("64 KB of zeros", bytes(65536))):
    d = copy("prog")
    p = os.path.join(d, PROG)
    if text is None:
        os.remove(p)
    else:
        open(p, "wb").write(text)
    expect(f"program file {what}", d, ("refused",), ["out_program.pb"])
d = copy("prog-dir")
os.remove(os.path.join(d, PROG))
os.makedirs(os.path.join(d, PROG))
expect("program file is a directory", d, ("refused",), ["out_program.pb"])
step = max(1, len(prog) // 40)
for cut in list(range(1, len(prog), step)) + [len(prog) - 1]:
    d = copy("prog-cut")
    open(os.path.join(d, PROG), "wb").write(prog[:cut])
    expect(f"program file cut at {cut} of {len(prog)}", d, ("refused",), ["out_program.pb"])
for what, tail in (("zeros appended", bytes(100)), ("0xff appended", b"\xff" * 100),
                   ("a copy of itself appended", prog)):
    d = copy("prog-tail")
    open(os.path.join(d, PROG), "wb").write(prog + tail)
    expect(f"program file with {what}", d, ANY)
rng = random.Random(11_26)
for i in range(60):
    pos = rng.randrange(len(prog))
    val = rng.choice([0x00, 0xFF, 0x80, 0x7F, prog[pos] ^ 1, prog[pos] ^ 0x40, rng.randrange(256)])
    damaged = bytearray(prog)
    damaged[pos] = val
    d = copy("prog-flip")
    open(os.path.join(d, PROG), "wb").write(bytes(damaged))
    expect(f"program byte {pos} set to {val:#04x}", d, ANY)
print(f"program file damage: {tally}")

# Another compile's program (n = 6; other exports) beside this compile's out_rpc.json.
other_arch = "wse3" if args.arch == "wse2" else "wse2"
variants = {
    "n6": (args.arch, "--params=n:6,bias:0.5", "layout.csl"),
    "other-arch": (other_arch, "--params=n:4,bias:0.5", "layout.csl"),
}
src = os.path.join(work, "src")
os.makedirs(src)
for s in ("layout.csl", "pe_program.csl"):
    shutil.copy(os.path.join(here, s), src)
text = open(os.path.join(src, "layout.csl")).read().replace('"v"', '"w"')
open(os.path.join(src, "renamed.csl"), "w").write(text.replace('"pe_program.csl"',
                                                               '"pe_renamed.csl"'))
text = open(os.path.join(src, "pe_program.csl")).read().replace('"v"', '"w"')
open(os.path.join(src, "pe_renamed.csl"), "w").write(text)
variants["renamed"] = (args.arch, "--params=n:4,bias:0.5", "renamed.csl")
for tag, (arch, params, layout) in variants.items():
    out = os.path.join(work, f"compiled-{tag}")
    r = subprocess.run(["cslc", f"--arch={arch}", layout, "--fabric-dims=9,3",
                        "--fabric-offsets=4,1", params, "-o", out, "--memcpy", "--channels=1"],
                       cwd=src, capture_output=True, text=True, timeout=60)
    check(r.returncode == 0, f"compile {tag}: {r.stdout + r.stderr}")
    d = copy(f"swapped-{tag}")
    shutil.copy(os.path.join(out, PROG), os.path.join(d, PROG))
    k = expect(f"program of the {tag} compile", d, ANY)
    if tag == "renamed":
        check(k == "refused", f"program of the renamed compile: {k} (it has no 'v')")
    d = copy(f"swapped-rpc-{tag}")
    shutil.copy(os.path.join(out, RPC), os.path.join(d, RPC))
    expect(f"out_rpc.json of the {tag} compile", d, ANY)

# ---- host scripts that die mid-session ----
dying = os.path.join(work, "dying.py")
open(dying, "w").write(
    "import sys, numpy as np\n"
    "from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime\n"
    "r = SdkRuntime(sys.argv[1]); v = r.get_id('v'); r.load(); r.run()\n"
    "r.launch('scale', np.float32(2.0), nonblock=True)\n"
    "if sys.argv[2] == 'raise':\n"
    "    raise RuntimeError('the script fails before stop()')\n"
    "print('SESSION OPEN', flush=True)\n"
    "import time; time.sleep(120)\n")
start = time.monotonic()
r = subprocess.run(["cs_python", dying, good, "raise"], capture_output=True, text=True,
                   timeout=60)
check(r.returncode != 0 and "the script fails before stop()" in r.stderr,
      f"a raising script: rc={r.returncode}\n{r.stderr[-600:]}")
check(time.monotonic() - start < 30, f"a raising script took {time.monotonic() - start:.0f} s")
expect("a run after a script that raised without stop()", good, ("ok",))
p = subprocess.Popen(["cs_python", dying, good, "sleep"], stdout=subprocess.PIPE, text=True)
line = p.stdout.readline()
check("SESSION OPEN" in line, f"the killed script did not start: {line!r}")
os.kill(p.pid, signal.SIGKILL)
p.wait(timeout=30)
p.stdout.close()
expect("a run after a script killed by SIGKILL mid-session", good, ("ok",))

for what, doc in (("rpc_symbols a dict", {"rpc_symbols": {"a": 1}}),
                  ("a symbol that is a string", {"rpc_symbols": ["scale"]}),
                  ("a function without a name", {"rpc_symbols": [{"kind": "Func", "inputs": []}]}),
                  ("an input without a type",
                   {"rpc_symbols": [{"kind": "Func", "name": "scale", "inputs": [{"name": "k"}]}]}),
                  ("inputs a dict",
                   {"rpc_symbols": [{"kind": "Func", "name": "scale", "inputs": {"k": "f32"}}]}),
                  ("rpc_symbols null", {"rpc_symbols": None})):
    d = copy("rpc-shape")
    json.dump(doc, open(os.path.join(d, RPC), "w"))
    expect(f"get_api_info_dict on out_rpc.json with {what}", d, ("refused",),
           ["out_rpc.json"], extra=["--api"])

shutil.rmtree(work)
print(f"sessions: {tally}")
if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
