#!/usr/bin/env cs_python
"""dbg-core-damage: debug_util on core dumps that are not what it expects. After both
programs run, the good core reads right; then copies of it are damaged (wrong magic, an
unknown version, an empty file, cut inside the PE table, cut inside the last PE's pages, a
record naming a code class that does not exist) and the other program's core is paired
with this program's directory. Each must raise a Python exception whose message names
the core file (and the PE whose bytes are missing), while queries that do not touch the
missing bytes still answer (docs/coredump.md, "Reading lazily")."""
import argparse
import os
import shutil
import struct

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--other", help="the same program compiled as a 5x1 row")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

OX, OY = 4, 1
V = 0x5EED


def run(name):
    runner = SdkRuntime(name, cmaddr=args.cmaddr)
    runner.load()
    runner.run()
    runner.launch("mark", np.uint32(V), nonblock=False)
    runner.stop()


def words(x, y):
    pid = x * 16 + y
    return np.array([V, pid, V ^ pid, 0xFFFFFFFF - pid], np.uint32)


run(args.name)
run(args.other)
good = os.path.join(args.name, "corefile.cs1")
other_core = os.path.join(args.other, "corefile.cs1")
with open(good, "rb") as f:
    data = f.read()

dbg = debug_util(args.name, core=good)
for y in range(2):
    for x in range(2):
        np.testing.assert_array_equal(dbg.get_symbol(OX + x, OY + y, "words", np.uint32),
                                      words(x, y))
        assert dbg.get_symbol(OX + x, OY + y, "far", np.uint32)[4999] == V + x * 16 + y
        assert dbg.read_trace(OX + x, OY + y, "log") == [V + x * 16 + y, x + 10 * y]


problems = []


def fails(what, call, *names):
    """call() must raise a ValueError/OSError/KeyError whose message names every name;
    what went wrong is collected, so one run reports every case."""
    try:
        result = call()
    except (ValueError, OSError, KeyError) as err:
        msg = str(err)
        missing = [n for n in names if n not in msg]
        if missing:
            problems.append(f"{what}: {type(err).__name__} {msg!r} does not name {missing}")
        else:
            print(f"{what}: {type(err).__name__}: {msg}")
        return
    except Exception as err:  # pylint: disable=broad-except
        problems.append(f"{what}: {type(err).__name__}: {err}")
        return
    problems.append(f"{what}: returned {result!r} instead of raising")


def damaged(path, content):
    with open(path, "wb") as f:
        f.write(content)
    return path


fails("wrong magic", lambda: debug_util(args.name, core=damaged("magic.core", b"XXXX" + data[4:])),
      "magic.core")
v3 = bytearray(data)
struct.pack_into("<I", v3, 8, 3)
fails("version 3", lambda: debug_util(args.name, core=damaged("v3.core", bytes(v3))),
      "v3.core", "3", "2")
fails("empty file", lambda: debug_util(args.name, core=damaged("empty.core", b"")), "empty.core")
fails("cut in the header", lambda: debug_util(args.name, core=damaged("head.core", data[:40])),
      "head.core")
fails("cut in the PE table", lambda: debug_util(args.name, core=damaged("table.core", data[:500])),
      "table.core")

# Cut inside the pages of the PE whose pages come last in the file.
table, = struct.unpack_from("<Q", data, 56)
recs = {}
for y in range(2):
    for x in range(2):
        at = table + (y * 2 + x) * 224
        mask, offset = struct.unpack_from("<IQ", data, at + 44)
        recs[(x, y)] = (mask, offset)
last = max(recs, key=lambda k: recs[k][1])
mask, offset = recs[last]
assert bin(mask).count("1") == 2, f"PE {last} stores pages {mask:b}"
cut = debug_util(args.name, core=damaged("pages.core", data[:offset + 4096]))
lx, ly = last
for (x, y) in recs:
    if (x, y) != last:  # PEs whose pages are all there still read
        np.testing.assert_array_equal(cut.get_symbol(OX + x, OY + y, "words", np.uint32),
                                      words(x, y))
np.testing.assert_array_equal(cut.get_symbol(OX + lx, OY + ly, "words", np.uint32),
                              words(lx, ly))  # its first page is still there
fails("symbol on the missing page", lambda: cut.get_symbol(OX + lx, OY + ly, "far", np.uint32),
      "pages.core", f"{OX + lx},{OY + ly}", "far")
fails("rectangle over the missing page",
      lambda: cut.get_symbol_rect(((OX, OY), (2, 2)), "far", np.uint32),
      "pages.core", f"{OX + lx},{OY + ly}", "far")

bad_class = bytearray(data)
struct.pack_into("<I", bad_class, table + 224 + 8, 999)  # PE (1,0)
fails("code class 999", lambda: debug_util(args.name, core=damaged("class.core", bytes(bad_class)))
      .get_symbol(OX + 1, OY, "words", np.uint32), "class.core", f"{OX + 1},{OY}", "999")

# The 5x1 program's core with the 2x2 program's directory: a different rectangle.
fails("core of another program", lambda: debug_util(args.name, core=other_core)
      .get_symbol(OX + 4, OY, "words", np.uint32), other_core)
fails("a directory as core", lambda: debug_util(args.name, core=args.other), args.other)
for p in problems:
    print("FAILED:", p)
assert not problems, f"{len(problems)} debug_util error(s) unclear"
print("SUCCESS!")
