#!/usr/bin/env cs_python
"""hostile-path-forms: the program runs (one_run.py); then copies of it name the tile code
and an imported module by the paths real checkouts contain. Valid forms (`..`, absolute,
`./a/../..`, a symlink, a name built by @strcat, --import-path) must compile and run;
broken ones (a symlink to itself, a dangling link, a FIFO, /dev/zero, a directory, a
300-character name, a 6,000-character path, an --import-path that is a symlink loop, the
layout itself a symlink loop) must be refused within 10 s (exit 1) naming the file:line of
the @set_tile_code / @import_module (or the path), never by a signal or a blocked read.
A project directory with a Latin-1 name must compile and run (or be refused). Fails until
build/h-hostile/NOTES.md 11 (std::filesystem::filesystem_error aborts cslc for loops and
long names) and 18 (a non-UTF-8 path gives an unloadable program) are fixed."""
import argparse
import os
import re
import shutil
import subprocess
import tempfile

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

layout_text = open(os.path.join(here, "layout.csl")).read()
pe_text = open(os.path.join(here, "pe_program.csl")).read()
TILE = '"pe_program.csl"'
BODY = "v[i] = v[i] * k + bias;"
assert TILE in layout_text and BODY in pe_text
CSLC = ["cslc", f"--arch={args.arch}", "--fabric-dims=9,3", "--fabric-offsets=4,1",
        "--params=n:4,bias:0.5", "--memcpy", "--channels=1"]

root = tempfile.mkdtemp(prefix="hostile-paths-")
proj, shared = os.path.join(root, "proj"), os.path.join(root, "shared")
os.makedirs(os.path.join(proj, "sub"))
os.makedirs(shared)
with_import = pe_text.replace(BODY, "v[i] = v[i] * k + bias + extra.zero;")
open(os.path.join(shared, "pe_program.csl"), "w").write(pe_text)
open(os.path.join(shared, "helper.csl"), "w").write("const zero: f32 = 0.0;\n")
os.symlink("../shared/pe_program.csl", os.path.join(proj, "link.csl"))
os.symlink("../shared/helper.csl", os.path.join(proj, "helper_link.csl"))
os.symlink("loop.csl", os.path.join(proj, "loop.csl"))
os.symlink("dir_loop", os.path.join(proj, "dir_loop"))
os.symlink("/nonexistent/gone.csl", os.path.join(proj, "dangling.csl"))
os.mkfifo(os.path.join(proj, "fifo.csl"))
os.symlink("layout_loop.csl", os.path.join(proj, "layout_loop.csl"))


def compile_with(tile=TILE, import_path=None, extra=(), layout="layout.csl"):
    """Writes proj/layout.csl naming `tile` (and proj/pe_import.csl importing
    `import_path` when given), compiles in proj; returns (rc, report, out dir)."""
    text = layout_text
    if import_path is not None:
        open(os.path.join(proj, "pe_import.csl"), "w").write(
            with_import + f"\nconst extra = @import_module({import_path});\n")
        tile = '"pe_import.csl"'
    open(os.path.join(proj, "layout.csl"), "w").write(text.replace(TILE, tile, 1))
    out = os.path.join(proj, "out")
    shutil.rmtree(out, ignore_errors=True)
    try:
        r = subprocess.run(CSLC + [layout, "-o", "out"] + list(extra), cwd=proj,
                           capture_output=True, text=True, timeout=10)
        return r.returncode, r.stdout + r.stderr, out
    except subprocess.TimeoutExpired:
        return None, "no answer within 10 s (a blocked read?)", out


TILE_LINE = next(i for i, l in enumerate(layout_text.splitlines(), 1) if TILE in l)
IMPORT_LINE = with_import.count("\n") + 2

