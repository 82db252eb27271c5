"""sim.log past the appliance's window of simprint lines, through a small window: CMake runs
this file with TESSERA_SIMPRINT_WINDOW_BYTES=65536, so its private appliance keeps only the
newest 64 KiB of a session's simprint output (docs/appliance.md). A program prints ~2 MB.

- The runtime's stream (runtime/_simlog.py) follows the session: sim.log gets every line,
  in order, and the appliance holds no more than the window.
- A stream that falls behind (here: one that does not follow, fetching only when asked)
  finds lines gone; sim.log says at that place how many, which ones and between which
  cycles, and goes on with the lines that were kept."""
import contextlib
import functools
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from unittest import mock

import numpy as np

from tessera import appliance_pb2 as pb

from cerebras.sdk.runtime import _simlog, sdkruntimepybind
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime

CSLC = os.path.join(os.environ["TESSERA_BIN"], "cslc")
WINDOW = int(os.environ["TESSERA_SIMPRINT_WINDOW_BYTES"])

LAYOUT = ('const memcpy = @import_module("<memcpy/get_params>", .{ .width = 1, .height = 1 });\n'
          'layout {\n  @set_rectangle(1, 1);\n'
          '  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0) });\n'
          '  @export_name("chatter", fn(u32, u32) void);\n}\n')
PE = ('param memcpy_params;\n'
      'const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);\n'
      'const prt = @import_module("<simprint>");\n'
      'fn chatter(from: u32, n: u32) void {\n  var i: u32 = from;\n'
      '  while (i < from + n) : (i += 1) { prt.fmt("line {d} ' + "y" * 50 + '", .{ i }); }\n'
      '  sys_mod.unblock_cmd_stream();\n}\n'
      'comptime { @export_symbol(chatter); }\n')
LINES = 30000  # ~2 MB of text: 30 windows


@contextlib.contextmanager
def _scratch_program():
    scratch = tempfile.mkdtemp(prefix="tessera-simlog-")
    old = os.getcwd()
    try:
        os.chdir(scratch)
        for name, text in (("layout.csl", LAYOUT), ("pe.csl", PE)):
            with open(name, "w", encoding="utf-8") as f:
                f.write(text)
        subprocess.run([CSLC, "layout.csl", "--fabric-dims=8,3", "--fabric-offsets=4,1", "-o",
                        "out", "--memcpy", "--channels=1"], check=True)
        yield scratch
    finally:
        os.chdir(old)
        shutil.rmtree(scratch, ignore_errors=True)


def _read_log():
    with open("sim.log", encoding="utf-8") as f:
        return f.read().splitlines()


def _index(line):
    """The i of a "@<cycle> line <i> yyy" line, or None."""
    m = re.match(r"^@\d+ line (\d+) y+$", line)
    return int(m.group(1)) if m else None


class SimLogWindowTest(unittest.TestCase):
    def test_window_is_small(self):
        self.assertEqual(WINDOW, 65536, "CMake sets TESSERA_SIMPRINT_WINDOW_BYTES=65536")

    def test_every_line_reaches_sim_log_and_the_window_stays_bounded(self):
        with _scratch_program():
            with SdkRuntime("out") as rt:
                rt.load()
                rt.run()
                rt.launch("chatter", np.uint32(0), np.uint32(LINES), nonblock=False)
                rt.stop()
                # What the appliance still holds: the newest lines, within the window.
                window = rt._conn.call(rt._conn.debug.Simprint, pb.SimprintRequest(
                    session_id=rt._session, first_line=0, max_lines=LINES))
            lines = _read_log()
            self.assertEqual(len(lines), LINES, [l for l in lines if "Tessera" in l][:1])
            self.assertEqual([_index(l) for l in lines], list(range(LINES)))
            self.assertEqual(window.window_bytes, WINDOW)
            self.assertEqual(window.total_lines, LINES)
            self.assertGreater(window.first_line, LINES * 9 // 10)
            self.assertEqual(window.first_line + len(window.lines), LINES)
            self.assertLessEqual(sum(len(l.encode()) + 4 for l in window.lines), WINDOW)
            self.assertGreater(sum(len(l.encode()) + 4 for l in window.lines), WINDOW * 7 // 8)

    def test_a_stream_that_falls_behind_says_what_it_lost(self):
        # A stream that does not follow: the appliance does not wait for it, so it fetches
        # only what is left when asked (here after 100 lines, then at stop()).
        lagging = functools.partial(_simlog.SimLogStream, follow=False)
        with _scratch_program(), mock.patch.object(sdkruntimepybind, "SimLogStream", lagging):
            with SdkRuntime("out") as rt:
                rt.load()
                rt.run()
                rt.launch("chatter", np.uint32(0), np.uint32(100), nonblock=False)
                rt._simlog.pull()
                rt.launch("chatter", np.uint32(100), np.uint32(LINES - 100), nonblock=False)
                rt.stop()
            lines = _read_log()
        self.assertEqual([_index(l) for l in lines[:100]], list(range(100)))
        note = re.match(
            r"^@(\d+) \(Tessera: ([\d,]+) simprint lines are missing here, the run's lines "
            r"101 to ([\d,]+) \(counting from 1\), printed between cycles (\d+) and (\d+): the "
            r"appliance keeps only the newest 65,536 bytes of a session's simprint output "
            r"\(\$TESSERA_SIMPRINT_WINDOW_BYTES\) and released them before sim.log fetched "
            r"them\)$", lines[100])
        self.assertTrue(note, lines[100])
        lost = int(note.group(2).replace(",", ""))
        self.assertEqual(int(note.group(3).replace(",", "")), 100 + lost)
        # The cycles: of the last line written before the gap and of the first after it.
        self.assertEqual(lines[99].split(" ", 1)[0], "@" + note.group(4))
        self.assertEqual(lines[101].split(" ", 1)[0], "@" + note.group(5))
        self.assertEqual(note.group(1), note.group(5))
        # Then every line the window kept, to the last.
        kept = [_index(l) for l in lines[101:]]
        self.assertEqual(kept, list(range(100 + lost, LINES)))
        self.assertGreater(lost, LINES * 9 // 10)


if __name__ == "__main__":
    unittest.main()
