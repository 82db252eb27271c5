"""debug_util and the runtime's core dump on inputs that are not what they expect: damaged
cores (empty, cut inside a PE's pages, an unknown code class), the core of another program,
a failing dump_core, the previous run's core at a new session, SdkLayout coordinates, and
read_symbol's argument errors. Every error names the file, the PE and the symbol it is
about (docs/coredump.md, "Reading lazily"). Run with cs_python; $TESSERA_BIN holds cslc
(ctest py_debug_util)."""
import contextlib
import io
import os
import re
import shutil
import struct
import subprocess
import tempfile
import unittest

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import (
    ApplianceError, SdkLayout, SdkRuntime, SdkTarget, SimfabConfig, get_platform)

BIN = os.environ.get("TESSERA_BIN", "")
CSLC = os.path.join(BIN, "cslc") if BIN else shutil.which("cslc")
OX, OY = 4, 1
PE_BYTES = 224
HEADER = struct.Struct("<8sIIIIIIIIQIIQQ")

LAYOUT = """
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 2, .height = 2 });
layout {
  @set_rectangle(2, 2);
  for (@range(u16, 2)) |y| {
    for (@range(u16, 2)) |x| {
      @set_tile_code(x, y, "pe.csl", .{ .memcpy_params = memcpy.get_params(x), .px = x, .py = y });
    }
  }
  @export_name("mark", fn(u32) void);
}
"""
# `head` lies on SRAM page 0 and `tail` ends 20 KB in, so each PE stores pages 0 and 4.
PE = """
param memcpy_params;
param px: u16;
param py: u16;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const log = @import_module("<debug>", .{ .key = "log", .buffer_size = 8 });
var head = @zeros([4]u32);
var tail = @zeros([5000]u32);
var flags = @zeros([5]bool);
fn mark(v: u32) void {
  head[0] = v + @as(u32, px) * 16 + @as(u32, py);
  tail[4999] = v;
  flags[1] = true;
  log.trace_u32(v);
  sys_mod.unblock_cmd_stream();
}
comptime { @export_symbol(mark); }
"""