valid = [
    ("tile code through ..", dict(tile='"../shared/pe_program.csl"')),
    ("tile code by absolute path", dict(tile=f'"{shared}/pe_program.csl"')),
    ("tile code through ./sub/../..", dict(tile='"./sub/../../shared/pe_program.csl"')),
    ("tile code through a symlink", dict(tile='"link.csl"')),
    ("tile code named by @strcat", dict(tile='@strcat("../shared/", "pe_program.csl")')),
    ("import through ..", dict(import_path='"../shared/helper.csl"')),
    ("import by absolute path", dict(import_path=f'"{shared}/helper.csl"')),
    ("import through a symlink", dict(import_path='"helper_link.csl"')),
    ("import found by --import-path", dict(import_path='"helper.csl"',
                                           extra=["--import-path", shared])),
]
for what, kw in valid:
    rc, report, out = compile_with(**kw)
    check(rc == 0, f"{what}: cslc rc={rc}\n{report[-600:]}")
    if rc == 0:
        ok, log = run_variant(out)
        check(ok, f"{what}: run failed\n{log[-600:]}")
    print(f"{what}: {'ok' if rc == 0 else 'FAILED'}")

long_name = '"' + "z" * 300 + '.csl"'
long_path = '"' + "y/" * 3000 + 'pe.csl"'
broken = [
    ("tile code is a symlink to itself", dict(tile='"loop.csl"'), TILE_LINE, ["loop.csl"]),
    ("tile code is a dangling symlink", dict(tile='"dangling.csl"'), TILE_LINE, ["dangling.csl"]),
    ("tile code is a FIFO", dict(tile='"fifo.csl"'), TILE_LINE, ["fifo.csl"]),
    ("tile code is /dev/zero", dict(tile='"/dev/zero"'), TILE_LINE, ["/dev/zero"]),
    ("tile code is a directory", dict(tile='"sub"'), TILE_LINE, ["sub"]),
    ("tile code name of 300 characters", dict(tile=long_name), TILE_LINE, ["zzzz"]),
    ("tile code path of 6000 characters", dict(tile=long_path), TILE_LINE, ["y/y/"]),
    ("import is a symlink to itself", dict(import_path='"loop.csl"'), IMPORT_LINE,
     ["loop.csl"]),
    ("import is a FIFO", dict(import_path='"fifo.csl"'), IMPORT_LINE, ["fifo.csl"]),
    ("import name of 300 characters", dict(import_path=long_name), IMPORT_LINE, ["zzzz"]),
    ("missing import searched in a symlink-loop --import-path",
     dict(import_path='"absent.csl"', extra=["--import-path", "dir_loop"]), IMPORT_LINE,
     ["absent.csl"]),
]
for what, kw, line, words in broken:
    rc, report, out = compile_with(**kw)
    file = "pe_import.csl" if "import_path" in kw else "layout.csl"
    if rc != 1:
        check(False, f"{what}: cslc rc={rc}\n{report[-600:]}")
        continue
    check(re.search(rf"(^|/){re.escape(file)}:{line}:\d+: error: ", report, re.M) is not None,
          f"{what}: no error at {file}:{line}\n{report[-600:]}")
    for w in words:
        check(w in report, f"{what}: {w!r} not in\n{report[-600:]}")
    check(not os.path.exists(out), f"{what}: an output directory was written")
    print(f"{what}: refused")
# A project directory whose name is not UTF-8 (Latin-1 "café"), compiled through its path:
# must compile and run, or be refused; never exit 0 with a program that cannot be loaded.
latin1 = os.path.join(os.fsencode(root), b"caf\xe9")
os.makedirs(latin1)
for s in ("layout.csl", "pe_program.csl"):
    shutil.copy(os.path.join(here, s), os.fsdecode(latin1))
out = os.path.join(root, "latin1-out")
r = subprocess.run(CSLC + [os.path.join(latin1, b"layout.csl"), "-o", out], capture_output=True,
                   timeout=60)
if r.returncode == 0:
    ok, log = run_variant(out)
    check(ok, f"a Latin-1 project directory: cslc exit 0 but the run fails\n{log[-600:]}")
else:
    check(r.returncode == 1 and b"caf" in r.stdout + r.stderr,
          f"a Latin-1 project directory: rc={r.returncode}\n{(r.stdout + r.stderr)[-400:]}")
print("a Latin-1 project directory: checked")
rc, report, out = compile_with(layout="layout_loop.csl")
check(rc == 1 and "layout_loop.csl" in report, f"the layout is a symlink loop: rc={rc}\n{report}")

shutil.rmtree(root)
if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")