class _Program(unittest.TestCase):
    """The 2x2 program above compiled once at fabric offset (4,1) and run once; its core
    is `self.core`, its bytes `self.data`."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="tessera-debugutil-")
        cls._old = os.getcwd()
        os.chdir(cls.dir)
        for name, text in (("layout.csl", LAYOUT), ("pe.csl", PE)):
            with open(name, "w", encoding="utf-8") as f:
                f.write(text)
        subprocess.run([CSLC, "layout.csl", "--fabric-dims=9,4", "--fabric-offsets=4,1",
                        "-o", "out", "--memcpy", "--channels=1"], check=True)
        cls.out = os.path.join(cls.dir, "out")
        with SdkRuntime(cls.out) as rt:
            rt.load()
            rt.run()
            rt.launch("mark", np.uint32(7000), nonblock=False)
            rt.stop()
        cls.core = os.path.join(cls.out, "corefile.cs1")
        with open(cls.core, "rb") as f:
            cls.data = f.read()

    @classmethod
    def tearDownClass(cls):
        os.chdir(cls._old)
        shutil.rmtree(cls.dir, ignore_errors=True)

    def damaged(self, name, content):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(content)
        return path

    def record_at(self, x, y):
        """File offset of the PE record of rectangle PE (x, y)."""
        table = HEADER.unpack_from(self.data, 0)[12]
        return table + (y * 2 + x) * PE_BYTES

    def file_offset(self, x, y, address):
        """Where SRAM byte `address` of rectangle PE (x, y) is in the core (its page stored)."""
        mask, base = struct.unpack_from("<IQ", self.data, self.record_at(x, y) + 44)
        page = address // 4096
        self.assertTrue(mask >> page & 1)
        return base + 4096 * bin(mask & ((1 << page) - 1)).count("1") + address % 4096


class DamagedCoreTest(_Program):
    def test_the_good_core_reads(self):
        dbg = debug_util(self.out)
        self.assertEqual(dbg.get_symbol(OX + 1, OY + 1, "head", np.uint32)[0], 7000 + 17)
        self.assertEqual(dbg.get_symbol(OX, OY + 1, "tail", np.uint32)[4999], 7000)

    def test_empty_core_names_the_file(self):
        # mmap's "cannot mmap an empty file" named no file.
        empty = self.damaged("empty.core", b"")
        with self.assertRaisesRegex(ValueError, re.escape(empty) + ": empty file, not a "
                                    "Tessera core dump"):
            debug_util(self.out, core=empty)

    def test_a_core_cut_in_its_header_says_so(self):
        cut = self.damaged("head.core", self.data[:40])
        with self.assertRaisesRegex(ValueError, re.escape(cut) + ": truncated core dump: 40 "
                                    "bytes, its header alone has 72"):
            debug_util(self.out, core=cut)

    def test_a_missing_program_names_the_directory(self):
        with self.assertRaisesRegex(FileNotFoundError, re.escape(
                os.path.join(self.dir, "bin", "out_program.pb")) + ": missing; "):
            debug_util(self.dir, core=self.core)

    def test_damaged_trace_names_the_file_and_the_pe(self):
        dbg = debug_util(self.out)
        self.assertEqual(dbg.read_trace(OX + 1, OY, "log"), [7000])
        buffer = next(s for s in dbg._program.classes[0].symbols  # pylint: disable=protected-access
                      if s.name == "$$csl_debug.log.buffer")
        bad = bytearray(self.data)
        struct.pack_into("<H", bad, self.file_offset(1, 0, buffer.address), 0x6867)
        path = self.damaged("trace.core", bytes(bad))
        with self.assertRaisesRegex(ValueError, re.escape(path) + r": PE \(5,1\), trace 'log': "
                                    "unknown entry tag 0x6867 at word 0"):
            debug_util(self.out, core=path).read_trace(OX + 1, OY, "log")

    def test_a_dtype_that_does_not_divide_names_the_pe(self):
        with self.assertRaisesRegex(ValueError, re.escape(
                "get_symbol: PE (4,1), symbol 'flags' has 5 bytes, not a whole number of "
                "uint16 elements (2 bytes each)")):
            debug_util(self.out).get_symbol(OX, OY, "flags", np.uint16)

    def test_a_directory_as_core_names_it(self):
        with self.assertRaisesRegex(IsADirectoryError, re.escape(self.out) + ": a directory"):
            debug_util(self.out, core=self.out)

    def test_missing_page_names_the_file_the_pe_and_the_symbol(self):
        # Cut the file inside the pages of the PE whose pages come last.
        offsets = {}
        for y in range(2):
            for x in range(2):
                offsets[(x, y)] = struct.unpack_from("<Q", self.data, self.record_at(x, y) + 48)[0]
        lx, ly = max(offsets, key=offsets.get)
        cut = self.damaged("pages.core", self.data[:offsets[(lx, ly)] + 4096])
        dbg = debug_util(self.out, core=cut)
        # Its first page and every other PE still read.
        self.assertEqual(dbg.get_symbol(OX + lx, OY + ly, "head", np.uint32)[0],
                         7000 + lx * 16 + ly)
        pe = re.escape(f"PE ({OX + lx},{OY + ly}), symbol 'tail'")
        with self.assertRaisesRegex(ValueError, re.escape(cut) + ": truncated core dump: " + pe):
            dbg.get_symbol(OX + lx, OY + ly, "tail", np.uint32)
        with self.assertRaisesRegex(ValueError, re.escape(cut) + ": truncated core dump: " + pe):
            dbg.get_symbol_rect(((OX, OY), (2, 2)), "tail", np.uint32)

    def test_a_wild_page_offset_names_the_pe(self):
        bad = bytearray(self.data)
        struct.pack_into("<Q", bad, self.record_at(0, 1) + 48, 0xFFFFFFFFFFFFF000)
        path = self.damaged("offset.core", bytes(bad))
        dbg = debug_util(self.out, core=path)
        pe = re.escape("PE (4,2), symbol 'head'")
        with self.assertRaisesRegex(ValueError, re.escape(path) + ": truncated core dump: " + pe):
            dbg.get_symbol(OX, OY + 1, "head", np.uint32)
        with self.assertRaisesRegex(ValueError, re.escape(path) + ": truncated core dump: " + pe):
            dbg.get_symbol_rect(((OX, OY), (2, 2)), "head", np.uint32)

    def test_unknown_code_class_names_the_pe_and_the_class(self):
        bad = bytearray(self.data)
        struct.pack_into("<I", bad, self.record_at(1, 0) + 8, 999)
        path = self.damaged("class.core", bytes(bad))
        with self.assertRaisesRegex(ValueError, re.escape(path) + r": PE \(5,1\) has code "
                                    r"class 999; the program .* has \d+ classes"):
            debug_util(self.out, core=path)

    def test_core_of_another_program_says_what_differs(self):
        other = bytearray(self.data)
        # The same PE count as a 4x1 row at (3,2) on a 12x3 fabric.
        struct.pack_into("<IIIIII", other, 16, 12, 3, 3, 2, 4, 1)
        path = self.damaged("other.core", bytes(other))
        with self.assertRaises(ValueError) as caught:
            debug_util(self.out, core=path)
        msg = str(caught.exception)
        self.assertIn(path, msg)
        self.assertIn("was written by another program", msg)
        self.assertIn("a 4x1 rectangle at (3,2) on a 12x3 fabric", msg)
        self.assertIn("a 2x2 rectangle at (4,1) on a 9x4 fabric", msg)
        wse3 = bytearray(self.data)
        struct.pack_into("<I", wse3, 12, 1)
        with self.assertRaisesRegex(ValueError, "written for WSE-3.*is compiled for WSE-2"):
            debug_util(self.out, core=self.damaged("wse3.core", bytes(wse3)))

    def test_header_whose_pe_count_disagrees_with_its_rectangle(self):
        bad = bytearray(self.data)
        struct.pack_into("<I", bad, 48, 5)  # peCount
        path = self.damaged("count.core", bytes(bad))
        with self.assertRaisesRegex(ValueError, re.escape(path) + ": damaged core dump: its "
                                    "header counts 5 PEs for a 2x2 rectangle"):
            debug_util(self.out, core=path)


class DumpCoreTest(_Program):
    def test_a_failed_dump_leaves_no_file(self):
        # The file was opened before the appliance answered: an empty x.core stayed behind.
        target = os.path.join(self.dir, "early.core")
        with SdkRuntime(self.out) as rt:
            with self.assertRaisesRegex(ApplianceError, "call load"):
                rt.dump_core(target)
        self.assertFalse(os.path.exists(target))
        self.assertFalse(os.path.exists(target + ".partial"))

    def test_a_dump_replaces_the_file_whole(self):
        target = os.path.join(self.dir, "whole.core")
        with open(target, "wb") as f:
            f.write(b"old")
        with SdkRuntime(self.out) as rt:
            rt.load()
            rt.run()
            rt.dump_core(target)
        self.assertEqual(debug_util(self.out, core=target).get_symbol(OX, OY, "head",
                                                                      np.uint32)[0], 0)
        self.assertFalse(os.path.exists(target + ".partial"))


class StaleCoreTest(_Program):
    def test_a_new_session_removes_the_previous_runs_core(self):
        self.assertTrue(os.path.exists(self.core))
        try:
            with SdkRuntime(self.out) as rt:
                rt.load()
                self.assertFalse(os.path.exists(self.core))
                with self.assertRaisesRegex(FileNotFoundError, re.escape(self.core) +
                                            ": no core dump yet"):
                    debug_util(self.out)
                rt.run()
                rt.launch("mark", np.uint32(9), nonblock=False)
                rt.stop()
            self.assertEqual(debug_util(self.out).get_symbol(OX, OY, "tail", np.uint32)[4999], 9)
        finally:  # the other tests read this run's core
            with open(self.core, "wb") as f:
                f.write(self.data)


    def test_a_core_that_cannot_be_removed_does_not_stop_the_load(self):
        saved = os.path.join(self.dir, "saved.cs1")
        os.replace(self.core, saved)
        os.makedirs(os.path.join(self.core, "x"))  # os.remove cannot remove it
        try:
            err = io.StringIO()
            with SdkRuntime(self.out) as rt, contextlib.redirect_stderr(err):
                rt.load()
                rt.run()
                rt.stop()
            self.assertIn(f"warning: load(): the previous run's {self.core} stays", err.getvalue())
            self.assertFalse(os.path.exists(self.core + ".partial"))
        finally:
            shutil.rmtree(self.core)
            os.replace(saved, self.core)


class ReadSymbolTest(_Program):
    def setUp(self):
        self.rt = SdkRuntime(self.out)
        self.rt.load()
        self.rt.run()
        self.rt.launch("mark", np.uint32(1), nonblock=False)

    def tearDown(self):
        self.rt.close()

    def test_a_dtype_that_does_not_divide_the_symbol(self):
        self.assertEqual(self.rt.read_symbol(0, 0, "flags", np.bool_).tolist(),
                         [False, True, False, False, False])
        with self.assertRaisesRegex(ValueError, re.escape(
                "read_symbol(0, 0, 'flags'): the symbol has 5 bytes, not a whole number of "
                "uint16 elements (2 bytes each)")):
            self.rt.read_symbol(0, 0, "flags", np.uint16)

    def test_fabric_coordinates_get_a_hint(self):
        with self.assertRaisesRegex(ValueError, re.escape(
                "read_symbol(4, 1, 'head'): PE (4,1) lies outside the 2x2 program rectangle; "
                "read_symbol takes rectangle coordinates from (0,0) (fabric (4,1) is "
                "rectangle (0,0))")):
            self.rt.read_symbol(4, 1, "head", np.uint32)
        self.assertEqual(self.rt.read_symbol(1, 1, "head", np.uint32)[0], 1 + 17)


class ArgumentTypeTest(_Program):
    """Arguments of the wrong type (build/h-randdebug/NOTES.md 1): each is refused with a
    TypeError naming the call, the argument and the value given; Python, numpy and protobuf
    said "unsupported operand type(s) for -: 'str' and 'int'", "too many values to unpack",
    read dtype=None as float64, or raised SystemError for dtype 'U1'."""

    def setUp(self):
        # A copy of the run's core: read_symbol's test loads a session, which removes it.
        self.dbg = debug_util(self.out, core=self.damaged("arguments.cs1", self.data))

    def refused(self, call, *words):
        with self.assertRaises(TypeError) as caught:
            call()
        for word in words:
            self.assertIn(word, str(caught.exception))

    def test_coordinates_must_be_integers(self):
        self.refused(lambda: self.dbg.get_symbol("4", 1, "head", np.uint32),
                     "get_symbol: col must be an integer, got str '4'")
        self.refused(lambda: self.dbg.get_symbol(4.0, 1, "head", np.uint32),
                     "get_symbol: col must be an integer, got float 4.0")
        self.refused(lambda: self.dbg.get_symbol(4, None, "head", np.uint32),
                     "get_symbol: row must be an integer, got NoneType None")
        self.refused(lambda: self.dbg.get_symbol(True, 1, "head", np.uint32),
                     "get_symbol: col must be an integer, got bool True")
        self.refused(lambda: self.dbg.read_trace("4", 1, "log"),
                     "read_trace: col must be an integer, got str '4'")
        self.refused(lambda: self.dbg.read_trace(4, 1.5, "log"),
                     "read_trace: row must be an integer, got float 1.5")
        # numpy integers are integers
        self.assertEqual(self.dbg.get_symbol(np.int64(4), np.uint8(1), "head", np.uint32)[0],
                         7000)
        self.assertEqual(self.dbg.read_trace(np.int16(4), np.uint64(1), "log"), [7000])

    def test_names_must_be_strings(self):
        self.refused(lambda: self.dbg.get_symbol(4, 1, 42, np.uint32),
                     "get_symbol(4, 1): symbol must be a str", "got int 42")
        self.refused(lambda: self.dbg.get_symbol(4, 1, b"head", np.uint32),
                     "get_symbol(4, 1): symbol must be a str", "got bytes b'head'")
        self.refused(lambda: self.dbg.get_symbol_rect(((4, 1), (1, 1)), None, np.uint32),
                     "get_symbol_rect(((4, 1), (1, 1))): symbol must be a str",
                     "NoneType None")
        self.refused(lambda: self.dbg.read_trace(4, 1, 7), "read_trace(4, 1): key must be a str",
                     "got int 7")

    def test_dtypes_must_hold_bytes(self):
        self.refused(lambda: self.dbg.get_symbol(4, 1, "head", None),
                     "get_symbol(4, 1, 'head'): dtype must be a numpy dtype", "got None")
        self.refused(lambda: self.dbg.get_symbol(4, 1, "head", "notatype"),
                     "get_symbol(4, 1, 'head'): dtype 'notatype' is not a numpy dtype")
        for dtype in (object, "U1", "M8", "m8"):
            self.refused(lambda dtype=dtype: self.dbg.get_symbol(4, 1, "head", dtype),
                         "get_symbol(4, 1, 'head'): dtype", "cannot hold a symbol's bytes")
        self.refused(lambda: self.dbg.get_symbol_rect(((4, 1), (2, 2)), "head", "U1"),
                     "get_symbol_rect(((4, 1), (2, 2)), 'head'): dtype 'U1'")
        # raw bytes, bool, big-endian and complex views stay allowed
        self.assertEqual(self.dbg.get_symbol(4, 1, "head", "V4")[0].tobytes(),
                         np.uint32(7000).tobytes())
        self.assertEqual(self.dbg.get_symbol(4, 1, "head", ">u4")[0], 7000)
        self.assertEqual(self.dbg.get_symbol(4, 1, "flags", np.bool_).tolist(),
                         [False, True, False, False, False])
        self.assertEqual(self.dbg.get_symbol(4, 1, "head", np.complex64).size, 2)

    def test_rectangles_must_be_two_pairs_of_integers(self):
        self.refused(lambda: self.dbg.get_symbol_rect((4, 1, 1, 1), "head", np.uint32),
                     "get_symbol_rect: rect must be ((col, row), (width, height)), got "
                     "(4, 1, 1, 1)")
        self.refused(lambda: self.dbg.get_symbol_rect((4, 1), "head", np.uint32),
                     "get_symbol_rect: rect must be ((col, row), (width, height)), got (4, 1)")
        self.refused(lambda: self.dbg.get_symbol_rect(((4, 1), (1.0, 1)), "head", np.uint32),
                     "get_symbol_rect: width must be an integer, got float 1.0")
        self.refused(lambda: self.dbg.get_symbol_rect((("4", 1), (1, 1)), "head", np.uint32),
                     "get_symbol_rect: col must be an integer, got str '4'")
        # lists and numpy integers are fine
        rect = self.dbg.get_symbol_rect([[4, np.uint16(1)], np.array([2, 2])], "head", np.uint32)
        self.assertEqual(rect[1][1][0], 7000 + 17)

    def test_read_symbol_checks_its_name_and_dtype(self):
        with SdkRuntime(self.out) as rt:
            rt.load()
            rt.run()
            for name in (42, None, b"head"):
                self.refused(lambda name=name: rt.read_symbol(0, 0, name, np.uint32),
                             "read_symbol(0, 0): symbol_name must be a str", repr(name))
            self.refused(lambda: rt.read_symbol(0, 0, "head", None),
                         "read_symbol(0, 0, 'head'): dtype must be a numpy dtype", "None")
            for dtype in ("U1", "M8", object):
                self.refused(lambda dtype=dtype: rt.read_symbol(0, 0, "head", dtype),
                             "read_symbol(0, 0, 'head'): dtype", "cannot hold a symbol's bytes")
            self.assertEqual(rt.read_symbol(0, 0, "head", "S4")[0], b"")


class DumpCorePathTest(_Program):
    """dump_core with a path it cannot write (build/h-randdebug/NOTES.md 2) names dump_core
    and the path the script gave; it named the temporary '<path>.partial' ("'..partial' ->
    '.'") and never the call."""

    def setUp(self):
        self.listing = os.listdir(self.dir)

    def test_unusable_paths_are_named(self):
        missing = os.path.join(self.dir, "no-such-dir", "x.cs1")
        with SdkRuntime(self.out) as rt:
            rt.load()
            rt.run()
            for path, error, text in (
                    (".", IsADirectoryError, "dump_core('.'): a directory; give a file path"),
                    (self.dir, IsADirectoryError, f"dump_core({self.dir!r}): a directory"),
                    ("", ValueError, "dump_core(''): the path is empty"),
                    (missing, FileNotFoundError,
                     f"dump_core({missing!r}): the directory "
                     f"{os.path.dirname(missing)!r} does not exist"),
                    (7, TypeError, "dump_core: corefile must be a file path, got int 7")):
                with self.assertRaises(error) as caught:
                    rt.dump_core(path)
                self.assertIn(text, str(caught.exception))
                self.assertNotIn(".partial", str(caught.exception))
            self.assertEqual(sorted(os.listdir(self.dir)), sorted(self.listing))
            # A path that can be written still can, given as bytes or a path object.
            target = os.path.join(self.dir, "ok.cs1")
            rt.dump_core(os.fsencode(target))
            self.assertTrue(os.path.getsize(target) > 0)
            os.remove(target)

    def test_a_failing_write_names_the_path_not_the_temporary_file(self):
        # A name the file system refuses (longer than NAME_MAX) fails at open().
        path = os.path.join(self.dir, "c" * 300)
        with SdkRuntime(self.out) as rt:
            rt.load()
            with self.assertRaises(OSError) as caught:
                rt.dump_core(path)
        self.assertIn(f"dump_core({path!r}): cannot write the core file", str(caught.exception))
        self.assertNotIn(".partial", str(caught.exception))


TABLE = """
param bias: u32;
export var table = @zeros([2]u32);
export var sum: u32 = 0;
const start_id = @get_local_task_id(10);
task start() void {
  sum = table[0] + table[1] + bias;
}
comptime {
  @bind_local_task(start, start_id);
  @activate(start_id);
}
"""


class SdkLayoutCoordinatesTest(unittest.TestCase):
    def setUp(self):
        self._old = os.getcwd()
        self.dir = tempfile.mkdtemp(prefix="tessera-debugutil-layout-")
        os.chdir(self.dir)
        with open("table.csl", "w", encoding="utf-8") as f:
            f.write(TABLE)

    def tearDown(self):
        os.chdir(self._old)
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_debug_util_takes_layout_coordinates(self):
        platform = get_platform(None, SimfabConfig(), SdkTarget.WSE2)
        layout = SdkLayout(platform)
        table = layout.create_code_region("table.csl", "table", 2, 1)
        table.place(3, 2)
        table.set_param_all("bias", 100)
        values = np.array([[1, 2, 3, 4]], np.uint32)
        table.set_symbol_all("table", values, 4, 1)
        # Something else in the layout: the region is not the rectangle's only code.
        other = layout.create_code_region("table.csl", "other", 1, 1)
        other.place(0, 0)
        other.set_param_all("bias", 0)
        runtime = SdkRuntime(layout.compile(out_prefix="out"), platform)
        runtime.load()
        runtime.run()
        runtime.stop()
        by_runtime = runtime.read_symbol(4, 2, "sum", dtype=np.uint32)
        self.assertEqual(by_runtime.tolist(), [107])
        dbg = debug_util("out")
        self.assertEqual(dbg.get_symbol(4, 2, "sum", np.uint32).tolist(), [107])
        self.assertEqual(dbg.get_symbol(3, 2, "table", np.uint32).tolist(), [1, 2])
        rect = dbg.get_symbol_rect(((3, 2), (2, 1)), "table", np.uint32)
        self.assertEqual(rect[1][0].tolist(), [3, 4])
        with self.assertRaisesRegex(ValueError, r"layout coordinates"):
            dbg.get_symbol(400, 2, "sum", np.uint32)


if __name__ == "__main__":
    unittest.main()
